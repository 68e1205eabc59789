#include "models/errors.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"

namespace negsim::cli {

int command_bargain(const Args& args) {
  const std::string usage =
      "usage: negsim bargain [SCENARIO] [--set NAME=VALUE]... [--format text|json] [--out FILE]\n"
      "Alternating offers under the deadline, Nash and Kalai-Smorodinsky solutions of the\n"
      "scenario's `bargaining` block (default: the embedded TikTok 2025 scenario).";
  ScenarioOptions scenario_options;
  OutputOptions output;
  po::options_description named("bargain options");
  add_output_options(named, output, "text|json");
  add_scenario_options(named, scenario_options);
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  check_format(output, {"text", "json"});
  const Scenario scenario =
      load_scenario(vm.count("scenario") ? vm["scenario"].as<std::string>() : "", scenario_options);
  if (!scenario.bargaining.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no `bargaining` block",
                     "see docs/solvers/sequential_bargaining.md for its format");
  AnalysisOptions options;
  options.build.max_profiles = scenario_options.max_profiles;
  options.build.deadline = scenario_options.deadline;
  const BargainingAnalysis analysis = analyze_bargaining(scenario, options);
  if (output.format == "json") {
    nlohmann::json j = bargaining_json(analysis);
    j["schema_version"] = kJsonSchemaVersion;
    j["scenario"] = scenario.id;
    emit(output, j.dump(2) + "\n");
  } else {
    emit(output, (scenario.title.empty() ? scenario.id : scenario.title) + "\n" +
                     bargaining_text(scenario, analysis, scenario_payoff_unit(scenario)));
  }
  return kExitOk;
}

}  // namespace negsim::cli
