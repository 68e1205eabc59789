// Scenario glue for bargaining: resolves `disagreement: stage-equilibrium`.
//
// Contract
//  - The equilibrium is chosen by the scenario analysis
//    (sim/analysis/scenario_analysis.hpp: the SPE of the timeline, or the pure
//    Nash equilibrium of the stage game, selected by --select), never
//    re-solved here: this file only copies its payoffs into the block.
//  - If the block asked for the stage equilibrium, the disagreement payoffs
//    become the bargaining players' payoffs at `chosen`. No equilibrium
//    (chosen is nullopt) is an InputError at the disagreement's position,
//    with `missing` as the message and `hint` as the hint.
//  - Returns chosen->description ("subgame-perfect equilibrium of the
//    timeline (selection first)", ...), empty if nothing was resolved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/bargaining_builder.hpp"

namespace negsim {

// An equilibrium of the scenario's game, as the disagreement point reads it.
struct StageEquilibriumPoint {
  std::vector<double> payoffs;  // one per scenario player
  std::string description;
};

std::string resolve_stage_disagreement(ScenarioBargaining& bargaining,
                                       const std::optional<StageEquilibriumPoint>& chosen,
                                       const std::string& missing, const std::string& hint = "");

}  // namespace negsim
