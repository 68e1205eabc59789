#include <iostream>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/nfg.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"

namespace negsim::cli {

int command_export(const Args& args) {
  const std::string usage = "usage: negsim export SCENARIO --nfg FILE [--set NAME=VALUE]... [--style payoff|outcome]";
  ScenarioOptions scenario_options;
  std::string nfg_path, style = "payoff";
  po::options_description named("export options");
  add_scenario_options(named, scenario_options);
  named.add_options()
      ("nfg", po::value(&nfg_path)->value_name("FILE"), "the .nfg file to write (atomically)")
      ("style", po::value(&style)->value_name("STYLE"), "body style: payoff (payoff list, default) or outcome (outcome list)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  if (!vm.count("scenario")) throw UsageError("export needs a SCENARIO\n" + usage);
  if (nfg_path.empty()) throw UsageError("export needs --nfg FILE\n" + usage);
  refuse_output_onto_input(nfg_path, "--nfg", {vm["scenario"].as<std::string>()});
  if (style != "payoff" && style != "outcome")
    throw UsageError("unknown --style '" + style + "' (expected payoff|outcome)");
  const LoadedGame loaded = load_game(vm["scenario"].as<std::string>(), scenario_options, false);
  write_nfg_file(nfg_path, loaded.game(),
                 style == "payoff" ? NfgBodyStyle::PayoffList : NfgBodyStyle::OutcomeList);
  std::cerr << "negsim: wrote " << nfg_path << " (" << loaded.game().num_profiles() << " profiles)\n";
  return kExitOk;
}

}  // namespace negsim::cli
