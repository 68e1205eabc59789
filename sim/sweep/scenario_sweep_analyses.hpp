// Sweep analyses beyond the stage game: the subgame-perfect equilibria of a
// scenario with a `timeline` ("spe"), the repeated-game sustainability of
// its `repeated` target ("repeated"), the mixed and correlated equilibria of
// the stage game ("mixed", "correlated") and the bargaining solutions
// ("bargaining"). Registered with the built-in `stage`.
//
// Each reads its part of the one scenario analysis
// (sim/analysis/scenario_analysis.hpp) at every point, over the point's stage
// game, with the sweep's options (--select, the deadline, the mixed method):
// so a sweep row and `negsim run` at the same values report the same thing.
//  - spe: one row per subgame-perfect equilibrium the selection rule gives
//    (one; every one for --select all, numbered from 0), with the actions on
//    the path (a mixed stage's movers as `mix(P LABEL; P LABEL ...)`), each
//    player's payoff and the one-shot deviation regret. Stages after the
//    first mixed one have no single action: their cells are empty.
//  - repeated: the discount, the critical discount of grim trigger (Nash
//    reversion), the binding player, whether the deal holds, whether grim
//    trigger is an SPE at the discount.
#pragma once

#include "sim/sweep/sweep_analysis.hpp"

namespace negsim {

SweepAnalysis make_spe_analysis(const Scenario& base, const AnalysisOptions& options = {});
SweepAnalysis make_repeated_analysis(const Scenario& base, const AnalysisOptions& options = {});
// The mixed search's mixed (not pure) equilibria, one row each, with the
// method that found each (`method`) and, in the first row's message, the
// methods the search ran and whether it guarantees every equilibrium.
SweepAnalysis make_mixed_analysis(const Scenario& base, const AnalysisOptions& options = {});
// The max-welfare correlated equilibrium: payoffs, largest deviation gain,
// welfare, support size and the distribution over profiles.
SweepAnalysis make_correlated_analysis(const Scenario& base, const AnalysisOptions& options = {});
// The bargaining block: one row per solution (alternating offers, Nash, Nash
// over lotteries, Kalai-Smorodinsky, KS over lotteries): the deal, each
// bargaining player's payoff, and for alternating offers the agreement round,
// how the talks end and the one-shot deviation regret.
SweepAnalysis make_bargaining_analysis(const Scenario& base, const AnalysisOptions& options = {});

}  // namespace negsim
