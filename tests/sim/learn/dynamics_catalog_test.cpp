#include "sim/learn/dynamics_catalog.hpp"

#include <set>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/learn/fictitious_play.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("dynamics catalog: every dynamic once, each runnable - unknown names get a did-you-mean") {
  const NormalFormGame pd = testing::bimatrix({{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}});
  std::set<std::string> names;
  for (const DynamicsInfo& d : dynamics_catalog()) {
    CHECK(names.insert(d.name).second);
    CHECK(&find_dynamics(d.name) == &d);
    LearningOptions options;
    options.max_iterations = 200;
    const LearningRun run = run_learning(pd, d.name, options, 1e-6);
    CHECK(run.result.iterations >= 1);
    CHECK(run.trajectory.front().iteration == 0);
    REQUIRE(run.verdict.regrets.size() == 2);
  }
  CHECK(names.size() == 6);
  try {
    find_dynamics("replikator");
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("did you mean 'replicator'?") != std::string::npos);
  }
}

TEST_CASE("run_learning: the trajectory's payoffs and the verdict are recomputed from the game") {
  const NormalFormGame pd = testing::bimatrix({{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}});
  LearningOptions options;
  options.max_iterations = 50;
  options.trace_every = 10;
  const LearningRun run = run_learning(pd, "fictitious-play", options, 1e-6);
  // The same dynamic called directly ends at the same profile.
  CHECK(run.result.final_profile == fictitious_play(pd, options).final_profile);
  REQUIRE(run.trajectory.size() == 6);  // 0, 10, ..., 50
  for (const TrajectoryPoint& point : run.trajectory) {
    CHECK(point.payoffs == pd.expected_payoffs(point.profile));
    CHECK(point.iteration % 10 == 0);
  }
  CHECK(run.trajectory[0].payoffs[0] == doctest::Approx(2.25));  // uniform start: (3 + 0 + 5 + 1) / 4
  // After 50 rounds of defection the empirical frequencies keep q = 0.5 / 51
  // on cooperation, so each player's regret is q (1 + q) ~ 0.0099: far above
  // 1e-6 of the payoff range 5, though fictitious play is on its way.
  CHECK(run.verdict.max_regret > 1e-3);
  CHECK_FALSE(run.verdict.is_equilibrium);
  // A loose tolerance accepts it: the verdict is relative to the payoff range.
  CHECK(run_learning(pd, "fictitious-play", options, 0.05).verdict.is_equilibrium);
  // Best responses end at (defect, defect) exactly: verified at any tolerance.
  const LearningRun br = run_learning(pd, "best-response", options, 1e-12);
  CHECK(br.verdict.is_equilibrium);
  CHECK(br.verdict.max_regret == 0);
  // A mixed start for a pure dynamic is a usage error.
  options.initial = {{0.5, 0.5}, {1, 0}};
  CHECK_THROWS_AS(run_learning(pd, "best-response", options, 1e-6), UsageError);
}
