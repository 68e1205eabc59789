// Small games with known answers (../shared/ORACLES.md), built in code, shared
// by every test (and bench/bench_repeated.cpp). One builder per shape: a
// 2-player game from two payoff matrices, or from cells (row payoff, column
// payoff); named games are built with them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gmpxx.h>

#include "models/game/normal_form.hpp"

namespace negsim::testing {

// A bimatrix game from row-major matrices: a[i][j] is player 1's payoff and
// b[i][j] player 2's when player 1 plays row i and player 2 column j.
inline NormalFormGame bimatrix(const std::vector<std::vector<double>>& a,
                               const std::vector<std::vector<double>>& b) {
  const std::size_t m = a.size(), n = a[0].size();
  NormalFormGame g({m, n});
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      g.set_payoff(0, i + j * m, a[i][j]);  // Gambit order: player 1's action fastest
      g.set_payoff(1, i + j * m, b[i][j]);
    }
  return g;
}

// The same from cells {player 1's payoff, player 2's payoff}, row-major, with
// optional action labels.
inline NormalFormGame bimatrix(const std::vector<std::vector<std::pair<double, double>>>& cells,
                               std::vector<std::string> row_labels = {},
                               std::vector<std::string> col_labels = {}) {
  std::vector<std::vector<double>> a(cells.size()), b(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i)
    for (const auto& [first, second] : cells[i]) {
      a[i].push_back(first);
      b[i].push_back(second);
    }
  NormalFormGame g = bimatrix(a, b);
  if (!row_labels.empty()) g.action_labels[0] = std::move(row_labels);
  if (!col_labels.empty()) g.action_labels[1] = std::move(col_labels);
  return g;
}

// Chicken: action 0 = dare, 1 = chicken. DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3).
inline NormalFormGame chicken() { return bimatrix({{0, 4}, {1, 3}}, {{0, 1}, {4, 3}}); }

// Matching pennies: player 1 wants to match (+1), player 2 to mismatch.
inline NormalFormGame matching_pennies() { return bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}}); }

inline NormalFormGame rock_paper_scissors() {
  return bimatrix({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
}

// ORACLES.md prisoner's dilemma: (R,S,T,P) = (9,1,10,3); action 0 = C, 1 = D.
inline NormalFormGame pd_9_1_10_3() {
  return bimatrix({{{9, 9}, {1, 10}}, {{10, 1}, {3, 3}}}, {"C", "D"}, {"C", "D"});
}

// Axelrod's prisoner's dilemma: (R,P,S,T) = (3,1,0,5).
inline NormalFormGame pd_axelrod() {
  return bimatrix({{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}}, {"C", "D"}, {"C", "D"});
}

// Von Stengel's 3x2 example (three equilibria).
inline NormalFormGame von_stengel_3x2() {
  return bimatrix({{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}});
}

inline NormalFormGame lh_cycling_trap() {
  return bimatrix({{0, 0, 0}, {0, 1, 1}, {1, 1, 0}}, {{1, 0, 1}, {1, 1, 0}, {0, 0, 2}});
}

// n x n coordination: both get 1 + i on the diagonal (i, i), 0 elsewhere.
inline NormalFormGame coordination(std::size_t n) {
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) a[i][i] = 1.0 + static_cast<double>(i);
  return bimatrix(a, a);
}

inline NormalFormGame abreu_sannikov_3x3() {
  return bimatrix({{{16, 9}, {3, 13}, {0, 3}}, {{21, 1}, {10, 4}, {-1, 0}}, {{9, 0}, {5, -4}, {-5, -15}}});
}

// n-player symmetric public-goods game: u_i = 2 * (#cooperating others) / (n - 1) - c_i,
// action 0 = C (costs 1), 1 = D.
inline NormalFormGame public_goods(std::size_t n) {
  NormalFormGame g(std::vector<std::size_t>(n, 2));
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    std::size_t coop = 0;
    for (std::size_t q = 0; q < n; ++q) coop += g.action_of(idx, q) == 0;
    for (std::size_t q = 0; q < n; ++q) {
      const bool c = g.action_of(idx, q) == 0;
      const double others = static_cast<double>(coop - (c ? 1 : 0));
      g.set_payoff(q, idx, 2.0 * others / static_cast<double>(n - 1) - (c ? 1.0 : 0.0));
    }
  }
  return g;
}

inline ExactMixedProfile exact_profile(const std::vector<std::vector<mpq_class>>& rows) { return rows; }

}  // namespace negsim::testing
