// The one analysis of a scenario. Every command that reads a scenario (`run`,
// `solve SCENARIO`, `bargain`, `repeated`) and every sweep analysis (`stage`,
// `spe`, `repeated`) gets its results from here; nothing else builds a
// scenario's games or solves them. See docs/architecture.md.
//
// Contract
//  - Each part is built once and solved once, on first use, from the one
//    stage game (build_stage_game): the timeline's leaves, the repeated spec's
//    stage game and the disagreement point all read that game, so the parts
//    cannot disagree. `builds` counts the builder calls (each is 0 or 1).
//  - One AnalysisOptions carries what the caller chose: which parts to
//    compute (`parts`; a sweep analysis asks for its own part only), the
//    deadline and profile budget (`build`), the mixed-equilibrium method
//    (`mixed`, sim/analysis/mixed_search.hpp, used for the stage game and for
//    every stage game of the timeline) and the selection rule (`select`, for
//    the timeline's subgame-perfect equilibria and the disagreement point).
//  - `disagreement: stage-equilibrium` takes the equilibrium this analysis
//    computed: the first SPE of the sequential part (selected by `select`;
//    with `all`, the first of the list) when there is a timeline, else the
//    pure Nash equilibrium of the stage game picked by `select` (first in
//    Gambit order, largest payoff sum, largest Nash product of deviation
//    losses; `all`: the first). No such equilibrium: InputError at the
//    block's `disagreement`.
//  - One deadline bounds everything: when it passes anywhere, or a part's
//    search is cut short by it, LimitError, and nothing is returned (a report
//    is one document, never one with sections missing).
//  - Every equilibrium in the result is verified by the method that produced
//    it and, for the mixed search, again here (per-player tolerances).
// Complexity: the sum of the requested parts (see each solver's header).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/repeated_builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/analysis/belief_analysis.hpp"
#include "sim/analysis/mixed_search.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/bargain/axiomatic.hpp"
#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/repeated/sustainability.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

// Which parts to compute. A part whose block the scenario lacks (timeline,
// bargaining, repeated) is skipped by analyze_scenario; asked for directly
// (ScenarioAnalyzer::sequential() ...) it is an InputError.
struct AnalysisParts {
  bool pure = true;        // every pure Nash equilibrium of the stage game
  bool dominance = true;   // iterated strict dominance (mixed dominators)
  bool mixed = true;       // the mixed search (mixed_search.hpp)
  bool correlated = true;  // the max-welfare correlated equilibrium
  bool sequential = true;  // subgame-perfect equilibria of the timeline
  bool bargaining = true;  // alternating offers and the axiomatic solutions
  bool repeated = true;    // sustainability of the repeated block's target
  bool bayesian = true;    // payoffs read types: the type-agent form's Bayesian equilibria
  bool beliefs = true;     // `sequence:`: perfect Bayesian equilibria, beliefs, value of information

  static AnalysisParts none() {
    AnalysisParts parts{false, false, false, false, false, false, false};
    parts.bayesian = parts.beliefs = false;
    return parts;
  }
};

// Command-line changes to the repeated block (`negsim repeated --delta ...`).
struct RepeatedOverrides {
  std::optional<double> discount;      // replaces the block's discount (and its parameter link)
  std::optional<std::size_t> rounds;
  std::optional<double> continuation;
};

struct AnalysisOptions {
  AnalysisParts parts;
  // The profile budget and THE deadline (--time-limit): building, every
  // solver, every part.
  BuildOptions build;
  StageSelection select = StageSelection::kFirst;  // --select
  std::size_t max_spe = 100;                       // cap of `all`
  MixedSearchOptions mixed;                        // the mixed-equilibrium method (its deadline is build.deadline)
  std::vector<std::string> repeated_strategies = default_sustainability_strategies();
  RepeatedOverrides repeated;
  // Pieces of parts that tipping points do not read (sim/analysis/tipping_points.hpp):
  bool repeated_minmax = true;        // false: the repeated part skips the minmax values (analyze_sustainability)
  bool bargaining_axiomatic = true;   // false: alternating offers only (no Nash or Kalai-Smorodinsky solutions)
  BeliefScope beliefs_scope = BeliefScope::kFull;  // kFirstEquilibrium: the prediction only (belief_analysis.hpp)

  const Deadline& deadline() const { return build.deadline; }
};

struct SequentialAnalysis {
  ScenarioTimeline timeline;
  BackwardInductionResult result;
  StageSelection select = StageSelection::kFirst;
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

// How often each builder ran (each at most once per analysis).
struct BuildCounts {
  std::size_t stage_game = 0, timeline = 0, bargaining = 0, repeated = 0;
};

struct ScenarioAnalysis {
  // The stage game every part used: built by the analysis, or the caller's
  // (then not owned: valid while the caller keeps it). Null only when no
  // part needed it (bargaining with explicit disagreement payoffs).
  std::shared_ptr<const ScenarioGame> stage_game;
  SolveResult pure;                            // empty unless parts.pure (or needed by bargaining)
  std::optional<DominanceResult> dominance;
  std::optional<SolveResult> mixed;            // the mixed (not pure) equilibria of the search
  std::vector<std::string> mixed_methods;      // the methods the search ran ("pure", "logit", "gnm")
  bool mixed_complete = false;                 // the search guarantees every equilibrium (never for N > 2)
  std::optional<CorrelatedEquilibrium> correlated;
  std::optional<SequentialAnalysis> sequential;
  std::optional<BargainingAnalysis> bargaining;
  std::optional<RepeatedAnalysis> repeated;
  std::optional<BayesianAnalysis> bayesian;  // sim/analysis/belief_analysis.hpp
  std::optional<BeliefAnalysis> beliefs;
  BuildCounts builds;
};

// The stage game of a scenario (build_normal_form with options.build): the
// one builder path of every command and sweep point.
ScenarioGame build_stage_game(const Scenario& scenario, const AnalysisOptions& options);

// Computes parts on demand, each once. Not thread-safe; one per scenario
// (a sweep makes one per point).
class ScenarioAnalyzer {
 public:
  // Builds the stage game itself on first use.
  ScenarioAnalyzer(const Scenario& scenario, AnalysisOptions options);
  // Uses `stage_game` (built by build_stage_game from `scenario`); it must
  // outlive the analyzer and its results (which point to it).
  ScenarioAnalyzer(const Scenario& scenario, const ScenarioGame& stage_game, AnalysisOptions options);

  const AnalysisOptions& options() const { return options_; }
  const ScenarioGame& stage_game();
  const SolveResult& pure();
  const DominanceResult& dominance();
  const SolveResult& mixed();
  const CorrelatedEquilibrium& correlated();
  const SequentialAnalysis& sequential();
  const BargainingAnalysis& bargaining();
  // The equilibrium `disagreement: stage-equilibrium` reads (see the
  // contract above), from the parts computed here; nullopt if there is none.
  std::optional<StageEquilibriumPoint> stage_equilibrium_point();
  const RepeatedAnalysis& repeated();
  // target_self_enforcing(repeated().sustainability), computing no more of
  // the repeated part than the verdict needs (sustainability.hpp).
  bool repeated_target_self_enforcing();
  // Types read by the payoffs / a `sequence:` block (belief_analysis.hpp).
  const BayesianAnalysis& bayesian();
  const BeliefAnalysis& beliefs();
  const BuildCounts& builds() const { return result_.builds; }

  // Every part options().parts asks for that the scenario has; the analyzer
  // is spent afterwards.
  ScenarioAnalysis analyze() &&;

 private:
  RepeatedScenarioSpec repeated_spec();  // the block's spec with options().repeated applied
  MixedSearchResult mixed_search(const NormalFormGame& game, const SolveResult* pure = nullptr) const;
  const Scenario& scenario_;
  AnalysisOptions options_;
  bool pure_done_ = false;
  ScenarioAnalysis result_;
};

// The whole analysis: ScenarioAnalyzer(...).analyze().
ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& stage_game,
                                  const AnalysisOptions& options = {});
ScenarioAnalysis analyze_scenario(const Scenario& scenario, const AnalysisOptions& options = {});

}  // namespace negsim
