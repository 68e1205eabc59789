#include "sim/repeated/sustainability.hpp"

#include <cmath>
#include <random>

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("sustainability of cooperation in the prisoner's dilemma") {
  RepeatedGameSpec spec;
  spec.stage = testing::pd_axelrod();
  spec.target = {0, 0};
  spec.discount = 0.6;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger", "tit-for-tat"});
  CHECK(r.target_payoffs == std::vector<double>{3, 3});
  CHECK(r.deviation_payoffs == std::vector<double>{5, 5});
  CHECK(r.reversion_payoffs == std::vector<double>{1, 1});
  CHECK(r.individually_rational);
  CHECK(r.critical_discount == doctest::Approx(0.5));  // grim trigger: (T-R)/(T-P)
  REQUIRE(r.strategies.size() == 2);
  CHECK(r.strategies[0].subgame_perfect);
  CHECK(r.strategies[0].values[0] == doctest::Approx(3.0));
  CHECK_FALSE(r.strategies[1].nash);                  // TFT needs 2/3
  CHECK(r.strategies[1].nash_threshold == doctest::Approx(2.0 / 3.0));
  REQUIRE(r.strategies[1].deviation);
}

TEST_CASE("asymmetric temptations: the binding player sets the critical discount") {
  RepeatedGameSpec spec;
  spec.stage = testing::bimatrix({{{9, 9}, {1, 10}}, {{12, 1}, {3, 3}}});
  spec.target = {0, 0};
  spec.discount = 0.2;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger"});
  CHECK(r.critical_discount == doctest::Approx(1.0 / 3.0));
  CHECK(r.binding_player == 0);
  CHECK_FALSE(r.strategies[0].subgame_perfect);
  REQUIRE(r.strategies[0].deviation);
  CHECK(r.strategies[0].deviation->player == 0);
}

TEST_CASE("best deviation is the best alternative, untempted players are said so") {
  // Target (C, C) = (3, 3); the column player's alternatives pay it 2 (D) and 0 (E);
  // E hurts the row player most (the strategies' defect action), but D is the best deviation.
  RepeatedGameSpec spec;
  spec.stage = testing::bimatrix({{{3, 3}, {4, 2}, {-5, 0}}, {{5, 0}, {1, 1}, {0, 0}}});
  spec.target = {0, 0};
  spec.discount = 0.9;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger"});
  CHECK(r.best_deviation[1] == 1);
  CHECK(r.deviation_payoffs[1] == 2);
  CHECK_FALSE(r.tempted[1]);
  CHECK(r.tempted[0]);
}

TEST_CASE("Nash reversion to each deviator's own worst equilibrium: per player, exact, never larger") {
  // Two pure stage equilibria: (X, X) = (4, 1) and (Y, Y) = (1, 4); target (C, C) = (5, 5),
  // temptations 6. Common punishment (lowest sum, first: (X, X)): row needs (6-5)/(6-4) = 1/2.
  // Own worst: row is punished by (Y, Y) (1/5), column by (X, X) (1/5).
  RepeatedGameSpec spec;
  spec.stage = testing::bimatrix({{{5, 5}, {0, 6}, {0, 0}}, {{6, 0}, {4, 1}, {0, 0}}, {{0, 0}, {0, 0}, {1, 4}}});
  spec.target = {0, 0};
  spec.discount = 0.3;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger"});
  CHECK(r.critical_discount == doctest::Approx(0.5));
  CHECK(r.critical_discount_exact == "1/2");
  REQUIRE(r.own_punishment.size() == 2);
  CHECK(r.own_punishment[0].profile == PureProfile{2, 2});
  CHECK(r.own_punishment[1].profile == PureProfile{1, 1});
  CHECK(r.own_punishment[0].threshold_exact == "1/5");
  CHECK(r.own_punishment[1].threshold_exact == "1/5");
  CHECK(r.own_punishment_threshold == doctest::Approx(0.2));
  CHECK(r.own_punishment_threshold_exact == "1/5");
  CHECK(r.own_punishment_threshold <= r.critical_discount);
  // At 0.3 the common punishment fails and its deviation is on the path.
  REQUIRE(r.strategies[0].nash_deviation);
  CHECK(r.strategies[0].nash_deviation->on_path);
  CHECK(r.strategies[0].nash_deviation->player == 0);
}

TEST_CASE("feasible_above_pure_minmax: matching pennies, no discount factor gives a pure SPE") {
  const NormalFormGame pennies = testing::bimatrix({{{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}}});
  CHECK_FALSE(feasible_above_pure_minmax(pennies));
  CHECK(feasible_above_pure_minmax(testing::pd_axelrod()));
}

TEST_CASE("the lazy verdict equals the full report's on random games, at and around every threshold") {
  // Small integer payoffs make ties, stage games without pure equilibria and
  // own-punishment thresholds of "never"; the discounts probed include each
  // threshold itself and its neighbouring doubles, where a wrong shortcut
  // would show.
  std::mt19937 rng(20261207);
  std::size_t games = 0, settled_by_own = 0, needed_common = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t players = 2 + trial % 2;
    std::vector<std::size_t> actions(players);
    for (std::size_t& a : actions) a = 2 + rng() % 2;
    NormalFormGame g(actions);
    for (std::size_t idx = 0; idx < g.num_profiles(); ++idx)
      for (std::size_t p = 0; p < players; ++p) g.set_payoff(p, idx, static_cast<double>(rng() % 7) - 2.0);
    RepeatedGameSpec spec;
    spec.stage = g;
    for (std::size_t p = 0; p < players; ++p) spec.target.push_back(rng() % actions[p]);
    spec.discount = 0.5;
    const SustainabilityReport full = analyze_sustainability(spec, {}, Deadline{}, false);
    std::vector<double> discounts = {0.05, 0.5, 0.95};
    for (double t : {full.critical_discount, full.own_punishment_threshold, self_enforcing_from(full)})
      if (t > 0 && t < 1)
        for (double d : {std::nextafter(t, 0.0), t, std::nextafter(t, 1.0)}) discounts.push_back(d);
    ++games;
    for (double d : discounts) {
      spec.discount = d;
      SustainabilityReport at = full;  // the thresholds do not depend on the discount
      at.discount = d;
      const bool expected = target_self_enforcing(at);
      CAPTURE(trial);
      CAPTURE(d);
      CHECK(target_self_enforcing(spec) == expected);
      CHECK(target_self_enforcing(analyze_sustainability(spec, {}, Deadline{}, false)) == expected);
      if (!std::isnan(full.own_punishment_threshold) && d >= full.own_punishment_threshold) ++settled_by_own;
      else ++needed_common;
    }
  }
  CHECK(games == 60);
  CHECK(settled_by_own > 20);  // both branches of the shortcut are exercised
  CHECK(needed_common > 20);
}
