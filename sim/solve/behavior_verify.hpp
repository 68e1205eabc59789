// The one independent verifier of a behaviour profile in an extensive-form game.
//
// Definition: player p's best-response value against a behaviour profile b is
// the most p can get by changing its own behaviour while the other players
// and chance keep b. Its gain (exploitability) is that value minus p's payoff
// under b (>= 0). b is a Nash equilibrium iff every player's gain is 0; the
// check is per player and relative to that player's own payoff range (the
// rule of docs/solvers/tolerances.md): gain_p <= rel_tol * range_p + rounding.
//
// Method: with perfect recall a best response is found over p's sequences by
// backward induction on p's information sets (von Stengel 1996; Kuhn 1953:
// with perfect recall behaviour strategies lose nothing). Every terminal z
// carries the weight w_z = chance(z) * prod_{q != p} reach_q(z) and p's
// payoff; for each sequence s of p,
//     V(s) = sum_{z ending in s} w_z u_p(z) + sum_{I after s} max_a V(s(I, a)),
// and the best-response value is V(empty). This reads only the game and b,
// never how b was found, so every extensive-form solver passes its answers
// through it before printing.
//
// Exact version: the same in rationals (mpq), gains exactly 0 for exact
// equilibria.
//
// Complexity: O(nodes * players) per profile. Limits: requires perfect recall
// (InputError naming the failing information set otherwise).
#pragma once

#include <cstddef>
#include <vector>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"

namespace negsim {

struct BehaviorCheck {
  std::vector<double> payoffs;        // each player's expected payoff under b
  std::vector<double> best_response;  // each player's best-response value
  std::vector<double> gain;           // best_response - payoff, clamped at 0
  std::vector<double> tolerance;      // each player's allowed gain
  // A best pure response: for each of the player's information sets (global
  // index), the action it would take (kNoIndex for chance).
  std::vector<std::size_t> best_actions;
  double max_relative_gain = 0.0;  // max over players of gain / range (range 0 -> 1)
  bool is_equilibrium = false;     // every gain within its tolerance
};

struct ExactBehaviorCheck {
  std::vector<mpq_class> payoffs;
  std::vector<mpq_class> best_response;
  std::vector<mpq_class> gain;
  std::vector<std::size_t> best_actions;
  bool is_equilibrium = false;  // every gain exactly 0
};

// Each player's gain tolerance: rel_tol * (max u_p - min u_p) + 64 ulps of max |u_p|.
std::vector<double> behavior_tolerances(const ExtensiveFormGame& game, double rel_tol);

BehaviorCheck verify_behavior(const ExtensiveFormGame& game, const BehaviorProfile& profile,
                              double rel_tol = 1e-9);
ExactBehaviorCheck verify_exact_behavior(const ExtensiveFormGame& game,
                                         const ExactBehaviorProfile& profile);

// The same check in the subgame rooted at `root` (a node from
// ExtensiveFormGame::subgame_roots(); its reach is taken as 1): payoffs and
// best responses are conditional on reaching it. For subgame perfection.
BehaviorCheck verify_behavior_at(const ExtensiveFormGame& game, const BehaviorProfile& profile,
                                 std::size_t root, double rel_tol = 1e-9);
ExactBehaviorCheck verify_exact_behavior_at(const ExtensiveFormGame& game,
                                            const ExactBehaviorProfile& profile, std::size_t root);

// Agent form: true if no player gains by changing its behaviour at a single
// information set (the others, and its own other sets, fixed) in the subgame
// rooted at `root`; exact. Weaker than Nash (a player may gain by changing
// several moves at once). O(infosets * actions * nodes * players).
bool is_agent_form_equilibrium(const ExtensiveFormGame& game, const ExactBehaviorProfile& profile,
                               std::size_t root = 0);

// Converters between the two representations.
ExactBehaviorProfile to_exact_behavior(const BehaviorProfile& profile);
BehaviorProfile to_double_behavior(const ExactBehaviorProfile& profile);

}  // namespace negsim
