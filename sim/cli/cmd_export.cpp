#include <iostream>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/nfg.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/efg_commands.hpp"
#include "models/game/extensive_form.hpp"
#include "models/io/efg.hpp"
#include "models/scenario/bayesian_tree_builder.hpp"
#include "models/scenario/extensive_builder.hpp"

namespace negsim::cli {

int command_export(const Args& args) {
  const std::string usage =
      "usage: negsim export GAME (--nfg FILE | --efg FILE) [--set NAME=VALUE]... [--style payoff|outcome]\n"
      "GAME is a scenario, a .nfg or a .efg game; an .efg game exports its reduced normal form to .nfg.";
  ScenarioOptions scenario_options;
  std::string nfg_path, efg_path, style = "payoff";
  po::options_description named("export options");
  add_scenario_options(named, scenario_options);
  named.add_options()
      ("nfg", po::value(&nfg_path)->value_name("FILE"), "the .nfg file to write (atomically)")
      ("efg", po::value(&efg_path)->value_name("FILE"), "the .efg file to write (atomically): an .efg game as read, a normal-form game as simultaneous moves")
      ("style", po::value(&style)->value_name("STYLE"), "body style: payoff (payoff list, default) or outcome (outcome list)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  if (!vm.count("scenario")) throw UsageError("export needs a SCENARIO\n" + usage);
  if (nfg_path.empty() == efg_path.empty()) throw UsageError("export needs one of --nfg FILE or --efg FILE\n" + usage);
  const std::string game_path = vm["scenario"].as<std::string>();
  if (!nfg_path.empty()) refuse_output_onto_input(nfg_path, "--nfg", {game_path});
  if (!efg_path.empty()) refuse_output_onto_input(efg_path, "--efg", {game_path});
  if (style != "payoff" && style != "outcome")
    throw UsageError("unknown --style '" + style + "' (expected payoff|outcome)");
  if (is_efg_path(game_path)) {
    if (!scenario_options.sets.empty()) throw UsageError("--set applies to scenarios, not to .efg files");
    export_efg_game(game_path, nfg_path, efg_path);
    return kExitOk;
  }
  const LoadedGame loaded = load_game(game_path, scenario_options, !efg_path.empty());
  if (!efg_path.empty() && loaded.scenario && loaded.scenario->sequence.present) {
    // A scenario with a `sequence:` block exports its tree (types, chance, information sets).
    SequenceBuildOptions tree_options;
    tree_options.build = build_options(scenario_options);
    const Scenario& scenario = *loaded.scenario;
    const ScenarioExtensiveForm efg = build_scenario_extensive_form(scenario, tree_options,
                                                                    scenario.title.empty() ? scenario.id : scenario.title);
    write_efg_file(efg_path, efg.game);
    std::cerr << "negsim: wrote " << efg_path << " (" << efg.game.num_nodes() << " nodes, the scenario's sequence)\n";
    return kExitOk;
  }
  if (!efg_path.empty() && loaded.scenario && loaded.scenario->types.present) {
    // Types without a sequence: the Bayesian game, types drawn by chance, each player knowing its own.
    const Scenario& scenario = *loaded.scenario;
    const ExtensiveFormGame tree =
        bayesian_extensive_form(build_type_agent_game(scenario, build_options(scenario_options)),
                                scenario.title.empty() ? scenario.id : scenario.title);
    write_efg_file(efg_path, tree);
    std::cerr << "negsim: wrote " << efg_path << " (" << tree.num_nodes()
              << " nodes, the Bayesian game: types by chance, each player knowing its own)\n";
    return kExitOk;
  }
  if (!efg_path.empty()) {
    const ExtensiveFormGame tree = extensive_form_of(loaded.game());
    write_efg_file(efg_path, tree);
    std::cerr << "negsim: wrote " << efg_path << " (" << tree.num_nodes() << " nodes, simultaneous moves)\n";
    return kExitOk;
  }
  write_nfg_file(nfg_path, loaded.game(),
                 style == "payoff" ? NfgBodyStyle::PayoffList : NfgBodyStyle::OutcomeList);
  std::cerr << "negsim: wrote " << nfg_path << " (" << loaded.game().num_profiles() << " profiles)\n";
  return kExitOk;
}

}  // namespace negsim::cli
