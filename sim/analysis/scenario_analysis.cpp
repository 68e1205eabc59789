#include "sim/analysis/scenario_analysis.hpp"

#include "sim/solve/pure_nash.hpp"

namespace negsim {

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& built,
                                  const AnalysisOptions& options) {
  ScenarioAnalysis analysis;
  if (options.pure) analysis.pure = solve_pure_nash(built.game);
  return analysis;
}

}  // namespace negsim
