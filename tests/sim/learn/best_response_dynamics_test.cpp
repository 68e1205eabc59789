#include "sim/learn/best_response_dynamics.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("best-response dynamics reach a pure equilibrium in a public-goods game") {
  const LearningResult r = best_response_dynamics(testing::public_goods(4));
  CHECK(r.converged);
  CHECK(r.max_regret == 0);
  for (const auto& row : r.final_profile) CHECK(row[1] == 1.0);
}

TEST_CASE("best-response dynamics cycle in matching pennies") {
  const NormalFormGame mp = testing::matching_pennies();
  const LearningResult seq = best_response_dynamics(mp);
  CHECK_FALSE(seq.converged);
  CHECK(seq.max_regret > 0);
  LearningOptions o;
  o.simultaneous = true;
  CHECK_FALSE(best_response_dynamics(mp, o).converged);
  // Simultaneous updating miscoordinates forever in a coordination game started off-diagonal.
  const NormalFormGame coord = testing::bimatrix({{{1, 1}, {0, 0}}, {{0, 0}, {1, 1}}});
  o.initial = {{1, 0}, {0, 1}};
  CHECK_FALSE(best_response_dynamics(coord, o).converged);
  o.simultaneous = false;
  CHECK(best_response_dynamics(coord, o).converged);
}
