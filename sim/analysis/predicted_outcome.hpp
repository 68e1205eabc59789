// The predicted outcome of a scenario: what each solution concept that
// applies says will happen, as data that can be compared across parameter
// values (tipping points watch it change) and written in words (the bottom
// line of a report).
//
// Contract
//  - Read from one ScenarioAnalysis (sim/analysis/scenario_analysis.hpp);
//    nothing is re-solved here. A concept is present when the analysis holds
//    its part: the subgame-perfect path (timeline), the one-shot pure Nash
//    equilibria (always), the repeated block's verdict on the target deal,
//    the alternating-offers agreement (bargaining block).
//  - Moves are lever settings (one value index per lever, Lever::labels), not
//    action indices: a constraint that reads a parameter can change which
//    actions exist, never what a setting means. Two outcomes are equal when
//    every concept predicts the same moves, the same verdict and the same
//    deal; payoffs are not compared (they move with every parameter).
//  - The sequential prediction is the analysis' selected SPE (the first of
//    the list, as `disagreement: stage-equilibrium` reads it): the movers'
//    settings along its deterministic path. A player whose move on the path is
//    mixed has an empty setting and `sequential_pure` is false.
//  - Self-enforcing: the target is sustained at the block's discount factor
//    by Nash reversion, to the common punishment (grim trigger) or to each
//    deviator's own worst pure stage equilibrium (sustainability.hpp; both
//    are subgame perfect). `self_enforcing_from` is the smaller threshold.
// Complexity: O(players * levers + equilibria) per outcome.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

// One player's move: the value index of each of its levers.
using LeverSetting = std::vector<std::size_t>;
// One move per player (scenario order).
using ProfileSetting = std::vector<LeverSetting>;

struct PredictedOutcome {
  // Subgame-perfect path (timeline block).
  bool has_sequential = false;
  bool sequential_found = false;     // the analysis found a verified SPE
  bool sequential_pure = true;       // no mover randomises on the path
  ProfileSetting sequential_path;    // per player; empty for a mixed or absent move
  // Pure Nash equilibria of the one-shot game, Gambit order.
  std::vector<ProfileSetting> one_shot;
  // Repeated block: the target deal.
  bool has_repeated = false;
  bool self_enforcing = false;
  // Bargaining block: the alternating-offers outcome.
  bool has_bargaining = false;
  bool agreement = false;
  std::size_t agreement_round = 0;
  std::string deal;                  // the agreed deal's label, or the shares ("0.5,0.3,0.2")
  std::string ending;                // agreement | opt-out | breakdown | perpetual disagreement

  friend bool operator==(const PredictedOutcome&, const PredictedOutcome&) = default;
};

// The concepts, in the order reports list them.
// kTypes (the perfect Bayesian equilibrium of a `sequence:` with types) is
// worded by the report's bottom line only: PredictedOutcome does not hold it
// (tipping points do not watch it).
enum class OutcomeConcept { kSequential, kOneShot, kRepeated, kBargaining, kTypes };
// "sequential" | "one_shot" | "repeated" | "bargaining" | "types" (JSON keys).
std::string to_string(OutcomeConcept concept_id);

// The parts of the analysis an outcome reads (pure, sequential, bargaining,
// repeated); the rest (dominance, mixed search, correlated) is not computed
// when only the outcome is wanted.
AnalysisParts predicted_outcome_parts();

PredictedOutcome predicted_outcome(const Scenario& scenario, const ScenarioGame& built,
                                   const ScenarioAnalysis& analysis);

// The concepts whose predictions differ between a and b.
std::vector<OutcomeConcept> changed_concepts(const PredictedOutcome& a, const PredictedOutcome& b);

// The setting of player p's action a in the built game.
LeverSetting lever_setting(const ScenarioGame& built, std::size_t player, std::size_t action);

// Whether the repeated block's target is self-enforcing at its discount
// factor, and the smallest discount factor from which it is (NaN: at none).
bool target_self_enforcing(const SustainabilityReport& report);
double self_enforcing_from(const SustainabilityReport& report);

}  // namespace negsim
