#include "sim/solve/vertex_enumeration.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {
SolveOptions enum_options(bool exact) {
  SolveOptions o;
  o.method = "enum";
  o.exact = exact;
  return o;
}

MixedProfile to_double(const ExactMixedProfile& e) {
  MixedProfile d(e.size());
  for (std::size_t p = 0; p < e.size(); ++p)
    for (const auto& v : e[p]) d[p].push_back(v.get_d());
  return d;
}

// The result holds exactly the expected set (exact comparison when the result is exact).
void check_same_set(const SolveResult& r, const std::vector<ExactMixedProfile>& expected) {
  CHECK(r.rejected == 0);
  CHECK(r.complete);
  REQUIRE(r.equilibria.size() == expected.size());
  for (const ExactMixedProfile& e : expected) {
    bool found = false;
    for (const Equilibrium& eq : r.equilibria) {
      if (eq.exact) {
        if (*eq.exact == e) found = true;
      } else if (same_profile(eq.profile, to_double(e), 1e-9)) {
        found = true;
      }
    }
    CHECK(found);
  }
}

bool among(const Equilibrium& eq, const SolveResult& all) {
  for (const Equilibrium& other : all.equilibria) {
    if (eq.exact && other.exact) {
      if (*eq.exact == *other.exact) return true;
    } else if (same_profile(eq.profile, other.profile, 1e-9)) {
      return true;
    }
  }
  return false;
}
}  // namespace

TEST_CASE("enum: von Stengel 3x2 has exactly its three equilibria") {
  const std::vector<ExactMixedProfile> expected{
      {{1, 0, 0}, {1, 0}},
      {{mpq_class(4, 5), mpq_class(1, 5), 0}, {mpq_class(2, 3), mpq_class(1, 3)}},
      {{0, mpq_class(1, 3), mpq_class(2, 3)}, {mpq_class(1, 3), mpq_class(2, 3)}}};
  for (bool exact : {false, true}) {
    const SolveResult r = enumerate_extreme_equilibria(von_stengel_3x2(), enum_options(exact));
    check_same_set(r, expected);
    for (const Equilibrium& eq : r.equilibria) CHECK(eq.exact.has_value() == exact);
  }
}

TEST_CASE("enum: the cycling trap's equilibria include (0,2/3,1/3, 0,1,0)") {
  for (bool exact : {false, true}) {
    const SolveResult r = enumerate_extreme_equilibria(lh_cycling_trap(), enum_options(exact));
    CHECK(r.rejected == 0);
    bool found = false;
    for (const Equilibrium& eq : r.equilibria)
      if (same_profile(eq.profile, {{0, 2.0 / 3, 1.0 / 3}, {0, 1, 0}}, 1e-12)) found = true;
    CHECK(found);
  }
}

TEST_CASE("enum: n x n coordination games have 2^n - 1 equilibria") {
  for (std::size_t n = 1; n <= 7; ++n) {
    CAPTURE(n);
    for (bool exact : {false, true}) {
      if (exact && n > 5) continue;
      const SolveResult r = enumerate_extreme_equilibria(coordination(n), enum_options(exact));
      CHECK(r.rejected == 0);
      CHECK(r.equilibria.size() == (std::size_t{1} << n) - 1);
    }
  }
}

TEST_CASE("enum: rock-paper-scissors has only the uniform equilibrium, value 0") {
  const ExactMixedProfile uniform{{mpq_class(1, 3), mpq_class(1, 3), mpq_class(1, 3)},
                                  {mpq_class(1, 3), mpq_class(1, 3), mpq_class(1, 3)}};
  for (bool exact : {false, true}) {
    const SolveResult r = enumerate_extreme_equilibria(rock_paper_scissors(), enum_options(exact));
    check_same_set(r, {uniform});
    CHECK(r.equilibria[0].payoffs[0] == doctest::Approx(0.0));
  }
}

TEST_CASE("enum: chicken has two pure equilibria and one mixed with payoff 2") {
  const std::vector<ExactMixedProfile> expected{{{1, 0}, {0, 1}},
                                                {{0, 1}, {1, 0}},
                                                {{mpq_class(1, 2), mpq_class(1, 2)}, {mpq_class(1, 2), mpq_class(1, 2)}}};
  for (bool exact : {false, true}) {
    const SolveResult r = enumerate_extreme_equilibria(chicken(), enum_options(exact));
    check_same_set(r, expected);
    for (const Equilibrium& eq : r.equilibria)
      if (!eq.is_pure()) CHECK(eq.payoffs == std::vector<double>{2.0, 2.0});
  }
}

TEST_CASE("enum: a game with more rows than columns (transposed internally)") {
  // von Stengel 3x2 with the players swapped.
  const NormalFormGame g = bimatrix({{3, 2, 3}, {2, 6, 1}}, {{3, 2, 0}, {3, 5, 6}});
  const std::vector<ExactMixedProfile> expected{
      {{1, 0}, {1, 0, 0}},
      {{mpq_class(2, 3), mpq_class(1, 3)}, {mpq_class(4, 5), mpq_class(1, 5), 0}},
      {{mpq_class(1, 3), mpq_class(2, 3)}, {0, mpq_class(1, 3), mpq_class(2, 3)}}};
  for (bool exact : {false, true}) check_same_set(enumerate_extreme_equilibria(g, enum_options(exact)), expected);
}

TEST_CASE("enum: all-zero (fully degenerate) game: the extreme equilibria are the pure profiles") {
  NormalFormGame g({3, 4});
  for (bool exact : {false, true}) {
    const SolveResult r = enumerate_extreme_equilibria(g, enum_options(exact));
    CHECK(r.rejected == 0);
    CHECK(r.equilibria.size() == 12);
    for (const Equilibrium& eq : r.equilibria) CHECK(eq.is_pure());
  }
}

TEST_CASE("enum: rejects games that are not 2-player") {
  NormalFormGame three({2, 2, 2});
  CHECK_THROWS_AS(enumerate_extreme_equilibria(three, enum_options(false)), std::invalid_argument);
}

TEST_CASE("enum property: seeded random and degenerate games, double equals exact, LH results among them") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::size_t m = 1 + seed % 5, n = 1 + (seed * 3) % 6;
    const int range = seed % 2 == 0 ? 3 : (seed % 4 == 1 ? 0 : 20);  // {0,1,2}: degenerate
    const NormalFormGame g = random_game({m, n}, seed, range_payoffs(range));
    CAPTURE(seed);
    const SolveResult d = enumerate_extreme_equilibria(g, enum_options(false));
    const SolveResult e = enumerate_extreme_equilibria(g, enum_options(true));
    CHECK(d.rejected == 0);
    CHECK(e.rejected == 0);
    CHECK(!e.equilibria.empty());
    REQUIRE(d.equilibria.size() == e.equilibria.size());
    for (const Equilibrium& eq : e.equilibria) {
      REQUIRE(eq.exact.has_value());
      CHECK(g.exact_max_regret(*eq.exact) == 0);
      CHECK(among(eq, d));
    }
    SolveOptions lh;
    lh.all_labels = true;
    for (bool exact : {false, true}) {
      lh.exact = exact;
      for (const Equilibrium& eq : lemke_howson(g, lh).equilibria) CHECK(among(eq, exact ? e : d));
    }
  }
}

// Oracle: every 2-player Gambit example game (../shared/games/gambit/) against
// Gambit's enummixed output expected/NAME.extreme; Lemke-Howson from every
// label lands among them.
TEST_CASE("enum oracle: every 2-player shared Gambit game gives exactly expected/NAME.extreme") {
  const std::filesystem::path dir = std::filesystem::path(NEGSIM_SHARED_DIR) / "games" / "gambit";
  int games = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".nfg") continue;
    const std::string name = entry.path().stem().string();
    const std::filesystem::path expected_path = dir / "expected" / (name + ".extreme");
    if (!std::filesystem::exists(expected_path)) continue;
    CAPTURE(name);
    NfgReadOptions read_options;
    read_options.exact = ExactMode::Always;
    const NormalFormGame game = read_nfg_file(entry.path().string(), read_options);
    REQUIRE(game.num_players() == 2);
    // Gambit prints repeats for some games (csg2, csg4): compare distinct sets.
    std::set<std::string> expected_lines;
    std::vector<ExactMixedProfile> expected;
    for (const ExactMixedProfile& p : read_ne_file(expected_path.string(), game))
      if (expected_lines.insert(format_ne_line(p)).second) expected.push_back(p);

    const SolveResult exact = enumerate_extreme_equilibria(game, enum_options(true));
    std::set<std::string> found;
    for (const Equilibrium& eq : exact.equilibria) {
      REQUIRE(eq.exact.has_value());
      found.insert(format_ne_line(*eq.exact));
    }
    CHECK(exact.rejected == 0);
    CHECK(found == expected_lines);
    CHECK(exact.equilibria.size() == found.size());

    const SolveResult fast = enumerate_extreme_equilibria(game, enum_options(false));
    check_same_set(fast, expected);

    SolveOptions lh;
    lh.all_labels = true;
    for (bool lh_exact : {false, true}) {
      lh.exact = lh_exact;
      const SolveResult r = lemke_howson(game, lh);
      CHECK(r.rejected == 0);
      CHECK(!r.equilibria.empty());
      for (const Equilibrium& eq : r.equilibria) CHECK(among(eq, lh_exact ? exact : fast));
    }
    ++games;
  }
  CHECK(games >= 30);
}

TEST_CASE("enum oracle: vonstengel1999_6x6_75eq has 75 extreme equilibria") {
  const std::string path = std::string(NEGSIM_SHARED_DIR) + "/games/gambit/vonstengel1999_6x6_75eq.nfg";
  NfgReadOptions read_options;
  read_options.exact = ExactMode::Always;
  const NormalFormGame game = read_nfg_file(path, read_options);
  CHECK(enumerate_extreme_equilibria(game, enum_options(false)).equilibria.size() == 75);
  CHECK(enumerate_extreme_equilibria(game, enum_options(true)).equilibria.size() == 75);
}
