// From a scenario's `timeline:` block to a multi-stage game.
//
// Contract
//  - `timeline` is a list of stages; a stage is a list of player ids (or one
//    bare id). Every scenario player is in exactly one stage. A player's
//    actions in its stage are its actions in the normal-form game of
//    build_normal_form (lever product less constraints, labels
//    `lever=value,...`), and the leaf payoffs are that game's payoffs at the
//    profile the leaf's history spells out (so the payoff expressions,
//    constraints and infeasible payoffs are the same in both games).
//  - The stages come from the loader (Scenario::timeline), which reports a
//    timeline that is not a list, an empty stage, an unknown player (with
//    did-you-mean), a player in two stages, a player in no stage at the
//    offending node's file:line:col. A scenario without a timeline is an
//    InputError here.
//  - Budgets: BuildOptions::max_profiles bounds the leaves (LimitError).
// Complexity: O(leaves * players) after the normal-form build.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/game/multistage.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

struct ScenarioTimeline {
  MultiStageGame game;                           // players in scenario order, display names
  std::vector<std::string> player_ids;           // scenario ids, same order
  std::vector<std::vector<std::size_t>> stages;  // scenario player indices per stage
};

// Just the stages (scenario player indices); no game is built.
std::vector<std::vector<std::size_t>> read_timeline_stages(const Scenario& scenario);

// Throws InputError if the scenario has no timeline block.
ScenarioTimeline build_timeline(const Scenario& scenario, const BuildOptions& options = {});
// The same from the scenario's normal-form game already built (by
// build_normal_form with `options`): the leaves read its payoffs, so the game
// is not built twice.
ScenarioTimeline build_timeline(const Scenario& scenario, const ScenarioGame& built,
                                const BuildOptions& options = {});

}  // namespace negsim
