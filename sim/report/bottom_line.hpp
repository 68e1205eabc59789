// The bottom line of a scenario report: a few sentences an analyst can paste
// into a brief, built from the one analysis (and the tipping points when
// they were computed), then the explanations behind it: contradictions
// between concepts, the deviation that matters for each player, dominance in
// a few sentences. Text, JSON and the HTML/Markdown writers all read this
// struct; it computes no equilibrium, only selects and words what the
// analysis holds.
//
// Contract
//  - predictions: one line per concept that applies, most relevant first
//    (the subgame-perfect path when there is a timeline, then the one-shot
//    equilibria, the repeated block's target, the bargaining agreement).
//  - self_enforcing: present when the scenario has a repeated block (see
//    predicted_outcome.hpp for the rule).
//  - contradictions: (a) a move on the subgame-perfect path that iterated
//    dominance removes in the one-shot game; (b) a path that is not an
//    equilibrium of the one-shot game. Each sentence gives the numbers that
//    explain it: the one-shot gain of the dominating (or profitable) move and
//    the later response that makes it lose in the sequential game, both read
//    from the analysis (dominance margin, SPE threats, stage game payoffs).
//  - deviations: for each player, the alternative closest to profitable (the
//    largest gain, <= 0 in an equilibrium): on the subgame-perfect path with
//    the later movers' response, else at the first pure Nash equilibrium of
//    the one-shot game (others fixed). Absent when neither exists.
//  - types: with a `sequence:` whose players have `types:`, the first
//    perfect Bayesian equilibrium of the belief analysis in words, listed
//    first among the predictions. The typed player is the threat's (else the
//    first typed one); the type followed is the one most likely to carry out
//    the threat (else its first). The belief path follows the observer (the
//    last untyped mover of round 1) round by round along the most likely
//    line of play (each round's on-path information set of the observer with
//    the largest reach, descending from the previous one): its Bayes-rule
//    belief there (type_beliefs) and, with a `threat:`, its belief that the
//    threat will be carried out (threat_probabilities on the same profile).
//    Nothing is solved again. When the sequential path (else the first pure
//    one-shot equilibrium) sets the threat's lever differently from what the
//    types model expects, a contradiction (sequential or one-shot vs types)
//    gives the numbers: the non-committal type's expected values of its move
//    and of the threat in its first decision, and the observer's of its move
//    and its best alternative.
//  - tipping: copied from the TippingPointResult when one was given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/predicted_outcome.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/analysis/tipping_points.hpp"
#include "sim/report/dominance_summary.hpp"

namespace negsim {

struct ConceptPrediction {
  OutcomeConcept concept_id = OutcomeConcept::kOneShot;
  std::string title;              // "Subgame-perfect path (U.S., then China, then ByteDance)"
  std::string text;               // the prediction in words
  std::vector<double> payoffs;    // per player (scenario order) when one outcome is predicted; else empty
};

struct SelfEnforcement {
  std::string target;             // the target deal in words
  double discount = 0;            // the block's discount factor
  std::string discount_parameter; // the parameter it reads, or ""
  bool holds = false;             // self-enforcing at `discount`
  double from = 0;                // smallest discount factor that sustains it (NaN: none)
  std::string from_exact;         // "p/q" when known exactly, else ""
  std::string punishment;         // which Nash reversion gives `from`, in words
  std::string text;               // the sentence
};

struct Contradiction {
  OutcomeConcept first = OutcomeConcept::kOneShot;    // the concept that says "never"/"not stable"
  OutcomeConcept second = OutcomeConcept::kSequential;
  std::size_t player = 0;
  std::string text;               // one sentence with the game's numbers
};

struct DeviationRow {
  std::size_t player = 0;
  std::string on_path;            // the player's move in the prediction, in words
  std::string alternative;        // the alternative closest to profitable, in words
  std::string response;           // what the later movers would do, in words ("" if none)
  double payoff = 0;              // the player's payoff in the prediction
  double deviation_payoff = 0;    // its payoff after the alternative (and response)
  double gain = 0;                // deviation_payoff - payoff (<= 0 up to tolerance)
  bool sequential = false;        // from the subgame-perfect path (else the one-shot equilibrium)
};

// One round of the belief path (see the contract).
struct BeliefStep {
  std::size_t round = 0;
  std::string observed;     // the typed player's move the observer saw that round, in words
  double belief = 0;        // the observer's belief that the typed player has the followed type
  double threat = -1;       // its belief that the threat will be carried out (-1: no threat)
  double reach = 0;         // the probability play reaches this information set
  std::string move;         // the observer's move there, in words
};

struct TypesPrediction {
  std::size_t player = 0;             // the typed player
  std::size_t type = 0;               // the type the beliefs are about
  std::string type_label;             // its label ("committed")
  std::vector<std::string> labels;    // every type of `player`
  std::size_t observer = 0;           // whose beliefs the path shows
  double prior = 0;                   // P(player has `type`)
  std::string kind;                   // "sequential" | "weak PBE"
  std::size_t equilibria = 0;         // how many the belief analysis found
  bool has_threat = false;
  std::string threat;                 // the threat in words ("United States deadline enforce")
  std::vector<double> threat_by_type; // per type of `player`: P(it carries out the threat on the path)
  double threat_probability = 0;      // overall, at the start
  std::vector<BeliefStep> path;
  std::string when_carried_out;       // the observer's move(s) after the threat is carried out, in words
  std::vector<double> payoffs;        // expected, per player
  std::string text;
};

struct TippingLine {
  std::string parameter;
  std::string text;               // "if ban cost us falls below 19.6 ($bn; now 25): ..."
};

// Types read by the payoffs: the first Bayesian Nash equilibrium of the
// type-agent form (all move at once, each knowing only its own type).
struct BayesianPrediction {
  std::string title;
  std::string text;              // each player's type-contingent strategy in words
  std::size_t pure_equilibria = 0;
  std::size_t mixed_equilibria = 0;
};

struct BottomLine {
  std::string payoff_unit;
  std::vector<ConceptPrediction> predictions;
  std::optional<BayesianPrediction> bayesian;
  std::optional<SelfEnforcement> self_enforcing;
  std::optional<TypesPrediction> types;
  std::vector<Contradiction> contradictions;
  std::vector<DeviationRow> deviations;
  std::optional<DominanceSummary> dominance;
  std::optional<TippingPointResult> tipping;
  std::vector<TippingLine> tipping_lines;  // one per side with a change, nearest first per parameter
};

BottomLine make_bottom_line(const Scenario& scenario, const ScenarioGame& built, const ScenarioAnalysis& analysis,
                            const TippingPointResult* tipping = nullptr);

// Player p's mixed action in words: "side heads (50%); or side tails (50%)".
std::string mixed_action_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                                  const std::vector<double>& probs);
// One player's part of a Bayesian equilibrium of the type-agent form in
// words: "breakfast quiche if weak, breakfast beer if strong" (or "...
// whatever its type").
std::string type_contingent_in_words(const Scenario& scenario, const TypeAgentGame& game, const Equilibrium& eq,
                                     std::size_t player);

// The self-enforcement sentence of the repeated block's target deal (the
// bottom line's; also the `repeated --format html|markdown` bottom line).
SelfEnforcement self_enforcement(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& repeated);

// Words for the other side of a tipping point: what changes relative to
// `current`, concept by concept ("ByteDance refuses (was joint venture) and
// the United States extends the deadline").
std::string outcome_change_in_words(const Scenario& scenario, const PredictedOutcome& current,
                                    const PredictedOutcome& other);
// The outcome concept by concept, one line each ("subgame-perfect path: ...").
std::vector<std::string> predicted_outcome_in_words(const Scenario& scenario, const PredictedOutcome& outcome);
// A whole profile of settings in words ("United States tariff 0%, ...; China ...").
std::string profile_setting_in_words(const Scenario& scenario, const ProfileSetting& profile);

// The text sections. bottom_line_text is the opening "Bottom line" block;
// the others are the detail sections the report places after it.
std::string bottom_line_text(const Scenario& scenario, const BottomLine& line);
std::string deviation_table_text(const Scenario& scenario, const BottomLine& line);
std::string dominance_summary_text(const BottomLine& line);
std::string tipping_points_text(const Scenario& scenario, const TippingPointResult& tipping);

nlohmann::json bottom_line_json(const Scenario& scenario, const BottomLine& line);
nlohmann::json tipping_points_json(const Scenario& scenario, const TippingPointResult& tipping);

}  // namespace negsim
