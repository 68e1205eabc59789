// What `negsim run` (and each point of a sweep) computes for a scenario: the
// stage game's dominance reduction and equilibria, and, as the scenario
// provides them, the sequential, bargaining and repeated-game analyses.
// Data only; sim/report/ formats it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

struct AnalysisOptions {
  bool dominance = true;
  bool pure = true;
};

struct ScenarioAnalysis {
  SolveResult pure;
};

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& built,
                                  const AnalysisOptions& options = {});

}  // namespace negsim
