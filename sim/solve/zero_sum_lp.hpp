// Two-player zero-sum (and constant-sum) games by linear programming.
//
// Contract
//  - is_constant_sum(game, &c) is true if A + B is the same constant c in every
//    cell (exactly, comparing game.exact_or_double_payoff).
//  - zero_sum_solution(game) returns the value (player 1's payoff) and one pair
//    of optimal (maximin / minimax) strategies. solve_zero_sum(game, options)
//    wraps it as a SolveResult with one verified equilibrium ("lp"); the notes
//    say whether the game is zero-sum or constant-sum (and the constant).
//    result.complete is false: the optimal strategies form a polytope, of
//    which the LP returns one vertex (use enum for all extreme ones).
//  - Throws std::invalid_argument (callers map it to exit code 1) if the game
//    is not 2-player or not constant-sum.
//
// Method: the row player's maximin LP
//     max v  s.t.  sum_i x_i A_ij >= v for every column j,  sum_i x_i = 1,  x >= 0,
// solved with GLPK's primal simplex (terminal output off); the column player's
// optimal strategy is the dual of the column constraints. If the double-
// precision answer fails verification (per player, equilibrium.hpp), GLPK's
// exact rational simplex (glp_exact) is tried; if its answer, rounded to
// doubles, still fails (badly scaled payoffs: 1e10 next to 1e-5), the exact
// Lemke-Howson path from label 1 gives an optimal pair in rationals (every
// equilibrium of a constant-sum game is one), verified exactly. Reference: von Neumann's minimax theorem; e.g.
// Chvatal, "Linear Programming" (1983), ch. 15.
//
// Complexity: a simplex on an (n+1) x (m+1) LP; polynomial in practice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

struct ZeroSumSolution {
  double value = 0;         // player 1's equilibrium payoff
  MixedProfile strategies;  // optimal strategies of both players
  // Set when double precision could not decide and the solution was found in
  // exact arithmetic (see the fallback above); then it is exactly optimal.
  std::optional<ExactMixedProfile> exact;
};

// A matrix game: the row player maximises sum_ij x_i a_ij y_j, the column
// player minimises it; a is m x n, row-major (a[i * n + j]).
struct MatrixGameSolution {
  double value = 0;        // max_x min_j = min_y max_i (von Neumann)
  std::vector<double> row;     // an optimal (maximin) strategy x
  std::vector<double> column;  // an optimal (minimax) strategy y, from the LP's duals
};
// Solves it by the row player's maximin LP on the matrix mapped affinely
// onto [0, 1] (the same strategies, GLPK's tolerances in the same units for
// every scaling), the value mapped back. One LP for the zero-sum solver
// (zero_sum_solution) and for minmax values (sim/repeated/minmax). Empty when
// GLPK finds no optimum. exact_simplex: GLPK's rational simplex. deadline:
// GLPK's time limit; LimitError ("solving <purpose> with GLPK's ...") when it passes.
std::optional<MatrixGameSolution> solve_matrix_game(std::size_t m, std::size_t n, const std::vector<double>& a,
                                                    bool exact_simplex = false, const Deadline& deadline = Deadline{},
                                                    const std::string& purpose = "a matrix-game LP");

bool is_constant_sum(const NormalFormGame& game, mpq_class* constant = nullptr);
// deadline: GLPK's tm_lim is the time left; when it runs out, LimitError
// (one answer: nothing partial).
ZeroSumSolution zero_sum_solution(const NormalFormGame& game, const Deadline& deadline = Deadline{});
SolveResult solve_zero_sum(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
