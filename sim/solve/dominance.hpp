// Iterated elimination of strictly dominated strategies (IESDS), N players,
// by pure strategies and by mixed strategies (one LP per candidate, GLPK).
//
// Contract
//  - Action a of player p is strictly dominated (given the others' remaining
//    actions) when some mixture x over p's other remaining actions pays
//    strictly more against every remaining pure profile s of the others:
//        margin(x) = min_s [ sum_b x_b u_p(b, s) - u_p(a, s) ] > tol,
//    tol = regret_tolerances(game, rel_tol)[p]: per player, relative to p's
//    own payoff range (equilibrium.hpp), so a_p * u_p + b_p changes nothing;
//    for a pure dominator (x one action) the margin is a difference of stored
//    payoffs and must only be positive (exact comparisons, as for pure
//    equilibria).
//    Dominance by a margin at or below tol is not reported: the method never
//    removes an action it cannot certify in floating point.
//  - Rounds: in round r every player p in turn is checked against the
//    others' actions remaining at the START of round r; p's own actions are
//    removed one at a time, so each dominator uses only actions still present
//    when its step is taken. Rounds repeat until one removes nothing. Strict
//    dominance is order independent (Gilboa, Kalai and Zemel 1990), so the
//    surviving sets do not depend on these conventions; the steps do.
//  - Every step is re-verified before it is applied: dominance_margin()
//    recomputes the dominator's payoffs against every remaining profile of
//    the others straight from the original game's payoff tables. A step that
//    fails is not applied and is counted in `rejected` (a bug if > 0).
//  - allow_mixed = false gives elimination by pure strategies only.
//
// Method
//  1. Never-best-response filter (Pearce 1984, Lemma 3): an action that is a
//     best response (within tol) to some pure profile of the others, or to
//     the uniform belief over them, cannot be strictly dominated. Only the
//     other actions are candidates. On random games this settles everything.
//  2. Pure dominators for each candidate (largest margin is reported).
//  3. For the remaining candidates, the LP
//        max eps  s.t.  sum_b x_b u_p(b,s) - eps >= u_p(a,s)  for all s,
//                       sum_b x_b = 1, x >= 0, x_a = 0,
//     one GLPK problem per player and round, reused across candidates by
//     changing the right-hand side and fixing x_a (warm-started dual simplex).
//
// References: D. Pearce, Rationalizable strategic behavior and the problem of
// perfection, Econometrica 52 (1984); I. Gilboa, E. Kalai, E. Zemel, On the
// order of eliminating dominated strategies, Oper. Res. Letters 9 (1990);
// Fudenberg and Tirole, Game Theory (1991), section 2.1.
//
// Complexity per round and player p with k remaining actions against m
// remaining profiles of the others: O(k m) for the filter, O(k^2 m) worst
// case for pure dominance (early exit makes it far less in practice), and one
// LP with m rows and k+1 columns per candidate that survives both.
// Limits: floating point only (exact payoffs are carried into the reduced
// game but the margins are computed in double).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

struct DominanceStep {
  std::size_t round = 0;   // 1-based
  std::size_t player = 0;
  std::size_t action = 0;  // original index
  // Original action indices of the dominator with their weights; one entry
  // with weight 1 when the dominator is pure.
  std::vector<std::pair<std::size_t, double>> dominator;
  double margin = 0.0;  // min over the others' remaining profiles of the gain
};

struct DominanceResult {
  NormalFormGame reduced;  // keeps title, player names and action labels
  std::vector<std::vector<std::size_t>> surviving;  // original indices per player, ascending
  std::vector<DominanceStep> steps;                 // in the order taken
  std::size_t rejected = 0;         // candidate steps that failed re-verification
  std::vector<std::string> notes;   // e.g. an LP that GLPK could not solve
};

// deadline: checked before each player's pass and each LP (whose GLPK
// tm_lim is the time left); when it passes, LimitError saying how many steps
// were verified in how many rounds. A partial elimination is not returned.
DominanceResult eliminate_strictly_dominated(const NormalFormGame& game, bool allow_mixed = true,
                                             double rel_tol = kDefaultRegretTolerance,
                                             const Deadline& deadline = Deadline{});

// The independent check: min over every profile of the others drawn from
// `remaining` (entries for players other than `player`) of
// sum_b w_b u_player(b, s) - u_player(action, s), from the game's payoff
// tables. Returns -infinity if the dominator is not a probability vector
// over actions other than `action`.
double dominance_margin(const NormalFormGame& game,
                        const std::vector<std::vector<std::size_t>>& remaining,
                        std::size_t player, std::size_t action,
                        const std::vector<std::pair<std::size_t, double>>& dominator);

// Replays result.steps on `original`, checking that each dominator uses only
// actions present at its step and dominates by more than tol against the
// others' actions present at the start of its round, and that the surviving
// sets follow. tol[p] for player p's steps by mixed dominators
// (regret_tolerances); a pure dominator's margin must be positive. For tests and audits.
bool verify_elimination(const NormalFormGame& original, const DominanceResult& result,
                        const std::vector<double>& tol);
// The same tolerance for every player.
bool verify_elimination(const NormalFormGame& original, const DominanceResult& result, double tol);

// Maps a profile of result.reduced to the original game (eliminated actions
// get probability 0). Throws std::invalid_argument on a shape mismatch.
MixedProfile expand_profile(const DominanceResult& result, const MixedProfile& reduced,
                            const NormalFormGame& original);

struct DominanceSolve {
  DominanceResult elimination;
  // If elimination leaves one action per player, that profile is the unique
  // Nash equilibrium (verified); otherwise no equilibria, complete = false and
  // a note naming the size of the reduced game.
  SolveResult result;
};

// `--method dominance`: uses options.rel_tol.
DominanceSolve solve_by_dominance(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
