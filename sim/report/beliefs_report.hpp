// The report sections of incomplete information (sim/analysis/belief_analysis.hpp):
//  - "Bayesian equilibria": the type-agent form's equilibria, each type's
//    move in words;
//  - "Credibility and beliefs": for the `sequence:` block, each equilibrium's
//    path (every information set reached, named by what the mover knows,
//    with its reach probability, the move, the mover's beliefs about the
//    others' types and, with a `threat:`, the probability it puts on the
//    threat being carried out later), how many information sets lie off the
//    path and where their beliefs come from, whether the threat is credible
//    (how often each type carries it out on the path), and the value to each
//    player of every type becoming known.
// Only formatting: every number comes from the analysis.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/scenario/scenario.hpp"
#include "sim/analysis/belief_analysis.hpp"

namespace negsim {

std::string bayesian_text(const Scenario& scenario, const BayesianAnalysis& analysis, const std::string& unit);
nlohmann::json bayesian_json(const BayesianAnalysis& analysis);

// full_path = false (the text report without --verbose): the first
// equilibrium's path in round 1 only, later decisions counted.
std::string beliefs_text(const Scenario& scenario, const BeliefAnalysis& analysis, const std::string& unit,
                         bool full_path = true);
nlohmann::json beliefs_json(const Scenario& scenario, const BeliefAnalysis& analysis);

// type_beliefs, threat_belief and path_order: sim/analysis/belief_analysis.hpp.

}  // namespace negsim
