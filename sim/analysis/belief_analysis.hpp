// The incomplete-information parts of a scenario's analysis (read by
// sim/analysis/scenario_analysis.hpp, reported by sim/report/beliefs_report.hpp).
//
// Contract
//  - analyze_bayesian: a scenario whose payoffs read types, as its type-agent
//    normal form (models/scenario/type_agent_builder.hpp); its pure Bayesian
//    Nash equilibria (solve_pure_nash: every one, verified by the normal-form
//    rule), and for two agents every extreme mixed one (the mixed search of
//    sim/analysis/mixed_search.hpp). Each complete-information game per type
//    profile is kept for comparison.
//  - analyze_beliefs: the `sequence:` tree (sequence_builder.hpp), its pure
//    perfect Bayesian / sequential equilibria with beliefs at every
//    information set (perfect_bayesian.hpp, each checked independently by
//    sequence_verify.hpp); for the `threat:`, which actions carry it out; and
//    the value of information: the same sequence with every type known to
//    every mover (one complete-information game per type profile), solved the
//    same way. Two players: also one behaviour (mixed) equilibrium, the
//    quasi-perfect one of the tree (perfect_bayesian.hpp). value_of_information[p] = p's expected payoff when types are
//    known minus its payoff in the first equilibrium with private types (both
//    first equilibria; nullopt if either has none).
//  - BeliefScope::kFirstEquilibrium (tipping points, which read only the
//    prediction: sim/analysis/predicted_outcome.hpp): the tree, its FIRST
//    equilibrium and the threat's actions, nothing else. The search visits
//    the same profiles in the same order as the full one and stops at the
//    first it accepts, so that equilibrium is the full analysis' first, with
//    the same beliefs; each accepted profile is still checked by
//    sequence_verify.hpp, but not by the extensive-form verifier, and there
//    is no behaviour equilibrium and no value of information (tipping points
//    re-run the full analysis at the values they report).
//  - Deadline: BuildOptions::deadline bounds the builds and the searches
//    (LimitError when it passes).
//  - One-sided value of information (learning[k], one per player P that moves
//    and faces another typed player): the same sequence where P alone also
//    knows every type at each of its moves (SequenceBuildOptions::
//    reveal_types_to; the others keep their information and know that P
//    knows), solved the same way as the all-know game (first equilibrium,
//    one start; checked by sequence_verify.hpp inside the solver). value = P's
//    ex-ante expected payoff there minus P's in the first equilibrium with
//    private types. It may be negative: the others react to P knowing.
// Complexity: see the builders and solvers named above.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "models/scenario/type_agent_builder.hpp"
#include "sim/analysis/mixed_search.hpp"
#include "sim/analysis/perfect_bayesian.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

struct BayesianAnalysis {
  TypeAgentGame game;
  SolveResult pure;                  // pure Bayesian Nash equilibria (agents' profiles)
  std::optional<SolveResult> mixed;  // two agents only: every extreme equilibrium
};

BayesianAnalysis analyze_bayesian(const Scenario& scenario, const BuildOptions& build,
                                  const MixedSearchOptions& mixed);

struct BeliefAnalysis {
  SequenceTree tree;
  PerfectBayesianResult result;
  // threat_action[h][a]: action a at information set h carries out the threat
  // (empty without `threat:`).
  std::vector<std::vector<char>> threat_action;
  // Two players (and at most kBehaviorPbeMaxSequences sequences each): one
  // sequential equilibrium in behaviour strategies, mixed moves allowed, with
  // consistent beliefs everywhere (solve_behavior_perfect_bayesian).
  std::optional<BehaviorPerfectBayesian> behavior;
  SequenceTree revealed_tree;
  PerfectBayesianResult revealed;
  std::optional<std::vector<double>> value_of_information;
  // Per type profile (tree.prior.profiles order), per player: the payoff in
  // the first equilibrium with private types / with types known.
  std::vector<std::vector<double>> private_by_type, revealed_by_type;
  // P alone learns the others' types (see the contract above).
  struct OneSidedValue {
    std::size_t player = 0;           // P, who learns
    std::vector<std::size_t> learns;  // the typed players it learns about
    std::size_t nodes = 0;            // of the tree where P knows
    std::string method;               // how its first equilibrium was found
    std::optional<std::vector<double>> payoffs;  // every player's, in that equilibrium
    std::optional<double> value;      // P's payoff there minus P's with private types
  };
  std::vector<OneSidedValue> learning;
};

enum class BeliefScope { kFull, kFirstEquilibrium };

BeliefAnalysis analyze_beliefs(const Scenario& scenario, const BuildOptions& build,
                               PerfectBayesianOptions options = {}, BeliefScope scope = BeliefScope::kFull);

// The kFirstEquilibrium scope on `out.tree` as it stands (built from
// `scenario`, or refreshed for it by refresh_sequence_numbers): its first
// equilibrium and the threat's actions replace out.result and
// out.threat_action. analyze_beliefs(..., kFirstEquilibrium) is this after
// building the tree; tipping points' probes call it on a tree they refresh.
void solve_first_belief_equilibrium(const Scenario& scenario, const Deadline& deadline, BeliefAnalysis& out,
                                    PerfectBayesianOptions options = {});

// Per root branch (type profile), per player: node values under the profile.
std::vector<std::vector<double>> payoffs_by_type(const SequenceTree& tree, const std::vector<std::size_t>& actions);

// Read by the report (sim/report/beliefs_report.hpp) and the sweep analyses
// (sim/sweep/belief_sweep_analyses.hpp), so both say the same:
// Per information set of an equilibrium: P(the mover's view) that each typed
// player has each type (beliefs[p][t]; empty for untyped players).
std::vector<std::vector<double>> type_beliefs(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t infoset);
std::vector<std::vector<double>> type_beliefs(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                                              std::size_t infoset);
// The mover's belief at `infoset` that the threat is carried out from there on
// (threat = threat_probabilities(tree, eq.actions, threat_action)).
double threat_belief(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t infoset,
                     const std::vector<double>& threat);
double threat_belief(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment, std::size_t infoset,
                     const std::vector<double>& threat);
// Information sets on (on_path) or off the path, in the order play meets them
// (round, step, then tree order).
std::vector<std::size_t> path_order(const SequenceTree& tree, const TreeEquilibrium& eq, bool on_path);
std::vector<std::size_t> path_order(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                                    bool on_path);

}  // namespace negsim
