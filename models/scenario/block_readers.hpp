// The loader's readers of the optional scenario blocks: timeline, repeated and
// bargaining YAML -> the typed blocks of scenario.hpp.
//
// Contract
//  - Called by the loader (loader.cpp) after players and parameters are read,
//    with the loader's YamlFields (exact file:line:col of every node) and a
//    maker of ExpressionText from scalar nodes (positions of every character).
//  - Each reader checks everything the file's structure decides and throws
//    InputError at the offending node otherwise: unknown, repeated or missing
//    keys (models/scenario/yaml_fields.hpp), wrong kinds of values, unknown
//    players, levers, lever values and parameters (with did-you-mean hints),
//    literal integers out of range. Message texts are those the builders used
//    to give when they read raw YAML (bargaining messages start with
//    "bargaining: ").
//  - What depends on parameter values or the built game is left to the
//    builders (timeline_builder, repeated_builder, bargaining_builder).
// Complexity: linear in the size of the block.
#pragma once

#include <functional>

#include <yaml-cpp/yaml.h>

#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

using ExpressionMaker = std::function<ExpressionText(const YAML::Node&)>;

// `scenario` must have its players and parameters read.
TimelineBlock read_timeline_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml);
RepeatedBlock read_repeated_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml);
BargainingBlock read_bargaining_block(const YAML::Node& node, const Scenario& scenario,
                                      const YamlFields& yaml, const ExpressionMaker& expression);

}  // namespace negsim
