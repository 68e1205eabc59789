// Replicator dynamics (Taylor & Jonker 1978, Math. Biosciences 40; Weibull
// 1995, ch. 3 and 5), multi-population: each player's strategy grows in the
// actions that earn more than its average.
//  - continuous: dx_a/dt = x_a (u_a(x) - u(x)) / r, integrated by RK4 with step
//    options.step, renormalised onto the simplex;
//  - discrete: x_a <- x_a (u_a - m + r) / (u - m + r), m the player's lowest
//    payoff (Maynard Smith's discrete replicator, payoffs shifted positive);
//  r is the player's payoff range (payoff_units in learning.hpp), so the path,
//  step and tol do not depend on the units of each player's payoffs.
// Interior starts stay interior; strictly dominated actions vanish; limits that
// are rest points and stable are Nash equilibria (folk theorem of evolutionary
// game theory). Cycles are possible (e.g. rock-paper-scissors).
// converged: sup-norm change per iteration <= tol. final_profile: the current state.
// Complexity: O(iterations * profiles * players) (x4 for RK4).
#pragma once

#include "sim/learn/learning.hpp"

namespace negsim {

LearningResult replicator_continuous(const NormalFormGame& game, const LearningOptions& options = {});
LearningResult replicator_discrete(const NormalFormGame& game, const LearningOptions& options = {});

}  // namespace negsim
