// Two-player games with known answers (../shared/ORACLES.md), shared by the
// tests of the 2-player solvers.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include <gmpxx.h>

#include "models/game/normal_form.hpp"

namespace negsim::testing {

// A bimatrix game from row-major matrices (A for player 1, B for player 2).
inline NormalFormGame bimatrix(const std::vector<std::vector<double>>& a,
                               const std::vector<std::vector<double>>& b) {
  const std::size_t m = a.size(), n = a[0].size();
  NormalFormGame g({m, n});
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      g.set_payoff(0, i + j * m, a[i][j]);
      g.set_payoff(1, i + j * m, b[i][j]);
    }
  return g;
}

inline NormalFormGame von_stengel_3x2() {
  return bimatrix({{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}});
}

inline NormalFormGame lh_cycling_trap() {
  return bimatrix({{0, 0, 0}, {0, 1, 1}, {1, 1, 0}}, {{1, 0, 1}, {1, 1, 0}, {0, 0, 2}});
}

inline NormalFormGame coordination(std::size_t n) {
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) a[i][i] = 1.0 + static_cast<double>(i);
  return bimatrix(a, a);
}

inline NormalFormGame rock_paper_scissors() {
  std::vector<std::vector<double>> a{{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};
  std::vector<std::vector<double>> b(3, std::vector<double>(3));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) b[i][j] = -a[i][j];
  return bimatrix(a, b);
}

// Chicken: action 0 = dare, 1 = chicken. DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3).
inline NormalFormGame chicken() { return bimatrix({{0, 4}, {1, 3}}, {{0, 1}, {4, 3}}); }

// Seeded random game; integer payoffs in [0, range) if range > 0, else uniform [0,1).
inline NormalFormGame random_bimatrix(std::size_t m, std::size_t n, std::uint64_t seed, int range = 0) {
  NormalFormGame g({m, n});
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> real(0.0, 1.0);
  std::uniform_int_distribution<int> integer(0, range > 0 ? range - 1 : 0);
  for (std::size_t p = 0; p < 2; ++p)
    for (double& v : g.payoff_table(p)) v = range > 0 ? integer(rng) : real(rng);
  return g;
}

inline ExactMixedProfile exact_profile(const std::vector<std::vector<mpq_class>>& rows) { return rows; }

}  // namespace negsim::testing
