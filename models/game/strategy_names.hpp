// The names of the repeated-game strategy library: canonical names with a
// one-line description each, and their aliases. Plain data, in models/ so
// that the scenario loader can check a `repeated: strategies:` entry when the
// file is loaded; sim/repeated/strategy_library.hpp builds the automata.
//
// A strategy spec is NAME[:KEY=VALUE]... (options: strategy_library.hpp) or a
// path ending in .yaml/.yml (a user automaton, automaton_yaml.hpp).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace negsim {

struct StrategyName {
  std::string name;
  std::string description;
};

// Canonical names in a stable order.
const std::vector<StrategyName>& library_strategy_names();
// alias -> canonical name.
const std::map<std::string, std::string>& library_strategy_aliases();
// The canonical name of a name or alias; "" if it is neither.
std::string canonical_strategy_name(const std::string& name);
// Every canonical name and alias (for did-you-mean hints).
std::vector<std::string> all_strategy_names();
// True if the NAME part of a spec (before the first ':') is a library name or
// alias, or the spec names a YAML automaton file.
bool is_known_strategy_spec(const std::string& spec);

}  // namespace negsim
