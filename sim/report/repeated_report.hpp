// Report section for the repeated game: "is the deal sustainable?" (target,
// temptations, punishment, the critical discount factor, and each candidate
// strategy's verdict with the cheapest profitable deviation).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

std::string repeated_text(const Scenario& scenario, const ScenarioGame& built,
                          const RepeatedAnalysis& analysis, const std::string& unit);
nlohmann::json repeated_json(const ScenarioGame& built, const RepeatedAnalysis& analysis);

// "[1/14 (0.07143), 1)" style list of discount intervals: 1 and 0 are open
// ends (delta is in (0, 1)); a lower end is printed rounded up, an upper
// end rounded down, and exactly as p/q when it was confirmed exactly.
std::string intervals_in_words(const std::vector<DiscountInterval>& intervals);

}  // namespace negsim
