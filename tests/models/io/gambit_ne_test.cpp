#include "models/io/gambit_ne.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "tests/support/thrown.hpp"

namespace fs = std::filesystem;
using negsim::ExactMixedProfile;
using negsim::InputError;
using negsim::NormalFormGame;

namespace {

const fs::path kGambitDir = fs::path(NEGSIM_SHARED_DIR) / "games" / "gambit";

std::vector<std::string> non_blank_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  return lines;
}

InputError ne_error(const std::string& text, const NormalFormGame& game) {
  return negsim::testing::thrown_by<InputError>([&] { negsim::read_ne_lines(text, game, "eq.txt"); }, text);
}

}  // namespace

TEST_CASE("every expected NE file in shared/ parses, re-formats to the same text, and has zero regret") {
  std::size_t files = 0, profiles = 0;
  for (const auto& entry : fs::directory_iterator(kGambitDir / "expected")) {
    const fs::path path = entry.path();
    if (path.extension() != ".pure" && path.extension() != ".extreme") continue;
    CAPTURE(path.filename().string());
    const NormalFormGame game = negsim::read_nfg_file((kGambitDir / path.stem()).string() + ".nfg");
    const std::vector<ExactMixedProfile> equilibria = negsim::read_ne_file(path.string(), game);
    const std::vector<std::string> lines = non_blank_lines(path);
    REQUIRE(equilibria.size() == lines.size());
    for (std::size_t k = 0; k < equilibria.size(); ++k) {
      CHECK(negsim::format_ne_line(equilibria[k]) == lines[k]);
      // Gambit's answers are exact Nash equilibria of the game we read.
      CHECK(game.exact_max_regret(equilibria[k]) == 0);
    }
    ++files;
    profiles += equilibria.size();
  }
  CHECK(files >= 70);
  CHECK(profiles >= 200);
}

TEST_CASE("equilibrium counts match EXPECTED.md") {
  const std::map<std::string, std::size_t> counts = {
      {"2x2x2.pure", 4},  {"coord333.pure", 9}, {"coord3.extreme", 7}, {"coord4.extreme", 15},
      {"8x8.extreme", 5}, {"vd.extreme", 10},   {"winkels.extreme", 12},
      {"vonstengel1999_6x6_75eq.extreme", 75},  {"5x4x3.pure", 0},     {"csg1.pure", 4}};
  for (const auto& entry : counts) {
    // Not a structured binding: clang 14 (scripts/ci_sanitize) cannot capture one in CAPTURE's lambda.
    const std::string& file = entry.first;
    const std::size_t count = entry.second;
    CAPTURE(file);
    const fs::path path = kGambitDir / "expected" / file;
    const NormalFormGame game = negsim::read_nfg_file((kGambitDir / path.stem()).string() + ".nfg");
    CHECK(negsim::read_ne_file(path.string(), game).size() == count);
  }
}

TEST_CASE("2x2x2: the two totally mixed equilibria of EXPECTED.md have zero regret") {
  const NormalFormGame game = negsim::read_nfg_file((kGambitDir / "2x2x2.nfg").string());
  const auto equilibria = negsim::read_ne_lines("NE,1/2,1/2,2/5,3/5,1/4,3/4\nNE,2/5,3/5,1/2,1/2,1/3,2/3\n", game);
  REQUIRE(equilibria.size() == 2);
  CHECK(equilibria[0][1][0] == mpq_class(2, 5));
  for (const auto& e : equilibria) CHECK(game.exact_max_regret(e) == 0);
  // A perturbed profile is not an equilibrium.
  const auto off = negsim::read_ne_lines("NE,1/2,1/2,1/2,1/2,1/4,3/4", game);
  CHECK(game.exact_max_regret(off[0]) > 0);
}

TEST_CASE("decimal probabilities are exact rationals, Gambit's rounding is tolerated") {
  const NormalFormGame game({2, 2});
  const auto profiles = negsim::read_ne_lines("NE,0.25,0.75,0.333333,0.666667\r\n\n", game);
  REQUIRE(profiles.size() == 1);
  CHECK(profiles[0][0][0] == mpq_class(1, 4));
  CHECK(profiles[0][1][0] == mpq_class(333333, 1000000));
  const negsim::MixedProfile doubles = negsim::to_double_profile(profiles[0]);
  CHECK(doubles[0][1] == 0.75);
}

TEST_CASE("format_ne_line with digits prints fixed decimals like Gambit -d") {
  CHECK(negsim::format_ne_line(negsim::MixedProfile{{0.5, 0.5}, {1.0 / 3, 2.0 / 3}}, 6) ==
        "NE,0.500000,0.500000,0.333333,0.666667");
  CHECK(negsim::format_ne_line(negsim::MixedProfile{{1.0, -1e-12}, {-0.0, 1.0}}, 4) ==
        "NE,1.0000,0.0000,0.0000,1.0000");
  ExactMixedProfile exact{{mpq_class(1), mpq_class(0)}, {mpq_class(1, 3), mpq_class(2, 3)}};
  CHECK(negsim::format_ne_line(exact) == "NE,1,0,1/3,2/3");
}

TEST_CASE("bad NE lines: line and column of the problem") {
  const NormalFormGame game({2, 3});
  struct Case {
    std::string text;
    int line, column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"NE,1,0,1,0,0\nNE,1,0,1,0\n", 2, 1, "expected 5 probabilities, found 4"},
      {"NE,1,0,1,0,0,0\n", 1, 1, "expected 5 probabilities, found 6"},
      {"\nEQ,1,0,1,0,0\n", 2, 1, "expected a line starting with 'NE,'"},
      {"NE,1,0,1,x,0\n", 1, 10, "bad probability 'x'"},
      {"NE,1,0,1/0,0,1\n", 1, 8, "division by zero"},
      {"NE,2,-1,1,0,0\n", 1, 6, "negative probability"},
      {"NE,1/2,1/4,1,0,0\n", 1, 4, "player 1 sum to 3/4"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const InputError error = ne_error(c.text, game);
    CHECK(error.file() == "eq.txt");
    CHECK(error.line() == c.line);
    CHECK(error.column() == c.column);
    CHECK_MESSAGE(error.message().find(c.message) != std::string::npos, error.what());
  }
  CHECK_THROWS_AS(negsim::read_ne_file("/nonexistent/eq.txt", game), InputError);
}
