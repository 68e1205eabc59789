#include "models/io/nfg.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/number_text.hpp"
#include "tests/support/thrown.hpp"

namespace fs = std::filesystem;
using negsim::ExactMode;
using negsim::InputError;
using negsim::NfgBodyStyle;
using negsim::NfgReadOptions;
using negsim::NormalFormGame;

namespace {

const fs::path kGambitDir = fs::path(NEGSIM_SHARED_DIR) / "games" / "gambit";

std::vector<fs::path> shared_nfg_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kGambitDir))
    if (entry.path().extension() == ".nfg") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

NormalFormGame load(const std::string& name, ExactMode exact = ExactMode::Auto) {
  NfgReadOptions options;
  options.exact = exact;
  return negsim::read_nfg_file((kGambitDir / name).string(), options);
}

std::size_t index_of(const NormalFormGame& game, std::vector<std::size_t> actions) {
  return game.profile_index(actions);
}

// Same players, labels, texts and payoffs (exact when both have them, else bitwise doubles).
void check_same_game(const NormalFormGame& a, const NormalFormGame& b) {
  REQUIRE(a.action_counts() == b.action_counts());
  CHECK(a.title == b.title);
  CHECK(a.comment == b.comment);
  CHECK(a.player_names == b.player_names);
  CHECK(a.action_labels == b.action_labels);
  REQUIRE(a.has_exact() == b.has_exact());
  for (std::size_t p = 0; p < a.num_players(); ++p)
    for (std::size_t i = 0; i < a.num_profiles(); ++i) {
      CHECK(a.payoff(p, i) == b.payoff(p, i));
      if (a.has_exact()) CHECK(a.exact_payoff(p, i) == b.exact_payoff(p, i));
    }
}

// The InputError raised by reading `text`, or a failed check if none is.
InputError read_error(const std::string& text) {
  NfgReadOptions options;
  options.file_name = "bad.nfg";
  return negsim::testing::thrown_by<InputError>([&] { negsim::read_nfg(text, options); }, text);
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "negsim_nfg_test_XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* const kHeader2x2 = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n\n";

}  // namespace

TEST_CASE("every Gambit example game in shared/ loads") {
  const auto files = shared_nfg_files();
  REQUIRE(files.size() >= 40);
  for (const auto& file : files) {
    CAPTURE(file.filename().string());
    const NormalFormGame game = negsim::read_nfg_file(file.string());
    CHECK(game.num_players() >= 2);
    CHECK(game.player_names.size() == game.num_players());
    REQUIRE(game.action_labels.size() == game.num_players());
    for (std::size_t p = 0; p < game.num_players(); ++p) CHECK(game.action_labels[p].size() == game.num_actions(p));
    CHECK(game.has_exact());  // all are small: Auto keeps exact payoffs
    CHECK_FALSE(game.title.empty());
  }
}

TEST_CASE("read-write-read gives the same game in both body styles") {
  for (const auto& file : shared_nfg_files()) {
    CAPTURE(file.filename().string());
    for (ExactMode mode : {ExactMode::Auto, ExactMode::Never}) {
      NfgReadOptions options;
      options.exact = mode;
      const NormalFormGame original = negsim::read_nfg_file(file.string(), options);
      for (NfgBodyStyle style : {NfgBodyStyle::PayoffList, NfgBodyStyle::OutcomeList}) {
        const std::string text = negsim::write_nfg(original, style);
        check_same_game(original, negsim::read_nfg(text, options));
        // Written by us, read again and written again: a fixed point.
        CHECK(negsim::write_nfg(negsim::read_nfg(text, options), style) == text);
      }
    }
  }
}

TEST_CASE("2x2.nfg: outcome list with commas, Gambit profile order") {
  const NormalFormGame game = load("2x2.nfg");
  CHECK(game.title == "Two person 2 x 2 game with unique mixed equilibrium");
  CHECK(game.player_names == std::vector<std::string>{"Player 1", "Player 2"});
  CHECK(game.comment.empty());
  // Outcomes 1..4 in profile order, player 1 fastest: (1,1) (2,1) (1,2) (2,2).
  CHECK(game.payoff(0, index_of(game, {0, 0})) == 2);
  CHECK(game.payoff(1, index_of(game, {0, 0})) == 0);
  CHECK(game.payoff(0, index_of(game, {1, 0})) == 0);
  CHECK(game.payoff(1, index_of(game, {1, 0})) == 1);
  CHECK(game.payoff(1, index_of(game, {0, 1})) == 1);
  CHECK(game.payoff(0, index_of(game, {1, 1})) == 1);
  CHECK(game.payoff(1, index_of(game, {1, 1})) == 0);
}

TEST_CASE("2x2a.nfg keeps its strategy labels") {
  const NormalFormGame game = load("2x2a.nfg");
  CHECK(game.action_labels[0] == std::vector<std::string>{"U", "D"});
  CHECK(game.action_labels[1] == std::vector<std::string>{"L", "R"});
  CHECK(game.payoff(0, 0) == 9);
}

TEST_CASE("cent2.nfg: outcomes without commas and a permuted outcome order") {
  const NormalFormGame game = load("cent2.nfg");
  CHECK(game.action_labels[0] == std::vector<std::string>{"1*11", "2111", "2211"});
  // Outcome numbers 1 4 7 2 5 8 3 6 9: profile (2,1) has outcome 4 = (0.564, 1.566).
  const std::size_t i = index_of(game, {1, 0});
  CHECK(game.exact_payoff(0, i) == mpq_class(141, 250));
  CHECK(game.exact_payoff(1, i) == mpq_class(783, 500));
  CHECK(game.payoff(0, i) == 0.564);
  // Profile (3,3) has outcome 9 = (12.8, 3.2).
  CHECK(game.payoff(0, index_of(game, {2, 2})) == 12.8);
}

TEST_CASE("e04.nfg: D header, strategy counts, payoff list") {
  const NormalFormGame game = load("e04.nfg");
  CHECK(game.action_counts() == std::vector<std::size_t>{3, 2});
  CHECK(game.action_labels[0] == std::vector<std::string>{"1", "2", "3"});
  // 0 0 -1 2 -2 -2 0 0 -1 0 3 -1, profile by profile.
  CHECK(game.payoff(0, index_of(game, {1, 0})) == -1);
  CHECK(game.payoff(1, index_of(game, {1, 0})) == 2);
  CHECK(game.payoff(0, index_of(game, {2, 0})) == -2);
  CHECK(game.payoff(0, index_of(game, {2, 1})) == 3);
  CHECK(game.payoff(1, index_of(game, {2, 1})) == -1);
}

TEST_CASE("perfect1.nfg and winkels.nfg: rationals are exact") {
  const NormalFormGame perfect = load("perfect1.nfg");
  // Profile (2,1) gets outcome 4, "21" 3/2, 1.
  CHECK(perfect.exact_payoff(0, index_of(perfect, {1, 0})) == mpq_class(3, 2));
  CHECK(perfect.payoff(0, index_of(perfect, {1, 0})) == 1.5);
  const NormalFormGame winkels = load("winkels.nfg");
  // 1 1 1 0 3 -2 3 4 5/2 -1 ...: profile 5 is (5,1) with (5/2, -1).
  CHECK(winkels.exact_payoff(0, index_of(winkels, {4, 0})) == mpq_class(5, 2));
  CHECK(winkels.exact_payoff(1, index_of(winkels, {4, 0})) == -1);
  const NormalFormGame todd3 = load("todd3.nfg");
  CHECK(todd3.exact_payoff(0, index_of(todd3, {5, 0})) == mpq_class(3, 19));
  CHECK(todd3.payoff(0, index_of(todd3, {5, 0})) == 3.0 / 19.0);
}

TEST_CASE("loopback.nfg: multi-line comment, named outcomes, decimals exact") {
  const NormalFormGame game = load("loopback.nfg");
  CHECK(game.comment.find("backwards bend") != std::string::npos);
  CHECK(std::count(game.comment.begin(), game.comment.end(), '\n') == 2);
  // Outcomes 1 3 2 4: profile (2,1) gets outcome 3, "21" 7.32, 6; profile (1,2) outcome 2.
  CHECK(game.exact_payoff(0, index_of(game, {1, 0})) == mpq_class(183, 25));
  CHECK(game.payoff(0, index_of(game, {1, 0})) == 7.32);
  CHECK(game.payoff(1, index_of(game, {1, 0})) == 6);
  CHECK(game.payoff(1, index_of(game, {0, 1})) == 7);
}

TEST_CASE("numbers: exponents, signs, rationals, leading point parse exactly") {
  const std::string text = std::string(kHeader2x2) + "1e-3 2.5E+4 -3/4 +5 .5 5. 0.1 -0\n";
  const NormalFormGame game = negsim::read_nfg(text);
  REQUIRE(game.has_exact());
  CHECK(game.exact_payoff(0, 0) == mpq_class(1, 1000));
  CHECK(game.payoff(0, 0) == 1e-3);
  CHECK(game.exact_payoff(1, 0) == 25000);
  CHECK(game.exact_payoff(0, 1) == mpq_class(-3, 4));
  CHECK(game.exact_payoff(1, 1) == 5);
  CHECK(game.exact_payoff(0, 2) == mpq_class(1, 2));
  CHECK(game.exact_payoff(1, 2) == 5);
  CHECK(game.exact_payoff(0, 3) == mpq_class(1, 10));
  CHECK(game.payoff(0, 3) == 0.1);  // correctly rounded, not truncated
  CHECK(game.payoff(1, 3) == 0.0);
  CHECK_FALSE(std::signbit(game.payoff(1, 3)));
}

TEST_CASE("numbers: seeded decimals round like strtod on fast and slow paths") {
  std::mt19937_64 rng(20260128);
  for (int round = 0; round < 200; ++round) {
    std::string text = kHeader2x2;
    std::vector<std::string> numbers;
    for (int k = 0; k < 8; ++k) {
      std::string number = (rng() % 2) ? "-" : "";
      const int integer_digits = static_cast<int>(rng() % 12);
      const int fraction_digits = static_cast<int>(rng() % 24);
      for (int d = 0; d < integer_digits; ++d) number += static_cast<char>('0' + rng() % 10);
      if (integer_digits == 0) number += '0';
      if (fraction_digits) {
        number += '.';
        for (int d = 0; d < fraction_digits; ++d) number += static_cast<char>('0' + rng() % 10);
      }
      if (rng() % 3 == 0) {
        number += 'e';
        number += std::to_string(static_cast<int>(rng() % 80) - 40);
      }
      numbers.push_back(number);
      text += number + " ";
    }
    NfgReadOptions options;
    options.exact = ExactMode::Always;
    const NormalFormGame game = negsim::read_nfg(text, options);
    for (std::size_t k = 0; k < 8; ++k) {
      CAPTURE(numbers[k]);
      const double expected = std::strtod(numbers[k].c_str(), nullptr);
      CHECK(game.payoff(k % 2, k / 2) == (expected == 0.0 ? 0.0 : expected));
      CHECK(game.exact_payoff(k % 2, k / 2) == *negsim::parse_exact_number(numbers[k]));
    }
  }
}

TEST_CASE("numbers: doubles written by write_nfg read back bit for bit") {
  std::mt19937_64 rng(7);
  NormalFormGame game({3, 5});
  for (std::size_t p = 0; p < 2; ++p)
    for (double& v : game.payoff_table(p)) {
      std::uint64_t bits = rng();
      std::memcpy(&v, &bits, sizeof v);
      if (!std::isfinite(v)) v = 1.0 / 3.0;
    }
  NfgReadOptions options;
  options.exact = ExactMode::Never;
  const NormalFormGame back = negsim::read_nfg(negsim::write_nfg(game), options);
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t i = 0; i < game.num_profiles(); ++i)
      CHECK(back.payoff(p, i) == (game.payoff(p, i) == 0.0 ? 0.0 : game.payoff(p, i)));
}

TEST_CASE("strings: escaped quotes and backslashes survive a round trip") {
  NormalFormGame game({2, 1});
  game.title = "say \"hi\" \\ bye";
  game.player_names = {"U.S.", "China \"PRC\""};
  game.action_labels[0] = {"tariff=20,chips=hold", ""};
  game.comment = "line 1\nline 2";
  const std::string text = negsim::write_nfg(game);
  CHECK(text.find("\"say \\\"hi\\\" \\\\ bye\"") != std::string::npos);
  const NormalFormGame back = negsim::read_nfg(text);
  CHECK(back.title == game.title);
  CHECK(back.player_names == game.player_names);
  CHECK(back.action_labels == game.action_labels);
  CHECK(back.comment == game.comment);
  CHECK(negsim::quote_nfg_string("a\"b") == "\"a\\\"b\"");
}

TEST_CASE("outcome list: null outcome 0 and optional names") {
  const std::string text = std::string(kHeader2x2) + "{ { \"win\" 1, -1 } { 2 3 } }\n0 1 2 0\n";
  const NormalFormGame game = negsim::read_nfg(text);
  CHECK(game.payoff(0, 0) == 0);
  CHECK(game.payoff(1, 0) == 0);
  CHECK(game.payoff(0, 1) == 1);
  CHECK(game.payoff(1, 1) == -1);
  CHECK(game.payoff(0, 2) == 2);
  CHECK(game.payoff(1, 2) == 3);
  CHECK(game.exact_payoff(0, 3) == 0);
}

TEST_CASE("exact mode: Never, Always, and Auto's size limit") {
  CHECK_FALSE(load("pd.nfg", ExactMode::Never).has_exact());
  CHECK(load("pd.nfg", ExactMode::Always).has_exact());
  // 100x100x34 = 340000 profiles x 3 players = 1.02 million entries > the Auto limit.
  const std::string big = negsim::random_nfg_text({100, 100, 34}, 3, 0);
  CHECK_FALSE(negsim::read_nfg(big).has_exact());
  // 100x100x33 x 3 = 990000 entries: exact.
  const NormalFormGame under = negsim::read_nfg(negsim::random_nfg_text({100, 100, 33}, 3, 0));
  CHECK(under.has_exact());
  CHECK(under.exact_payoff(2, under.num_profiles() - 1) == under.payoff(2, under.num_profiles() - 1));
}

TEST_CASE("random_nfg_text: seeded, payoffs with the requested decimals") {
  const std::string a = negsim::random_nfg_text({3, 4, 5}, 11, 6);
  CHECK(a == negsim::random_nfg_text({3, 4, 5}, 11, 6));
  CHECK(a != negsim::random_nfg_text({3, 4, 5}, 12, 6));
  const NormalFormGame game = negsim::read_nfg(a);
  CHECK(game.action_counts() == std::vector<std::size_t>{3, 4, 5});
  bool some_nonzero = false;
  for (std::size_t p = 0; p < 3; ++p)
    for (std::size_t i = 0; i < game.num_profiles(); ++i) {
      const mpq_class scaled = game.exact_payoff(p, i) * 1000000;
      CHECK(scaled.get_den() == 1);
      CHECK(game.payoff(p, i) >= 0.0);
      CHECK(game.payoff(p, i) < 1.0);
      some_nonzero = some_nonzero || game.payoff(p, i) != 0.0;
    }
  CHECK(some_nonzero);
  // 100x100x100 with 6 decimals is the 27 MB benchmark game: 27 bytes per profile.
  const std::string small = negsim::random_nfg_text({10, 10, 10}, 1, 6);
  CHECK(small.size() - small.find("\n\n") - 2 == 1000 * 27);
}

TEST_CASE("bad input: errors carry line, column, what was expected and a hint") {
  struct Case {
    std::string text;
    int line, column;
    std::string message;
  };
  const std::string h = kHeader2x2;  // payoffs start on line 3
  const std::vector<Case> cases = {
      {"", 1, 1, "expected 'NFG'"},
      {"XYZ 1 R \"t\" { \"A\" } { 2 }", 1, 1, "expected 'NFG'"},
      {"EFG 2 R \"t\" { \"A\" }", 1, 1, "extensive-form"},
      {"NFG 2 R \"t\" { \"A\" } { 2 }", 1, 5, "unsupported .nfg version"},
      {"NFG 1 Q \"t\" { \"A\" } { 2 }", 1, 7, "expected R or D"},
      {"NFG 1 R t { \"A\" } { 2 }", 1, 9, "expected the game title in double quotes"},
      {"NFG 1 R \"t\" { \"A\" \"B } { 2 2 }\n1 2", 1, 19, "unterminated string"},
      {"NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 2 }\n", 1, 25, "player count mismatch"},
      {"NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"a\" } { } }\n", 2, 13, "player 2 has no strategies"},
      {"NFG 1 R \"t\" { \"A\" \"B\" } { 2 0 }\n", 1, 29, "at least 1"},
      {"NFG 1 R \"t\" { \"A\" \"B\" } { 2 x }\n", 1, 29, "expected the number of strategies of player 2"},
      {"NFG 1 R \"t\" { } { }\n", 1, 17, "no players"},
      {h + "1 2 3 4 5 6 7", 3, 14, "expected 8 payoffs, found 7"},
      {h + "1 2 3 4\n5 6 7\n\n", 4, 6, "expected 8 payoffs, found 7"},
      {h + "1 2 3 4\n5 6 7 8 9\n", 4, 9, "more payoffs than the game has"},
      {h + "1 2 x3 4 5 6 7 8", 3, 5, "unknown token 'x3'"},
      {h + "1 2 3..4 4 5 6 7 8", 3, 5, "bad number '3..4'"},
      {h + "1 2 3 4 5 6 7 1e", 3, 15, "exponent needs digits"},
      {h + "1 2 3 4 5 6 7 1/0", 3, 15, "division by zero"},
      {h + "1 2 3 4 5 6 7 1.5/2", 3, 15, "integers on both sides"},
      {h + "1 2 3 4 5 6 7 1e99999", 3, 15, "exponent out of range"},
      {h + "1 2 3 4 5 6 7 1e400", 3, 15, "too large"},
      {h + "1 2 3 4 5 6 \"7\" 8", 3, 13, "expected a payoff (number 7 of 8)"},
      {h + "{ { \"\" 1 } }\n1 1 1 1", 3, 10, "outcome 1 has 1 payoff, expected 2"},
      {h + "{ { \"\" 1 2 3 } }\n1 1 1 1", 3, 12, "more than 2 payoffs"},
      {h + "{ { \"\" 1 2 } }\n1 1 2 1", 4, 5, "outcome number 2 is out of range"},
      {h + "{ { \"\" 1 2 } }\n1 1 1", 4, 6, "expected 4 outcome numbers (one per profile), found 3"},
      {h + "{ { \"\" 1 2 } }\n1 1 -1 1", 4, 5, "expected an outcome number"},
      {h + "{ { \"\" 1/3, 1/0 } }\n1 1 1 1", 3, 13, "division by zero"},
      {h + "{ { \"\" 1/3, 2 } { \"\" 1.5/2 4 } }\n1 1 1 1", 3, 22, "integers on both sides"},
      {"NFG 1 R \"t\" { \"A\" \"B\" } { 1000 1000 }\n\n1 2 3", 3, 1, "too short for its header"},
      {"NFG 1 R \"t\" { \"A\" \"B\" } { 4294967296 4294967296 }\n", 1, 25, "too many strategy profiles"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const InputError error = read_error(c.text);
    CHECK(error.file() == "bad.nfg");
    CHECK(error.line() == c.line);
    CHECK(error.column() == c.column);
    CHECK_MESSAGE(error.message().find(c.message) != std::string::npos, error.what());
    CHECK_FALSE(error.hint().empty());
  }
}

TEST_CASE("bad input: a missing file names the path") {
  const std::string path = (kGambitDir / "no_such_game.nfg").string();
  try {
    negsim::read_nfg_file(path);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK(error.file() == path);
    CHECK(error.message().find("No such file") != std::string::npos);
    CHECK_FALSE(error.hint().empty());
  }
  CHECK_THROWS_AS(negsim::read_nfg_file(kGambitDir.string()), InputError);
}

TEST_CASE("write_nfg_file is atomic: a failed write leaves the old file and no temporary") {
  TempDir dir;
  const fs::path target = dir.path / "game.nfg";
  const NormalFormGame game = load("pd.nfg");
  negsim::write_nfg_file(target.string(), game, NfgBodyStyle::OutcomeList);
  check_same_game(game, negsim::read_nfg_file(target.string()));
  const std::string before = slurp(target);

  NormalFormGame broken({2, 2});
  broken.set_payoff(1, 3, std::nan(""));
  CHECK_THROWS_AS(negsim::write_nfg_file(target.string(), broken), InputError);
  CHECK(slurp(target) == before);
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator{}) == 1);

  const fs::path nowhere = dir.path / "missing_folder" / "game.nfg";
  try {
    negsim::write_nfg_file(nowhere.string(), game);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK(error.file() == nowhere.string());
  }
  CHECK_FALSE(fs::exists(nowhere));

  negsim::write_random_nfg_file((dir.path / "random.nfg").string(), {4, 3, 2}, 5, 3);
  CHECK(negsim::read_nfg_file((dir.path / "random.nfg").string()).num_profiles() == 24);
}

TEST_CASE("seeded mutations of the shared files give a game or an InputError, never a crash") {
  std::mt19937_64 rng(99);
  const char alphabet[] = "0123456789{}\",./-+eE \n\\x";
  std::size_t errors = 0, games = 0;
  for (const auto& file : shared_nfg_files()) {
    const std::string original = slurp(file);
    for (int round = 0; round < 40; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text[at] = alphabet[rng() % (sizeof alphabet - 1)]; break;
          case 1: text.erase(at, 1 + rng() % 8); break;
          default: text.resize(at); break;
        }
        if (text.empty()) text = "N";
      }
      try {
        NfgReadOptions options;
        options.exact = (round % 2) ? ExactMode::Never : ExactMode::Always;
        const NormalFormGame game = negsim::read_nfg(text, options);
        CHECK(game.num_players() >= 1);
        ++games;
      } catch (const InputError& error) {
        CHECK(error.line() >= 1);
        CHECK(error.column() >= 1);
        ++errors;
      }
    }
  }
  CHECK(errors > 0);
  CHECK(games > 0);
}

TEST_CASE("exact payoffs: the exact values of hard numbers, and doubles nearest to them") {
  // 3 players, 2x2x2: 24 numbers, the hard cases of exact reading, with their
  // values written out independently of the reader.
  const std::vector<std::pair<std::string, mpq_class>> numbers = {
      {"123456789012345678901234567890", mpq_class("123456789012345678901234567890")},
      {"-98765432109876543210.123456789", -mpq_class("98765432109876543210123456789/1000000000")},
      {"1/3", mpq_class(1, 3)},
      {"-7/21", mpq_class(-1, 3)},
      {"1e5", mpq_class(100000)},
      {"2.5E-3", mpq_class(1, 400)},
      {"0.000000000000000000000000001", mpq_class("1/1000000000000000000000000000")},
      {"12345678901234567890/98765432109876543210", mpq_class(13717421, 109739369)},  // gcd 900000000090
      {"9007199254740993", mpq_class("9007199254740993")},
      {"18446744073709551616", mpq_class("18446744073709551616")},
      {"-18446744073709551615", -mpq_class("18446744073709551615")},
      {"1e-400", mpq_class(mpz_class(1), mpz_class("1" + std::string(400, '0')))},
      {".5e1", mpq_class(5)},
      {"5.", mpq_class(5)},
      {"-0", mpq_class(0)},
      {"+0.0", mpq_class(0)},
      {"1e22", mpq_class(mpz_class("1" + std::string(22, '0')))},
      {"123456789e-30", mpq_class(mpz_class(123456789), mpz_class("1" + std::string(30, '0')))},
      {"0.1", mpq_class(1, 10)},
      {"-1.25", mpq_class(-5, 4)},
      {"99999999999999999999", mpq_class("99999999999999999999")},
      {"10000000000000000000e-19", mpq_class(1)},
      {"3/4", mpq_class(3, 4)},
      {"-4", mpq_class(-4)},
  };
  std::string text = "NFG 1 R \"t\" { \"A\" \"B\" \"C\" } { 2 2 2 }\n\n";
  for (std::size_t k = 0; k < numbers.size(); ++k) text += numbers[k].first + (k % 3 == 2 ? "\n" : ", ");
  const NormalFormGame game = negsim::read_nfg(text);
  REQUIRE(game.has_exact());
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    CAPTURE(numbers[k].first);
    // Payoff lists run profile by profile, players within a profile.
    CHECK(game.exact_payoff(k % 3, k / 3) == numbers[k].second);
    CHECK(game.payoff(k % 3, k / 3) == negsim::nearest_double(numbers[k].second));
    CHECK(game.exact_payoff(k % 3, k / 3) == *negsim::parse_exact_number(numbers[k].first));
  }
}

TEST_CASE("exact payoffs of every shared Gambit game: doubles are their nearest doubles") {
  for (const auto& file : shared_nfg_files()) {
    CAPTURE(file.filename().string());
    const NormalFormGame game = negsim::read_nfg_file(file.string());
    REQUIRE(game.has_exact());
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (std::size_t i = 0; i < game.num_profiles(); ++i)
        CHECK(game.payoff(p, i) == negsim::nearest_double(game.exact_payoff(p, i)));
  }
}

namespace {

// The payoff tokens of a payoff-list text (after the header's blank line), in file order.
std::vector<std::string> payoff_tokens(const std::string& text) {
  std::istringstream body(text.substr(text.find("\n\n") + 2));
  std::vector<std::string> tokens;
  for (std::string token; body >> token;) tokens.push_back(token);
  return tokens;
}

// Each exact payoff equals the rational its token spells (GMP's reading of the text).
void check_exact_payoffs_are_the_text(const NormalFormGame& game, const std::vector<std::string>& tokens) {
  REQUIRE(tokens.size() == game.num_profiles() * game.num_players());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    CAPTURE(tokens[k]);
    const std::size_t player = k % game.num_players(), index = k / game.num_players();
    const mpq_class expected = *negsim::parse_exact_number(tokens[k]);
    CHECK(game.exact_payoff(player, index) == expected);
    CHECK(game.payoff(player, index) == negsim::nearest_double(expected));
    negsim::SmallFraction small;
    REQUIRE(game.small_exact_payoff(player, index, small));
    CHECK(mpq_class(small.num, small.den) == expected);
  }
}

}  // namespace

TEST_CASE("exact payoffs that are short decimals are kept as their doubles, and are the text's values") {
  const std::string mixed =
      "NFG 1 R \"t\" { \"A\" \"B\" } { 3 2 }\n\n"
      "0.5 -0.25 1.50 2 -3.125 0.75 1e1 -1.5e-1 0.000 -0.0 2.500000 1.25\n";
  const NormalFormGame game = negsim::read_nfg(mixed);
  REQUIRE(game.has_exact());
  REQUIRE(game.decimal_payoffs().has_value());
  CHECK(game.decimal_payoffs()->places() == 6);  // 2.500000; zeros count no places
  check_exact_payoffs_are_the_text(game, payoff_tokens(mixed));
  for (const int decimals : {0, 3, 6, 9}) {
    CAPTURE(decimals);
    const std::string text = negsim::random_nfg_text({4, 5, 3}, 5, decimals);
    const NormalFormGame random = negsim::read_nfg(text);
    REQUIRE(random.decimal_payoffs().has_value());
    CHECK(random.decimal_payoffs()->places() == decimals);
    check_exact_payoffs_are_the_text(random, payoff_tokens(text));
  }
  // An outcome list of decimals, with the null outcome.
  const NormalFormGame outcomes = negsim::read_nfg(
      "NFG 1 R \"o\" { \"A\" \"B\" } { 2 2 }\n"
      "{ { \"x\" 0.5, -1.25 } { \"y\" 3, 0.1 } { \"z\" 0.125, 2 } }\n1 2 0 3\n");
  REQUIRE(outcomes.decimal_payoffs().has_value());
  CHECK(outcomes.exact_payoff(1, 0) == mpq_class(-5, 4));
  CHECK(outcomes.exact_payoff(1, 1) == mpq_class(1, 10));
  CHECK(outcomes.exact_payoff(0, 2) == 0);
  CHECK(outcomes.exact_payoff(0, 3) == mpq_class(1, 8));
}

TEST_CASE("exact payoffs kept as decimals compare, verify and write as the listed ones do") {
  // The same game twice: decimals, and with one payoff spelled as the equal
  // rational 1/2, which makes the reader list every exact payoff instead.
  std::string text = negsim::random_nfg_text({6, 5}, 9, 2);
  text += "0.5 0.25\n";
  text.replace(text.find("{ 6 5 }"), 7, "{ 6 6 }");  // one more strategy for player 2: the appended profiles
  for (int k = 0; k < 5; ++k) text += "0.75 -1.5\n";
  const NormalFormGame decimal = negsim::read_nfg(text);
  std::string listed_text = text;
  listed_text.replace(listed_text.rfind("0.5 0.25"), 8, "1/2 0.25");
  const NormalFormGame listed = negsim::read_nfg(listed_text);
  REQUIRE(decimal.decimal_payoffs().has_value());
  REQUIRE_FALSE(listed.decimal_payoffs().has_value());
  REQUIRE(listed.has_exact());
  CHECK(negsim::write_nfg(decimal) == negsim::write_nfg(listed));
  CHECK(negsim::write_nfg(decimal, NfgBodyStyle::OutcomeList) == negsim::write_nfg(listed, NfgBodyStyle::OutcomeList));
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t i = 0; i < decimal.num_profiles(); ++i) {
      CHECK(decimal.exact_payoff(p, i) == listed.exact_payoff(p, i));
      for (std::size_t j = 0; j < decimal.num_profiles(); ++j)
        CHECK(decimal.compare_exact_payoffs(p, i, j) == listed.compare_exact_payoffs(p, i, j));
    }
  // Exact regrets of seeded rational profiles (the 64-bit path and GMP's).
  std::mt19937 rng(3);
  for (int trial = 0; trial < 20; ++trial) {
    negsim::ExactMixedProfile x(2);
    for (std::size_t p = 0; p < 2; ++p) {
      mpq_class total = 0;
      for (std::size_t a = 0; a < 6; ++a) {
        x[p].push_back(mpq_class(static_cast<long>(rng() % (trial % 2 ? 4 : 1000000000))));
        total += x[p].back();
      }
      if (total == 0) x[p][0] = total = 1;
      for (auto& q : x[p]) q /= total;
    }
    CHECK(decimal.exact_max_regret(x) == listed.exact_max_regret(x));
    CHECK(decimal.exact_expected_payoffs(x) == listed.exact_expected_payoffs(x));
  }
}

TEST_CASE("payoffs that are not short decimals keep a listed exact table, with the text's values") {
  const std::vector<std::string> odd_numbers = {"1/3",   "0.1234567890123456789", "1234567890123.5", "1e-19",
                                                "1e300", "0.0000000000000000001", "12345678901234567"};
  for (const std::string& odd : odd_numbers) {
    CAPTURE(odd);
    const std::string text = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n\n0.5 2 " + odd + " -0.125\n";
    const NormalFormGame game = negsim::read_nfg(text);
    REQUIRE(game.has_exact());
    CHECK_FALSE(game.decimal_payoffs().has_value());
    for (std::size_t k = 0; k < 4; ++k)
      CHECK(game.exact_payoff(k % 2, k / 2) == *negsim::parse_exact_number(payoff_tokens(text)[k]));
    // The same number in an outcome list.
    const NormalFormGame outcomes =
        negsim::read_nfg("NFG 1 R \"o\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" -0.125, " + odd + " } }\n1 0\n");
    CHECK_FALSE(outcomes.decimal_payoffs().has_value());
    CHECK(outcomes.exact_payoff(1, 0) == *negsim::parse_exact_number(odd));
    CHECK(outcomes.exact_payoff(0, 1) == 0);
  }
}

TEST_CASE("changing a double of a game read as decimals leaves its exact payoffs as they were") {
  NormalFormGame game = negsim::read_nfg("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n\n0.5 2 0.1 -0.125\n");
  REQUIRE(game.decimal_payoffs().has_value());
  game.set_payoff(0, 1, 1.0 / 3.0);
  CHECK_FALSE(game.decimal_payoffs().has_value());
  CHECK(game.exact_payoff(0, 1) == mpq_class(1, 10));
  CHECK(game.exact_payoff(1, 1) == mpq_class(-1, 8));
  NormalFormGame other = negsim::read_nfg("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n\n0.5 2 0.1 -0.125\n");
  other.payoff_table(1)[0] = 7;
  CHECK_FALSE(other.decimal_payoffs().has_value());
  CHECK(other.exact_payoff(1, 0) == 2);
  CHECK(other.exact_payoff(0, 0) == mpq_class(1, 2));
}

TEST_CASE("the reader lists exact payoffs from the first one that is not a short decimal, wherever it is") {
  // 3 players, 2x2x2 (24 payoffs, player-major in memory, profile by profile
  // in the file): seeded decimals of 0-6 places, one of them replaced by a
  // number that is not a short decimal or is too large beside 6 places.
  // Every exact payoff must be its token's value, whether it was read before
  // the switch (recovered from its double) or after it (from its text).
  const std::vector<std::string> odd_numbers = {"1/3", "-22/7", "0.1234567890123456789", "12345678901234567",
                                                "123456789012.5", "1e300", "0.0000000000000000001"};
  std::mt19937 rng(11);
  std::vector<std::string> base;
  for (int k = 0; k < 24; ++k) {
    const int places = static_cast<int>(rng() % 7);
    std::string digits = std::to_string(rng() % 10000000);
    while (static_cast<int>(digits.size()) <= places) digits.insert(0, "0");
    if (places > 0) digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
    base.push_back((rng() % 2 ? "-" : "") + digits);
  }
  base[5] = "0.000001";  // 6 places early and late, so every odd number above is ruled out
  base[17] = "-0.000002";
  for (const std::string& odd : odd_numbers)
    for (std::size_t at = 0; at < base.size(); ++at) {
      CAPTURE(odd);
      CAPTURE(at);
      std::vector<std::string> tokens = base;
      tokens[at] = odd;
      std::string text = "NFG 1 R \"t\" { \"A\" \"B\" \"C\" } { 2 2 2 }\n\n";
      for (std::size_t k = 0; k < tokens.size(); ++k) text += tokens[k] + (k % 3 == 2 ? "\n" : " ");
      const NormalFormGame game = negsim::read_nfg(text);
      REQUIRE(game.has_exact());
      CHECK_FALSE(game.decimal_payoffs().has_value());
      for (std::size_t k = 0; k < tokens.size(); ++k) {
        const mpq_class expected = *negsim::parse_exact_number(tokens[k]);
        CHECK(game.exact_payoff(k % 3, k / 3) == expected);
        CHECK(game.payoff(k % 3, k / 3) == negsim::nearest_double(expected));
      }
      // The same payoffs as 8 outcomes (one per profile, in reverse order).
      std::string outcomes = "NFG 1 R \"o\" { \"A\" \"B\" \"C\" } { 2 2 2 }\n{\n";
      for (std::size_t k = 0; k < tokens.size(); k += 3)
        outcomes += "{ \"\" " + tokens[k] + ", " + tokens[k + 1] + ", " + tokens[k + 2] + " }\n";
      outcomes += "}\n8 7 6 5 4 3 2 1\n";
      const NormalFormGame from_outcomes = negsim::read_nfg(outcomes);
      CHECK_FALSE(from_outcomes.decimal_payoffs().has_value());
      for (std::size_t k = 0; k < tokens.size(); ++k)
        CHECK(from_outcomes.exact_payoff(k % 3, 7 - k / 3) == *negsim::parse_exact_number(tokens[k]));
    }
  // Without the odd number the same payoffs stay decimals.
  std::string text = "NFG 1 R \"t\" { \"A\" \"B\" \"C\" } { 2 2 2 }\n\n";
  for (const std::string& token : base) text += token + " ";
  CHECK(negsim::read_nfg(text).decimal_payoffs().has_value());
}

TEST_CASE("bad input after the switch to listed exact payoffs still names its line and column") {
  const InputError after = read_error(std::string(kHeader2x2) + "0.5 1/3\n2 -1\n4 x7\n");
  CHECK(after.line() == 5);
  CHECK(after.column() == 3);
  CHECK(after.message().find("'x7'") != std::string::npos);
  const InputError short_body = read_error(std::string(kHeader2x2) + "0.5 1/3\n2 -1\n4\n");
  CHECK(short_body.line() == 5);
  CHECK(short_body.message() == "expected 8 payoffs, found 5");
  const InputError outcome = read_error(
      "NFG 1 R \"o\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 0.5, 1/3 }\n  { \"y\" 2, 1e } }\n1 2\n");
  CHECK(outcome.line() == 3);
  CHECK(outcome.column() == 12);
}
