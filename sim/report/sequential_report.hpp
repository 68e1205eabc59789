// Report sections for the sequential game (subgame-perfect equilibria: the
// path in words, payoffs, and the threats off the path that hold it up) and
// for bargaining (alternating offers, Nash and Kalai-Smorodinsky solutions).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

std::string sequential_text(const Scenario& scenario, const ScenarioGame& built,
                            const SequentialAnalysis& analysis, const std::string& unit);
nlohmann::json sequential_json(const Scenario& scenario, const ScenarioGame& built,
                               const SequentialAnalysis& analysis);

std::string bargaining_text(const Scenario& scenario, const BargainingAnalysis& analysis,
                            const std::string& unit);
nlohmann::json bargaining_json(const BargainingAnalysis& analysis);

// The movers' actions of a pure stage profile (first mover fastest).
std::vector<std::size_t> decode_stage_profile(const GameStage& stage, std::size_t profile);

// "United States tariff 30%, chips hold, deadline enforce" (a pure step), or
// each mover's mixture.
std::string path_step_in_words(const Scenario& scenario, const ScenarioGame& built, const MultiStageGame& game,
                               const PathStep& step);

// "bytedance stake 0.199, algorithm license" from "bytedance_stake=0.199,algorithm=license".
std::string label_in_words(const std::string& label);

}  // namespace negsim
