#include "sim/solve/backward_induction.hpp"

#include <cmath>
#include <functional>
#include <algorithm>
#include <random>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/solve/equilibrium.hpp"

using namespace negsim;

namespace {

// Entry deterrence (Selten's chain-store stage game): the entrant stays out
// (0, 2) or enters; the incumbent then fights (-1, -1) or accommodates (1, 1).
MultiStageGame entry_deterrence() {
  MultiStageGame g(2, {GameStage{"entry", {0}, {2}, {{"out", "in"}}},
                       GameStage{"response", {1}, {2}, {{"fight", "accommodate"}}}});
  g.player_names = {"Entrant", "Incumbent"};
  g.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    if (a[0][0] == 0) { out[0] = 0; out[1] = 2; return; }
    out[0] = a[1][0] == 0 ? -1 : 1;
    out[1] = a[1][0] == 0 ? -1 : 1;
  });
  return g;
}

// Ultimatum over a grid: the proposer offers k of `pie` units, the responder
// accepts (k, pie-k split) or rejects (0, 0).
MultiStageGame ultimatum(std::size_t pie, bool accept_first) {
  std::vector<std::string> offers;
  for (std::size_t k = 0; k <= pie; ++k) offers.push_back(std::to_string(k));
  std::vector<std::string> answers = accept_first ? std::vector<std::string>{"accept", "reject"}
                                                  : std::vector<std::string>{"reject", "accept"};
  MultiStageGame g(2, {GameStage{"offer", {0}, {pie + 1}, {offers}}, GameStage{"answer", {1}, {2}, {answers}}});
  g.fill_payoffs([=](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    const bool accepted = (a[1][0] == 0) == accept_first;
    out[0] = accepted ? static_cast<double>(pie - a[0][0]) : 0.0;
    out[1] = accepted ? static_cast<double>(a[0][0]) : 0.0;
  });
  return g;
}

// Rosenthal's centipede, 4 moves alternating; taking at move t ends the game.
MultiStageGame centipede() {
  const double take[4][2] = {{1, 0}, {0, 2}, {3, 1}, {2, 4}};
  const double all_pass[2] = {5, 3};
  std::vector<GameStage> stages;
  for (std::size_t t = 0; t < 4; ++t) stages.push_back(GameStage{"move " + std::to_string(t + 1), {t % 2}, {2}, {{"take", "pass"}}});
  MultiStageGame g(2, stages);
  g.fill_payoffs([&](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    for (std::size_t t = 0; t < 4; ++t)
      if (a[t][0] == 0) { out[0] = take[t][0]; out[1] = take[t][1]; return; }
    out[0] = all_pass[0];
    out[1] = all_pass[1];
  });
  return g;
}

// Independent brute-force SPE value of a generic perfect-information game.
std::vector<double> brute_force_value(const MultiStageGame& g, std::size_t k, std::size_t node) {
  if (k == g.num_stages()) {
    std::vector<double> v(g.num_players());
    for (std::size_t p = 0; p < v.size(); ++p) v[p] = g.payoff(p, node);
    return v;
  }
  const std::size_t mover = g.stage(k).movers[0];
  std::vector<double> best;
  for (std::size_t s = 0; s < g.stage_profiles(k); ++s) {
    auto v = brute_force_value(g, k + 1, g.child(k, node, s));
    if (best.empty() || v[mover] > best[mover]) best = v;
  }
  return best;
}

}  // namespace

TEST_CASE("entry deterrence: the entrant enters and the incumbent accommodates") {
  const MultiStageGame g = entry_deterrence();
  const auto r = solve_backward_induction(g);
  REQUIRE(r.equilibria.size() == 1);
  const auto& eq = r.equilibria[0];
  CHECK(eq.payoffs == std::vector<double>{1, 1});
  REQUIRE(eq.path.size() == 2);
  CHECK(eq.path[0].description == "Entrant=in");
  CHECK(eq.path[1].description == "Incumbent=accommodate");
  CHECK(eq.max_regret == 0);
  // Threats: staying out gives (0, 2); had the incumbent fought, (-1, -1).
  REQUIRE(eq.threats.size() == 2);
  CHECK(eq.threats[0].player == 0);
  CHECK(eq.threats[0].action_label == "out");
  CHECK(eq.threats[0].payoffs == std::vector<double>{0, 2});
  CHECK(eq.threats[0].deviation_gain == -1);
  CHECK(eq.threats[1].player == 1);
  CHECK(eq.threats[1].action_label == "fight");
  CHECK(eq.threats[1].payoffs == std::vector<double>{-1, -1});
  CHECK(r.tied_nodes == 1);  // after "out" the incumbent's move does not matter
  // All SPEs: the off-path choice after "out" is free, the path is not.
  BackwardInductionOptions all;
  all.select = StageSelection::kAll;
  const auto ra = solve_backward_induction(g, all);
  CHECK(ra.equilibria.size() == 2);
  CHECK(ra.complete);
  for (const auto& e : ra.equilibria) CHECK(e.payoffs == std::vector<double>{1, 1});
}

TEST_CASE("one-shot deviation check rejects the incredible threat (Nash, not subgame perfect)") {
  const MultiStageGame g = entry_deterrence();
  StageStrategyProfile threat;
  threat.play = {0, 0, 0};  // entrant out; incumbent fights after out and after in
  CHECK(one_shot_deviation_regret(g, threat) == doctest::Approx(2.0));  // 1 - (-1) after entry
  threat.play = {1, 0, 1};
  CHECK(one_shot_deviation_regret(g, threat) == 0.0);
}

TEST_CASE("ultimatum over a grid: two SPEs (offer 0, or offer 1 with 0 rejected)") {
  for (bool accept_first : {true, false}) {
    const MultiStageGame g = ultimatum(4, accept_first);
    const auto r = solve_backward_induction(g);
    REQUIRE(r.equilibria.size() == 1);
    // The tie at offer 0 goes to the responder's first action.
    CHECK(r.equilibria[0].payoffs == (accept_first ? std::vector<double>{4, 0} : std::vector<double>{3, 1}));
    BackwardInductionOptions all;
    all.select = StageSelection::kAll;
    const auto ra = solve_backward_induction(g, all);
    REQUIRE(ra.equilibria.size() == 2);
    CHECK(ra.complete);
    std::vector<std::vector<double>> pays;
    for (const auto& e : ra.equilibria) pays.push_back(e.payoffs);
    std::sort(pays.begin(), pays.end());
    CHECK(pays == std::vector<std::vector<double>>{{3, 1}, {4, 0}});
  }
}

TEST_CASE("centipede: take at the first move, passing would be met by a take") {
  const MultiStageGame g = centipede();
  const auto r = solve_backward_induction(g);
  REQUIRE(r.equilibria.size() == 1);
  const auto& eq = r.equilibria[0];
  CHECK(eq.payoffs == std::vector<double>{1, 0});
  CHECK(eq.path[0].description == "Player 1=take");
  REQUIRE(eq.threats.size() == 4);  // one alternative per path stage
  CHECK(eq.threats[0].action_label == "pass");
  CHECK(eq.threats[0].payoffs == std::vector<double>{0, 2});
  REQUIRE(eq.threats[0].continuation.size() == 3);
  CHECK(eq.threats[0].continuation[0].description == "Player 2=take");
}

TEST_CASE("simultaneous stages: stag hunt by welfare or risk dominance, matching pennies mixed") {
  // Stage 1: player 0 picks the subgame (0: stag hunt, 1: matching pennies shifted by +1).
  MultiStageGame g(2, {GameStage{"choose", {0}, {2}, {{"hunt", "pennies"}}},
                       GameStage{"play", {0, 1}, {2, 2}, {{"A", "B"}, {"A", "B"}}}});
  const double hunt[2][2][2] = {{{4, 4}, {0, 3}}, {{3, 0}, {3, 3}}};  // A = stag, B = hare
  g.fill_payoffs([&](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    const std::size_t i = a[1][0], j = a[1][1];
    if (a[0][0] == 0) { out[0] = hunt[i][j][0]; out[1] = hunt[i][j][1]; return; }
    const double match = i == j ? 1.0 : -1.0;
    out[0] = 2.5 + match;
    out[1] = 2.5 - match;
  });
  BackwardInductionOptions opt;
  opt.select = StageSelection::kWelfare;
  auto r = solve_backward_induction(g, opt);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].payoffs == std::vector<double>{4, 4});  // stag, stag beats 2.5
  CHECK(r.equilibria[0].path[1].description == "Player 1=A, Player 2=A");
  opt.select = StageSelection::kRiskDominant;  // (hare, hare): loss product 9 > 1
  r = solve_backward_induction(g, opt);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].payoffs[0] == doctest::Approx(3.0));
  CHECK(r.equilibria[0].path[0].description == "Player 1=hunt");
  CHECK(r.mixed_nodes == 1);  // matching pennies off the path
  CHECK(r.equilibria[0].max_regret <= 1e-12);
  // Pennies subgame value 2.5 beats the risk-dominant 3? no: 3 > 2.5. Force it with first:
  opt.select = StageSelection::kFirst;  // first = (stag, stag)
  r = solve_backward_induction(g, opt);
  CHECK(r.equilibria[0].payoffs == std::vector<double>{4, 4});
  // All: stag hunt has 2 pure + 1 mixed (3/4 stag) stage equilibria; pennies 1 mixed.
  opt.select = StageSelection::kAll;
  r = solve_backward_induction(g, opt);
  CHECK(r.equilibria.size() == 3);
  std::vector<double> first_payoffs;
  for (const auto& e : r.equilibria) first_payoffs.push_back(e.payoffs[0]);
  std::sort(first_payoffs.begin(), first_payoffs.end());
  // Mixed stag hunt: value 3 for both (hare guarantees 3), so the chooser is
  // indifferent between hunt (3) and... pennies 2.5 < 3: always hunt.
  CHECK(first_payoffs == std::vector<double>{3, 3, 4});
  for (const auto& e : r.equilibria) CHECK(e.max_regret <= 1e-9);
}

TEST_CASE("mixed stage equilibrium: outcomes list the reached leaves with probabilities") {
  MultiStageGame g(2, {GameStage{"pennies", {0, 1}, {2, 2}, {}}});
  g.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    out[0] = a[0][0] == a[0][1] ? 1 : -1;
    out[1] = -out[0];
  });
  const auto r = solve_backward_induction(g);
  REQUIRE(r.equilibria.size() == 1);
  const auto& eq = r.equilibria[0];
  CHECK_FALSE(eq.pure);
  CHECK(eq.payoffs[0] == doctest::Approx(0.0));
  REQUIRE(eq.outcomes.size() == 4);
  for (const auto& [leaf, prob] : eq.outcomes) CHECK(prob == doctest::Approx(0.25));
  CHECK(eq.threats.empty());  // threats are listed for pure path stages
}

TEST_CASE("injected mixed solver is used and its answers verified") {
  MultiStageGame g(2, {GameStage{"pennies", {0, 1}, {2, 2}, {}}});
  g.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    out[0] = a[0][0] == a[0][1] ? 1 : -1;
    out[1] = -out[0];
  });
  BackwardInductionOptions opt;
  int calls = 0;
  opt.mixed_solver = [&](const NormalFormGame&) {
    ++calls;
    return std::vector<MixedProfile>{{{0.9, 0.1}, {0.5, 0.5}}, {{0.5, 0.5}, {0.5, 0.5}}};  // first is wrong
  };
  const auto r = solve_backward_induction(g, opt);
  CHECK(calls == 1);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].strategy.mixed[0][0][0] == doctest::Approx(0.5));
}

TEST_CASE("three movers without a pure stage equilibrium and no mixed solver is a limit error") {
  // Three-player matching pennies variant: player 0 wants to match 1, 1 to match 2, 2 to mismatch 0.
  MultiStageGame g(3, {GameStage{"s", {0, 1, 2}, {2, 2, 2}, {}}});
  g.fill_payoffs([](const std::vector<std::vector<std::size_t>>& a, std::span<double> out) {
    out[0] = a[0][0] == a[0][1];
    out[1] = a[0][1] == a[0][2];
    out[2] = a[0][2] != a[0][0];
  });
  CHECK_THROWS_AS(solve_backward_induction(g), LimitError);
}

TEST_CASE("support enumeration: von Stengel 3x2 and chicken (ORACLES.md)") {
  NormalFormGame vs({3, 2});
  const double A[3][2] = {{3, 3}, {2, 5}, {0, 6}}, B[3][2] = {{3, 2}, {2, 6}, {3, 1}};
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      vs.set_payoff(0, i + 3 * j, A[i][j]);
      vs.set_payoff(1, i + 3 * j, B[i][j]);
    }
  auto eqs = support_enumeration_equilibria(vs, 1e-9);
  REQUIRE(eqs.size() == 3);
  const std::vector<MixedProfile> expected{{{1, 0, 0}, {1, 0}},
                                           {{0.8, 0.2, 0}, {2.0 / 3, 1.0 / 3}},
                                           {{0, 1.0 / 3, 2.0 / 3}, {1.0 / 3, 2.0 / 3}}};
  for (const auto& e : expected) {
    bool found = false;
    for (const auto& f : eqs) found = found || same_profile(e, f, 1e-9);
    CHECK(found);
  }
  NormalFormGame chicken({2, 2});  // action 0 = dare, 1 = chicken
  const double C[2][2][2] = {{{0, 0}, {4, 1}}, {{1, 4}, {3, 3}}};
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      chicken.set_payoff(0, i + 2 * j, C[i][j][0]);
      chicken.set_payoff(1, i + 2 * j, C[i][j][1]);
    }
  eqs = support_enumeration_equilibria(chicken, 1e-9);
  REQUIRE(eqs.size() == 3);
  CHECK(pure_equilibria(chicken, 1e-9).size() == 2);
  bool mixed_found = false;
  for (const auto& f : eqs)
    if (std::abs(f[0][0] - 0.5) < 1e-12 && std::abs(f[1][0] - 0.5) < 1e-12) mixed_found = true;
  CHECK(mixed_found);
}

TEST_CASE("property: random perfect-information games match brute force, all = first when generic") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-10, 10);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<GameStage> stages;
    const std::size_t K = 1 + trial % 4;
    for (std::size_t k = 0; k < K; ++k) stages.push_back(GameStage{"", {(k + trial) % 3}, {2 + (k + trial) % 3}, {}});
    MultiStageGame g(3, stages);
    for (std::size_t p = 0; p < 3; ++p)
      for (double& v : g.payoff_table(p)) v = u(rng);
    const auto r = solve_backward_induction(g);
    REQUIRE(r.equilibria.size() == 1);
    CHECK(r.equilibria[0].payoffs == brute_force_value(g, 0, 0));
    CHECK(r.equilibria[0].max_regret == 0.0);
    BackwardInductionOptions all;
    all.select = StageSelection::kAll;
    const auto ra = solve_backward_induction(g, all);
    REQUIRE(ra.equilibria.size() == 1);
    CHECK(ra.equilibria[0].strategy.play == r.equilibria[0].strategy.play);
    // Any single change of a decision that matters is caught by the check.
    StageStrategyProfile broken = r.equilibria[0].strategy;
    broken.play[0] = (broken.play[0] + 1) % static_cast<std::int64_t>(g.stage_profiles(0));
    CHECK(one_shot_deviation_regret(g, broken) > 0);
  }
}

TEST_CASE("property: random games with two-mover stages give verified SPEs in every mode") {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> u(0, 5);  // integer payoffs: ties and degeneracy on purpose
  for (int trial = 0; trial < 20; ++trial) {
    MultiStageGame g(3, {GameStage{"", {0}, {2}, {}}, GameStage{"", {1, 2}, {2, 2}, {}},
                         GameStage{"", {0, 1}, {2, 2}, {}}});
    for (std::size_t p = 0; p < 3; ++p)
      for (double& v : g.payoff_table(p)) v = u(rng);
    for (auto sel : {StageSelection::kFirst, StageSelection::kWelfare, StageSelection::kRiskDominant,
                     StageSelection::kAll}) {
      BackwardInductionOptions opt;
      opt.select = sel;
      opt.max_equilibria = 20;
      const auto r = solve_backward_induction(g, opt);
      CHECK(r.rejected == 0);
      CHECK_FALSE(r.equilibria.empty());
      for (const auto& e : r.equilibria) {
        CHECK(e.max_regret <= 1e-8);
        CHECK(one_shot_deviation_regret(g, e.strategy) <= 1e-8);
        double total = 0;
        for (const auto& [leaf, prob] : e.outcomes) total += prob;
        if (!e.outcomes_truncated) CHECK(total == doctest::Approx(1.0));
        for (const auto& t : e.threats) CHECK(t.deviation_gain <= 1e-8);
      }
    }
  }
}

TEST_CASE("selection rule names") {
  CHECK(parse_stage_selection("risk-dominant") == StageSelection::kRiskDominant);
  CHECK(to_string(StageSelection::kAll) == "all");
  CHECK_THROWS_AS(parse_stage_selection("best"), UsageError);
}
