// Writers for a learning run (sim/learn/dynamics_catalog.hpp): the trajectory
// as CSV or JSON for programs and plots, and a text summary for people.
//
//  - CSV: header `iteration,<player>:<action>...,payoff:<player>...`, one row
//    per trajectory point (action labels quoted when they hold commas, as RFC
//    4180 says); probabilities and payoffs in shortest round-trip form.
//  - JSON (schema_version 1): the game summary, dynamics and options, the
//    trajectory (iteration, profile, payoffs), the final profile, the
//    dynamic's own stopping result and the independent verdict.
//  - Text: where the dynamic stopped, the final profile and payoffs, each
//    player's regret against its tolerance, and the verdict; it says that the
//    end of a learning trajectory is an equilibrium only when verified.
// Nothing is computed here beyond formatting (the verdict comes from run_learning).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/game/normal_form.hpp"
#include "sim/learn/dynamics_catalog.hpp"

namespace negsim {

std::string learning_csv(const NormalFormGame& game, const LearningRun& run);
nlohmann::json learning_json(const NormalFormGame& game, const LearningRun& run);
// `source`: the game's file, for the heading.
std::string learning_text(const NormalFormGame& game, const LearningRun& run, const std::string& source);

}  // namespace negsim
