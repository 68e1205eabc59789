// Two-player games as a pair of payoff matrices: the form the 2-player
// solvers (lemke_howson, vertex_enumeration, zero_sum_lp) work on.
//
// Contract
//  - Row player = player 0 with m actions, column player = player 1 with n
//    actions; matrices are row-major m x n: a[i*n+j] = payoff of player 0 at
//    (row i, column j), b likewise for player 1.
//  - positive_bimatrix() and positive_integer_bimatrix() apply a positive
//    affine map to each player's payoffs (which leaves every equilibrium
//    unchanged) so that all entries are >= 1. Then the best-response polytopes
//        P = { x in R^m : x >= 0, B^T x <= 1 },  Q = { y in R^n : A y <= 1, y >= 0 }
//    are bounded (von Stengel 2002, "Computing equilibria for two-person games").
//  - Labels: 0..m-1 are player 0's actions, m..m+n-1 player 1's. A point x of P
//    has label i if x_i = 0 and label m+j if (B^T x)_j = 1; y in Q has label i if
//    (A y)_i = 1 and label m+j if y_j = 0. A pair (x, y) != (0, 0) with every
//    label is, normalized, a Nash equilibrium.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <gmpxx.h>

#include "models/game/normal_form.hpp"

namespace negsim {

struct BimatrixDouble {
  std::size_t rows = 0, cols = 0;
  std::vector<double> a, b;  // row-major rows x cols
};

struct BimatrixExact {
  std::size_t rows = 0, cols = 0;
  std::vector<mpz_class> a, b;  // row-major rows x cols, positive integers
};

// Throws std::invalid_argument unless the game has exactly two players.
void require_two_players(const NormalFormGame& game, const char* method);

// Each player's payoffs mapped affinely into [1, 2].
BimatrixDouble positive_bimatrix(const NormalFormGame& game);

// Each player's exact payoffs (game.exact_or_double_payoff) mapped to
// positive integers by v -> (v - min) * lcm(denominators) / gcd + 1, gcd the
// greatest common divisor of the scaled differences: the same matrix for
// every a_p * u_p + b_p (a_p > 0) that is exact in rationals.
BimatrixExact positive_integer_bimatrix(const NormalFormGame& game);

// The game with the players swapped (new row player = old column player).
BimatrixDouble transposed(const BimatrixDouble& g);
BimatrixExact transposed(const BimatrixExact& g);

// Unique solution of the (possibly overdetermined) linear system
//   sum_k rows[e][k] * z_k = rhs[e]  for every equation e,
// by exact Gaussian elimination; nullopt if inconsistent or not of full rank.
std::optional<std::vector<mpq_class>> solve_unique_exact(std::vector<std::vector<mpq_class>> rows,
                                                         std::vector<mpq_class> rhs,
                                                         std::size_t unknowns);

// The point of P (player 0's polytope of `g`) or Q (player 1's) whose tight
// constraints include every label in `labels` (label ids as above); nullopt
// if those constraints do not determine a unique point.
std::optional<std::vector<mpq_class>> exact_point_from_labels(const BimatrixExact& g, bool row_player,
                                                              const std::vector<int>& labels);

// x / sum(x); requires sum(x) > 0.
std::vector<mpq_class> normalized(const std::vector<mpq_class>& x);
std::vector<double> normalized(const std::vector<double>& x);

}  // namespace negsim
