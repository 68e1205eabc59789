#include "sim/solve/payoff_jacobian.hpp"

#include <doctest/doctest.h>

#include <random>

#include "tests/support/random_games.hpp"

namespace {

// Payoffs uniform on [-1, 1).
negsim::NormalFormGame signed_random_game(std::vector<std::size_t> sizes, std::uint64_t seed) {
  return negsim::testing::random_game(std::move(sizes), seed, negsim::testing::real_payoffs(-1.0, 1.0));
}

std::vector<double> random_flat(const negsim::NormalFormGame& game, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> flat;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t a = 0; a < game.num_actions(p); ++a) flat.push_back(u(rng));
  return flat;
}

// Values agree with the game model; each Jacobian entry agrees with a central
// difference (exact for a multilinear function up to round-off).
void check_game(const negsim::NormalFormGame& game, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const negsim::PayoffJacobian kernel(game, 0.5);
  std::vector<double> sigma = random_flat(game, rng);
  // Normalised copy for the model's all_action_values.
  negsim::MixedProfile profile = negsim::unflatten_profile(game, sigma.data());
  const auto expected = game.all_action_values(profile);
  std::vector<double> values(kernel.num_strategies()), values2(kernel.num_strategies());
  Eigen::MatrixXd jac;
  kernel.values(sigma.data(), values.data());
  kernel.values_and_jacobian(sigma.data(), values2.data(), jac);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t a = 0; a < game.num_actions(p); ++a) {
      CHECK(values[kernel.offset(p) + a] == doctest::Approx(0.5 * expected[p][a]).epsilon(1e-12));
      CHECK(values2[kernel.offset(p) + a] == doctest::Approx(0.5 * expected[p][a]).epsilon(1e-12));
    }
  const double h = 1e-4;
  std::vector<double> plus(values.size()), minus(values.size());
  for (std::size_t j = 0; j < sigma.size(); ++j) {
    const double keep = sigma[j];
    sigma[j] = keep + h;
    kernel.values(sigma.data(), plus.data());
    sigma[j] = keep - h;
    kernel.values(sigma.data(), minus.data());
    sigma[j] = keep;
    for (std::size_t i = 0; i < sigma.size(); ++i)
      CHECK(jac(i, j) == doctest::Approx((plus[i] - minus[i]) / (2 * h)).epsilon(1e-7));
  }
}

}  // namespace

TEST_CASE("payoff_jacobian: 3-player contractions match the model and finite differences") {
  check_game(signed_random_game({4, 3, 5}, 1), 11);
  check_game(signed_random_game({2, 2, 2}, 2), 12);
}

TEST_CASE("payoff_jacobian: generic N (2, 4, 5 players) matches the model and finite differences") {
  check_game(signed_random_game({3, 4}, 3), 13);
  check_game(signed_random_game({2, 3, 2, 2}, 4), 14);
  check_game(signed_random_game({2, 2, 2, 2, 2}, 5), 15);
}

TEST_CASE("payoff_jacobian: pass counter and payoff range") {
  const auto game = signed_random_game({3, 3, 3}, 6);
  const negsim::PayoffJacobian kernel(game);
  std::vector<double> sigma(9, 1.0 / 3), values(9);
  Eigen::MatrixXd jac;
  kernel.values(sigma.data(), values.data());
  kernel.values_and_jacobian(sigma.data(), values.data(), jac);
  CHECK(kernel.passes() == 3);
  negsim::NormalFormGame constant({2, 2});
  CHECK(negsim::payoff_range(constant) == 1.0);
  constant.set_payoff(1, 3, 7.0);
  constant.set_payoff(0, 0, -1.0);
  CHECK(negsim::payoff_range(constant) == 7.0);
}
