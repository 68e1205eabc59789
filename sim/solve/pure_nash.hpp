// All pure-strategy Nash equilibria of an N-player normal-form game.
//
// Contract: returns every profile at which no player gains more than `tol` by
// a unilateral pure deviation, in increasing Gambit profile order, up to
// `max_count` (then `truncated` is set). solve_pure_nash() re-verifies each
// one independently (exactly when the game carries exact payoffs).
//
// Method: for each player p, the best-response value max_a u_p(a, s_-p) is
// computed for every opponent profile s_-p by a blocked column-max over p's
// contiguous payoff table, and profiles that are not best responses are
// cleared from a survivor mask. Each payoff table is read about once, so the
// cost is close to one streaming pass over the payoff array:
// O(num_players * num_profiles) time, num_profiles bytes of extra memory.
// (Gambit's enumpure checks every deviation of every profile:
// O(num_profiles * sum_p num_actions(p)).)
#pragma once

#include <cstddef>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, double tol,
                                            std::size_t max_count, bool* truncated = nullptr);

SolveResult solve_pure_nash(const NormalFormGame& game, const SolveOptions& options = {});

}  // namespace negsim
