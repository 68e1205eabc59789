#include "models/game/normal_form.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>

#include "tests/support/test_games.hpp"

using negsim::MixedProfile;
using negsim::NormalFormGame;

using negsim::testing::matching_pennies;

TEST_CASE("profiles are indexed in Gambit order, player 1 fastest") {
  NormalFormGame g({2, 3, 4});
  CHECK(g.num_profiles() == 24);
  CHECK(g.stride(0) == 1);
  CHECK(g.stride(1) == 2);
  CHECK(g.stride(2) == 6);
  const std::vector<std::size_t> acts{1, 2, 3};
  const std::size_t idx = g.profile_index(acts);
  CHECK(idx == 1 + 2 * 2 + 3 * 6);
  CHECK(g.profile_actions(idx) == acts);
  CHECK(g.action_of(idx, 1) == 2);
}

TEST_CASE("expected payoffs and regret of mixed profiles") {
  const NormalFormGame g = matching_pennies();
  const MixedProfile half{{0.5, 0.5}, {0.5, 0.5}};
  CHECK(g.expected_payoff(half, 0) == doctest::Approx(0.0));
  CHECK(g.max_regret(half) == doctest::Approx(0.0));
  const MixedProfile pure = g.pure_to_mixed(std::vector<std::size_t>{0, 0});
  CHECK(g.expected_payoffs(pure) == std::vector<double>{1.0, -1.0});
  CHECK(g.regrets(pure)[1] == doctest::Approx(2.0));
  const MixedProfile skew{{0.7, 0.3}, {0.5, 0.5}};
  // Player 2 best-responds with tails: 0.7*1 + 0.3*(-1) = 0.4 versus -0.4... regret 0.4 - (0) .
  const auto values = g.action_values(skew, 1);
  CHECK(values[0] == doctest::Approx(-0.4));
  CHECK(values[1] == doctest::Approx(0.4));
  CHECK(g.max_regret(skew) == doctest::Approx(0.4));
  CHECK(g.all_action_values(skew)[1] == values);
}

TEST_CASE("exact regret is zero exactly at the rational equilibrium") {
  const NormalFormGame g = matching_pennies();
  negsim::ExactMixedProfile half{{mpq_class(1, 2), mpq_class(1, 2)},
                                 {mpq_class(1, 2), mpq_class(1, 2)}};
  CHECK(g.exact_max_regret(half) == 0);
  half[0] = {mpq_class(2, 3), mpq_class(1, 3)};
  CHECK(g.exact_max_regret(half) == mpq_class(1, 3));
}

TEST_CASE("invalid profiles have infinite regret and bad shapes are rejected") {
  const NormalFormGame g = matching_pennies();
  CHECK(g.max_regret(MixedProfile{{0.6, 0.6}, {0.5, 0.5}}) > 1e300);
  CHECK_THROWS(NormalFormGame({2, 0}));
  CHECK(NormalFormGame::count_profiles(std::vector<std::size_t>(70, 2)) == 0);
}

TEST_CASE("exact payoffs round to the nearest double") {
  CHECK(negsim::nearest_double(mpq_class(1, 10)) == 0.1);
  CHECK(negsim::nearest_double(mpq_class(183, 25)) == 7.32);
  CHECK(negsim::nearest_double(mpq_class(-1, 3)) == -1.0 / 3.0);
  NormalFormGame g({2, 1});
  g.set_exact_payoffs({mpq_class(1, 10), mpq_class(2, 10), mpq_class(3, 10), mpq_class(-7, 10)});
  CHECK(g.payoff(0, 0) == 0.1);
  CHECK(g.payoff(1, 1) == -0.7);
}

TEST_CASE("nearest_double: the division shortcut for small rationals agrees with the general rounding") {
  // p/q with p, q below 2^53 take one IEEE division; p * 2^120 / q has the
  // same nearest double times 2^120 (exact scaling) and takes the general path.
  std::mt19937_64 rng(16);
  const mpz_class scale = mpz_class(1) << 120;
  for (int k = 0; k < 20000; ++k) {
    const int bits = 1 + static_cast<int>(rng() % 53);
    const std::uint64_t p = rng() >> (64 - bits);
    const std::uint64_t q = 1 + (rng() >> (64 - 1 - static_cast<int>(rng() % 52)));
    mpq_class small(mpz_class(static_cast<unsigned long>(p)), mpz_class(static_cast<unsigned long>(q)));
    small.canonicalize();
    if (k % 2) small = -small;
    const mpq_class big = small * scale;
    CAPTURE(small.get_str());
    CHECK(negsim::nearest_double(small) == std::ldexp(negsim::nearest_double(big), -120));
  }
  CHECK_FALSE(std::signbit(negsim::nearest_double(mpq_class(0))));
}
