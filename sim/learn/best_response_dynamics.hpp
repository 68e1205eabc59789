// Pure best-response dynamics (Cournot adjustment; Fudenberg & Levine 1998,
// ch. 1-2; Monderer & Shapley 1996 for finite improvement in potential games).
// Sequential (default): players in turn switch to a best reply when their
// current action is not one (lowest index among best replies). Simultaneous:
// all players switch at once. Stops at a pure Nash equilibrium (converged), or
// when a profile repeats (a cycle: converged = false), or at max_iterations.
// An iteration is one sweep over the players. final_profile: the last pure profile.
// Complexity: O(iterations * sum_i |A_i|) plus a hash set of visited profiles.
#pragma once

#include "sim/learn/learning.hpp"

namespace negsim {

// options.initial, if given, must be pure (one probability 1 per player); default: action 0 each.
LearningResult best_response_dynamics(const NormalFormGame& game, const LearningOptions& options = {});

}  // namespace negsim
