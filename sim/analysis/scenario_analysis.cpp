#include "sim/analysis/scenario_analysis.hpp"

#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"

namespace negsim {

SequentialAnalysis analyze_sequential(const Scenario& scenario, const AnalysisOptions& options) {
  SequentialAnalysis analysis{build_timeline(scenario, options.build), {}};
  BackwardInductionOptions bi;
  bi.select = options.select;
  // Stages with several movers and no pure equilibrium use the project's mixed
  // methods (enum / LH for two movers, logit for more); backward induction
  // verifies whatever they return.
  bi.mixed_solver = [](const NormalFormGame& stage) {
    SolveOptions mixed;
    mixed.method = "auto";
    std::vector<MixedProfile> profiles;
    for (const Equilibrium& eq : solve(stage, mixed).equilibria) profiles.push_back(eq.profile);
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
  analysis.offers = solve_alternating_offers(problem);
  analysis.nash = nash_solution_discrete(problem.deals, d, analysis.bargaining.nash_weights);
  analysis.nash_lotteries = nash_solution_lotteries(problem.deals, d, analysis.bargaining.nash_weights);
  analysis.kalai_smorodinsky = kalai_smorodinsky_discrete(problem.deals, d);
  analysis.kalai_smorodinsky_lotteries = kalai_smorodinsky_lotteries(problem.deals, d);
  return analysis;
}

RepeatedAnalysis analyze_repeated(const Scenario& scenario, const ScenarioGame& built) {
  RepeatedAnalysis analysis{build_repeated_spec(scenario, built), {}};
  analysis.sustainability = analyze_sustainability(analysis.spec.spec);
  return analysis;
}

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& built,
                                  const AnalysisOptions& options) {
  ScenarioAnalysis analysis;
  if (options.pure) analysis.pure = solve_pure_nash(built.game);
  if (options.dominance) analysis.dominance = eliminate_strictly_dominated(built.game);
  if (options.mixed) {
    SolveOptions mixed;
    mixed.method = "auto";
    SolveResult all = solve(built.game, mixed);
    std::erase_if(all.equilibria, [](const Equilibrium& eq) { return eq.is_pure(); });
    analysis.mixed = std::move(all);
  }
  if (options.correlated)
    analysis.correlated = solve_correlated(built.game, CorrelationKind::Correlated,
                                           CorrelatedObjective{CorrelatedObjective::Welfare, 0});
  if (options.sequential && scenario.timeline.present)
    analysis.sequential = analyze_sequential(scenario, options);
  if (options.bargaining && scenario.bargaining.present)
    analysis.bargaining = analyze_bargaining(scenario, options);
  if (options.repeated && scenario.repeated.present)
    analysis.repeated = analyze_repeated(scenario, built);
  return analysis;
}

}  // namespace negsim
