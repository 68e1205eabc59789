// What `negsim run` (and each point of a sweep) computes for a scenario: the
// stage game's equilibria and, where the scenario provides a `timeline` or a
// `bargaining` block, the subgame-perfect equilibrium of the sequential game
// and the bargaining outcome. Data only; sim/report/ formats it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/repeated_builder.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/bargain/axiomatic.hpp"
#include "sim/repeated/sustainability.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

struct AnalysisOptions {
  bool pure = true;
  bool dominance = true;
  bool mixed = true;       // mixed equilibria (auto method beyond pure)
  bool correlated = true;  // the max-welfare correlated equilibrium
  bool sequential = true;  // when the scenario has a timeline
  bool bargaining = true;  // when the scenario has a bargaining block
  bool repeated = true;    // when the scenario has a repeated block
  StageSelection select = StageSelection::kFirst;
  BuildOptions build;
};

struct SequentialAnalysis {
  ScenarioTimeline timeline;
  BackwardInductionResult result;
};

struct BargainingAnalysis {
  ScenarioBargaining bargaining;
  std::string disagreement_source;  // how `stage-equilibrium` was resolved, if it was
  AlternatingOffersResult offers;
  AxiomaticSolution nash;
  AxiomaticSolution nash_lotteries;
  AxiomaticSolution kalai_smorodinsky;
  AxiomaticSolution kalai_smorodinsky_lotteries;
};

struct RepeatedAnalysis {
  RepeatedScenarioSpec spec;
  SustainabilityReport sustainability;
};

struct ScenarioAnalysis {
  SolveResult pure;
  std::optional<DominanceResult> dominance;
  std::optional<SolveResult> mixed;  // mixed (not pure) equilibria found by `auto`
  std::optional<CorrelatedEquilibrium> correlated;
  std::optional<SequentialAnalysis> sequential;
  std::optional<BargainingAnalysis> bargaining;
  std::optional<RepeatedAnalysis> repeated;
};

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& built,
                                  const AnalysisOptions& options = {});

SequentialAnalysis analyze_sequential(const Scenario& scenario, const AnalysisOptions& options);
BargainingAnalysis analyze_bargaining(const Scenario& scenario, const AnalysisOptions& options);
RepeatedAnalysis analyze_repeated(const Scenario& scenario, const ScenarioGame& built,
                                  const Deadline& deadline = Deadline{});

}  // namespace negsim
