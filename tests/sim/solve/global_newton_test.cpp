#include "sim/solve/global_newton.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "tests/support/gambit_games.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/solve_checks.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

using testing::check_results;
using testing::contains;
using testing::random_game;

namespace {

// 50 seeded rays per game, as in EXPECTED.md's Gambit gnm runs.
void check_known_counts(const std::vector<std::string>& names) {
  SolveOptions options;
  options.starts = 50;
  options.seed = 1;
  for (const auto& known : testing::n_player_games()) {
    if (std::find(names.begin(), names.end(), known.name) == names.end()) continue;
    CAPTURE(known.name);
    const NormalFormGame game = testing::gambit_game(known.name);
    const SolveResult r = global_newton(game, options);
    check_results(game, r);
    if (std::string(known.name) == "perfect3") CHECK(r.equilibria.size() >= known.known);
    else CHECK(r.equilibria.size() == known.known);
    // Every pure equilibrium found is one of Gambit's, and all isolated ones are found.
    const auto pure = testing::gambit_pure(known.name, game);
    std::size_t pure_found = 0;
    for (const Equilibrium& eq : r.equilibria) {
      if (!eq.is_pure()) continue;
      ++pure_found;
      bool listed = false;
      for (const auto& p : pure) listed = listed || same_profile(p, eq.profile, 0.0);
      CHECK(listed);
    }
    if (!known.continuum) CHECK(pure_found == pure.size());
    if (std::string(known.name) == "2x2x2")
      for (const auto& m : testing::totally_mixed_2x2x2()) CHECK(contains(r, m, 1e-8));
  }
}

}  // namespace

TEST_CASE("global_newton: known counts, 3 players 2x2x2 and 3x3x3 (50 rays)") {
  check_known_counts({"2x2x2", "g1", "3x3x3", "g2"});
}

TEST_CASE("global_newton: known counts, coord333, 5x4x3, 8x2x2, perfect3 (50 rays)") {
  check_known_counts({"coord333", "5x4x3", "8x2x2", "perfect3"});
}

TEST_CASE("global_newton: known counts, 4 and 5 players (50 rays)") {
  check_known_counts({"2x2x2x2", "g3", "2x2x2x2x2"});
}

TEST_CASE("global_newton: 2-player oracles (rock-paper-scissors, chicken)") {
  const auto rps = testing::rock_paper_scissors();
  const SolveResult r = global_newton(rps, SolveOptions{});
  check_results(rps, r);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(same_profile(r.equilibria[0].profile, {{1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}}, 1e-8));

  // Chicken: two pure equilibria and the mixed one with P(dare) = 1/2.
  const auto game = testing::chicken();
  SolveOptions options;
  options.starts = 10;
  options.seed = 3;
  const SolveResult c = global_newton(game, options);
  check_results(game, c);
  CHECK(c.equilibria.size() == 3);
  CHECK(contains(c, {{0.5, 0.5}, {0.5, 0.5}}, 1e-8));
  CHECK(contains(c, {{1, 0}, {0, 1}}, 0.0));
  CHECK(contains(c, {{0, 1}, {1, 0}}, 0.0));
}

TEST_CASE("global_newton: one ray on a generic game finds an odd number of equilibria") {
  // The curve over a generic ray crosses lambda = 0 at equilibria of
  // alternating index, +1 one more time than -1, each once.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    const NormalFormGame game = random_game({5, 5, 5}, seed);
    SolveOptions options;
    options.seed = seed;
    const SolveResult r = global_newton(game, options);
    check_results(game, r);
    CHECK(r.equilibria.size() % 2 == 1);
    for (const Equilibrium& eq : r.equilibria) CHECK(eq.max_regret <= 1e-10);
  }
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const NormalFormGame game = random_game({3, 2, 3, 2}, seed);
    SolveOptions options;
    options.seed = seed;
    options.starts = 3;
    const SolveResult r = global_newton(game, options);
    check_results(game, r);
    CHECK(!r.equilibria.empty());
  }
}
