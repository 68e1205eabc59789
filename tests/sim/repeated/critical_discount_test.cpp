#include "sim/repeated/critical_discount.hpp"

#include <random>

#include <doctest/doctest.h>

#include "sim/repeated/one_shot_deviation.hpp"

#include "sim/repeated/strategy_library.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
std::vector<Automaton> both(const NormalFormGame& g, const std::string& s) {
  return {make_strategy(s, g, 0, {0, 0}), make_strategy(s, g, 1, {0, 0})};
}
}  // namespace

TEST_CASE("rationalize finds small fractions") {
  CHECK(rationalize(1.0 / 7.0) == std::pair<long, long>{1, 7});
  CHECK(rationalize(2.0 / 3.0 + 1e-13) == std::pair<long, long>{2, 3});
}

TEST_CASE("grim trigger: critical discount (T-R)/(T-P) = 1/7, found exactly") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  const CriticalDiscountResult r = critical_discount(g, both(g, "grim-trigger"));
  CHECK(r.spe_threshold == doctest::Approx(1.0 / 7.0).epsilon(1e-12));
  REQUIRE(r.spe_intervals.size() == 1);
  CHECK(r.spe_intervals[0].lo_exact == "1/7");
  CHECK(r.spe_intervals[0].hi == 1.0);
  CHECK(r.nash_threshold == doctest::Approx(1.0 / 7.0).epsilon(1e-12));
  // Axelrod PD: 1/2.
  const NormalFormGame a = testing::pd_axelrod();
  CHECK(critical_discount(a, both(a, "grim-trigger")).spe_threshold == doctest::Approx(0.5));
}

TEST_CASE("Nash reversion with asymmetric temptations: the max over players of (T-R)/(T-P)") {
  // Player 1: T=12, R=9, P=3 -> 1/3; player 2: T=10, R=9, P=3 -> 1/7.
  const NormalFormGame g = testing::bimatrix({{{9, 9}, {1, 10}}, {{12, 1}, {3, 3}}});
  const CriticalDiscountResult r = critical_discount(g, both(g, "grim-trigger"));
  CHECK(r.spe_threshold_per_player[0] == doctest::Approx(1.0 / 3.0));
  CHECK(r.spe_threshold_per_player[1] == doctest::Approx(1.0 / 7.0));
  CHECK(r.spe_threshold == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("tit-for-tat: Nash from 2/3 on, SPE nowhere in Axelrod's PD, a single point when the ratios agree") {
  const NormalFormGame a = testing::pd_axelrod();
  const CriticalDiscountResult r = critical_discount(a, both(a, "tit-for-tat"));
  CHECK(r.nash_threshold == doctest::Approx(2.0 / 3.0));
  REQUIRE(r.nash_intervals.size() == 1);
  CHECK(r.nash_intervals[0].lo_exact == "2/3");
  CHECK(r.spe_intervals.empty());
  const NormalFormGame ms = testing::bimatrix({{{2, 2}, {-1, 3}}, {{3, -1}, {0, 0}}});
  const CriticalDiscountResult m = critical_discount(ms, both(ms, "tit-for-tat"));
  REQUIRE(m.spe_intervals.size() == 1);
  CHECK(m.spe_intervals[0].lo == doctest::Approx(1.0 / 3.0));
  CHECK(m.spe_intervals[0].hi == m.spe_intervals[0].lo);
  CHECK(m.spe_intervals[0].lo_exact == "1/3");
  CHECK(std::isnan(m.spe_threshold));
}

TEST_CASE("property: grim trigger's critical discount is exactly (T-R)/(T-P) on random prisoner's dilemmas") {
  std::mt19937_64 rng(77);
  for (int trial = 0; trial < 20; ++trial) {
    // Integers S < P < R < T.
    std::uniform_int_distribution<int> step(1, 6);
    const int S = step(rng) - 3, P = S + step(rng), R = P + step(rng), T = R + step(rng);
    const NormalFormGame g = testing::bimatrix({{{double(R), double(R)}, {double(S), double(T)}},
                                             {{double(T), double(S)}, {double(P), double(P)}}});
    const CriticalDiscountResult r = critical_discount(g, both(g, "grim-trigger"));
    mpq_class expected(T - R, T - P);
    expected.canonicalize();
    REQUIRE(r.spe_intervals.size() == 1);
    CHECK(r.spe_threshold == doctest::Approx(expected.get_d()).epsilon(1e-12));
    mpq_class reported(r.spe_intervals[0].lo_exact);
    reported.canonicalize();
    CHECK(reported == expected);
  }
}

TEST_CASE("property: interval midpoints agree with the one-shot check") {
  std::mt19937_64 rng(8);
  const std::vector<std::string> names = {"grim-trigger", "tit-for-tat", "win-stay-lose-shift",
                                          "k-round-punishment", "two-tits-for-tat"};
  for (int trial = 0; trial < 15; ++trial) {
    NormalFormGame g({2, 2});
    std::uniform_int_distribution<int> pay(0, 9);
    for (std::size_t p = 0; p < 2; ++p)
      for (double& v : g.payoff_table(p)) v = pay(rng);
    const std::vector<Automaton> prof = {make_strategy(names[rng() % names.size()], g, 0, {0, 0}),
                                         make_strategy(names[rng() % names.size()], g, 1, {0, 0})};
    CriticalDiscountOptions o;
    o.grid = 100;
    const CriticalDiscountResult r = critical_discount(g, prof, o);
    ProfileModel model(g, prof);
    for (const auto& [intervals, spe] : {std::pair{r.spe_intervals, true}, std::pair{r.nash_intervals, false}}) {
      double previous_end = 0.0;
      for (const DiscountInterval& iv : intervals) {
        if (iv.hi > iv.lo + 1e-6) {
          const double mid = std::min(0.5 * (iv.lo + iv.hi), 0.998);
          const OneShotResult c = model.check(mid);
          CHECK((spe ? c.subgame_perfect : c.nash));
        }
        if (iv.lo > previous_end + 1e-3) {
          const double gap = std::max(0.5 * (previous_end + iv.lo), 0.0015);
          const OneShotResult c = model.check(gap);
          CHECK_FALSE((spe ? c.subgame_perfect : c.nash));
        }
        previous_end = iv.hi;
      }
    }
  }
}

TEST_CASE("a weak punishment equilibrium (payoff tie): the threshold is exact p/q and not below it") {
  // PD with S = P: at (D, D) playing C pays the same as D, so the reversion
  // equilibrium is weak and the worst gain touches 0 instead of crossing it.
  // Grim trigger: (T - R)/(T - P) = (7 - 5)/(7 - 2) = 2/5.
  const NormalFormGame g = testing::bimatrix({{{5, 5}, {2, 7}}, {{7, 2}, {2, 2}}});
  const CriticalDiscountResult r = critical_discount(g, both(g, "grim-trigger"));
  REQUIRE_FALSE(r.spe_intervals.empty());
  CHECK(r.spe_intervals.back().lo_exact == "2/5");
  CHECK(r.spe_intervals.back().hi == 1.0);
  CHECK(r.spe_threshold >= 0.4);  // the float is the nearest double to 2/5, not just below it
  CHECK(r.spe_threshold == doctest::Approx(0.4).epsilon(1e-15));
  // Check by the one-shot deviation inequality just below and just above.
  CHECK_FALSE(check_one_shot_deviation(g, both(g, "grim-trigger"), 0.4 - 1e-6).subgame_perfect);
  CHECK(check_one_shot_deviation(g, both(g, "grim-trigger"), 0.4 + 1e-6).subgame_perfect);
}

TEST_CASE("simple_rational: scenario decimals are the fractions they stand for") {
  CHECK(simple_rational(15.97) == mpq_class(1597, 100));
  CHECK(simple_rational(-13.03) == mpq_class(-1303, 100));
  CHECK(simple_rational(1.0 / 3.0) == mpq_class(1, 3));
  CHECK_FALSE(simple_rational(std::sqrt(2.0)));
}
