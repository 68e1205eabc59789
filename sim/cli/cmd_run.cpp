#include "models/errors.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/scenario_report.hpp"

namespace negsim::cli {

int command_run(const Args& args) {
  const std::string usage =
      "usage: negsim run [SCENARIO] [--set NAME=VALUE]... [--format text|json] [--out FILE]\n"
      "Without SCENARIO, runs the embedded scenarios/tiktok_2025.yaml.";
  ScenarioOptions scenario_options;
  OutputOptions output;
  po::options_description named("run options");
  add_output_options(named, output, "text|json");
  add_scenario_options(named, scenario_options);
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  check_format(output, {"text", "json"});
  const std::string path = vm.count("scenario") ? vm["scenario"].as<std::string>() : "";
  const LoadedGame loaded = load_game(path, scenario_options, false);
  AnalysisOptions options;
  options.build.max_profiles = scenario_options.max_profiles;
  options.build.deadline = scenario_options.deadline;  // bounds every analysis
  const ScenarioAnalysis analysis = analyze_scenario(*loaded.scenario, *loaded.built, options);
  if (output.format == "json")
    emit(output, scenario_json_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets).dump(2) + "\n");
  else
    emit(output, scenario_text_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets));
  return kExitOk;
}

}  // namespace negsim::cli
