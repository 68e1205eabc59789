#include "sim/learn/logit_response.hpp"

#include <doctest/doctest.h>

#include "sim/learn/learning.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("logit response converges to a logit QRE: a fixed point of the logit map") {
  const NormalFormGame g = testing::bimatrix({{{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}}, {{1, 1}, {0, 0}, {2, 2}}});
  LearningOptions o;
  o.lambda = 2.0;
  o.step = 0.2;
  o.tol = 1e-12;
  o.max_iterations = 200000;
  const LearningResult r = logit_response(g, o);
  CHECK(r.converged);
  CHECK(profile_distance(logit_choice(g, r.final_profile, o.lambda), r.final_profile) < 1e-9);
}

TEST_CASE("logit response in rock-paper-scissors rests at the uniform profile") {
  const NormalFormGame rps = testing::rock_paper_scissors();
  LearningOptions o;
  o.lambda = 1.0;
  o.step = 0.1;
  o.tol = 1e-12;
  o.max_iterations = 200000;
  o.initial = {{0.6, 0.3, 0.1}, {0.2, 0.2, 0.6}};
  const LearningResult r = logit_response(rps, o);
  CHECK(r.converged);
  for (const auto& row : r.final_profile)
    for (double p : row) CHECK(p == doctest::Approx(1.0 / 3.0).epsilon(1e-6));
  CHECK(r.max_regret < 1e-6);
}
