#include <iostream>

#include "models/errors.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"

namespace negsim::cli {

int command_validate(const Args& args) {
  const std::string usage = "usage: negsim validate SCENARIO [--set NAME=VALUE]... [--max-profiles N]";
  ScenarioOptions scenario_options;
  po::options_description named("validate options");
  add_scenario_options(named, scenario_options);
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  if (!vm.count("scenario")) throw UsageError("validate needs a SCENARIO\n" + usage);
  // Building the game compiles every expression and evaluates every payoff,
  // so a NaN or infinite payoff is caught here too.
  const LoadedGame loaded = load_game(vm["scenario"].as<std::string>(), scenario_options, false);
  const Scenario& s = *loaded.scenario;
  // The optional blocks are checked by building them too.
  BuildOptions build;
  build.max_profiles = scenario_options.max_profiles;
  build.deadline = scenario_options.deadline;
  if (s.timeline.present) build_timeline(s, build);
  if (s.bargaining.present) build_bargaining(s);
  const NormalFormGame& game = loaded.game();
  std::cout << s.file << ": ok: scenario " << s.id << ", " << s.players.size() << " players (";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    std::cout << (p ? " x " : "") << game.num_actions(p);
  std::cout << " actions, " << game.num_profiles() << " profiles), " << s.parameters.size()
            << " parameters, " << s.sources.size() << " sources"
            << (s.timeline.present ? ", a timeline" : "") << (s.bargaining.present ? ", a bargaining block" : "")
            << "\n";
  return kExitOk;
}

}  // namespace negsim::cli
