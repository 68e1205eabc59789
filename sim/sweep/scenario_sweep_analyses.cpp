#include "sim/sweep/scenario_sweep_analyses.hpp"

#include <cmath>
#include <memory>

#include "models/errors.hpp"
#include "models/scenario/bargaining_templates.hpp"
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

// A profile's cells: a pure strategy as its action label, a mixed one as mix(...).
std::string strategy_text(const std::vector<std::string>& labels, const std::vector<double>& probabilities) {
  for (std::size_t a = 0; a < probabilities.size(); ++a)
    if (probabilities[a] == 1.0) return labels[a];
  return mixture_text(labels, probabilities);
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// `issue=value,issue=value` of a deal.
std::string deal_text(const ScenarioBargaining& bargaining, std::size_t deal) {
  std::string out;
  for (std::size_t i = 0; i < bargaining.issue_ids.size(); ++i)
    out += (i ? "," : "") + bargaining.issue_ids[i] + "=" +
           bargaining.issue_labels[i][bargaining.deal_issues[deal][i]];
  return out;
}

}  // namespace

SweepAnalysis make_mixed_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  SweepAnalysis analysis;
  analysis.name = "mixed";
  const std::size_t n = base.players.size();
  analysis.columns = equilibrium_row_columns(base);
  analysis.columns.push_back("method");
  const AnalysisOptions options = only(base_options, &AnalysisParts::mixed);
  analysis.run = [n, options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const ScenarioAnalysis result = analyze_scenario(scenario, built, options);
    const SolveResult& mixed = *result.mixed;
    std::string notes = "search: " + join(result.mixed_methods, ", ") +
                        (result.mixed_complete ? " (every equilibrium)" : " (not necessarily every equilibrium)");
    for (const std::string& note : mixed.notes) notes += "; " + note;
    if (mixed.equilibria.empty()) {
      rows.add_row("none").message = "no mixed (not pure) equilibrium found; " + notes;
      return;
    }
    for (std::size_t e = 0; e < mixed.equilibria.size(); ++e) {
      const Equilibrium& eq = mixed.equilibria[e];
      SweepRow& row = rows.add_row("ok");
      row.cells[0] = static_cast<std::int64_t>(e);
      for (std::size_t p = 0; p < n; ++p) {
        row.cells[1 + p] = strategy_text(built.game.action_labels[p], eq.profile[p]);
        row.cells[1 + n + p] = eq.payoffs[p];
      }
      row.cells[1 + 2 * n] = eq.max_regret;
      row.cells[2 + 2 * n] = eq.method;
      if (e == 0) row.message = notes;
    }
  };
  return analysis;
}

SweepAnalysis make_correlated_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  SweepAnalysis analysis;
  analysis.name = "correlated";
  const std::size_t n = base.players.size();
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("payoff_" + player.id);
  analysis.columns.insert(analysis.columns.end(), {"max_regret", "welfare", "support", "distribution"});
  const AnalysisOptions options = only(base_options, &AnalysisParts::correlated);
  analysis.run = [n, options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    const ScenarioAnalysis result = analyze_scenario(scenario, built, options);
    const CorrelatedEquilibrium& ce = *result.correlated;
    SweepRow& row = rows.add_row("ok");
    double welfare = 0;
    for (std::size_t p = 0; p < n; ++p) {
      row.cells[p] = ce.payoffs[p];
      welfare += ce.payoffs[p];
    }
    row.cells[n] = ce.max_gain;
    row.cells[n + 1] = welfare;
    row.cells[n + 2] = static_cast<std::int64_t>(ce.distribution.size());
    std::string distribution;
    for (const auto& [profile, probability] : ce.distribution) {
      const PureProfile actions = built.game.profile_actions(profile);
      std::string labels;
      for (std::size_t p = 0; p < n; ++p) labels += (p ? " / " : "") + built.game.action_labels[p][actions[p]];
      distribution += (distribution.empty() ? "" : "; ") + format_sweep_number(probability) + " (" + labels + ")";
    }
    row.cells[n + 3] = distribution;
    row.message = "max-welfare correlated equilibrium (LP); max_regret is the largest deviation gain";
  };
  return analysis;
}

SweepAnalysis make_bargaining_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  if (!base.bargaining.present)
    throw UsageError("--analyses bargaining: the scenario has no `bargaining` block");
  SweepAnalysis analysis;
  analysis.name = "bargaining";
  analysis.columns = {"solution", "deal"};
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("payoff_" + player.id);
  analysis.columns.insert(analysis.columns.end(), {"agreement_round", "ending", "max_regret"});
  const std::size_t n = base.players.size();
  const AnalysisOptions options = only(base_options, &AnalysisParts::bargaining);
  // The block's expressions parsed once here, bound at every point.
  const auto templates = std::make_shared<const BargainingTemplates>(base);
  analysis.run = [n, options, templates](const Scenario& scenario, const ScenarioGame& built, std::uint64_t,
                                         RowSink& rows) {
    const BargainingTemplatesScope scope(*templates);
    const ScenarioAnalysis result = analyze_scenario(scenario, built, options);
    const BargainingAnalysis& b = *result.bargaining;
    const ScenarioBargaining& problem = b.bargaining;
    const auto payoffs = [&](SweepRow& row, const std::vector<double>& utilities) {
      for (std::size_t i = 0; i < utilities.size() && i < problem.scenario_players.size(); ++i)
        row.cells[2 + problem.scenario_players[i]] = utilities[i];
    };
    {
      const AlternatingOffersResult& offers = b.offers;
      SweepRow& row = rows.add_row("ok");  // no agreement is a result too (`ending`)
      row.cells[0] = std::string("alternating-offers");
      if (offers.deal) row.cells[1] = deal_text(problem, *offers.deal);
      else if (!offers.shares.empty()) {
        std::string shares;
        for (double share : offers.shares) shares += (shares.empty() ? "" : " ") + format_sweep_number(share);
        row.cells[1] = "shares(" + shares + ")";
      }
      payoffs(row, offers.payoffs);
      if (offers.agreement) row.cells[2 + n] = static_cast<std::int64_t>(offers.agreement_round);
      row.cells[3 + n] = offers.ending;
      row.cells[4 + n] = offers.max_regret;
      row.message = join(offers.notes, "; ");
    }
    const std::pair<const char*, const AxiomaticSolution*> solutions[] = {
        {"nash", &b.nash},
        {"nash-lotteries", &b.nash_lotteries},
        {"kalai-smorodinsky", &b.kalai_smorodinsky},
        {"kalai-smorodinsky-lotteries", &b.kalai_smorodinsky_lotteries}};
    for (const auto& [name, solution] : solutions) {
      SweepRow& row = rows.add_row(solution->exists ? "ok" : "none");
      row.cells[0] = std::string(name);
      if (solution->deal) {
        row.cells[1] = deal_text(problem, *solution->deal);
      } else if (!solution->lottery.empty()) {
        std::string lottery;
        for (const auto& [deal, probability] : solution->lottery)
          lottery += (lottery.empty() ? "" : "; ") + format_sweep_number(probability) + " " + deal_text(problem, deal);
        row.cells[1] = "lottery(" + lottery + ")";
      }
      if (solution->exists) payoffs(row, solution->utilities);
      row.message = solution->note;
    }
  };
  return analysis;
}

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
