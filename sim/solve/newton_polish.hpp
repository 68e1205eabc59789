// Newton polishing of an approximate mixed equilibrium (N players).
//
// Contract: polish_equilibrium(game, profile, target) guesses the support of
// the equilibrium near `profile` (the actions whose probability is at least a
// threshold times the player's largest, for a few thresholds, and the exact
// nonzeros; then each of these widened by the actions that beat the player's
// current payoff), and for each guess solves the indifference system restricted to
// that support,
//     v_p(a; sigma) = u_p       for a in S_p,
//     sum_{a in S_p} sigma_p(a) = 1,
// (unknowns sigma_p(a), a in S_p, and the values u_p; actions outside S_p get
// probability 0) by Newton's method with minimum-norm steps (a complete
// orthogonal decomposition, so singular systems of non-isolated equilibria
// are handled). A candidate is kept only if it is a valid mixed profile
// (negative probabilities above -1e-12 are clipped, anything below rejects the
// guess) and its max regret, recomputed by the game model, is lower than the
// input's. Returns the best such profile, or nullopt when none improves on the
// input or the input already has regret <= target. target is relative to
// each player's payoff range: the work is done on unit_range_game(game)
// (equilibrium.hpp), so the result does not change under a_p * u_p + b_p.
// Newton stops early once the
// recomputed regret is at most the target.
//
// Cost: per guess and iteration one PayoffJacobian evaluation (2 passes over
// the payoff tables) plus an O(m^3) solve, m = sum |S_p| + N.
// Limits: only as good as the support guess: a profile far from any
// equilibrium is returned unchanged (nullopt). `deadline` (optional) reaches
// inside each PayoffJacobian evaluation (LimitError once it has passed; only
// large games read it there: see payoff_jacobian.hpp).
#pragma once

#include <optional>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"

namespace negsim {

std::optional<MixedProfile> polish_equilibrium(const NormalFormGame& game,
                                               const MixedProfile& profile,
                                               double target_regret = 1e-10,
                                               const Deadline* deadline = nullptr);

}  // namespace negsim
