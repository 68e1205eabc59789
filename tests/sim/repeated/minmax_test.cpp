#include "sim/repeated/minmax.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("minmax of matching pennies and rock-paper-scissors: pure 1, mixed 0") {
  const NormalFormGame mp = testing::matching_pennies();
  CHECK(pure_minmax(mp, 0).value == 1);
  const MinmaxValue m = mixed_minmax(mp, 0);
  CHECK(m.value == doctest::Approx(0.0));
  CHECK(m.exact);
  CHECK(m.punishers[1][0] == doctest::Approx(0.5));
  const NormalFormGame rps = testing::rock_paper_scissors();
  const MinmaxValue r = mixed_minmax(rps, 1);
  CHECK(r.value == doctest::Approx(0.0).epsilon(1e-9));
  for (double p : r.punishers[0]) CHECK(p == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("prisoner's dilemma minmax is the mutual-defection payoff") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  CHECK(pure_minmax(g, 0).value == 3);
  CHECK(mixed_minmax(g, 1).value == doctest::Approx(3));
}

TEST_CASE("three players: correlated punishers can do better than independent ones") {
  // Player 3 (index 2) gets 1 when players 1 and 2 match, 0 when they differ... and
  // picks nothing (one action), so punishers want to mismatch: independent mixing gets
  // 0 with pure mismatching too. Make player 3 choose which pattern it likes:
  // action 0 scores when (0,1) is played, action 1 scores when (1,0) is played.
  NormalFormGame g({2, 2, 2});
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    const std::size_t a = g.action_of(idx, 0), b = g.action_of(idx, 1), c = g.action_of(idx, 2);
    const bool hit = (c == 0 && a == 0 && b == 1) || (c == 1 && a == 1 && b == 0) ||
                     (a == b);  // matching always pays 1
    g.set_payoff(2, idx, hit ? 1.0 : 0.0);
  }
  // Pure: any punisher profile leaves player 3 a hit -> 1. Correlated: 50/50 on (0,1),(1,0) -> 1/2.
  // Independent: p=P(a=0), q=P(b=0): best reply max(P(0,1)+P(match), P(1,0)+P(match)), minimised
  // at p = q = 1/2 -> 3/4.
  CHECK(pure_minmax(g, 2).value == 1);
  CHECK(correlated_minmax(g, 2).value == doctest::Approx(0.5));
  const MinmaxValue ind = mixed_minmax(g, 2);
  CHECK(ind.lower == doctest::Approx(0.5));
  CHECK(ind.upper == doctest::Approx(0.75));
  CHECK(ind.value == doctest::Approx(0.75));
  CHECK_FALSE(ind.exact);
  // The reported value is achieved by the reported punishers.
  CHECK(g.action_values(ind.punishers, 2)[0] <= 0.75 + 1e-9);
}

// The independent check of a minmax value (minmax_certificate_error): it
// recomputes the value from the game, so it catches a wrong value, a
// punishment that does not hold the player to it, and a guarantee that does
// not secure the lower bound.
TEST_CASE("minmax certificate: correct values pass, wrong ones are caught, per player") {
  // Matching pennies with player 1's payoffs in billions, player 2's in units.
  NormalFormGame g = testing::matching_pennies();
  for (double& v : g.payoff_table(0)) v = 1e9 * v + 5e9;
  for (std::size_t p = 0; p < 2; ++p) {
    CAPTURE(p);
    const MinmaxValue m = mixed_minmax(g, p);
    CHECK_FALSE(minmax_certificate_error(g, p, m).has_value());
    CHECK(m.exact);
    MinmaxValue wrong = m;
    const double range = p == 0 ? 2e9 : 2.0;
    wrong.value += 1e-6 * range;  // a millionth of the player's range: far above its tolerance
    wrong.upper = wrong.value;
    CHECK(minmax_certificate_error(g, p, wrong).has_value());
    MinmaxValue pure_punisher = m;  // a pure punishment lets the player get its best payoff
    const std::size_t other = 1 - p;
    pure_punisher.punishers[other] = {1.0, 0.0};
    CHECK(minmax_certificate_error(g, p, pure_punisher).has_value());
    MinmaxValue weak_guarantee = m;
    weak_guarantee.guarantee = {1.0, 0.0};  // secures only the player's lowest payoff
    CHECK(minmax_certificate_error(g, p, weak_guarantee).has_value());
  }
  // The old rule: a tolerance of 1e-9 times the largest payoff of the game
  // (6e9 here) let player 2's value be off by 6, three times its range.
  MinmaxValue off = mixed_minmax(g, 1);
  off.value = off.upper = off.value + 1.0;
  CHECK(minmax_certificate_error(g, 1, off).has_value());
}
