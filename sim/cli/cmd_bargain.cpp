#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/text_escape.hpp"

namespace negsim::cli {

int command_bargain(const Args& args) {
  const std::string usage =
      "usage: negsim bargain [SCENARIO] [--set NAME=VALUE]... [--select RULE]\n"
      "                      [--format text|json|html|markdown] [--out FILE]\n"
      "Alternating offers under the deadline, Nash and Kalai-Smorodinsky solutions of the\n"
      "scenario's `bargaining` block (default: the embedded TikTok 2025 scenario). --select picks\n"
      "the equilibrium a `disagreement: stage-equilibrium` block reads.";
  const auto line = parse_scenario_command_line(args, usage, "bargain options", nullptr, nullptr,
                                                {"text", "json", "html", "markdown"});
  if (!line) return kExitOk;
  if (!line->path.empty()) require_scenario_file(line->path, "bargain");  // not a .nfg or .efg game
  const OutputOptions& output = line->output;
  const Scenario scenario = load_scenario(line->path, line->scenario);
  if (!scenario.bargaining.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no `bargaining` block",
                     "see docs/solvers/sequential_bargaining.md for its format");
  AnalysisOptions options;
  options.build = build_options(line->scenario);
  options.select = line->select;
  options.parts = AnalysisParts::none();
  options.parts.bargaining = true;  // and what its disagreement point reads, once
  const ScenarioAnalysis all = analyze_scenario(scenario, options);
  const BargainingAnalysis& analysis = *all.bargaining;
  if (is_document_format(output)) {
    emit_document(output, document_for(scenario, {bargaining_bottom_line(scenario, analysis),
                                                  bargaining_section(scenario, analysis),
                                                  scenario_section(scenario, all.stage_game.get(), line->scenario.sets)}));
  } else if (output.format == "json") {
    nlohmann::json j = bargaining_json(analysis);
    j["schema_version"] = kJsonSchemaVersion;
    j["scenario"] = scenario.id;
    emit(output, j.dump(2) + "\n");
  } else {
    emit(output, text_line(scenario.title.empty() ? scenario.id : scenario.title) + "\n" +
                     bargaining_text(scenario, analysis, scenario_payoff_unit(scenario)));
  }
  return kExitOk;
}

}  // namespace negsim::cli
