#include "sim/sweep/scenario_sweep_analyses.hpp"

#include <cmath>

#include "models/errors.hpp"
#include "models/scenario/repeated_builder.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/repeated/sustainability.hpp"
#include "sim/solve/backward_induction.hpp"

namespace negsim {

SweepAnalysis make_spe_analysis(const Scenario& base) {
  if (!base.timeline.present)
    throw UsageError("--analyses spe: the scenario has no `timeline` block");
  SweepAnalysis analysis;
  analysis.name = "spe";
  const std::size_t n = base.players.size();
  analysis.columns = equilibrium_row_columns(base);
  analysis.run = [n](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const ScenarioTimeline timeline = build_timeline(scenario);
    const BackwardInductionResult result = solve_backward_induction(timeline.game);
    if (result.equilibria.empty()) {
      rows.add_row("none").message = "no subgame-perfect equilibrium found";
      return;
    }
    const SubgamePerfectEquilibrium& spe = result.equilibria.front();
    SweepRow& row = rows.add_row("ok");
    row.cells[0] = std::int64_t{0};
    // The path's pure moves, as the stage game's action labels.
    for (const PathStep& step : spe.path) {
      if (!step.pure) continue;
      const GameStage& stage = timeline.game.stage(step.stage);
      std::size_t profile = step.profile;
      for (std::size_t i = 0; i < stage.movers.size(); ++i) {
        const std::size_t action = profile % stage.num_actions[i];
        profile /= stage.num_actions[i];
        row.cells[1 + stage.movers[i]] = built.game.action_labels[stage.movers[i]][action];
      }
    }
    for (std::size_t p = 0; p < n; ++p) row.cells[1 + n + p] = spe.payoffs[p];
    row.cells[1 + 2 * n] = spe.max_regret;
    if (!spe.pure) row.message = "mixed stage play on the path";
  };
  return analysis;
}

SweepAnalysis make_repeated_analysis(const Scenario& base) {
  if (!base.repeated.present)
    throw UsageError("--analyses repeated: the scenario has no `repeated` block");
  SweepAnalysis analysis;
  analysis.name = "repeated";
  analysis.columns = {"discount", "critical_discount", "binding_player", "deal_holds", "grim_trigger_spe"};
  analysis.run = [](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const RepeatedScenarioSpec spec = build_repeated_spec(scenario, built);
    const SustainabilityReport report = analyze_sustainability(spec.spec, {"grim-trigger"});
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
