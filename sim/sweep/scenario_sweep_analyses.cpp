#include "sim/sweep/scenario_sweep_analyses.hpp"

#include <cmath>

#include "models/errors.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

namespace {

// Only `part` of the analysis, with the sweep's options.
AnalysisOptions only(AnalysisOptions options, bool AnalysisParts::*part) {
  options.parts = AnalysisParts::none();
  options.parts.*part = true;
  return options;
}

std::string mixture_text(const std::vector<std::string>& labels, const std::vector<double>& probabilities) {
  std::string out = "mix(";
  bool first = true;
  for (std::size_t a = 0; a < probabilities.size(); ++a) {
    if (probabilities[a] <= 0) continue;
    out += (first ? "" : "; ") + format_sweep_number(probabilities[a]) + " " + labels[a];
    first = false;
  }
  return out + ")";
}

}  // namespace

SweepAnalysis make_spe_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  if (!base.timeline.present)
    throw UsageError("--analyses spe: the scenario has no `timeline` block");
  SweepAnalysis analysis;
  analysis.name = "spe";
  const std::size_t n = base.players.size();
  analysis.columns = equilibrium_row_columns(base);
  const AnalysisOptions options = only(base_options, &AnalysisParts::sequential);
  analysis.run = [n, options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const ScenarioAnalysis result = analyze_scenario(scenario, built, options);
    const SequentialAnalysis& sequential = *result.sequential;
    const BackwardInductionResult& spes = sequential.result;
    if (spes.equilibria.empty()) {
      rows.add_row("none").message = "no subgame-perfect equilibrium found";
      return;
    }
    for (std::size_t e = 0; e < spes.equilibria.size(); ++e) {
      const SubgamePerfectEquilibrium& spe = spes.equilibria[e];
      SweepRow& row = rows.add_row("ok");
      row.cells[0] = static_cast<std::int64_t>(e);
      // The path's moves, as the stage game's action labels.
      for (const PathStep& step : spe.path) {
        const GameStage& stage = sequential.timeline.game.stage(step.stage);
        std::size_t profile = step.profile;
        for (std::size_t i = 0; i < stage.movers.size(); ++i) {
          const std::size_t player = stage.movers[i];
          const std::vector<std::string>& labels = built.game.action_labels[player];
          if (step.pure) {
            row.cells[1 + player] = labels[profile % stage.num_actions[i]];
            profile /= stage.num_actions[i];
          } else {
            row.cells[1 + player] = mixture_text(labels, step.strategy[i]);
          }
        }
      }
      for (std::size_t p = 0; p < n; ++p) row.cells[1 + n + p] = spe.payoffs[p];
      row.cells[1 + 2 * n] = spe.max_regret;
      if (!spe.pure) row.message = "mixed stage play on the path";
      if (e == 0 && !spes.complete && options.select == StageSelection::kAll)
        row.message += std::string(row.message.empty() ? "" : "; ") + "not necessarily every SPE";
    }
  };
  return analysis;
}

SweepAnalysis make_repeated_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  if (!base.repeated.present)
    throw UsageError("--analyses repeated: the scenario has no `repeated` block");
  SweepAnalysis analysis;
  analysis.name = "repeated";
  analysis.columns = {"discount", "critical_discount", "binding_player", "deal_holds", "grim_trigger_spe"};
  AnalysisOptions options = only(base_options, &AnalysisParts::repeated);
  options.repeated_strategies = {"grim-trigger"};  // the columns need only Nash reversion
  analysis.run = [options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const ScenarioAnalysis result = analyze_scenario(scenario, built, options);
    const RepeatedScenarioSpec& spec = result.repeated->spec;
    const SustainabilityReport& report = result.repeated->sustainability;
    SweepRow& row = rows.add_row("ok");
    row.cells[0] = spec.spec.discount;
    const bool finite = std::isfinite(report.critical_discount);
    if (finite) row.cells[1] = report.critical_discount;
    row.cells[2] = built.player_ids[report.binding_player];
    row.cells[3] = std::string(finite && spec.spec.discount >= report.critical_discount ? "yes" : "no");
    row.cells[4] = std::string(!report.strategies.empty() && report.strategies[0].subgame_perfect ? "yes" : "no");
  };
  return analysis;
}

}  // namespace negsim
