#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/scenario_report.hpp"

namespace negsim::cli {

int command_run(const Args& args) {
  const std::string usage =
      "usage: negsim run [SCENARIO] [--set NAME=VALUE]... [--select RULE]\n"
      "                [--format text|json|html|markdown] [--out FILE]\n"
      "Without SCENARIO, runs the embedded scenarios/tiktok_2025.yaml. html: one self-contained page with\n"
      "pictures; markdown: with --out FILE.md, the pictures go to FILE_files/*.svg beside it.";
  const auto line = parse_scenario_command_line(args, usage, "run options", {"text", "json", "html", "markdown"});
  if (!line) return kExitOk;
  if (!line->path.empty()) require_scenario_file(line->path, "run");  // not a .nfg or .efg game
  const ScenarioOptions& scenario_options = line->scenario;
  const OutputOptions& output = line->output;
  const LoadedGame loaded = load_game(line->path, scenario_options, false);
  AnalysisOptions options;
  options.build = build_options(scenario_options);  // the deadline bounds every analysis
  options.select = line->select;
  const ScenarioAnalysis analysis = analyze_scenario(*loaded.scenario, *loaded.built, options);
  if (is_document_format(output))
    emit_document(output, scenario_document(*loaded.scenario, *loaded.built, analysis, scenario_options.sets));
  else if (output.format == "json")
    emit(output, scenario_json_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets).dump(2) + "\n");
  else
    emit(output, scenario_text_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets));
  return kExitOk;
}

}  // namespace negsim::cli
