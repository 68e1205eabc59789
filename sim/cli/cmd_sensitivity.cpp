// `negsim sensitivity [SCENARIO]`: the tipping points of every parameter (or
// those named with --sensitivity), without the rest of the report. See
// sim/analysis/tipping_points.hpp for the method and docs/cli.md.
#include <sstream>

#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "sim/analysis/tipping_points.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/cli/sensitivity_option.hpp"
#include "sim/report/bottom_line.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/text_escape.hpp"

namespace negsim::cli {

int command_sensitivity(const Args& args) {
  const std::string usage =
      "usage: negsim sensitivity [SCENARIO] [--set NAME=VALUE]... [--sensitivity all|NAME,...] [--jobs N]\n"
      "                          [--select RULE] [--format text|json] [--out FILE]\n"
      "For each parameter, the nearest values below and above its current one where the predicted outcome\n"
      "changes (found by bisection over fresh analyses, inside the parameter's range).\n"
      "Without SCENARIO, uses the embedded scenarios/tiktok_2025.yaml.";
  std::string sensitivity = "all";
  std::uint64_t jobs = 0;
  po::options_description extra;
  extra.add_options()("sensitivity", po::value<std::string>(&sensitivity),
                      "all|NAME,...: the parameters to search (default: all)")(
      "jobs,j", count_value(jobs, "jobs", 1, 4096), "N: threads (default: every core)");
  const auto line = parse_scenario_command_line(args, usage, "sensitivity options", &extra);
  if (!line) return kExitOk;
  if (!line->path.empty()) require_scenario_file(line->path, "sensitivity");
  const SensitivityChoice choice = parse_sensitivity_option(sensitivity);
  if (choice.none) throw UsageError("sensitivity: --sensitivity none leaves nothing to do\n" + usage);
  const Scenario scenario = load_scenario(line->path, line->scenario);
  TippingPointOptions options;
  options.analysis.build = build_options(line->scenario);
  options.analysis.select = line->select;
  options.parameters = choice.names;
  options.threads = static_cast<std::size_t>(jobs);
  const TippingPointResult result = find_tipping_points(scenario, options);
  if (line->output.format == "json") {
    nlohmann::json current = nlohmann::json::array();
    for (const std::string& words : predicted_outcome_in_words(scenario, result.current)) current.push_back(words);
    nlohmann::json report = {{"schema_version", kJsonSchemaVersion},
                             {"scenario", {{"id", scenario.id}, {"title", scenario.title}, {"file", scenario.file}}},
                             {"overrides", line->scenario.sets},
                             {"current", current},
                             {"tipping_points", tipping_points_json(scenario, result)}};
    emit(line->output, report.dump(2) + "\n");
    return kExitOk;
  }
  std::ostringstream out;
  out << text_line(scenario.title.empty() ? scenario.id : scenario.title) << "\n";
  out << "scenario " << scenario.id << " (" << scenario.file << ")\n";
  if (!line->scenario.sets.empty()) {
    out << "changed:";
    for (const std::string& s : line->scenario.sets) out << " " << s;
    out << "\n";
  }
  out << "\nPrediction at the current values\n";
  for (const std::string& words : predicted_outcome_in_words(scenario, result.current)) out << "  " << words << "\n";
  out << tipping_points_text(scenario, result);
  emit(line->output, out.str());
  return kExitOk;
}

}  // namespace negsim::cli
