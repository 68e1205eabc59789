// Sweep analyses of incomplete information (issue 10's types and beliefs):
// `bayesian` (the type-agent form's Bayesian equilibria) and `beliefs` (the
// `sequence:` block's perfect Bayesian equilibria, the threat's credibility,
// beliefs along the path, the value of information). Registered with the
// others in sweep_analysis.cpp.
//
// Each reads its part of the one scenario analysis
// (sim/analysis/scenario_analysis.hpp: ScenarioAnalyzer::bayesian() and
// ::beliefs(), the functions `negsim run` reports from) at every point, and the
// belief helpers of sim/analysis/belief_analysis.hpp the report uses, so a
// sweep row and `negsim run --set` at the same values say the same thing.
//  - bayesian: one row per Bayesian equilibrium, pure ones first (Gambit
//    order), then, for two agents, the mixed ones of the search. Columns:
//    equilibrium (0-based), equilibria (how many: pure + mixed), kind
//    (pure/mixed), agents (each agent's move: `Agent: label` or a mix,
//    joined by " | "), agent_payoffs (each agent's expected payoff, space
//    separated, in agent order), max_regret.
//  - beliefs: one row per pure perfect Bayesian / sequential equilibrium of
//    the sequence, then, for two-player trees (at most
//    kBehaviorPbeMaxSequences sequences each), one row for the sequential
//    equilibrium in behaviour strategies (the quasi-perfect one of the tree,
//    BeliefAnalysis::behavior; `run` prints it when it adds to the pure list,
//    the sweep always, so its columns can be followed across a grid).
//    Columns: equilibrium (0-based), equilibria (rows: pure + behaviour),
//    complete (yes: the pure rows are every pure one), kind (sequential |
//    weak PBE | behaviour sequential), payoff_<player> for each player,
//    threat_probability (the threat carried out on the path; empty without a
//    `threat:`), credible (yes when that probability is positive), path (the
//    moves on the path by round: `r1 us deadline=extend 0.6; ...`, each the
//    probability that this player makes this move in that round), beliefs
//    (at every on-path information set of a player who does not know a
//    typed player's type, in path order: `r2 bytedance [reach 0.6]: us=committed
//    0.22, threat 0.3`), off_path (information sets off the path),
//    value_of_information_<player> (types known to all minus private, first pure
//    equilibrium of each; empty when either has none), mixed_moves (each
//    information set where the row mixes, named by what the mover knows:
//    `Sender in round 1, knowing its type (weak): breakfast=beer 0.667,
//    breakfast=quiche 0.333 | ...`; empty for a pure row), max_regret (the
//    largest gain of a player from deviating, by the independent tree check),
//    value_of_learning_types_<player> (that player alone knowing the others'
//    types minus private, first pure equilibrium of each; empty when either
//    has none or no other player has types).
//    No equilibrium at all: one row "none".
// Complexity per point: the analyses' own (see belief_analysis.hpp).
#pragma once

#include "sim/sweep/sweep_analysis.hpp"

namespace negsim {

// UsageError when the base scenario has no `types:` block.
SweepAnalysis make_bayesian_analysis(const Scenario& base, const AnalysisOptions& options = {});
// UsageError when the base scenario has no `sequence:` block.
SweepAnalysis make_beliefs_analysis(const Scenario& base, const AnalysisOptions& options = {});

}  // namespace negsim
