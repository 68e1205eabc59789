#include "sim/solve/logit_qre.hpp"

#include <doctest/doctest.h>

#include <random>

#include "tests/support/gambit_games.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/solve_checks.hpp"
#include "tests/support/test_games.hpp"
#include "tests/support/tolerance.hpp"

using namespace negsim;

using testing::check_results;
using testing::contains;
using testing::random_game;

TEST_CASE("logit_qre: 2-player oracles (rock-paper-scissors, chicken's mixed equilibrium)") {
  const auto rps = testing::rock_paper_scissors();
  const SolveResult r = logit_qre(rps, SolveOptions{});
  REQUIRE(r.equilibria.size() == 1);
  CHECK(same_profile(r.equilibria[0].profile, {{1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}}, 1e-8));
  CHECK(r.equilibria[0].payoffs[0] == doctest::Approx(0.0).epsilon(1e-9));

  // The principal branch of the symmetric chicken game stays symmetric and
  // ends at the mixed equilibrium P(dare) = 1/2, payoff 2 each.
  const auto game = testing::chicken();
  const SolveResult c = logit_qre(game, SolveOptions{});
  REQUIRE(c.equilibria.size() == 1);
  CHECK(same_profile(c.equilibria[0].profile, {{0.5, 0.5}, {0.5, 0.5}}, 1e-8));
  CHECK(c.equilibria[0].payoffs[0] == doctest::Approx(2.0));
}

TEST_CASE("logit_qre: every 3+ player Gambit game, one start: one verified equilibrium") {
  for (const auto& known : testing::n_player_games()) {
    CAPTURE(known.name);
    const NormalFormGame game = testing::gambit_game(known.name);
    const SolveResult r = logit_qre(game, SolveOptions{});
    check_results(game, r);
    CHECK(r.equilibria.size() == 1);
    CHECK_FALSE(r.complete);
    for (const Equilibrium& eq : r.equilibria) CHECK(negsim::testing::regrets_within_tolerance(game, eq.profile, 1e-10));
  }
}

TEST_CASE("logit_qre: seeded starts on the Gambit games reach only known equilibria") {
  // Logit branches end at equilibria of index +1, so a game's known count is
  // reachable only when all its equilibria have that index (g1, g2: unique).
  // Known pure equilibria that are reached must be Gambit's; on 2x2x2 the
  // index +1 equilibria are the 4 pure ones and (1/2,1/2; 1/2,1/2; 1,0)
  // (the totally mixed ones of EXPECTED.md are not limits of logit branches;
  // global_newton_test checks those).
  SolveOptions options;
  options.starts = 30;
  options.seed = 7;
  for (const auto& known : testing::n_player_games()) {
    CAPTURE(known.name);
    const NormalFormGame game = testing::gambit_game(known.name);
    const SolveResult r = logit_qre(game, options);
    check_results(game, r);
    CHECK(r.equilibria.size() >= 1);
    if (!known.continuum) CHECK(r.equilibria.size() <= known.known);
    if (known.known == 1) CHECK(r.equilibria.size() == 1);
    const auto pure = testing::gambit_pure(known.name, game);
    for (const Equilibrium& eq : r.equilibria) {
      if (!eq.is_pure()) continue;
      bool listed = false;
      for (const auto& p : pure) listed = listed || same_profile(p, eq.profile, 0.0);
      CHECK(listed);
    }
    if (std::string(known.name) == "2x2x2") {
      CHECK(r.equilibria.size() == 5);
      for (const auto& p : pure) CHECK(contains(r, p, 0.0));
      CHECK(contains(r, {{0.5, 0.5}, {0.5, 0.5}, {1.0, 0.0}}, 1e-8));
    }
  }
}

TEST_CASE("logit_qre: trace holds the branch from the centroid at lambda 0") {
  const NormalFormGame game = testing::gambit_game("3x3x3");
  std::vector<QrePoint> trace;
  SolveOptions options;
  options.trace = true;
  const SolveResult r = logit_qre(game, options, &trace);
  REQUIRE(r.equilibria.size() == 1);
  REQUIRE(trace.size() > 10);
  CHECK(trace.front().lambda == 0.0);
  CHECK(same_profile(trace.front().profile, {{1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}}, 1e-12));
  CHECK(trace.back().lambda > 1.0);
  for (const QrePoint& point : trace) CHECK(game.is_valid_mixed(point.profile, 1e-8));
  // The end of the branch is close to the equilibrium returned.
  CHECK(same_profile(trace.back().profile, r.equilibria[0].profile, 0.05));
}

TEST_CASE("logit_qre: seeded random games end at regret <= 1e-8") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    for (const auto& sizes : {std::vector<std::size_t>{6, 6, 6}, std::vector<std::size_t>{3, 4, 3, 2},
                              std::vector<std::size_t>{8, 5}}) {
      const NormalFormGame game = random_game(sizes, seed);
      const SolveResult r = logit_qre(game, SolveOptions{});
      check_results(game, r);
      REQUIRE(r.equilibria.size() == 1);
      CHECK(r.equilibria[0].max_regret <= 1e-8);
    }
  }
  const NormalFormGame big = random_game({12, 12, 12}, 99);
  SolveOptions options;
  options.starts = 3;
  options.seed = 5;
  const SolveResult r = logit_qre(big, options);
  check_results(big, r);
  REQUIRE(!r.equilibria.empty());
  for (const Equilibrium& eq : r.equilibria) CHECK(eq.max_regret <= 1e-8);
}
