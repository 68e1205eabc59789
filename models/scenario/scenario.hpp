// The scenario model: plain data read from a scenario YAML file (see
// docs/scenario.md and DESIGN.md "Scenario files").
//
// Contract
//  - Every element carries the source position (file, 1-based line and
//    column) where it was written, so later stages (expression compiler,
//    builders, later issues' timeline/repeated/bargaining readers) can report
//    errors at the right place.
//  - Order is the file's order: parameters, players and levers keep the order
//    in which they appear.
//  - The loader (loader.hpp) fills and validates this; nothing here parses or
//    evaluates expressions (expression.hpp does).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

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

// An optional block kept raw for later stages (timeline, repeated, bargaining).
struct RawBlock {
  bool present = false;
  YAML::Node node;  // the value node; null if !present
  SourcePos pos;    // position of the value
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
  RawBlock timeline;
  RawBlock repeated;
  RawBlock bargaining;
  // The whole YAML text, kept so that positions inside raw blocks can be
  // mapped (see expression_from_node in loader.hpp).
  std::string source_text;

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
