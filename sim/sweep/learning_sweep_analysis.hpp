// The sweep analysis `learn`: at every point, every learning dynamic of
// sim/learn/ (dynamics_catalog()) run on the stage game with its defaults and
// kLearnSweepIterations iterations, one row per dynamic.
//
// Columns: dynamics, iterations (done), converged (the dynamic's own stopping
// rule: yes/no), max_regret (recomputed from the game at the final profile),
// equilibrium (yes when verify_equilibrium accepts the final profile with
// every player's regret within 1e-6 of its payoff range, else no), then per
// player: payoff_<id> (expected payoff at the final profile; the column the
// other analyses share), top_<id> (the action with the highest final
// probability) and freq_<id> (the final probabilities, or empirical
// frequencies, in the player's action order, separated by spaces).
// Regret matching draws its play from the point's seed, so rows are
// reproducible. A dynamic stopped by the time limit fails the point (error row).
// Complexity per point: the sum of the dynamics' costs (see their headers).
#pragma once

#include <cstddef>

#include "sim/sweep/sweep_analysis.hpp"

namespace negsim {

inline constexpr std::size_t kLearnSweepIterations = 2000;
inline constexpr double kLearnSweepRegretTolerance = 1e-6;

SweepAnalysis make_learning_analysis(const Scenario& base);

}  // namespace negsim
