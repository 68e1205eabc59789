// The scenario model: plain data read from a scenario YAML file (see
// docs/scenario.md and DESIGN.md "Scenario files").
//
// Contract
//  - Every element carries the source position (file, 1-based line and
//    column) where it was written, so later stages (expression compiler,
//    builders) can report errors at the right place.
//  - Order is the file's order: parameters, players and levers keep the order
//    in which they appear.
//  - The loader (loader.hpp) fills and validates all of it, every block
//    included: no YAML node or source text is left for later layers. Nothing
//    here parses or evaluates expressions (expression.hpp does).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace negsim {

// A position in a source file. line and column are 1-based; 0 means unknown.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

// A line:column pair (1-based) inside the file named by the owning element.
struct TextLocation {
  int line = 0;
  int column = 0;
};

// Text of an expression as written in the YAML file (after YAML decoding:
// quotes removed, escapes resolved, block scalars joined).
//  - pos: where the scalar starts (the opening quote or block indicator, if any).
//  - char_locations: where each character of `text` came from in the file
//    (text.size() + 1 entries; the last one is just past the end). Empty if
//    unknown, in which case location_of() assumes a plain one-line scalar.
struct ExpressionText {
  std::string text;
  SourcePos pos;
  std::vector<TextLocation> char_locations;

  // The file position of the character at `offset` in `text` (offset may be
  // text.size() for "end of expression").
  SourcePos location_of(std::size_t offset) const;
};

struct ScenarioSource {
  std::string id;
  std::string text;
  std::string url;  // empty if not given
  SourcePos pos;    // position of the entry
};

struct ScenarioParameter {
  std::string id;
  double value = 0;
  std::string unit;    // empty if not given
  std::string source;  // id of a ScenarioSource, empty if not given
  std::string doc;     // empty if not given
  // `range: [LO, HI]`: the values the parameter may plausibly take (LO < HI,
  // the value inside); tipping points search it (sim/analysis/tipping_points.hpp).
  std::optional<std::pair<double, double>> range;
  SourcePos pos;        // position of the parameter's key
  SourcePos value_pos;  // position of the value scalar
};

// One lever of a player: an ordered list of values.
//  - Numeric lever (values: [0, 10, 20]): numbers[i] is the value and
//    labels[i] is its printed form as written in the file ("0", "10", "20").
//  - Label lever (values: [ease, hold, tighten]): labels[i] is the name and
//    numbers[i] = i (the index).
struct Lever {
  std::string id;
  bool numeric = false;
  std::vector<std::string> labels;
  std::vector<double> numbers;
  std::string unit;  // empty if not given
  std::string doc;   // empty if not given
  SourcePos pos;     // position of the lever's key

  std::size_t size() const { return labels.size(); }
};

struct ScenarioPlayer {
  std::string id;
  std::string name;  // display name; defaults to id
  std::string doc;   // empty if not given
  std::vector<Lever> levers;
  SourcePos pos;  // position of the player's key
};

// The optional blocks (timeline, repeated, bargaining), parsed completely by
// the loader (models/scenario/block_readers.hpp) into typed plain data.
//  - A block the file does not have has present == false and nothing else set.
//  - Everything the file's structure decides is resolved and checked by the
//    loader: keys (unknown, repeated, missing), kinds of values (list, mapping,
//    single value), names (players, levers, lever values, parameters) and
//    literal integers. Names are stored as indices into the Scenario, so no
//    later layer looks a name up again.
//  - What depends on parameter values (which --set may change after loading)
//    or on the built game is left to the builders: an expression stays an
//    ExpressionText (with each character's position, for the compiler's
//    errors), a "number or parameter" a NumberOrParameter. Every element keeps
//    the SourcePos it was read from, so the builders report value errors at
//    the file:line:col of the value.

// `timeline: [[us], [china], [bytedance]]` (a bare id is a one-player stage).
struct TimelineBlock {
  bool present = false;
  SourcePos pos;                                 // the block's value
  std::vector<std::vector<std::size_t>> stages;  // scenario player indices; each player once
};

// A literal number, or the id of a parameter whose value is read when the
// builder runs (after --set overrides).
struct NumberOrParameter {
  double number = 0;      // the literal, if parameter is empty
  std::string parameter;  // the parameter id, or ""
  SourcePos pos;          // the value

  double value(const std::vector<ScenarioParameter>& parameters) const {
    if (parameter.empty()) return number;
    for (const ScenarioParameter& p : parameters)
      if (p.id == parameter) return p.value;
    return number;  // unreachable: the loader checked the id
  }
};

// One `PLAYER.LEVER: VALUE` of a repeated block's target.
struct RepeatedTargetSetting {
  std::size_t player = 0;  // scenario player index
  std::size_t lever = 0;   // lever index within the player
  std::size_t value = 0;   // value index within the lever
  SourcePos pos;           // the key
};

// `repeated: {discount, target, rounds?, continuation?, strategies?}`
// (docs in repeated_builder.hpp).
struct RepeatedBlock {
  bool present = false;
  SourcePos pos;  // the block's value
  NumberOrParameter discount;
  std::optional<NumberOrParameter> continuation;
  std::size_t rounds = 0;  // 0 = not given
  std::vector<RepeatedTargetSetting> target;  // file order; each lever at most once
  SourcePos target_pos;
  // strategies[p]: the default strategy name of scenario player p, "" if none.
  std::vector<std::string> strategies;
  std::vector<SourcePos> strategy_pos;  // per player; line 0 where none
};

// Per-player expressions of a bargaining block: one value for everyone, or a
// mapping bargaining player -> value.
struct PerPlayerExpressions {
  SourcePos pos;         // the value (scalar or mapping)
  bool uniform = false;  // one scalar for everyone
  // values[b] for bargaining player b; nullopt where the mapping omits b.
  std::vector<std::optional<ExpressionText>> values;
};

struct BargainingExtensionBlock {
  std::size_t player = 0;  // bargaining player index
  std::optional<ExpressionText> rounds, times, cost;
  SourcePos pos;
};

// `bargaining:` (schema: docs/solvers/sequential_bargaining.md).
struct BargainingBlock {
  bool present = false;
  SourcePos pos;                     // the block's value
  std::vector<std::size_t> players;  // bargaining player -> scenario player index
  std::vector<Lever> issues;         // issue values, like levers (numeric or labels)
  SourcePos issues_pos;              // the issues mapping
  SourcePos issues_key_pos;          // the `issues` key (for the deal-count limit)
  std::vector<ExpressionText> constraints;  // over deal.<issue> and parameters
  std::vector<ExpressionText> utilities;    // per bargaining player
  std::vector<std::size_t> proposer_order;  // bargaining player indices; never empty
  PerPlayerExpressions discount;            // every player given
  std::optional<ExpressionText> deadline;
  bool disagreement_from_stage_equilibrium = false;
  std::optional<PerPlayerExpressions> disagreement;  // every player given
  SourcePos disagreement_pos;                        // the value, or the block if absent
  std::optional<PerPlayerExpressions> outside_options;
  std::optional<BargainingExtensionBlock> extension;
  std::optional<PerPlayerExpressions> nash_weights;  // missing players weigh 1
};

// ---------------------------------------------------------------- uncertainty
// The blocks of incomplete information and general move orders (docs/scenario.md
// "Types", "Sequences"), read by models/scenario/uncertainty_readers.hpp.

// One player's types: `us: {committed: p_committed, bluffing: "1 - p_committed"}`
// (labels with prior probabilities) or `us: [committed, bluffing]` (labels
// only; the prior is the block's `joint` table).
struct PlayerTypes {
  std::size_t player = 0;                  // scenario player index
  std::vector<std::string> labels;         // file order
  std::vector<ExpressionText> prior;       // one per label; empty when the prior is joint
  SourcePos pos;                           // the player's key
};

// One row of a joint (correlated) prior: a type of every typed player.
struct JointPriorRow {
  std::vector<std::size_t> types;  // per TypesBlock::players entry, the label index
  ExpressionText probability;
  SourcePos pos;                   // the row
};

// `types:` (private information). Probabilities are expressions over
// parameters, so --set and sweeps reach them; the builder checks that they
// lie in [0, 1] and sum to 1.
struct TypesBlock {
  bool present = false;
  SourcePos pos;
  std::vector<PlayerTypes> players;  // typed players, file order
  std::vector<JointPriorRow> joint;  // non-empty: the correlated prior (rows not given are 0)
  SourcePos joint_pos;

  // Index into `players` of scenario player p, or npos if p has no types.
  std::size_t typed(std::size_t player) const {
    for (std::size_t i = 0; i < players.size(); ++i)
      if (players[i].player == player) return i;
    return static_cast<std::size_t>(-1);
  }
};

// What a mover observes of what happened before its move.
struct Observation {
  enum class Kind { kPlayer, kLever, kType, kChance };
  Kind kind = Kind::kPlayer;
  std::size_t player = 0;  // kPlayer, kLever, kType: scenario player index
  std::size_t lever = 0;   // kLever: lever index
  std::size_t chance = 0;  // kChance: index into SequenceBlock::chance_events
  SourcePos pos;
};

// One step of a sequence round: a chance event, or a move by one player (or
// several moving simultaneously: none sees the others' choice in the step).
struct SequenceStep {
  bool is_chance = false;
  SourcePos pos;
  // Chance: index into SequenceBlock::chance_events.
  std::size_t chance = 0;
  // Move.
  std::vector<std::size_t> movers;            // scenario player indices
  std::vector<std::vector<std::size_t>> levers;  // per mover, the lever indices it sets (all by default)
  bool observes_all = true;                   // `observes: all` (the default)
  std::vector<Observation> observes;          // when not all (empty = `none`)
  // `when: EXPR`: the move happens only where EXPR holds (else no node), and
  // `default: {PLAYER.LEVER: VALUE}` gives each of its levers' values where
  // it does not (required with `when`). Docs: docs/scenario.md, "Sequences".
  std::optional<ExpressionText> when;
  std::vector<RepeatedTargetSetting> defaults;
};

// `chance: NAME` with `outcomes: {LABEL: PROBABILITY, ...}`.
struct ChanceEvent {
  std::string id;
  std::vector<std::string> outcomes;
  std::vector<ExpressionText> probabilities;  // expressions, evaluated at the chance node
  SourcePos pos;
};

// `sequence:` a round of steps, repeated `rounds` times with per-round
// discounting, stopping early when `stop_when` holds at the end of a round.
struct SequenceBlock {
  bool present = false;
  SourcePos pos;
  NumberOrParameter rounds;    // a whole number >= 1 (checked by the builder); default 1
  NumberOrParameter discount;  // in (0, 1] (checked by the builder); default 1
  std::optional<ExpressionText> stop_when;
  std::vector<ChanceEvent> chance_events;  // in step order
  std::vector<SequenceStep> steps;
  // `fixed: {PLAYER.LEVER: VALUE}`: levers no move sets.
  std::vector<RepeatedTargetSetting> fixed;
  // Per-round payoffs; empty = the scenario's payoffs.
  std::vector<ExpressionText> payoffs;
  // `threat: {PLAYER.LEVER: VALUE}`: the move whose credibility the report discusses.
  std::optional<RepeatedTargetSetting> threat;
};

struct Scenario {
  std::string file;  // display name used in error messages
  std::string id;    // `scenario:` key
  std::string title;
  std::string description;
  // The unit of every payoff (`units: "$bn"`), printed next to payoffs in
  // reports; empty when the file does not declare one (payoffs are unitless).
  std::string units;
  std::vector<ScenarioSource> sources;
  std::vector<ScenarioParameter> parameters;
  std::vector<ScenarioPlayer> players;
  std::vector<ExpressionText> constraints;
  // payoffs[p] is player p's payoff expression (same order as players).
  std::vector<ExpressionText> payoffs;
  // infeasible_payoffs[p] is set if the file gave one for player p. Either
  // empty (no `infeasible_payoffs:` block) or players.size() entries.
  std::vector<std::optional<ExpressionText>> infeasible_payoffs;
  TimelineBlock timeline;
  RepeatedBlock repeated;
  BargainingBlock bargaining;
  TypesBlock types;
  SequenceBlock sequence;

  // Lookups by id; nullptr / npos if absent.
  std::size_t player_index(const std::string& id) const;
  const ScenarioParameter* find_parameter(const std::string& id) const;
  ScenarioParameter* find_parameter(const std::string& id);
  std::vector<std::string> parameter_ids() const;
  std::vector<std::string> player_ids() const;
};

// Lever lookup within a player; npos if absent.
std::size_t lever_index(const ScenarioPlayer& player, const std::string& lever_id);

}  // namespace negsim
