// Stage games of ORACLES.md shared by the repeated-game tests and bench/bench_repeated.cpp.
#pragma once

#include <string>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim::test {

// Two-player game from row-major bimatrix entries (row player first).
inline NormalFormGame bimatrix(const std::vector<std::vector<std::pair<double, double>>>& cells,
                               std::vector<std::string> row_labels = {},
                               std::vector<std::string> col_labels = {}) {
  const std::size_t r = cells.size(), c = cells[0].size();
  NormalFormGame g({r, c});
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < c; ++j) {
      const std::size_t idx = i + j * r;
      g.set_payoff(0, idx, cells[i][j].first);
      g.set_payoff(1, idx, cells[i][j].second);
    }
  if (!row_labels.empty()) g.action_labels[0] = row_labels;
  if (!col_labels.empty()) g.action_labels[1] = col_labels;
  return g;
}

// ORACLES.md prisoner's dilemma: (R,S,T,P) = (9,1,10,3); action 0 = C, 1 = D.
inline NormalFormGame pd_9_1_10_3() {
  return bimatrix({{{9, 9}, {1, 10}}, {{10, 1}, {3, 3}}}, {"C", "D"}, {"C", "D"});
}

// Axelrod's prisoner's dilemma: (R,P,S,T) = (3,1,0,5).
inline NormalFormGame pd_axelrod() {
  return bimatrix({{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}}, {"C", "D"}, {"C", "D"});
}

inline NormalFormGame abreu_sannikov_3x3() {
  return bimatrix({{{16, 9}, {3, 13}, {0, 3}}, {{21, 1}, {10, 4}, {-1, 0}}, {{9, 0}, {5, -4}, {-5, -15}}});
}

// n-player symmetric public-goods-like game: C costs 1, gives 2 spread over the others... built
// as: u_i = 2 * (#cooperating others) / (n - 1) - c_i, action 0 = C, 1 = D.
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

}  // namespace negsim::test
