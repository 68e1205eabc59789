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
//  - Types (a `sequence:` whose players have `types:`): the analysis' FIRST
//    perfect Bayesian equilibrium (the one the report's bottom line leads
//    with), in discrete terms: for each type of the typed player (the
//    threat's, else the first typed one) whether it carries out the
//    `threat:` on the path never, sometimes or always; the most likely line
//    of play as the observer (the last untyped mover of round 1 on the path)
//    sees it, round by round (each round the observer's on-path information
//    set with the largest reach, descending from the previous one): the
//    typed player's move it saw and its own move, equal rounds merged into
//    runs, a run that lasts to the last round not counted (so that "waits
//    after every extension" is one prediction whatever the number of
//    rounds); and the observer's moves once the threat is carried out. Beliefs and probabilities are not
//    compared (they move with every parameter); moves are levers and value
//    indices, as above.
//  - Self-enforcing: the target is sustained at the block's discount factor
//    by Nash reversion, to the common punishment (grim trigger) or to each
//    deviator's own worst pure stage equilibrium (sustainability.hpp; both
//    are subgame perfect). `self_enforcing_from` is the smaller threshold.
// Complexity: O(players * levers + equilibria) per outcome.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

// One player's move: the value index of each of its levers.
using LeverSetting = std::vector<std::size_t>;
// One move per player (scenario order).
using ProfileSetting = std::vector<LeverSetting>;

// A move in the `sequence:` tree: the levers its step sets and their value
// indices (SequenceInfoSet::levers, ::action_values); empty: no move.
struct SequenceMove {
  std::vector<std::size_t> levers, values;
  bool empty() const { return levers.empty(); }
  friend bool operator==(const SequenceMove&, const SequenceMove&) = default;
};

// How often a type carries out the threat on the equilibrium path.
enum class ThreatUse { kNever, kSometimes, kAlways };

// A run of rounds of the most likely line with the same moves (see the contract).
struct TypesRun {
  SequenceMove observed;  // the typed player's move the observer saw (empty: none seen)
  SequenceMove move;      // the observer's move
  std::size_t rounds = 0; // how many rounds; 0: every round from here to the last one
  friend bool operator==(const TypesRun&, const TypesRun&) = default;
};

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
  // Types model (`sequence:` with types): the first perfect Bayesian equilibrium.
  bool has_types = false;
  bool types_found = false;                  // a pure perfect Bayesian equilibrium was found
  std::size_t types_player = 0;              // the typed player
  std::size_t types_observer = 0;            // whose view the line follows (meaningful when types_line is not empty)
  std::vector<ThreatUse> threat_by_type;     // per type of types_player; empty without `threat:`
  std::vector<TypesRun> types_line;          // the most likely line of play, runs of equal rounds
  std::vector<SequenceMove> after_threat;    // the observer's moves once the threat is carried out

  friend bool operator==(const PredictedOutcome&, const PredictedOutcome&) = default;
};

// The concepts, in the order reports list them (kTypes: the perfect Bayesian
// equilibrium of a `sequence:` with types, which the bottom line leads with).
enum class OutcomeConcept { kSequential, kOneShot, kRepeated, kBargaining, kTypes };
// "sequential" | "one_shot" | "repeated" | "bargaining" | "types" (JSON keys).
std::string to_string(OutcomeConcept concept_id);

// The parts of the analysis an outcome reads (pure, sequential, bargaining,
// repeated, beliefs); the rest (dominance, mixed search, correlated, the
// type-agent form) is not computed when only the outcome is wanted.
AnalysisParts predicted_outcome_parts();

PredictedOutcome predicted_outcome(const Scenario& scenario, const ScenarioGame& built,
                                   const ScenarioAnalysis& analysis);

// Replaces the types part of `out` with what `beliefs` predicts (see the contract).
void fill_types_outcome(const Scenario& scenario, const BeliefAnalysis& beliefs, PredictedOutcome& out);

// The concepts whose predictions differ between a and b (kTypes first, as
// the bottom line leads with it; then in enum order).
std::vector<OutcomeConcept> changed_concepts(const PredictedOutcome& a, const PredictedOutcome& b);

// The setting of player p's action a in the built game.
LeverSetting lever_setting(const ScenarioGame& built, std::size_t player, std::size_t action);

// ---- The types model's line of play (read by the report's bottom line too) ----
inline constexpr std::size_t kNoSequenceIndex = static_cast<std::size_t>(-1);
// The typed player the prediction follows: the threat's when it has types,
// else the first typed one; kNoSequenceIndex when no player has types.
std::size_t followed_typed_player(const Scenario& scenario, const SequenceTree& tree);
// The observer: the last untyped mover of round 1 on the path of eq
// (kNoSequenceIndex: none).
std::size_t belief_observer(const SequenceTree& tree, const TreeEquilibrium& eq);
// The observer's information sets along the most likely line, one per round
// until play ends (see the contract).
std::vector<std::size_t> most_likely_line(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t observer);
// The move of `player` in `round` that the mover of information set h has
// seen (the same at every node of h): {information set, action}, or
// {kNoSequenceIndex, kNoSequenceIndex} when it has not seen one.
std::pair<std::size_t, std::size_t> observed_move(const SequenceTree& tree, std::size_t h, std::size_t player,
                                                  std::size_t round);
SequenceMove sequence_move(const SequenceTree& tree, std::size_t h, std::size_t action);

// target_self_enforcing and self_enforcing_from (the repeated block's verdict)
// are in sim/repeated/sustainability.hpp.

}  // namespace negsim
