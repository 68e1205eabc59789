#include "sim/learn/replicator.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("replicator dynamics eliminate the dominated action of the prisoner's dilemma") {
  LearningOptions o;
  o.max_iterations = 100000;
  o.tol = 1e-10;
  o.initial = {{0.9, 0.1}, {0.8, 0.2}};
  for (const LearningResult& r : {replicator_continuous(testing::pd_axelrod(), o),
                                  replicator_discrete(testing::pd_axelrod(), o)}) {
    CHECK(r.converged);
    CHECK(r.final_profile[0][1] > 0.999);
    CHECK(r.final_profile[1][1] > 0.999);
    CHECK(r.max_regret < 1e-3);
  }
}

TEST_CASE("replicator dynamics in a coordination game pick the basin's equilibrium") {
  const NormalFormGame g = testing::bimatrix({{{2, 2}, {0, 0}}, {{0, 0}, {1, 1}}});
  LearningOptions o;
  o.max_iterations = 100000;
  o.tol = 1e-10;
  o.initial = {{0.6, 0.4}, {0.6, 0.4}};  // mixed equilibrium at 1/3: basin of (0,0)
  const LearningResult a = replicator_continuous(g, o);
  CHECK(a.final_profile[0][0] > 0.999);
  o.initial = {{0.2, 0.8}, {0.2, 0.8}};
  const LearningResult b = replicator_discrete(g, o);
  CHECK(b.final_profile[0][1] > 0.999);
  CHECK(b.max_regret < 1e-3);
}
