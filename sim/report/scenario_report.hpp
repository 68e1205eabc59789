// The `negsim run` report of a scenario: for a policy analyst in text (players
// and levers, each equilibrium as lever settings in words, payoffs, what
// dominance removed) and the same content as JSON (schema_version 2).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

// The unit of payoffs as the scenario declares it (`units:`), or "".
std::string scenario_payoff_unit(const Scenario& scenario);

// The heading of the mixed-equilibria section: how many were found, by which
// method (SolveResult::method), whether the list is complete, and the notes.
std::string mixed_equilibria_heading(const SolveResult& mixed);

// "tariff 20%, chips hold" for player p's action a.
std::string action_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                            std::size_t action);

std::string scenario_text_report(const Scenario& scenario, const ScenarioGame& built,
                                 const ScenarioAnalysis& analysis,
                                 const std::vector<std::string>& overrides);
nlohmann::json scenario_json_report(const Scenario& scenario, const ScenarioGame& built,
                                    const ScenarioAnalysis& analysis,
                                    const std::vector<std::string>& overrides);

}  // namespace negsim
