#include "sim/learn/regret_matching.hpp"

#include <random>

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
// Coarse-correlated gap of a joint distribution, computed from the game alone:
// max_i max_a E_joint[u_i(a, s_-i)] - E_joint[u_i(s)].
double cce_gap(const NormalFormGame& g, const std::vector<double>& joint) {
  double worst = 0;
  for (std::size_t i = 0; i < g.num_players(); ++i) {
    double value = 0;
    std::vector<double> dev(g.num_actions(i), 0.0);
    for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
      if (joint[idx] == 0) continue;
      value += joint[idx] * g.payoff(i, idx);
      const std::size_t base = idx - g.action_of(idx, i) * g.stride(i);
      for (std::size_t a = 0; a < dev.size(); ++a) dev[a] += joint[idx] * g.payoff(i, base + a * g.stride(i));
    }
    for (double d : dev) worst = std::max(worst, d - value);
  }
  return worst;
}
}  // namespace

TEST_CASE("regret matching: the empirical joint play approaches the coarse correlated set") {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 3; ++trial) {
    NormalFormGame g({3, 3, 2});
    std::uniform_real_distribution<double> u(0, 1);
    for (std::size_t p = 0; p < 3; ++p)
      for (double& v : g.payoff_table(p)) v = u(rng);
    LearningOptions o;
    o.seed = 5 + trial;
    o.tol = 0;  // run all iterations
    o.max_iterations = 500;
    const LearningResult early = regret_matching(g, o);
    o.max_iterations = 40000;
    const LearningResult late = regret_matching(g, o);
    // The reported gap matches an independent computation from the joint distribution.
    CHECK(late.cce_gap == doctest::Approx(cce_gap(g, late.joint)).epsilon(1e-9));
    CHECK(late.cce_gap < 0.02);
    CHECK(late.cce_gap < early.cce_gap);
    double total = 0;
    for (double x : late.joint) total += x;
    CHECK(total == doctest::Approx(1.0));
  }
}

TEST_CASE("regret matching in matching pennies: marginals near (1/2,1/2)") {
  const NormalFormGame mp = testing::matching_pennies();
  LearningOptions o;
  o.max_iterations = 50000;
  o.tol = 0;
  o.seed = 3;
  const LearningResult r = regret_matching(mp, o);
  CHECK(r.final_profile[0][0] == doctest::Approx(0.5).epsilon(0.05));
  CHECK(r.max_regret < 0.05);
}
