// --time-limit inside the stages that used to run unchecked for a long time
// (issue 12, "Limits and output files"): the Monte Carlo runs between block
// checks, building the correlated-equilibrium LP, the points of a sweep
// batch, enum's exact pass and its candidate re-solves, the payoff Jacobian
// of games with many players, the post-processing of pure equilibria, and
// the memory estimate of the logit Jacobian. Each test uses a deadline that
// has already passed (or that certainly passes long before the work is done)
// and asserts the LimitError / limit_reached, never a duration.
// See docs/reliability.md, "Limits".
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/global_newton.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/newton_polish.hpp"
#include "sim/solve/payoff_jacobian.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "sim/sweep/sweep_analysis.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/limits.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/tolerance.hpp"

using namespace negsim;

namespace {

using negsim::testing::expired_deadline;
using negsim::testing::limit_message;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

NormalFormGame prisoners_dilemma() {
  NormalFormGame pd({2, 2});
  const double payoffs[4][2] = {{9, 9}, {10, 1}, {1, 10}, {3, 3}};
  for (std::size_t idx = 0; idx < 4; ++idx)
    for (std::size_t p = 0; p < 2; ++p) pd.set_payoff(p, idx, payoffs[idx][p]);
  return pd;
}

}  // namespace

TEST_CASE("time limit everywhere: a simulation block of many short runs stops inside the block") {
  const NormalFormGame pd = prisoners_dilemma();
  const PureProfile target{0, 0};
  std::vector<Automaton> tft;
  for (std::size_t p = 0; p < 2; ++p) tft.push_back(make_strategy("tit-for-tat", pd, p, target));
  SimulationOptions sim;
  sim.runs = 64;          // one block of the parallel loop
  sim.rounds = 65'535;    // each run just under the old per-run check (every 65,536 rounds)
  sim.tremble = 0.05;
  sim.history_runs = 0;
  // Four million rounds cannot be played in a millisecond: the old code read
  // the clock only at the start of the block and returned the estimate.
  sim.deadline = Deadline::after_seconds(1e-3);
  const std::string message = limit_message([&] { simulate(pd, tft, sim); });
  CHECK(has(message, "simulating the repeated game: "));
  CHECK(has(message, " of 64 runs done; nothing is reported"));
  CHECK_FALSE(has(message, "64 of 64"));

  // An expired deadline stops before the first run; a generous one changes nothing.
  sim.rounds = 100;
  sim.deadline = expired_deadline();
  CHECK(has(limit_message([&] { simulate(pd, tft, sim); }), "0 of 64 runs done"));
  sim.deadline = Deadline::after_seconds(3600);
  SimulationOptions unlimited = sim;
  unlimited.deadline = Deadline{};
  CHECK(simulate(pd, tft, sim).mean_total == simulate(pd, tft, unlimited).mean_total);
}

TEST_CASE("time limit everywhere: building the CE and CCE constraint rows") {
  const NormalFormGame game = negsim::testing::random_game({5, 4, 3}, 2, negsim::testing::integer_payoffs(0, 9));
  // CE: n(n-1) swap rows per player; CCE: n rows per player.
  for (const auto& entry : {std::pair{CorrelationKind::Correlated, std::string("38")},
                            std::pair{CorrelationKind::CoarseCorrelated, std::string("12")}}) {
    // Not a structured binding: lambdas cannot capture one in clang 14 (ci_sanitize).
    const CorrelationKind kind = entry.first;
    const std::string& rows = entry.second;
    CAPTURE(rows);
    const std::string message =
        limit_message([&] { correlated_constraint_matrix(game, kind, expired_deadline()); });
    CHECK(has(message, "time limit of 1e-09 s reached while building the "));
    CHECK(has(message, "equilibrium LP: 0 of " + rows + " incentive rows built; nothing is reported"));
    // A generous limit builds the same matrix as none.
    const CorrelatedLpMatrix a = correlated_constraint_matrix(game, kind, Deadline::after_seconds(3600));
    const CorrelatedLpMatrix b = correlated_constraint_matrix(game, kind);
    CHECK(a.num_rows == b.num_rows);
    CHECK(a.values == b.values);
    CHECK(a.rows == b.rows);
  }
}

TEST_CASE("time limit everywhere: a sweep point checks the deadline, the first batch is dropped whole") {
  using namespace negsim::testing;
  TempDir dir;
  const Scenario base = sweep_scenario();
  const SweepSpec spec(base, {{"grid", "T=1:5:9"}, {"list", "risk=1,0"}}, 0, 11);
  SweepOptions options;
  options.jobs = 1;
  options.progress = false;
  options.out = dir.file("clean.csv");
  run_sweep(base, spec, options);
  const std::string clean = read_text_file(options.out);

  // The engine alone: a point under an expired deadline is not computed.
  SweepOptions expired = options;
  expired.deadline = expired_deadline();
  const AnalysisOptions analysis = sweep_analysis_options(expired);
  const SweepEngine engine(base, spec, make_sweep_analyses(expired.analyses, base, analysis), expired.format,
                           analysis.build);
  const PointSequence points = shard_points(spec, expired);
  std::vector<std::string> per_point;
  for (const unsigned jobs : {1u, 2u}) {
    CAPTURE(jobs);
    const std::string message = limit_message([&] { engine.run_points(points, 0, 18, jobs, per_point); });
    CHECK(has(message, "sweeping: point "));
    CHECK(has(message, "not finished; its batch is not written"));
  }

  // The driver: the deadline passes during the first batch (the batch waits
  // for it), so no batch-level check sees it; the point-level check stops the
  // batch, nothing of it is written, and the file is the header alone: a
  // prefix that --resume completes.
  SweepOptions limited = options;
  limited.out = dir.file("limited.csv");
  // Long enough that building the engine (slow under ASan) cannot use it up
  // before the first batch starts; the batch then waits for it to pass.
  limited.deadline = Deadline::after_seconds(1.0);
  const AnalysisOptions limited_analysis = sweep_analysis_options(limited);
  const SweepEngine limited_engine(base, spec, make_sweep_analyses(limited.analyses, base, limited_analysis),
                                   limited.format, limited_analysis.build);
  std::size_t batches_started = 0;
  const std::string message = limit_message([&] {
    drive_sweep(limited_engine, limited, [&](std::size_t first, std::size_t count, std::vector<std::string>& out) {
      ++batches_started;
      while (!limited.deadline.expired()) {
      }
      return limited_engine.run_points(points, first, count, 1, out);
    });
  });
  CHECK(batches_started == 1);
  CHECK(has(message, "sweeping: 0 of 18 points of this shard are in the output"));
  const std::string partial = read_text_file(limited.out);
  CHECK(partial == clean.substr(0, clean.find('\n') + 1));
  limited.deadline = Deadline{};
  limited.resume = true;
  run_sweep(base, spec, limited);
  CHECK(read_text_file(limited.out) == clean);
}

TEST_CASE("time limit everywhere: enum's exact pass reads the clock as often as the double pass") {
  // 6x6: more than 16 but fewer than 256 bases per polytope, so the exact
  // pass (checked every 16 exact pivots) stops where the old check (every
  // 256) never came.
  const NormalFormGame game = negsim::testing::random_game({6, 6}, 3, negsim::testing::integer_payoffs(0, 99));
  SolveOptions options;
  options.method = "enum";
  options.exact = true;
  const SolveResult full = enumerate_extreme_equilibria(game, options);
  REQUIRE(full.complete);
  options.deadline = expired_deadline();
  const SolveResult partial = enumerate_extreme_equilibria(game, options);
  CHECK_FALSE(partial.complete);
  REQUIRE(partial.limit_reached.has_value());
  CHECK(has(partial.limit_reached->message, "enumerating vertices: "));
  CHECK(has(partial.limit_reached->message, "the list is incomplete"));
  CHECK(partial.equilibria.size() <= full.equilibria.size());
  for (const Equilibrium& eq : partial.equilibria) CHECK(verify_exact_equilibrium(game, *eq.exact, "enum").has_value());
}

TEST_CASE("time limit everywhere: enum's doubted double answer is not re-solved after the deadline") {
  // A prisoner's dilemma whose temptation is 1e10: the double pass cannot
  // decide it (issue 12, numerics) and asks for the exact pass.
  const NormalFormGame game = read_nfg(R"(NFG 1 R "pd" { "1" "2" } { 2 2 }
3 3 10000000000 0 0 10000000000 1 1
)");
  SolveOptions options;
  options.method = "enum";
  const SolveResult full = enumerate_extreme_equilibria(game, options);
  REQUIRE(full.complete);
  REQUIRE(full.equilibria.size() == 1);
  const bool redone = std::any_of(full.notes.begin(), full.notes.end(),
                                  [](const std::string& n) { return has(n, "redone in exact arithmetic"); });
  REQUIRE(redone);
  options.deadline = expired_deadline();
  const SolveResult partial = enumerate_extreme_equilibria(game, options);
  CHECK_FALSE(partial.complete);
  REQUIRE(partial.limit_reached.has_value());
  CHECK(has(partial.limit_reached->message, "re-solving in exact arithmetic ("));
  CHECK(has(partial.limit_reached->message, "): not started"));
  for (const Equilibrium& eq : partial.equilibria) CHECK(negsim::testing::regrets_within_tolerance(game, eq.profile));
}

TEST_CASE("time limit everywhere: the payoff Jacobian of a many-player game checks the deadline") {
  // 12 players (past the direct products): 4096 profiles, each O(N^2).
  const NormalFormGame game = negsim::testing::random_game(std::vector<std::size_t>(12, 2), 5,
                                                           negsim::testing::integer_payoffs(-9, 9));
  const Deadline expired = expired_deadline();
  const PayoffJacobian limited(game, 1.0, &expired);
  std::vector<double> sigma(24), values(24);
  for (std::size_t i = 0; i < 24; ++i) sigma[i] = i % 2 ? 0.3 : 0.7;
  Eigen::MatrixXd jac;
  const std::string message = limit_message([&] { limited.values_and_jacobian(sigma.data(), values.data(), jac); });
  CHECK(has(message, "evaluating expected payoffs and their derivatives: "));
  CHECK(has(message, " of 4096 profiles done"));

  // Without a deadline the prefix/suffix products give what the game's own
  // action values give: d v_p(a) / d sigma_q(b) is p's value of a when q
  // plays b for sure (the values are multilinear).
  const PayoffJacobian kernel(game);
  kernel.values_and_jacobian(sigma.data(), values.data(), jac);
  MixedProfile profile = unflatten_profile(game, sigma.data());
  for (std::size_t p = 0; p < 12; ++p) {
    const std::vector<double> expected = game.action_values(profile, p);
    for (std::size_t a = 0; a < 2; ++a) CHECK(values[2 * p + a] == doctest::Approx(expected[a]).epsilon(1e-12));
  }
  for (std::size_t q : {0u, 5u, 11u}) {
    for (std::size_t b = 0; b < 2; ++b) {
      MixedProfile pure_q = profile;
      pure_q[q] = {b == 0 ? 1.0 : 0.0, b == 1 ? 1.0 : 0.0};
      for (std::size_t p = 0; p < 12; ++p) {
        const std::vector<double> derivative = game.action_values(pure_q, p);
        for (std::size_t a = 0; a < 2; ++a)
          CHECK(jac(2 * p + a, 2 * q + b) == doctest::Approx(p == q ? 0.0 : derivative[a]).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("time limit everywhere: Newton polishing (inside logit) of a many-player game checks the deadline") {
  const NormalFormGame game = negsim::testing::random_game(std::vector<std::size_t>(12, 2), 6,
                                                           negsim::testing::integer_payoffs(-9, 9));
  const MixedProfile uniform(12, std::vector<double>{0.5, 0.5});
  REQUIRE(game.max_regret(uniform) > 1e-3);
  const Deadline expired = expired_deadline();
  const std::string message = limit_message([&] { polish_equilibrium(game, uniform, 1e-10, &expired); });
  CHECK(has(message, " of 4096 profiles done"));
  // Without a deadline it runs (and whatever it returns is no worse than the input).
  const auto polished = polish_equilibrium(game, uniform, 1e-10);
  if (polished) CHECK(game.max_regret(*polished) < game.max_regret(uniform));
}

TEST_CASE("time limit everywhere: logit and gnm refuse a Jacobian larger than memory before allocating it") {
  // Two players with 100,000 and 1 actions: a table of 200,000 payoffs, but
  // a dense 100,001 x 100,001 Jacobian (80 GB, six of them on the path).
  NormalFormGame game({100'000, 1});
  SolveOptions options;
  options.method = "logit";
  const std::string message = limit_message([&] { logit_qre(game, options); });
  CHECK(has(message, "the logit path's dense Jacobian matrices (100001 x 100001"));
  options.method = "gnm";
  CHECK(has(limit_message([&] { global_newton(game, options); }), "the gnm rays' dense Jacobian matrices (100001 x 100001"));
}

TEST_CASE("time limit everywhere: pure stops listing candidates at the deadline, verified ones kept") {
  // Every profile of a constant 20x20 game is a pure equilibrium: 400
  // candidates, 800 payoff entries (below the search's first clock read).
  NormalFormGame game({20, 20});
  SolveOptions options;
  options.method = "pure";
  const SolveResult full = solve_pure_nash(game, options);
  REQUIRE(full.equilibria.size() == 400);
  options.deadline = expired_deadline();
  const SolveResult partial = solve_pure_nash(game, options);
  CHECK_FALSE(partial.complete);
  REQUIRE(partial.limit_reached.has_value());
  CHECK(partial.limit_reached->kind == LimitKind::time);
  CHECK(has(partial.limit_reached->message, "listing pure equilibria: 255 of 400 candidates checked, 255 verified"));
  CHECK(partial.equilibria.size() == 255);

  // The payoffs and regrets read from the tables are those of the mixed form.
  const NormalFormGame random = negsim::testing::random_game({4, 3, 3}, 8, negsim::testing::integer_payoffs(0, 2));
  const SolveResult found = solve_pure_nash(random, {});
  REQUIRE_FALSE(found.equilibria.empty());
  for (const Equilibrium& eq : found.equilibria) {
    CHECK(eq.payoffs == random.expected_payoffs(eq.profile));
    CHECK(eq.max_regret == random.max_regret(eq.profile));
  }
}
