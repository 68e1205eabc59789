#include "sim/analysis/scenario_analysis.hpp"

#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/solve/pure_nash.hpp"

namespace negsim {

SequentialAnalysis analyze_sequential(const Scenario& scenario, const AnalysisOptions& options) {
  SequentialAnalysis analysis{build_timeline(scenario, options.build), {}};
  BackwardInductionOptions bi;
  bi.select = options.select;
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
  if (options.sequential && scenario.timeline.present)
    analysis.sequential = analyze_sequential(scenario, options);
  if (options.bargaining && scenario.bargaining.present)
    analysis.bargaining = analyze_bargaining(scenario, options);
  if (options.repeated && scenario.repeated.present)
    analysis.repeated = analyze_repeated(scenario, built);
  return analysis;
}

}  // namespace negsim
