// Reading the mappings of a scenario file (key: value lines) with positions
// and clear errors. Shared by the scenario loader and the readers of the
// timeline, bargaining and repeated blocks, so that every block reports the
// same problems the same way.
//
// Contract
//  - YamlFields::entries(map, what, allowed) returns the keys and values of a
//    mapping in file order. It throws InputError at the offending node, the
//    message starting with the reader's prefix and then `what`:
//      not a mapping:          "WHAT: expected a mapping (key: value lines), got a list"
//      a key that is no name:  "WHAT: keys must be plain names, got a mapping"
//      a repeated key:         "WHAT: duplicate key 'k' (first given on line N)"
//                              (yaml-cpp would keep both silently)
//      an unknown key (only if `allowed` is not empty):
//                              "WHAT: unknown key 'k' (did you mean 'x'?)",
//                              hint "expected one of: a, b, c"
//  - require(list, name, owner, what, example): the entry, or InputError at
//    `owner`: "WHAT: missing required key 'k'", hint "for example: EXAMPLE".
//  - find(list, name): the entry or nullptr.
//  - Positions (file:line:col, 1-based) come from the locator given at
//    construction; fail() prefixes every message with the reader's prefix
//    (e.g. "bargaining: "), the same for all errors of one reader.
// Complexity: entries() is linear in the mapping size (plus the did-you-mean
// search over `allowed` on error).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/scenario/scenario.hpp"

namespace negsim {

// One `key: value` line of a mapping.
struct YamlField {
  YAML::Node key;
  YAML::Node value;
  std::string name;  // the key's text
};

class YamlFields {
 public:
  using Locator = std::function<SourcePos(const YAML::Node&)>;

  explicit YamlFields(Locator locate, std::string prefix = "")
      : locate_(std::move(locate)), prefix_(std::move(prefix)) {}

  SourcePos pos(const YAML::Node& node) const { return locate_(node); }

  // InputError at `where`, the message prefixed with the reader's prefix.
  [[noreturn]] void fail(const SourcePos& where, const std::string& message,
                         const std::string& hint = "") const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message,
                         const std::string& hint = "") const;

  std::vector<YamlField> entries(const YAML::Node& map, const std::string& what,
                                 const std::vector<std::string>& allowed = {}) const;

  static const YamlField* find(const std::vector<YamlField>& list, const std::string& name);

  const YamlField& require(const std::vector<YamlField>& list, const std::string& name,
                           const YAML::Node& owner, const std::string& what,
                           const std::string& example) const;

 private:
  Locator locate_;
  std::string prefix_;
};

// "nothing", "a single value", "a list" or "a mapping": for "got ..." messages.
const char* yaml_kind(const YAML::Node& node);

// The items separated by `separator`: "a, b, c".
std::string join_names(const std::vector<std::string>& items, const std::string& separator = ", ");

// " (did you mean 'x'?)" for the closest candidate, or "" if none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace negsim
