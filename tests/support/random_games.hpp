// Seeded random games for tests and benchmarks: one generator, every variant
// the suites use is a payoff distribution of it.
//
// random_game(sizes, seed, payoffs) draws every payoff independently from
// `payoffs` with one std::mt19937_64 seeded with `seed`: player 1's table
// first, each table in Gambit profile order (player 1's action fastest). The
// same arguments give the same game on every run (libstdc++'s distributions;
// another standard library may draw other numbers). Small integer ranges give
// many ties, i.e. degenerate games.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim::testing {

struct RandomPayoffs {
  bool integer = false;
  double low = 0.0;   // reals: [low, high); integers: low, low + 1, ..., high
  double high = 1.0;
};

inline RandomPayoffs real_payoffs(double low, double high) { return {false, low, high}; }
inline RandomPayoffs integer_payoffs(int low, int high) { return {true, double(low), double(high)}; }
// The 2-player tests' convention: range > 0 gives the integers 0..range-1,
// range 0 gives reals on [0, 1).
inline RandomPayoffs range_payoffs(int range) {
  return range > 0 ? integer_payoffs(0, range - 1) : real_payoffs(0.0, 1.0);
}

inline NormalFormGame random_game(std::vector<std::size_t> sizes, std::uint64_t seed,
                                  RandomPayoffs payoffs = real_payoffs(0.0, 1.0)) {
  NormalFormGame game(std::move(sizes));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> real(payoffs.low, payoffs.high);
  std::uniform_int_distribution<int> integer(static_cast<int>(payoffs.low), static_cast<int>(payoffs.high));
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : game.payoff_table(p)) v = payoffs.integer ? integer(rng) : real(rng);
  return game;
}

}  // namespace negsim::testing
