// Learning dynamics do not depend on payoff units: a separate positive affine
// change a_p * u_p + b_p of each player's payoffs leaves the path of every
// dynamic whose update is unit-free, its convergence verdict and its
// iteration count unchanged, because each stopping rule measures regret per
// player relative to that player's payoff range, and the replicator dynamics
// measure payoffs in each player's range (learning.hpp).
// Regression: absolute thresholds made fictitious play and regret matching
// "converge" at once when a player's payoffs were a few 1e-9 and never when
// they were near 1e9; the replicator dynamics froze (velocity ~ 1e-9).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/learn/fictitious_play.hpp"
#include "sim/learn/regret_matching.hpp"
#include "sim/learn/replicator.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

NormalFormGame changed(const NormalFormGame& game, const std::vector<double>& a, const std::vector<double>& b) {
  NormalFormGame out = game;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : out.payoff_table(p)) v = a[p] * v + b[p];
  return out;
}

// Shifts stay within 1e7 of each player's scale (the payoffs remain distinct doubles).
const std::vector<std::vector<double>> kScales = {{1e9, 1e-9}, {1e-9, 1e9}, {1e-6, 1e6}, {1.0, 1e9}};
const std::vector<std::vector<double>> kShifts = {{2e9, 3e-9}, {-4e-9, 1e9}, {5e-6, -2e6}, {0.5, 7e9}};

void check_same_run(const LearningResult& r, const LearningResult& base, double profile_tol) {
  CHECK(r.converged == base.converged);
  CHECK(r.iterations == base.iterations);
  REQUIRE(r.final_profile.size() == base.final_profile.size());
  for (std::size_t i = 0; i < base.final_profile.size(); ++i)
    for (std::size_t k = 0; k < base.final_profile[i].size(); ++k)
      CHECK(std::abs(r.final_profile[i][k] - base.final_profile[i][k]) <= profile_tol);
}

}  // namespace

TEST_CASE("learning units: fictitious play stops at the same round on rescaled games") {
  LearningOptions o;
  o.max_iterations = 4000;
  o.tol = 1e-3;
  // No ties on the path (a strictly dominant action): the same path, bit for bit.
  const NormalFormGame pd = testing::pd_axelrod();
  const LearningResult base = fictitious_play(pd, o);
  REQUIRE(base.converged);
  for (std::size_t s = 0; s < kScales.size(); ++s) {
    CAPTURE(s);
    check_same_run(fictitious_play(changed(pd, kScales[s], kShifts[s]), o), base, 0.0);
  }
  // Exact ties between best replies may break either way after rounding, so
  // the path may differ; the verdict may not.
  o.tol = 1e-2;
  for (const NormalFormGame& g : {testing::matching_pennies(), testing::rock_paper_scissors(), testing::chicken()}) {
    const LearningResult b = fictitious_play(g, o);
    for (std::size_t s = 0; s < kScales.size(); ++s) {
      CAPTURE(s);
      CHECK(fictitious_play(changed(g, kScales[s], kShifts[s]), o).converged == b.converged);
    }
  }
}

TEST_CASE("learning units: regret matching stops at the same round on rescaled games") {
  LearningOptions o;
  o.max_iterations = 20000;
  o.tol = 2e-2;
  o.seed = 7;
  for (const NormalFormGame& g : {testing::matching_pennies(), testing::chicken()}) {
    const LearningResult base = regret_matching(g, o);
    REQUIRE(base.converged);
    for (std::size_t s = 0; s < kScales.size(); ++s) {
      CAPTURE(s);
      check_same_run(regret_matching(changed(g, kScales[s], kShifts[s]), o), base, 1e-12);
    }
  }
}

TEST_CASE("learning units: replicator dynamics follow the same path on rescaled games") {
  const NormalFormGame g = testing::bimatrix({{{2, 2}, {0, 0}}, {{0, 0}, {1, 1}}});
  LearningOptions o;
  o.max_iterations = 100000;
  o.tol = 1e-9;
  o.initial = {{0.6, 0.4}, {0.45, 0.55}};
  for (bool discrete : {false, true}) {
    CAPTURE(discrete);
    const LearningResult base = discrete ? replicator_discrete(g, o) : replicator_continuous(g, o);
    REQUIRE(base.converged);
    for (std::size_t s = 0; s < kScales.size(); ++s) {
      CAPTURE(s);
      const NormalFormGame h = changed(g, kScales[s], kShifts[s]);
      const LearningResult r = discrete ? replicator_discrete(h, o) : replicator_continuous(h, o);
      CHECK(r.converged);
      CHECK(std::abs(static_cast<double>(r.iterations) - static_cast<double>(base.iterations)) <= 2);
      for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t k = 0; k < 2; ++k) CHECK(std::abs(r.final_profile[i][k] - base.final_profile[i][k]) <= 1e-6);
    }
  }
}
