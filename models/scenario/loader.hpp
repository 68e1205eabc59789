// Loading and validating scenario YAML files (format: docs/scenario.md).
//
// Contract
//  - load_scenario_file / load_scenario_text return a Scenario whose structure
//    is valid: required keys present, ids unique and well formed, levers
//    non-empty, parameters numeric, sources referenced by parameters exist,
//    exactly one payoff per player (and infeasible_payoffs only for known
//    players), and the optional blocks (timeline, repeated, bargaining)
//    parsed into typed data with every structural check done
//    (block_readers.hpp). Expressions are NOT compiled here: the builders
//    (build_normal_form, build_bargaining, ...) compile them and report their
//    errors, and check what depends on parameter values.
//  - Every problem throws InputError with file:line:col (1-based), what was
//    expected, and a did-you-mean hint where a name was misspelled.
//  - Duplicate mapping keys are rejected (yaml-cpp keeps them silently).
// Complexity: linear in the file size.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace negsim {

// Reads and validates a scenario file. A missing/unreadable file is an
// InputError with line 0.
Scenario load_scenario_file(const std::string& path);

// Same for text in memory; display_name is used as the file in messages.
Scenario load_scenario_text(std::string_view text, const std::string& display_name);

// Applies --set overrides in order. An unknown parameter name is an
// InputError with file "--set" naming the parameter, with did-you-mean.
void apply_overrides(Scenario& scenario, const std::vector<std::pair<std::string, double>>& sets);

// Parses "NAME=VALUE" (VALUE a finite number). UsageError if malformed.
std::pair<std::string, double> parse_set_argument(const std::string& arg);

}  // namespace negsim
