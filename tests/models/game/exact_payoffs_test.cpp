// NormalFormGame's exact expected payoffs and regrets: the 64-bit integer
// path (integer payoffs, small denominators) and the GMP path it falls back
// to must give the same rationals as a plain sum over every profile.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>

#include "models/game/normal_form.hpp"

using negsim::ExactMixedProfile;
using negsim::NormalFormGame;

namespace {

// The definition, written out: sum over all profiles of probability times payoff.
mpq_class reference_payoff(const NormalFormGame& g, const ExactMixedProfile& x, std::size_t player,
                           std::optional<std::size_t> own_action = std::nullopt) {
  mpq_class total = 0;
  for (std::size_t index = 0; index < g.num_profiles(); ++index) {
    mpq_class weight = 1;
    for (std::size_t q = 0; q < g.num_players(); ++q) {
      const std::size_t a = g.action_of(index, q);
      if (q == player && own_action) weight *= (a == *own_action ? 1 : 0);
      else weight *= x[q][a];
    }
    total += weight * (g.has_exact() ? g.exact_payoff(player, index) : mpq_class(g.payoff(player, index)));
  }
  return total;
}

mpq_class reference_max_regret(const NormalFormGame& g, const ExactMixedProfile& x) {
  mpq_class worst = 0;
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    const mpq_class expected = reference_payoff(g, x, p);
    for (std::size_t a = 0; a < g.num_actions(p); ++a) {
      const mpq_class gain = reference_payoff(g, x, p, a) - expected;
      if (gain > worst) worst = gain;
    }
  }
  return worst;
}

ExactMixedProfile random_profile(const NormalFormGame& g, std::mt19937& rng, long scale) {
  ExactMixedProfile x(g.num_players());
  std::uniform_int_distribution<long> weight(0, scale);
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    std::vector<long> w(g.num_actions(p));
    long sum = 0;
    while (sum == 0) {
      sum = 0;
      for (long& v : w) sum += (v = weight(rng) % 3 == 0 ? 0 : weight(rng));
    }
    for (long v : w) {
      mpq_class q(v, sum);
      q.canonicalize();
      x[p].push_back(q);
    }
  }
  return x;
}

}  // namespace

TEST_CASE("exact payoffs and regrets agree with the definition, small numbers and huge ones") {
  std::mt19937 rng(2026);
  std::uniform_int_distribution<int> payoff(-9, 9);
  for (int trial = 0; trial < 60; ++trial) {
    NormalFormGame g(trial % 3 == 0 ? std::vector<std::size_t>{2, 3, 2} : std::vector<std::size_t>{3, 4});
    // Every third game has payoffs near 2^60 (the 64-bit path overflows and
    // GMP decides), every fifth non-integer payoffs (GMP from the start).
    const double big = trial % 3 == 1 ? 1152921504606846976.0 : 1.0;
    for (std::size_t p = 0; p < g.num_players(); ++p)
      for (std::size_t k = 0; k < g.num_profiles(); ++k)
        g.set_payoff(p, k, payoff(rng) * big + (trial % 5 == 0 ? 0.25 : 0.0));
    if (trial % 7 == 0) {  // exact payoffs given as rationals
      std::vector<mpq_class> exact;
      for (std::size_t p = 0; p < g.num_players(); ++p)
        for (std::size_t k = 0; k < g.num_profiles(); ++k) exact.emplace_back(payoff(rng), trial % 2 ? 3 : 1);
      for (mpq_class& q : exact) q.canonicalize();
      g.set_exact_payoffs(exact);
    }
    const ExactMixedProfile x = random_profile(g, rng, trial % 4 == 0 ? 4000000000L : 7);
    const std::vector<mpq_class> payoffs = g.exact_expected_payoffs(x);
    for (std::size_t p = 0; p < g.num_players(); ++p) CHECK(payoffs[p] == reference_payoff(g, x, p));
    CHECK(g.exact_max_regret(x) == reference_max_regret(g, x));
  }
}

TEST_CASE("an exact equilibrium of a 2x2 game has exact regret 0, a near one does not") {
  NormalFormGame g({2, 2});  // chicken: the mixed equilibrium is (1/2, 1/2) for both
  const double a[2][2] = {{0, 4}, {1, 3}}, b[2][2] = {{0, 1}, {4, 3}};
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      g.set_payoff(0, i + 2 * j, a[i][j]);
      g.set_payoff(1, i + 2 * j, b[i][j]);
    }
  const mpq_class half(1, 2);
  CHECK(g.exact_max_regret({{half, half}, {half, half}}) == 0);
  CHECK(g.exact_expected_payoffs({{half, half}, {half, half}}) == std::vector<mpq_class>{2, 2});
  const mpq_class near(500000001, 1000000000), rest(499999999, 1000000000);
  // Row 2 is worth 2e-9 more than row 1 against (near, rest); the 50-50 mix loses half of it.
  CHECK(g.exact_max_regret({{half, half}, {near, rest}}) == mpq_class(1, 1000000000));
}

TEST_CASE("exact regrets of decimal payoffs: the scaled 64-bit path and GMP agree with the definition") {
  // Payoffs such as 0.125 or -3.07 (what .nfg files hold) are small fractions
  // with power-of-ten denominators: the 64-bit path scales them to one
  // denominator. Every fourth game mixes in entries that do not fit in 64
  // bits (GMP decides), every sixth denominators whose product overflows.
  std::mt19937 rng(16);
  std::uniform_int_distribution<long> digits(-999999, 999999);
  const long denominators[] = {1, 10, 100, 1000, 1000000};
  for (int trial = 0; trial < 48; ++trial) {
    NormalFormGame g(trial % 2 == 0 ? std::vector<std::size_t>{3, 3} : std::vector<std::size_t>{2, 2, 3});
    std::vector<mpq_class> exact;
    for (std::size_t k = 0; k < g.num_players() * g.num_profiles(); ++k) {
      long den = denominators[static_cast<std::size_t>(digits(rng) & 0xFFFF) % 5];
      if (trial % 6 == 5 && k % 2 == 1) den = 999999937L * (k % 3 == 0 ? 1 : 999999929L);  // primes
      mpq_class q(digits(rng), den);
      q.canonicalize();
      if (trial % 4 == 3 && k == 1) q *= mpq_class("100000000000000000000000000000");  // 10^29
      exact.push_back(q);
    }
    g.set_exact_payoffs(exact);
    const ExactMixedProfile x = random_profile(g, rng, trial % 3 == 0 ? 4000000000L : 7);
    const std::vector<mpq_class> payoffs = g.exact_expected_payoffs(x);
    for (std::size_t p = 0; p < g.num_players(); ++p) CHECK(payoffs[p] == reference_payoff(g, x, p));
    CHECK(g.exact_max_regret(x) == reference_max_regret(g, x));
  }
}
