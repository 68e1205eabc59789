// Seeded random games for property tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim::testing {

// Integer payoffs in [0, range): small ranges give many ties (degenerate games).
inline NormalFormGame random_integer_game(std::vector<std::size_t> sizes, std::uint64_t seed,
                                          int range) {
  NormalFormGame game(std::move(sizes));
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> dist(0, range - 1);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : game.payoff_table(p)) v = dist(rng);
  return game;
}

inline NormalFormGame random_real_game(std::vector<std::size_t> sizes, std::uint64_t seed) {
  NormalFormGame game(std::move(sizes));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : game.payoff_table(p)) v = dist(rng);
  return game;
}

// Sets payoffs of a 2-player game from row-major matrices A (player 1) and B.
inline NormalFormGame bimatrix(const std::vector<std::vector<double>>& a,
                               const std::vector<std::vector<double>>& b) {
  NormalFormGame game({a.size(), a[0].size()});
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[0].size(); ++j) {
      const std::size_t idx = i + j * a.size();
      game.set_payoff(0, idx, a[i][j]);
      game.set_payoff(1, idx, b[i][j]);
    }
  return game;
}

}  // namespace negsim::testing
