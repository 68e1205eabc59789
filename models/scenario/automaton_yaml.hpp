// User-written automata in YAML (format documented in docs/solvers/repeated.md).
//
//   name: cautious-tft
//   initial: cooperate                 # optional; default the first state
//   states:                            # state name -> action label, or {label: prob, ...}
//     cooperate: C
//     punish: D
//   transitions:                       # first matching rule wins; no match: stay
//     - {from: cooperate, others: defect, to: punish}
//     - {from: punish, others: target, to: cooperate}
//     - {from: any, profile: [C, "*"], to: cooperate}
//     - {from: punish, player: 2, played: D, to: {punish: 0.8, cooperate: 0.2}}
//
// Conditions of a rule (all must hold): others / self / anyone: target|defect
// (all other players / this player / every player played the target, or not);
// player: N (1-based) or name, with played: target|defect|LABEL; profile: one
// action label per player or "*". Rules that only use target/defect compile to
// a deviation-mask table (any stage size); rules that name actions compile to a
// dense [state][profile] table.
//
// Errors are InputError with file:line:col and did-you-mean hints.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "models/game/normal_form.hpp"
#include "models/game/automaton.hpp"

namespace negsim {

Automaton parse_automaton_yaml(const YAML::Node& node, const std::string& file,
                               const NormalFormGame& game, std::size_t player,
                               const PureProfile& target);
Automaton parse_automaton_yaml_text(const std::string& text, const std::string& file,
                                    const NormalFormGame& game, std::size_t player,
                                    const PureProfile& target);
Automaton load_automaton_yaml(const std::string& path, const NormalFormGame& game,
                              std::size_t player, const PureProfile& target);

}  // namespace negsim
