// Regret matching (Hart & Mas-Colell 2000, Econometrica 68(5)): each round
// every player plays each action with probability proportional to its
// positive cumulative regret (uniformly when none is positive); actions are
// sampled with the seed. The empirical joint distribution of play converges
// almost surely to the set of coarse correlated equilibria; for the
// conditional variant, to correlated equilibria.
//
// cce_gap: the max over players and actions of the average regret of the
// empirical joint play, i.e. how far that joint distribution is from
// satisfying the coarse-correlated constraints (0 = a CCE). It is
// O(1/sqrt(T)) in expectation.
// final_profile: the empirical marginals (a product approximation of the joint
// play; its max_regret measures distance from Nash, which need not go to 0).
// converged: every player's largest average regret <= tol times its
// payoff range (cce_gap reports the largest one in payoff units). Complexity: O(iterations * sum_i |A_i| * players).
#pragma once

#include "sim/learn/learning.hpp"

namespace negsim {

LearningResult regret_matching(const NormalFormGame& game, const LearningOptions& options = {});

}  // namespace negsim
