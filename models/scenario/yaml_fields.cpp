#include "models/scenario/yaml_fields.hpp"

#include <algorithm>
#include <unordered_map>

#include "models/errors.hpp"

namespace negsim {

void YamlFields::fail(const SourcePos& where, const std::string& message,
                      const std::string& hint) const {
  throw InputError(where.file, where.line, where.column, prefix_ + message, hint);
}

void YamlFields::fail(const YAML::Node& node, const std::string& message,
                      const std::string& hint) const {
  fail(pos(node), message, hint);
}

std::vector<YamlField> YamlFields::entries(const YAML::Node& map, const std::string& what,
                                           const std::vector<std::string>& allowed) const {
  if (!map.IsMap())
    fail(map, what + ": expected a mapping (key: value lines), got " + yaml_kind(map));
  std::vector<YamlField> out;
  // The first key of each name; positions are looked up only for an error
  // (a locator may cost a pass over the file).
  std::unordered_map<std::string, YAML::Node> first_key;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) fail(key, what + ": keys must be plain names, got " + yaml_kind(key));
    const std::string name = key.Scalar();
    const auto [first, inserted] = first_key.emplace(name, key);
    if (!inserted)
      fail(key, what + ": duplicate key '" + name + "' (first given on line " +
                    std::to_string(pos(first->second).line) + ")");
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      fail(key, what + ": unknown key '" + name + "'" + did_you_mean(name, allowed),
           "expected one of: " + join_names(allowed));
    out.push_back({key, it->second, name});
  }
  return out;
}

const YamlField* YamlFields::find(const std::vector<YamlField>& list, const std::string& name) {
  for (const YamlField& e : list)
    if (e.name == name) return &e;
  return nullptr;
}

const YamlField& YamlFields::require(const std::vector<YamlField>& list, const std::string& name,
                                     const YAML::Node& owner, const std::string& what,
                                     const std::string& example) const {
  const YamlField* e = find(list, name);
  if (!e) fail(owner, what + ": missing required key '" + name + "'", "for example: " + example);
  return *e;
}

const char* yaml_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "an undefined node";
  }
}

std::string join_names(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = closest_match(word, candidates);
  return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace negsim
