// The `negsim run` report of a scenario: for a policy analyst in text (the
// bottom line first, then each model's results as lever settings in words,
// payoffs, what dominance removed, tipping points, the players and levers)
// and the same content as JSON (schema_version 2).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/analysis/tipping_points.hpp"

namespace negsim {

// The unit of payoffs as the scenario declares it (`units:`), or "".
std::string scenario_payoff_unit(const Scenario& scenario);

// The heading of the mixed-equilibria section: how many were found, by which
// method (SolveResult::method), whether the list is complete, and the notes.
std::string mixed_equilibria_heading(const SolveResult& mixed);

// "rare earths" for lever rare_earths; "20%" / "joint venture" for a value.
std::string lever_name_in_words(const Lever& lever);
std::string lever_value_in_words(const Lever& lever, std::size_t value);

// "tariff 20%, chips hold" for player p's action a.
std::string action_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                            std::size_t action);

struct ScenarioReportOptions {
  bool verbose = false;                         // the full dominance list in text (JSON always has it)
  const TippingPointResult* tipping = nullptr;  // tipping points, when computed (run --sensitivity)
};

// The report opens with the bottom line (bottom_line.hpp), then the details,
// most relevant model first (the sequential game when there is a timeline),
// and ends with the players and levers for reference.
std::string scenario_text_report(const Scenario& scenario, const ScenarioGame& built,
                                 const ScenarioAnalysis& analysis,
                                 const std::vector<std::string>& overrides,
                                 const ScenarioReportOptions& options = {});
nlohmann::json scenario_json_report(const Scenario& scenario, const ScenarioGame& built,
                                    const ScenarioAnalysis& analysis,
                                    const std::vector<std::string>& overrides,
                                    const ScenarioReportOptions& options = {});

}  // namespace negsim
