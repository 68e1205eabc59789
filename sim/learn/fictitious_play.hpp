// Fictitious play (Brown 1951; Robinson 1951): every round each player
// best-responds (lowest index on ties) to the empirical frequencies of the
// others' past play, simultaneously. The empirical frequencies converge to
// Nash equilibrium in two-player zero-sum games (Robinson 1951), 2x2 games,
// potential games; they may cycle elsewhere (Shapley 1964).
//
// Tracked profile and final_profile: the empirical frequencies (initial
// profile counted as one round). converged: every player's regret of the
// empirical frequencies <= tol times its payoff range (max_relative_regret).
// Complexity: O(iterations * profiles * players).
#pragma once

#include "sim/learn/learning.hpp"

namespace negsim {

LearningResult fictitious_play(const NormalFormGame& game, const LearningOptions& options = {});

}  // namespace negsim
