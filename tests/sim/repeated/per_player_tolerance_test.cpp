// Repeated-game verdicts do not depend on payoff units: each player's gains
// are compared with that player's own tolerance (one_shot_deviation.hpp), so
// a separate positive affine change a_p * u_p + b_p of each player's stage
// payoffs (the normalised values move the same way) changes no verdict, no
// critical discount factor and no minmax value beyond a_p * v + b_p.
// Regression: with one tolerance scaled by the game's largest payoff, a
// player whose payoffs were near 1e9 swamped one whose payoffs were near 1:
// the small player's temptations (gains of a few units) fell inside a
// tolerance of about 10, so grim trigger "held" for it at every discount
// factor and the critical discount factor of the game was the big player's.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/repeated/critical_discount.hpp"
#include "sim/repeated/minmax.hpp"
#include "sim/repeated/one_shot_deviation.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/repeated/sustainability.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

// Player 1: T=10, R=9, P=3 (grim trigger needs 1/7); player 2: T=12, R=9,
// P=3 (needs 1/3): player 2 binds.
NormalFormGame asymmetric_pd() { return testing::bimatrix({{{9, 9}, {1, 12}}, {{10, 1}, {3, 3}}}); }

NormalFormGame changed(const NormalFormGame& game, const std::vector<double>& a, const std::vector<double>& b) {
  NormalFormGame out = game;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : out.payoff_table(p)) v = a[p] * v + b[p];
  return out;
}

std::vector<Automaton> profile_of(const NormalFormGame& g, const std::string& strategy) {
  return {make_strategy_from_spec(strategy, g, 0, {0, 0}), make_strategy_from_spec(strategy, g, 1, {0, 0})};
}

void check_same_intervals(const std::vector<DiscountInterval>& x, const std::vector<DiscountInterval>& y) {
  REQUIRE(x.size() == y.size());
  for (std::size_t k = 0; k < x.size(); ++k) {
    CHECK(x[k].lo == doctest::Approx(y[k].lo).epsilon(1e-9));
    CHECK(x[k].hi == doctest::Approx(y[k].hi).epsilon(1e-9));
    CHECK(x[k].lo_exact == y[k].lo_exact);
    CHECK(x[k].hi_exact == y[k].hi_exact);
  }
}

void check_same_threshold(double x, double y) {
  CHECK(std::isnan(x) == std::isnan(y));
  if (!std::isnan(x)) CHECK(x == doctest::Approx(y).epsilon(1e-9));
}

// Player 1's payoffs near 1e9 (and shifted), player 2's near 1, and the reverse.
const std::vector<std::vector<double>> kScales = {{1e9, 1.0}, {1.0, 1e9}, {1e-6, 1e6}, {3e9, 1e-3}};
// Shifts keep the payoffs short rationals (exact thresholds "p/q" are stated in them).
const std::vector<std::vector<double>> kShifts = {{2e9, -5.0}, {0.0, 7e9}, {0.0, -2e6}, {1e9, 0.25}};

}  // namespace

TEST_CASE("per-player tolerance: grim trigger's critical discount is the small player's 1/3 on any scales") {
  const NormalFormGame base = asymmetric_pd();
  const CriticalDiscountResult expected = critical_discount(base, profile_of(base, "grim-trigger"));
  REQUIRE(expected.spe_threshold == doctest::Approx(1.0 / 3.0));
  for (std::size_t s = 0; s < kScales.size(); ++s) {
    CAPTURE(s);
    const NormalFormGame g = changed(base, kScales[s], kShifts[s]);
    const CriticalDiscountResult r = critical_discount(g, profile_of(g, "grim-trigger"));
    check_same_threshold(r.spe_threshold, expected.spe_threshold);
    check_same_threshold(r.nash_threshold, expected.nash_threshold);
    for (std::size_t p = 0; p < 2; ++p) {
      check_same_threshold(r.spe_threshold_per_player[p], expected.spe_threshold_per_player[p]);
      check_same_intervals(r.spe_intervals_per_player[p], expected.spe_intervals_per_player[p]);
    }
    check_same_intervals(r.spe_intervals, expected.spe_intervals);
    check_same_intervals(r.nash_intervals, expected.nash_intervals);
  }
}

TEST_CASE("per-player tolerance: critical discount factors of every library strategy are unit-free") {
  const NormalFormGame base = asymmetric_pd();
  for (const std::string& strategy : default_sustainability_strategies()) {
    CAPTURE(strategy);
    const CriticalDiscountResult expected = critical_discount(base, profile_of(base, strategy));
    for (std::size_t s = 0; s < kScales.size(); ++s) {
      CAPTURE(s);
      const NormalFormGame g = changed(base, kScales[s], kShifts[s]);
      const CriticalDiscountResult r = critical_discount(g, profile_of(g, strategy));
      check_same_threshold(r.spe_threshold, expected.spe_threshold);
      check_same_threshold(r.nash_threshold, expected.nash_threshold);
      check_same_intervals(r.spe_intervals, expected.spe_intervals);
      check_same_intervals(r.nash_intervals, expected.nash_intervals);
    }
  }
}

TEST_CASE("per-player tolerance: one-shot deviation verdicts and the reported deviation are unit-free") {
  const NormalFormGame base = asymmetric_pd();
  for (const std::string& strategy : {"grim-trigger", "tit-for-tat", "win-stay-lose-shift"}) {
    for (double delta : {0.2, 0.3, 0.5, 0.9}) {
      CAPTURE(strategy);
      CAPTURE(delta);
      const OneShotResult expected = check_one_shot_deviation(base, profile_of(base, strategy), delta);
      for (std::size_t s = 0; s < kScales.size(); ++s) {
        CAPTURE(s);
        const NormalFormGame g = changed(base, kScales[s], kShifts[s]);
        const OneShotResult r = check_one_shot_deviation(g, profile_of(g, strategy), delta);
        CHECK(r.subgame_perfect == expected.subgame_perfect);
        CHECK(r.nash == expected.nash);
        REQUIRE(r.spe_deviation.has_value() == expected.spe_deviation.has_value());
        if (expected.spe_deviation) {
          CHECK(r.spe_deviation->player == expected.spe_deviation->player);
          CHECK(r.spe_deviation->action == expected.spe_deviation->action);
          CHECK(r.spe_deviation->state == expected.spe_deviation->state);
        }
        REQUIRE(r.nash_deviation.has_value() == expected.nash_deviation.has_value());
        if (expected.nash_deviation) CHECK(r.nash_deviation->player == expected.nash_deviation->player);
        for (std::size_t p = 0; p < 2; ++p)
          CHECK(r.initial_values[p] ==
                doctest::Approx(kScales[s][p] * expected.initial_values[p] + kShifts[s][p]).epsilon(1e-9));
      }
    }
  }
}

TEST_CASE("per-player tolerance: the sustainability report of a rescaled game has the same verdicts") {
  RepeatedGameSpec spec;
  spec.stage = asymmetric_pd();
  spec.target = {0, 0};
  spec.discount = 0.25;  // above player 1's 1/7, below player 2's 1/3
  const SustainabilityReport expected = analyze_sustainability(spec);
  REQUIRE_FALSE(expected.strategies.front().subgame_perfect);  // grim trigger fails for player 2
  for (std::size_t s = 0; s < kScales.size(); ++s) {
    CAPTURE(s);
    RepeatedGameSpec moved = spec;
    moved.stage = changed(spec.stage, kScales[s], kShifts[s]);
    const SustainabilityReport r = analyze_sustainability(moved);
    check_same_threshold(r.critical_discount, expected.critical_discount);
    CHECK(r.critical_discount_exact == expected.critical_discount_exact);
    CHECK(r.binding_player == expected.binding_player);
    CHECK(r.individually_rational == expected.individually_rational);
    CHECK(r.tempted == expected.tempted);
    check_same_threshold(r.own_punishment_threshold, expected.own_punishment_threshold);
    for (std::size_t p = 0; p < 2; ++p)
      CHECK(r.minmax[p] == doctest::Approx(kScales[s][p] * expected.minmax[p] + kShifts[s][p]).epsilon(1e-9));
    REQUIRE(r.strategies.size() == expected.strategies.size());
    for (std::size_t k = 0; k < r.strategies.size(); ++k) {
      CAPTURE(r.strategies[k].strategy);
      CHECK(r.strategies[k].subgame_perfect == expected.strategies[k].subgame_perfect);
      CHECK(r.strategies[k].nash == expected.strategies[k].nash);
      check_same_threshold(r.strategies[k].spe_threshold, expected.strategies[k].spe_threshold);
      check_same_threshold(r.strategies[k].nash_threshold, expected.strategies[k].nash_threshold);
      REQUIRE(r.strategies[k].deviation.has_value() == expected.strategies[k].deviation.has_value());
      if (expected.strategies[k].deviation)
        CHECK(r.strategies[k].deviation->player == expected.strategies[k].deviation->player);
    }
  }
}

TEST_CASE("per-player tolerance: minmax values of a 3-player game move with each player's units") {
  // Matching pennies for players 1 and 2, player 3 a bystander with tiny stakes.
  NormalFormGame base({2, 2, 2});
  for (std::size_t idx = 0; idx < base.num_profiles(); ++idx) {
    const PureProfile a = base.profile_actions(idx);
    const double match = a[0] == a[1] ? 1.0 : -1.0;
    base.set_payoff(0, idx, match);
    base.set_payoff(1, idx, -match);
    base.set_payoff(2, idx, a[2] == a[0] ? 0.5 : (a[2] == 1 ? 0.25 : 0.0));
  }
  const std::vector<double> a = {1e9, 1.0, 1e-9}, b = {4e9, -3.0, 1e-8};
  const NormalFormGame moved = changed(base, a, b);
  for (std::size_t p = 0; p < 3; ++p) {
    CAPTURE(p);
    const MinmaxValue x = mixed_minmax(base, p), y = mixed_minmax(moved, p);
    CHECK(y.value == doctest::Approx(a[p] * x.value + b[p]).epsilon(1e-9));
    CHECK(y.lower == doctest::Approx(a[p] * x.lower + b[p]).epsilon(1e-9));
    CHECK(y.exact == x.exact);
    CHECK_FALSE(minmax_certificate_error(base, p, x).has_value());
    CHECK_FALSE(minmax_certificate_error(moved, p, y).has_value());
  }
}
