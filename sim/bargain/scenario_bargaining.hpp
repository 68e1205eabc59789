// Scenario glue for bargaining: resolves `disagreement: stage-equilibrium`.
//
// Contract
//  - If the block asked for the stage equilibrium, the disagreement payoffs
//    become the bargaining players' payoffs at the scenario game's equilibrium:
//    the subgame-perfect equilibrium selected by `first` when the scenario has
//    a timeline (sim/solve/backward_induction.hpp), else the first pure Nash
//    equilibrium of the normal-form game in Gambit order. No pure equilibrium
//    (or no SPE) is an InputError at the disagreement's position.
//  - Returns a short description of what was used ("subgame-perfect
//    equilibrium of the timeline", ...), empty if nothing was resolved.
#pragma once

#include <string>

#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

std::string resolve_stage_disagreement(ScenarioBargaining& bargaining, const Scenario& scenario,
                                       const BuildOptions& options = {});

}  // namespace negsim
