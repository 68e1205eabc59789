#include "sim/learn/fictitious_play.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("fictitious play on rock-paper-scissors: empirical play tends to (1/3,1/3,1/3) (Robinson 1951)") {
  const NormalFormGame rps = testing::rock_paper_scissors();
  LearningOptions o;
  o.max_iterations = 20000;
  o.tol = 1e-3;
  o.initial = {{1, 0, 0}, {0, 1, 0}};
  const LearningResult r = fictitious_play(rps, o);
  for (std::size_t i = 0; i < 2; ++i)
    for (double p : r.final_profile[i]) CHECK(p == doctest::Approx(1.0 / 3.0).epsilon(0.06));
  CHECK(r.max_regret < 0.05);
  CHECK(r.max_regret == doctest::Approx(rps.max_regret(r.final_profile)));
  // Regret shrinks as play goes on.
  o.max_iterations = 500;
  CHECK(fictitious_play(rps, o).max_regret > r.max_regret);
}

TEST_CASE("fictitious play converges to the pure equilibrium of a dominance-solvable game") {
  LearningOptions o;
  o.tol = 2e-3;  // of each player's payoff range (5): a regret of 0.01
  const LearningResult r = fictitious_play(testing::pd_axelrod(), o);
  CHECK(r.converged);
  CHECK(r.final_profile[0][1] > 0.99);
  CHECK(r.final_profile[1][1] > 0.99);
}
