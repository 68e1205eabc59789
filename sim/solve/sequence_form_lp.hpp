// Two-player zero-sum (or constant-sum) extensive-form games by the
// sequence-form linear program: the value and an optimal behaviour strategy
// for each player, in time polynomial in the size of the tree.
//
// The LP (Koller, Megiddo and von Stengel 1994/1996; von Stengel 1996,
// section 6). With A the sequence-form payoff matrix of player 1 (sum over the
// terminals a pair of sequences reaches of chance probability times payoff),
// E x = e and F y = f the realization-plan constraints, player 1 solves
//     max  f^T q   s.t.   E x = e,  F^T q - A^T x <= 0,  x >= 0,  q free,
// (the inner minimum over y replaced by its LP dual), q_0 being the value;
// player 2 solves the same LP with its own payoffs and the roles swapped.
// Two LPs, one per player, so that no strategy depends on GLPK's dual sign
// conventions; the values add up to the game's constant.
//
// Contract
//  - is_constant_sum(game, &c): 2 players and u1 + u2 the same constant c at
//    every terminal (exact payoffs).
//  - sequence_form_lp(game, options): throws std::invalid_argument unless
//    2-player constant-sum, InputError for imperfect recall. Returns the value
//    (player 1's payoff), both realization plans and the behaviour profile
//    (uniform where a player's own plan does not reach an information set).
//    GLPK's floating-point simplex first; options.exact_simplex, or a double
//    solve that GLPK cannot finish, uses GLPK's rational simplex (glp_exact),
//    whose answer is rounded to double. The caller verifies the profile
//    (behavior_verify.hpp); if that fails, solve again with exact_simplex, or
//    use sequence-form Lemke in exact mode, whose equilibrium is an optimal pair.
//  - Deadline: GLPK's time limit is what is left; LimitError when it runs out.
// References: D. Koller, N. Megiddo, B. von Stengel, "Fast algorithms for
// finding randomized strategies in game trees", STOC 1994 and GEB 14 (1996);
// B. von Stengel, "Efficient computation of behavior strategies", GEB 14 (1996).
// Complexity: each LP has sequences + information sets + 1 rows and columns
// and O(terminals + sequences) nonzeros; simplex, polynomial in practice.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

struct SequenceFormLpOptions {
  bool exact_simplex = false;
  Deadline deadline{};
};

struct SequenceFormLpResult {
  double value = 0;                 // player 1's equilibrium payoff
  BehaviorProfile profile;          // chance rows hold the chance probabilities
  std::vector<double> plan[2];      // realization plans of the two players
  bool exact_simplex = false;       // GLPK's rational simplex produced it
  std::vector<std::string> notes;
};

bool is_constant_sum(const ExtensiveFormGame& game, mpq_class* constant = nullptr);
SequenceFormLpResult sequence_form_lp(const ExtensiveFormGame& game, const SequenceFormLpOptions& options = {});

// `negsim solve GAME.efg --method lp`: the optimal pair, verified; if the
// double answer fails the check, GLPK's rational simplex, then exact Lemke.
ExtensiveSolveResult solve_sequence_form_lp(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
