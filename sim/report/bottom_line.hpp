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

struct TippingLine {
  std::string parameter;
  std::string text;               // "if ban cost us falls below 19.6 ($bn; now 25): ..."
};

struct BottomLine {
  std::string payoff_unit;
  std::vector<ConceptPrediction> predictions;
  std::optional<SelfEnforcement> self_enforcing;
  std::vector<Contradiction> contradictions;
  std::vector<DeviationRow> deviations;
  std::optional<DominanceSummary> dominance;
  std::optional<TippingPointResult> tipping;
  std::vector<TippingLine> tipping_lines;  // one per side with a change, nearest first per parameter
};

BottomLine make_bottom_line(const Scenario& scenario, const ScenarioGame& built, const ScenarioAnalysis& analysis,
                            const TippingPointResult* tipping = nullptr);

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
