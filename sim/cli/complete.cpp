#include "sim/cli/complete.hpp"

#include <iostream>

#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/loader.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/learn/dynamics_catalog.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/solve.hpp"

namespace negsim::cli {

namespace {

// The scenario named by args[1], or the embedded default (what `negsim run`
// without SCENARIO reads). No --set: completion lists what the file declares.
Scenario completion_scenario(const std::vector<std::string>& args) {
  if (args.size() > 1) return load_scenario_file(args[1]);
  return load_scenario_text(embedded_default_scenario_text(), kDefaultScenarioName);
}

void print_lines(const std::vector<std::string>& words) {
  for (const std::string& w : words) std::cout << w << "\n";
}

}  // namespace

int command_complete(const std::vector<std::string>& args, const std::vector<std::string>& commands) {
  const std::string usage = "usage: negsim complete commands|methods [GAME]|dynamics|selections|parameters [FILE]|levers [FILE]";
  if (args.empty() || args.size() > 2) throw UsageError(usage);
  const std::string& what = args[0];
  if (what == "commands" && args.size() == 1) {
    print_lines(commands);
  } else if (what == "methods") {
    // The methods for the game on the command line: an .efg game has its own table.
    const bool efg = args.size() > 1 && game_file_kind(args[1]) == GameFileKind::Efg;
    print_lines(efg ? extensive_method_names() : solve_method_names());
  } else if (what == "dynamics" && args.size() == 1) {
    std::vector<std::string> names;
    for (const DynamicsInfo& info : dynamics_catalog()) names.push_back(info.name);
    print_lines(names);
  } else if (what == "selections" && args.size() == 1) {
    // The values parse_stage_selection() accepts (sim/solve/backward_induction.hpp).
    print_lines({"first", "welfare", "risk-dominant", "all"});
  } else if (what == "parameters") {
    print_lines(completion_scenario(args).parameter_ids());
  } else if (what == "levers") {
    for (const ScenarioPlayer& player : completion_scenario(args).players)
      for (const Lever& lever : player.levers) std::cout << player.id << "." << lever.id << "\n";
  } else {
    throw UsageError(usage);
  }
  return kExitOk;
}

}  // namespace negsim::cli
