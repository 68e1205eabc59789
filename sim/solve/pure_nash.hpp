// All pure-strategy Nash equilibria of an N-player normal-form game.
//
// Contract: returns every profile at which no player gains more than `tol`
// (its own tol[p] in the per-player form) by a unilateral pure deviation, in
// increasing Gambit profile order, up to `max_count` (then `truncated` is
// set). solve_pure_nash() searches with no tolerance and decides each
// candidate by the pure-profile rule, is_pure_equilibrium (equilibrium.hpp:
// exact comparisons, on the exact payoffs when the game carries them; never a
// fraction of the payoff range, which is invariant under a_p * u_p + b_p up
// to the rounding of the change itself).
//
// Method: candidate elimination. The player with the most actions goes
// first: a blocked column-max over its contiguous payoff table lists the
// profiles where it best-responds (about num_profiles / num_actions of them).
// Each further player filters the candidates, either by one streaming pass
// computing all its column maxima or, once candidates are few, by checking
// each candidate's deviations directly. Each payoff table is read at most
// once and usually the last ones not at all, so the cost is at most one
// streaming pass over the payoff array: O(num_players * num_profiles) time,
// O(num_profiles / max_p num_actions(p)) extra memory.
// (Gambit's enumpure checks every deviation of every profile:
// O(num_profiles * sum_p num_actions(p)).)
//
// Time limit: solve_deadline(options) (SolveOptions::deadline, or
// time_limit_seconds from the call); the search reads the clock every 65536 payoff
// entries and, once over, throws LimitError saying how many players were
// checked. Candidates are not equilibria until every player has been checked,
// so nothing partial is returned from the search. solve_pure_nash then
// decides and lists the candidates (payoffs and regret read from the tables,
// O(sum of actions) each), reading the clock every 256 of them: once over,
// it returns the verified equilibria listed so far, marked incomplete
// (limit_reached, LimitKind::time).
// Players with one action are skipped by the search (always best responses).
#pragma once

#include <cstddef>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, double tol,
                                            std::size_t max_count, bool* truncated = nullptr,
                                            const Deadline* deadline = nullptr);
// With a tolerance per player (tol[p] >= 0; 0 compares exactly).
std::vector<std::size_t> pure_nash_profiles(const NormalFormGame& game, const std::vector<double>& tol,
                                            std::size_t max_count, bool* truncated = nullptr,
                                            const Deadline* deadline = nullptr);

SolveResult solve_pure_nash(const NormalFormGame& game, const SolveOptions& options = {});

}  // namespace negsim
