#include "sim/solve/equilibrium.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("add_verified_candidate: rejects non-equilibria, merges repeats, keeps new ones") {
  // von Stengel's 3x2 game (ORACLES.md): equilibria (1,0,0; 1,0),
  // (4/5,1/5,0; 2/3,1/3) and (0,1/3,2/3; 1/3,2/3).
  const NormalFormGame game = testing::von_stengel_3x2();
  const std::vector<double> tol = regret_tolerances(game);
  SolveResult result;
  CHECK(add_verified_candidate(result, game, {{1, 0, 0}, {1, 0}}, "test", tol));
  // The same equilibrium again, within 1e-6: merged.
  CHECK_FALSE(add_verified_candidate(result, game, {{1, 0, 0}, {1 - 1e-9, 1e-9}}, "test", tol));
  // Not an equilibrium: row 3 against column 1 (row 1 pays 3 > 0).
  CHECK_FALSE(add_verified_candidate(result, game, {{0, 0, 1}, {1, 0}}, "test", tol));
  CHECK(add_verified_candidate(result, game, {{0.8, 0.2, 0}, {2.0 / 3, 1.0 / 3}}, "test", tol));
  REQUIRE(result.equilibria.size() == 2);
  CHECK(result.rejected == 1);
  CHECK(result.equilibria[1].method == "test");
  CHECK(same_profile(result.equilibria[1].profile, {{0.8, 0.2, 0}, {2.0 / 3, 1.0 / 3}}, 1e-12));
}
