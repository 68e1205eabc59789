// Seeded random games for benchmarks.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim::bench {

// Payoffs uniform on [0,1) (real) or integers in [0,range) when integer is set.
inline NormalFormGame random_game(std::vector<std::size_t> sizes, std::uint64_t seed,
                                  int integer_range = 0) {
  NormalFormGame game(std::move(sizes));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> real(0.0, 1.0);
  std::uniform_int_distribution<int> integer(0, integer_range > 0 ? integer_range - 1 : 0);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : game.payoff_table(p)) v = integer_range > 0 ? integer(rng) : real(rng);
  return game;
}

}  // namespace negsim::bench
