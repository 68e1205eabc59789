// --time-limit in every long-running method: with a deadline that has
// already passed (no wall-clock race), each method stops at its first check
// with LimitError or, for the methods that collect several equilibria,
// returns only verified equilibria marked incomplete (limit_reached); a
// generous deadline changes nothing. See docs/reliability.md, "Limits".
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/learn/best_response_dynamics.hpp"
#include "sim/learn/fictitious_play.hpp"
#include "sim/learn/logit_response.hpp"
#include "sim/learn/regret_matching.hpp"
#include "sim/learn/replicator.hpp"
#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/critical_discount.hpp"
#include "sim/repeated/minmax.hpp"
#include "sim/repeated/outer_approximation.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/repeated/sustainability.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/global_newton.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "sim/solve/zero_sum_lp.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/limits.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_games.hpp"
#include "tests/support/tolerance.hpp"

using namespace negsim;

namespace {

using negsim::testing::expired_deadline;
using negsim::testing::limit_message;

SolveOptions with_method(const std::string& method, Deadline deadline) {
  SolveOptions options;
  options.method = method;
  options.deadline = deadline;
  return options;
}

bool contains_profile(const SolveResult& result, const MixedProfile& profile) {
  for (const Equilibrium& eq : result.equilibria)
    if (same_profile(eq.profile, profile, 1e-9)) return true;
  return false;
}

// What every result cut by a limit must satisfy: verified equilibria only,
// a subset of the full answer, marked incomplete with the limit's message.
void check_partial(const NormalFormGame& game, const SolveResult& partial, const SolveResult& full,
                   const std::string& activity) {
  CHECK_FALSE(partial.complete);
  REQUIRE(partial.limit_reached.has_value());
  CHECK(partial.limit_reached->kind == LimitKind::time);
  CHECK(partial.limit_reached->message.find("time limit of 1e-09 s reached while " + activity) == 0);
  CHECK(partial.limit_reached->message.find("verified equilibria found") != std::string::npos);
  CHECK(std::find(partial.notes.begin(), partial.notes.end(), partial.limit_reached->message) != partial.notes.end());
  CHECK(partial.rejected == 0);
  for (const Equilibrium& eq : partial.equilibria) {
    CHECK(negsim::testing::regrets_within_tolerance(game, eq.profile));
    CHECK(contains_profile(full, eq.profile));
  }
}

const char* const kPrisoners = R"(NFG 1 R "pd" { "1" "2" } { 2 2 }
9 9 10 1 1 10 3 3
)";

}  // namespace

TEST_CASE("time limit: Deadline::from_option and the time left for GLPK") {
  CHECK(Deadline::from_option(0).unlimited());
  CHECK_THROWS_AS(Deadline::from_option(-1), UsageError);
  CHECK_THROWS_AS(Deadline::from_option(std::nan("")), UsageError);
  CHECK(Deadline{}.milliseconds_left_for_glpk() == std::numeric_limits<int>::max());
  CHECK(expired_deadline().remaining_seconds() == 0);
  CHECK(expired_deadline().milliseconds_left_for_glpk() >= 1);  // never GLPK's "no limit" (0)
  const Deadline hour = Deadline::after_seconds(3600);
  CHECK(hour.remaining_seconds() > 3500);
  CHECK(hour.milliseconds_left_for_glpk() > 3'500'000);
  CHECK(expired_deadline().message("doing X: 3 done") == "time limit of 1e-09 s reached while doing X: 3 done");
}

TEST_CASE("time limit: enum returns the verified equilibria found so far, marked incomplete") {
  // 12x12: thousands of bases, so the search stops at its first check (256 bases).
  const NormalFormGame game = negsim::testing::random_game({12, 12}, 5, negsim::testing::integer_payoffs(0, 99));
  const SolveResult full = enumerate_extreme_equilibria(game, {});
  REQUIRE(full.complete);
  REQUIRE_FALSE(full.limit_reached.has_value());
  for (const bool exact : {false, true}) {
    CAPTURE(exact);
    SolveOptions options = with_method("enum", expired_deadline());
    options.exact = exact;
    const SolveResult partial = enumerate_extreme_equilibria(game, options);
    check_partial(game, partial, full, "enumerating vertices: ");
    CHECK(partial.limit_reached.value_or(LimitReached{}).message.find("bases visited") != std::string::npos);
    CHECK(partial.equilibria.size() < full.equilibria.size());
    // Through the dispatcher: the same partial list, or LimitError if it is empty.
    if (partial.equilibria.empty()) {
      CHECK_THROWS_AS(solve(game, options), LimitError);
    } else {
      CHECK(solve(game, options).equilibria.size() == partial.equilibria.size());
    }
    // A generous limit changes nothing.
    options.deadline = Deadline::after_seconds(3600);
    const SolveResult generous = enumerate_extreme_equilibria(game, options);
    CHECK(generous.complete);
    CHECK_FALSE(generous.limit_reached.has_value());
    CHECK(generous.equilibria.size() == full.equilibria.size());
  }
}

TEST_CASE("time limit: lh from one label throws, from every label it returns the verified ends so far") {
  const NormalFormGame game = negsim::testing::random_game({20, 20}, 7, negsim::testing::real_payoffs(-1.0, 1.0));
  for (const bool exact : {false, true}) {
    CAPTURE(exact);
    SolveOptions one = with_method("lh", expired_deadline());
    one.exact = exact;
    const std::string message = limit_message([&] { lemke_howson(game, one); });
    CHECK(message.find("following the Lemke-Howson path from label 1: 0 pivots done") != std::string::npos);
    CHECK(message.find("none is reported") != std::string::npos);

    SolveOptions all = one;
    all.all_labels = true;
    all.deadline = Deadline{};
    const SolveResult full = lemke_howson(game, all);
    REQUIRE_FALSE(full.limit_reached.has_value());
    all.deadline = expired_deadline();
    const SolveResult partial = lemke_howson(game, all);
    check_partial(game, partial, full, "following the Lemke-Howson path from label 1: ");
    CHECK(partial.limit_reached.value_or(LimitReached{}).message.find("0 of 40 labels done") != std::string::npos);
    CHECK_THROWS_AS(solve(game, all), LimitError);  // nothing verified yet
    // A generous limit changes nothing.
    all.deadline = Deadline::after_seconds(3600);
    const SolveResult generous = lemke_howson(game, all);
    CHECK_FALSE(generous.limit_reached.has_value());
    CHECK(generous.equilibria.size() == full.equilibria.size());
  }
}

TEST_CASE("time limit: auto on a large 2-player game keeps the pure equilibria when LH runs out of time") {
  // 13x13 is past enum's size in auto, so the mixed part is Lemke-Howson.
  std::uint64_t seed = 1;
  NormalFormGame game = negsim::testing::random_game({13, 13}, seed, negsim::testing::integer_payoffs(0, 99));
  while (solve_pure_nash(game, {}).equilibria.empty() && seed < 100)
    game = negsim::testing::random_game({13, 13}, ++seed, negsim::testing::integer_payoffs(0, 99));
  const SolveResult pure = solve_pure_nash(game, {});
  REQUIRE_FALSE(pure.equilibria.empty());
  const SolveResult partial = solve(game, with_method("auto", expired_deadline()));
  CHECK_FALSE(partial.complete);
  CHECK(partial.limit_reached.value_or(LimitReached{}).message.find("racing Lemke-Howson paths from 26 labels") != std::string::npos);
  REQUIRE(partial.equilibria.size() == pure.equilibria.size());
  for (const Equilibrium& eq : partial.equilibria) CHECK(contains_profile(pure, eq.profile));
}

TEST_CASE("time limit: auto keeps pure equilibria and marks the mixed search incomplete") {
  const NormalFormGame game = negsim::testing::random_game({12, 12}, 5, negsim::testing::integer_payoffs(0, 99));
  const SolveResult full = solve(game, with_method("auto", Deadline{}));
  try {
    const SolveResult partial = solve(game, with_method("auto", expired_deadline()));
    check_partial(game, partial, full, "enumerating vertices: ");
    CHECK_FALSE(partial.equilibria.empty());
  } catch (const LimitError& e) {
    CHECK(std::string(e.what()).find("none is reported") != std::string::npos);
  }
}

TEST_CASE("time limit: logit and gnm stop before the next start, nothing unverified") {
  const NormalFormGame game = negsim::testing::random_game({3, 3, 3}, 9, negsim::testing::integer_payoffs(0, 19));
  for (const std::string method : {"logit", "gnm"}) {
    CAPTURE(method);
    SolveOptions options = with_method(method, expired_deadline());
    options.starts = 4;
    const SolveResult partial = method == "logit" ? logit_qre(game, options) : global_newton(game, options);
    CHECK_FALSE(partial.complete);
    CHECK(partial.equilibria.empty());  // not one path step was taken
    CHECK(partial.limit_reached.value_or(LimitReached{}).message.find("0 of 4") != std::string::npos);
    const std::string message = limit_message([&] { solve(game, options); });
    CHECK(message.find("time limit of 1e-09 s reached") != std::string::npos);
    CHECK(message.find("none is reported") != std::string::npos);
    // A generous limit changes nothing.
    options.deadline = Deadline::after_seconds(3600);
    SolveOptions unlimited = options;
    unlimited.deadline = Deadline{};
    const SolveResult a = solve(game, options), b = solve(game, unlimited);
    CHECK_FALSE(a.limit_reached.has_value());
    REQUIRE(a.equilibria.size() == b.equilibria.size());
    for (std::size_t i = 0; i < a.equilibria.size(); ++i) CHECK(same_profile(a.equilibria[i].profile, b.equilibria[i].profile));
  }
}

TEST_CASE("time limit: ce, cce, lp and dominance have one answer and throw LimitError") {
  const NormalFormGame game = negsim::testing::random_game({6, 6}, 3, negsim::testing::integer_payoffs(0, 49));
  for (const std::string method : {"ce", "cce"}) {
    CAPTURE(method);
    const std::string message = limit_message([&] { solve_correlated(game, with_method(method, expired_deadline())); });
    CHECK(message.find("nothing is reported") != std::string::npos);
    CHECK(solve_correlated(game, with_method(method, Deadline::after_seconds(3600))).max_gain <=
          negsim::testing::largest_tolerance(game));
  }
  const std::string dominance = limit_message([&] { solve(game, with_method("dominance", expired_deadline())); });
  CHECK(dominance.find("eliminating dominated strategies: round 1, 0 eliminations verified") != std::string::npos);
  CHECK(solve_by_dominance(game, with_method("dominance", Deadline::after_seconds(3600))).elimination.surviving ==
        solve_by_dominance(game, with_method("dominance", Deadline{})).elimination.surviving);

  const NormalFormGame pennies = negsim::testing::matching_pennies();
  const std::string lp = limit_message([&] { solve(pennies, with_method("lp", expired_deadline())); });
  CHECK(lp.find("solving the zero-sum LP") != std::string::npos);
  CHECK(solve(pennies, with_method("lp", Deadline::after_seconds(3600))).equilibria.size() == 1);
}

TEST_CASE("time limit: backward induction throws before the root, nothing partial") {
  MultiStageGame game(2, {GameStage{"offer", {0}, {20}, {}}, GameStage{"answer", {1}, {20}, {}}});
  game.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    out[0] = static_cast<double>((a[0][0] * 7 + a[1][0] * 3) % 11);
    out[1] = static_cast<double>((a[0][0] * 5 + a[1][0] * 2) % 13);
  });
  for (const StageSelection select : {StageSelection::kFirst, StageSelection::kAll}) {
    BackwardInductionOptions options;
    options.select = select;
    options.deadline = expired_deadline();
    const std::string message = limit_message([&] { solve_backward_induction(game, options); });
    CHECK(message.find("backward induction: 0 of 2 stages") != std::string::npos);
    options.deadline = Deadline::after_seconds(3600);
    BackwardInductionOptions unlimited = options;
    unlimited.deadline = Deadline{};
    CHECK(solve_backward_induction(game, options).equilibria.size() ==
          solve_backward_induction(game, unlimited).equilibria.size());
  }
}

TEST_CASE("time limit: repeated-game analyses throw LimitError") {
  const NormalFormGame pd = read_nfg(kPrisoners);
  PayoffSetOptions set;
  set.deadline = expired_deadline();
  CHECK(limit_message([&] { abreu_sannikov(pd, 0.9, set); }).find("Abreu-Sannikov): 0 iterations") !=
        std::string::npos);
  OuterApproximationOptions outer;
  outer.deadline = expired_deadline();
  CHECK(limit_message([&] { outer_approximation(pd, 0.9, outer); }).find("outer approximation") != std::string::npos);

  const PureProfile target{0, 0};
  std::vector<Automaton> grim;
  for (std::size_t p = 0; p < 2; ++p) grim.push_back(make_strategy("grim-trigger", pd, p, target));
  SimulationOptions sim;
  sim.runs = 1000;
  sim.rounds = 50;
  sim.deadline = expired_deadline();
  CHECK(limit_message([&] { simulate(pd, grim, sim); }).find("0 of 1000 runs done") != std::string::npos);
  sim.deadline = Deadline::after_seconds(3600);
  SimulationOptions unlimited = sim;
  unlimited.deadline = Deadline{};
  CHECK(simulate(pd, grim, sim).mean_total == simulate(pd, grim, unlimited).mean_total);

  CriticalDiscountOptions critical;
  critical.deadline = expired_deadline();
  CHECK(limit_message([&] { critical_discount(pd, grim, critical); }).find("0 deviation checks done") !=
        std::string::npos);
  // Three players: the minmax upper bound is a grid of LPs.
  const NormalFormGame three = negsim::testing::random_game({3, 3, 3}, 4, negsim::testing::integer_payoffs(0, 9));
  MinmaxOptions minmax;
  minmax.deadline = expired_deadline();
  CHECK(limit_message([&] { mixed_minmax(three, 0, minmax); }).find("0 of") != std::string::npos);
  minmax.deadline = Deadline::after_seconds(3600);
  CHECK(mixed_minmax(three, 0, minmax).value == mixed_minmax(three, 0).value);

  RepeatedGameSpec spec;
  spec.stage = pd;
  spec.target = target;
  spec.discount = 0.9;
  CHECK_THROWS_AS(analyze_sustainability(spec, {"grim-trigger"}, expired_deadline()), LimitError);
  CHECK(analyze_sustainability(spec, {"grim-trigger"}, Deadline::after_seconds(3600)).critical_discount ==
        doctest::Approx(1.0 / 7.0));  // (T - R) / (T - P) = 1/7 (ORACLES.md)
}

TEST_CASE("time limit: learning dynamics throw LimitError, a generous limit changes nothing") {
  const NormalFormGame game = negsim::testing::random_game({4, 4}, 2, negsim::testing::integer_payoffs(0, 9));
  using Method = LearningResult (*)(const NormalFormGame&, const LearningOptions&);
  const std::vector<std::pair<const char*, Method>> methods = {
      {"best-response dynamics", best_response_dynamics}, {"fictitious play", fictitious_play},
      {"logit response dynamics", logit_response},        {"regret matching", regret_matching},
      {"replicator dynamics", replicator_continuous},     {"replicator dynamics", replicator_discrete}};
  for (const auto& entry : methods) {
    // Not a structured binding: clang 14 (scripts/ci_sanitize) cannot capture one in a lambda.
    const char* const name = entry.first;
    const Method method = entry.second;
    CAPTURE(name);
    LearningOptions options;
    options.max_iterations = 2000;
    options.tol = 0;  // never converges early
    options.deadline = expired_deadline();
    CHECK(limit_message([&] { method(game, options); }).find(std::string(name) + ": ") != std::string::npos);
    options.deadline = Deadline::after_seconds(3600);
    LearningOptions unlimited = options;
    unlimited.deadline = Deadline{};
    CHECK(method(game, options).final_profile == method(game, unlimited).final_profile);
  }
}

TEST_CASE("time limit: a sweep stops between batches, the file is a prefix that --resume completes") {
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

  options.out = dir.file("limited.csv");
  options.deadline = expired_deadline();
  const std::string message = limit_message([&] { run_sweep(base, spec, options); });
  CHECK(message.find("sweeping: 0 of 18 points") != std::string::npos);
  CHECK(message.find("--resume") != std::string::npos);
  const std::string partial = read_text_file(options.out);
  CHECK(partial.size() < clean.size());
  CHECK(clean.compare(0, partial.size(), partial) == 0);
  options.deadline = Deadline{};
  options.resume = true;
  run_sweep(base, spec, options);
  CHECK(read_text_file(options.out) == clean);
}

TEST_CASE("time limit: alternating offers throw LimitError, a generous limit changes nothing") {
  // 2000 rounds (deadline plus extensions): the check every 256 rounds sees the deadline.
  const std::string text = R"(scenario: talks
players:
  a: {levers: {x: [0, 1]}}
  b: {levers: {y: [0, 1]}}
payoffs:
  a: "a.x"
  b: "b.y"
bargaining:
  issues:
    share: [0, 0.25, 0.5, 0.75, 1]
  utilities:
    a: "deal.share"
    b: "1 - deal.share"
  discount: 0.9
  deadline: 1000
  extension: {player: a, rounds: 100, times: 10}
)";
  const ScenarioBargaining bargaining = build_bargaining(load_scenario_text(text, "talks.yaml"));
  AlternatingOffersOptions options;
  options.deadline = expired_deadline();
  const std::string message = limit_message([&] { solve_alternating_offers(bargaining.problem, options); });
  CHECK(message.find("alternating offers by backward induction: 256 of 4000 rounds") != std::string::npos);
  options.deadline = Deadline::after_seconds(3600);
  const AlternatingOffersResult generous = solve_alternating_offers(bargaining.problem, options);
  const AlternatingOffersResult unlimited = solve_alternating_offers(bargaining.problem);
  CHECK(generous.horizon == 2000);
  CHECK(generous.path.size() == unlimited.path.size());
  CHECK(generous.path.front().value == unlimited.path.front().value);
}
