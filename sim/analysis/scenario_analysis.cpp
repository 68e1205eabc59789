#include "sim/analysis/scenario_analysis.hpp"

#include "models/errors.hpp"

#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"

namespace negsim {

SequentialAnalysis analyze_sequential(const Scenario& scenario, const AnalysisOptions& options) {
  SequentialAnalysis analysis{build_timeline(scenario, options.build), {}};
  BackwardInductionOptions bi;
  bi.select = options.select;
  bi.deadline = options.build.deadline;
  // Stages with several movers and no pure equilibrium use the project's mixed
  // methods (enum / LH for two movers, logit for more); backward induction
  // verifies whatever they return.
  bi.mixed_solver = [deadline = options.build.deadline](const NormalFormGame& stage) {
    SolveOptions mixed;
    mixed.method = "auto";
    mixed.deadline = deadline;
    std::vector<MixedProfile> profiles;
    const SolveResult stage_result = solve(stage, mixed);
    // A stage game cut short by the deadline would make the SPE depend on
    // how far the search got: stop instead.
    if (stage_result.limit_reached && stage_result.limit_reached->kind == LimitKind::time)
      throw LimitError(stage_result.limit_reached->message + " (a stage game of the timeline); nothing is reported");
    for (const Equilibrium& eq : stage_result.equilibria) profiles.push_back(eq.profile);
    return profiles;
  };
  analysis.result = solve_backward_induction(analysis.timeline.game, bi);
  return analysis;
}

BargainingAnalysis analyze_bargaining(const Scenario& scenario, const AnalysisOptions& options) {
  BargainingAnalysis analysis;
  analysis.bargaining = build_bargaining(scenario);
  analysis.disagreement_source = resolve_stage_disagreement(analysis.bargaining, scenario, options.build);
  const BargainingProblem& problem = analysis.bargaining.problem;
  const std::vector<double>& d = problem.protocol.disagreement;
  AlternatingOffersOptions offers;
  offers.deadline = options.build.deadline;
  analysis.offers = solve_alternating_offers(problem, offers);
  analysis.nash = nash_solution_discrete(problem.deals, d, analysis.bargaining.nash_weights);
  analysis.nash_lotteries = nash_solution_lotteries(problem.deals, d, analysis.bargaining.nash_weights);
  analysis.kalai_smorodinsky = kalai_smorodinsky_discrete(problem.deals, d);
  analysis.kalai_smorodinsky_lotteries = kalai_smorodinsky_lotteries(problem.deals, d);
  return analysis;
}

RepeatedAnalysis analyze_repeated(const Scenario& scenario, const ScenarioGame& built,
                                  const Deadline& deadline) {
  RepeatedAnalysis analysis{build_repeated_spec(scenario, built), {}};
  analysis.sustainability =
      analyze_sustainability(analysis.spec.spec, default_sustainability_strategies(), deadline);
  return analysis;
}

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& built,
                                  const AnalysisOptions& options) {
  ScenarioAnalysis analysis;
  // One deadline (options.build.deadline) bounds every analysis. A run's
  // report is one document: when the deadline passes anywhere, LimitError
  // and nothing is reported (no report with some sections missing).
  const Deadline& deadline = options.build.deadline;
  SolveOptions timed;
  timed.deadline = deadline;
  if (options.pure) analysis.pure = solve_pure_nash(built.game, timed);
  if (options.dominance)
    analysis.dominance = eliminate_strictly_dominated(built.game, true, kDefaultRegretTolerance, deadline);
  if (options.mixed) {
    SolveOptions mixed = timed;
    mixed.method = "auto";
    SolveResult all = solve(built.game, mixed);
    if (all.limit_reached && all.limit_reached->kind == LimitKind::time)
      throw LimitError(all.limit_reached->message + " (mixed equilibria of the stage game); nothing is reported");
    std::erase_if(all.equilibria, [](const Equilibrium& eq) { return eq.is_pure(); });
    analysis.mixed = std::move(all);
  }
  if (options.correlated) {
    SolveOptions ce = timed;
    ce.method = "ce";
    ce.objective = "welfare";
    analysis.correlated = solve_correlated(built.game, ce);
  }
  if (options.sequential && scenario.timeline.present)
    analysis.sequential = analyze_sequential(scenario, options);
  if (options.bargaining && scenario.bargaining.present)
    analysis.bargaining = analyze_bargaining(scenario, options);
  if (options.repeated && scenario.repeated.present)
    analysis.repeated = analyze_repeated(scenario, built, deadline);
  return analysis;
}

}  // namespace negsim
