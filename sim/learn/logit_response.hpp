// Smoothed (logit) best-response dynamics (Fudenberg & Levine 1998, The Theory
// of Learning in Games, ch. 4): x <- (1 - step) x + step * L(lambda u(x)),
// where L is the logit choice L_a = exp(lambda u_a) / sum_b exp(lambda u_b).
// Rest points are the logit quantal response equilibria (McKelvey & Palfrey
// 1995) at precision lambda; as lambda grows they approach Nash equilibria.
// Converges in two-player zero-sum and potential games for small steps.
// converged: sup-norm change per iteration <= tol. final_profile: the current state
// (its max_regret is O(log|A| / lambda) at a QRE, not 0).
// Complexity: O(iterations * profiles * players).
#pragma once

#include "sim/learn/learning.hpp"

namespace negsim {

LearningResult logit_response(const NormalFormGame& game, const LearningOptions& options = {});

// The logit choice probabilities L(lambda u(x)) of every player (the QRE map).
MixedProfile logit_choice(const NormalFormGame& game, const MixedProfile& x, double lambda);

}  // namespace negsim
