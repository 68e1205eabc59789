#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/analysis/tipping_points.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/efg_commands.hpp"
#include "sim/cli/sensitivity_option.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/repeated/bounded_payoff_set.hpp"

namespace negsim::cli {

int command_run(const Args& args) {
  const std::string usage =
      "usage: negsim run [SCENARIO] [--set NAME=VALUE]... [--select RULE] [--sensitivity all|none|NAME,...]\n"
      "                  [--verbose] [--format text|json|html|markdown] [--out FILE]\n"
      "Without SCENARIO, runs the embedded scenarios/tiktok_2025.yaml. html: one self-contained page with\n"
      "pictures; markdown: with --out FILE.md, the pictures go to FILE_files/*.svg beside it.\n"
      "SCENARIO may be a Gambit .efg game: its pure, subgame-perfect, sequence-form and quasi-perfect\n"
      "equilibria (3+ players: logit, CFR+), text or json, each as negsim solve GAME.efg --method NAME prints it.";
  std::string sensitivity = "all";
  bool verbose = false;
  po::options_description extra;
  extra.add_options()("sensitivity", po::value<std::string>(&sensitivity),
                      "all|none|NAME,...: parameters to find tipping points for (default: all)")(
      "verbose,v", po::bool_switch(&verbose), "text: list every move dominance removes");
  const auto line = parse_scenario_command_line(args, usage, "run options", &extra, nullptr,
                                                {"text", "json", "html", "markdown"});
  if (!line) return kExitOk;
  if (is_efg_path(line->path)) {  // an extensive-form game: its own analysis
    if ((sensitivity != "all" && sensitivity != "none") || verbose || line->select != StageSelection::kFirst)
      throw UsageError("--sensitivity, --verbose and --select apply to scenarios, not to .efg files");
    return run_efg(line->path, line->output, line->scenario);
  }
  if (!line->path.empty()) require_scenario_file(line->path, "run");  // not a .nfg game
  const SensitivityChoice choice = parse_sensitivity_option(sensitivity);
  const ScenarioOptions& scenario_options = line->scenario;
  const OutputOptions& output = line->output;
  const LoadedGame loaded = load_game(line->path, scenario_options, false);
  AnalysisOptions options;
  options.build = build_options(scenario_options);  // the deadline bounds every analysis
  options.select = line->select;
  const ScenarioAnalysis analysis = analyze_scenario(*loaded.scenario, *loaded.built, options);
  std::optional<TippingPointResult> tipping;
  if (!choice.none) {
    TippingPointOptions tp;
    tp.analysis = options;
    tp.parameters = choice.names;
    tipping = find_tipping_points(*loaded.scenario, tp);
  }
  ScenarioReportOptions report;
  report.verbose = verbose;
  report.tipping = tipping ? &*tipping : nullptr;
  if (is_document_format(output)) {
    // The pictures' subgame-perfect payoff set of a two-player repeated game,
    // within an iteration budget (an outer bound when it stops early).
    std::optional<BoundedPayoffSet> payoff_set;
    if (analysis.repeated && analysis.repeated->spec.spec.stage.num_players() == 2)
      payoff_set = bounded_payoff_set(analysis.repeated->spec.spec.stage, analysis.repeated->sustainability.discount,
                                      report_payoff_set_iterations(analysis.repeated->spec.spec.stage));
    emit_document(output, scenario_document(*loaded.scenario, *loaded.built, analysis, scenario_options.sets,
                                            report.tipping, payoff_set ? &*payoff_set : nullptr));
  }
  else if (output.format == "json")
    emit(output, scenario_json_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets, report)
                         .dump(2) + "\n");
  else
    emit(output, scenario_text_report(*loaded.scenario, *loaded.built, analysis, scenario_options.sets, report));
  return kExitOk;
}

}  // namespace negsim::cli
