#include "models/scenario/block_readers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/game/strategy_names.hpp"

namespace negsim {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
const char* kTimelineExample = "for example: timeline: [[us], [china], [bytedance]]";

// "did you mean 'x'?" as a hint (the repeated block's style), or "".
std::string mean(const std::string& word, const std::vector<std::string>& options) {
  const std::string c = closest_match(word, options);
  return c.empty() ? std::string() : "did you mean '" + c + "'?";
}

bool parse_finite(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

// ---------------------------------------------------------------- timeline

TimelineBlock read_timeline_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml) {
  TimelineBlock out;
  out.present = true;
  out.pos = yaml.pos(node);
  if (!node.IsSequence() || node.size() == 0)
    yaml.fail(out.pos, "timeline: expected a non-empty list of stages, each a list of players", kTimelineExample);
  const std::vector<std::string> ids = scenario.player_ids();
  std::vector<std::size_t> stage_of(scenario.players.size(), kNone);
  for (std::size_t k = 0; k < node.size(); ++k) {
    const YAML::Node stage = node[k];
    std::vector<YAML::Node> names;
    if (stage.IsScalar()) {
      names.push_back(stage);
    } else if (stage.IsSequence()) {
      for (std::size_t i = 0; i < stage.size(); ++i) names.push_back(stage[i]);
    } else {
      yaml.fail(stage, "timeline: stage " + std::to_string(k + 1) + " must be a list of player ids",
                kTimelineExample);
    }
    if (names.empty()) yaml.fail(stage, "timeline: stage " + std::to_string(k + 1) + " has no player");
    std::vector<std::size_t> movers;
    for (const YAML::Node& name : names) {
      if (!name.IsScalar()) yaml.fail(name, "timeline: expected a player id in stage " + std::to_string(k + 1));
      const std::string id = name.Scalar();
      const std::size_t p = scenario.player_index(id);
      if (p == kNone)
        yaml.fail(name, "timeline: unknown player '" + id + "'" + did_you_mean(id, ids),
                  "players: " + join_names(ids));
      if (stage_of[p] != kNone)
        yaml.fail(name, "timeline: player '" + id + "' is already in stage " + std::to_string(stage_of[p] + 1),
                  "each player moves in exactly one stage");
      stage_of[p] = k;
      movers.push_back(p);
    }
    out.stages.push_back(std::move(movers));
  }
  for (std::size_t p = 0; p < scenario.players.size(); ++p)
    if (stage_of[p] == kNone)
      yaml.fail(out.pos, "timeline: player '" + scenario.players[p].id + "' is in no stage",
                "add it to a stage, e.g. [" + scenario.players[p].id + "]");
  return out;
}

// ---------------------------------------------------------------- repeated

namespace {

// A number, or a parameter id (resolved by the builder after --set).
NumberOrParameter number_or_parameter(const YAML::Node& n, const std::string& what, const Scenario& scenario,
                                      const YamlFields& yaml) {
  if (!n.IsScalar()) yaml.fail(n, what + ": expected a number or a parameter name");
  NumberOrParameter out;
  out.pos = yaml.pos(n);
  const std::string s = n.Scalar();
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size()) {
      out.number = v;
      return out;
    }
  } catch (const std::exception&) {
  }
  if (const ScenarioParameter* p = scenario.find_parameter(s)) {
    out.parameter = s;
    out.number = p->value;
    return out;
  }
  yaml.fail(n, what + ": unknown parameter '" + s + "'", mean(s, scenario.parameter_ids()));
}

}  // namespace

RepeatedBlock read_repeated_block(const YAML::Node& root, const Scenario& scenario, const YamlFields& yaml) {
  RepeatedBlock out;
  out.present = true;
  out.pos = yaml.pos(root);
  if (!root.IsMap()) yaml.fail(root, "'repeated' must be a map with 'discount' and 'target'");
  static const std::vector<std::string> keys = {"discount", "target", "rounds", "continuation", "strategies"};
  yaml.entries(root, "repeated", keys);  // rejects unknown and repeated keys; values are read by name below
  const std::size_t n = scenario.players.size();

  if (!root["discount"]) yaml.fail(root, "'repeated' needs 'discount' (a number or a parameter name)");
  out.discount = number_or_parameter(root["discount"], "discount", scenario, yaml);
  if (const YAML::Node r = root["rounds"]) {
    double v = 0;
    try {
      v = r.as<double>();
    } catch (const YAML::Exception&) {
      yaml.fail(r, "rounds: expected a positive integer");
    }
    if (!(v >= 1) || v != std::floor(v) || v > 1e12) yaml.fail(r, "rounds: expected a positive integer");
    out.rounds = static_cast<std::size_t>(v);
  }
  if (const YAML::Node c = root["continuation"])
    out.continuation = number_or_parameter(c, "continuation", scenario, yaml);

  // Target: player.lever -> value.
  const YAML::Node target = root["target"];
  if (!target) yaml.fail(root, "'repeated' needs 'target' (a map PLAYER.LEVER: VALUE)");
  if (!target.IsMap() || target.size() == 0) yaml.fail(target, "'target' must map PLAYER.LEVER to a value");
  out.target_pos = yaml.pos(target);
  std::vector<std::string> lever_paths;
  for (const auto& pl : scenario.players)
    for (const auto& lv : pl.levers) lever_paths.push_back(pl.id + "." + lv.id);
  for (const YamlField& kv : yaml.entries(target, "target")) {
    const std::string& key = kv.name;
    const auto dot = key.find('.');
    if (dot == std::string::npos)
      yaml.fail(kv.key, "target keys are PLAYER.LEVER, got '" + key + "'", mean(key, lever_paths));
    const std::string pid = key.substr(0, dot), lid = key.substr(dot + 1);
    const std::size_t p = scenario.player_index(pid);
    if (p == kNone) yaml.fail(kv.key, "unknown player '" + pid + "'", mean(key, lever_paths));
    const ScenarioPlayer& player = scenario.players[p];
    const std::size_t l = lever_index(player, lid);
    if (l == kNone) yaml.fail(kv.key, "unknown lever '" + key + "'", mean(key, lever_paths));
    for (const RepeatedTargetSetting& earlier : out.target)
      if (earlier.player == p && earlier.lever == l) yaml.fail(kv.key, "lever '" + key + "' is named twice");
    const Lever& lever = player.levers[l];
    if (!kv.value.IsScalar()) yaml.fail(kv.value, "target value of '" + key + "' must be a scalar");
    const std::string value = kv.value.Scalar();
    std::size_t found = kNone;
    for (std::size_t v = 0; v < lever.size() && found == kNone; ++v)
      if (lever.labels[v] == value) found = v;
    if (found == kNone && lever.numeric) {
      try {
        std::size_t used = 0;
        const double x = std::stod(value, &used);
        if (used == value.size())
          for (std::size_t v = 0; v < lever.size(); ++v)
            if (std::abs(lever.numbers[v] - x) <= 1e-9 * std::max(1.0, std::abs(x))) found = v;
      } catch (const std::exception&) {
      }
    }
    if (found == kNone)
      yaml.fail(kv.value,
                "'" + value + "' is not a value of lever '" + key + "' (values: " + join_names(lever.labels) + ")",
                mean(value, lever.labels));
    out.target.push_back({p, l, found, yaml.pos(kv.key)});
  }

  out.strategies.assign(n, "");
  out.strategy_pos.assign(n, SourcePos{});
  if (const YAML::Node s = root["strategies"]) {
    if (!s.IsMap()) yaml.fail(s, "'strategies' must map player ids to strategy names");
    for (const YamlField& kv : yaml.entries(s, "strategies")) {
      const std::size_t p = scenario.player_index(kv.name);
      if (p == kNone) yaml.fail(kv.key, "unknown player '" + kv.name + "'", mean(kv.name, scenario.player_ids()));
      if (!kv.value.IsScalar() || kv.value.Scalar().empty())
        yaml.fail(kv.value, "a strategy is a name like grim-trigger");
      const std::string spec = kv.value.Scalar();
      if (!is_known_strategy_spec(spec)) {
        const std::string name = spec.substr(0, spec.find(':'));
        yaml.fail(kv.value, "unknown strategy '" + name + "'" + did_you_mean(name, all_strategy_names()),
                  "library strategies (docs/solvers/repeated.md), NAME:KEY=VALUE for options, or a .yaml automaton file");
      }
      out.strategies[p] = kv.value.Scalar();
      out.strategy_pos[p] = yaml.pos(kv.value);
    }
  }
  return out;
}

// ---------------------------------------------------------------- bargaining

namespace {

class BargainingBlockReader : private YamlFields {
 public:
  BargainingBlockReader(const Scenario& scenario, const YamlFields& yaml, const ExpressionMaker& expression)
      : YamlFields([&yaml](const YAML::Node& node) { return yaml.pos(node); }, "bargaining: "),
        s_(scenario),
        expression_(expression) {}

  BargainingBlock read(const YAML::Node& root);

 private:
  using Entry = YamlField;

  std::size_t scenario_player(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a player id, got " + yaml_kind(node));
    const std::string id = node.Scalar();
    const std::size_t p = s_.player_index(id);
    if (p == kNone)
      fail(node, what + ": unknown player '" + id + "'" + did_you_mean(id, s_.player_ids()),
           "players: " + join_names(s_.player_ids()));
    return p;
  }
  std::size_t bargainer(const YAML::Node& node, const std::string& what) const {
    const std::size_t p = scenario_player(node, what);
    for (std::size_t b = 0; b < players_.size(); ++b)
      if (players_[b] == p) return b;
    fail(node, what + ": player '" + node.Scalar() + "' is not one of the bargaining players",
         "bargaining players: " + join_names(ids_));
  }
  // A constant's text (compiled and range-checked by the builder).
  ExpressionText constant(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a number or an expression, got " + yaml_kind(node));
    return expression_(node);
  }
  // One scalar for all players, or a mapping bargaining player -> value.
  PerPlayerExpressions per_player(const YAML::Node& node, const std::string& what, bool all_required) const {
    PerPlayerExpressions out;
    out.pos = pos(node);
    out.values.assign(players_.size(), std::nullopt);
    if (node.IsScalar()) {
      const ExpressionText e = constant(node, what);
      std::fill(out.values.begin(), out.values.end(), e);
      out.uniform = true;
      return out;
    }
    for (const Entry& e : entries(node, what)) {
      const std::size_t b = bargainer(e.key, what);
      out.values[b] = constant(e.value, what + " of " + e.name);
    }
    if (all_required)
      for (std::size_t b = 0; b < players_.size(); ++b)
        if (!out.values[b]) fail(node, what + ": missing player '" + ids_[b] + "'");
    return out;
  }
  Lever issue(const Entry& e) const;

  const Scenario& s_;
  const ExpressionMaker& expression_;
  std::vector<std::size_t> players_;
  std::vector<std::string> ids_;
};

Lever BargainingBlockReader::issue(const Entry& e) const {
  Lever lever;
  lever.id = e.name;
  lever.pos = pos(e.key);
  YAML::Node values;
  if (e.value.IsSequence()) {
    values = e.value;
  } else {
    const auto fields = entries(e.value, "issue " + e.name, {"values", "unit", "doc"});
    values = require(fields, "values", e.value, "issue " + e.name, "values: [license, retain]").value;
    for (const char* key : {"unit", "doc"})
      if (const Entry* f = find(fields, key)) {
        if (!f->value.IsScalar())
          fail(f->value, "issue " + e.name + " " + key + ": expected a single value, got " + yaml_kind(f->value));
        (std::string(key) == "unit" ? lever.unit : lever.doc) = f->value.Scalar();
      }
  }
  if (!values.IsSequence() || values.size() == 0) fail(values, "issue " + e.name + ": expected a non-empty list of values");
  bool all_numbers = true;
  for (const YAML::Node& v : values) {
    if (!v.IsScalar()) fail(v, "issue " + e.name + ": values must be numbers or labels");
    double x;
    all_numbers = all_numbers && parse_finite(v.Scalar(), x);
  }
  lever.numeric = all_numbers;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string text = values[i].Scalar();
    for (const std::string& seen : lever.labels)
      if (seen == text) fail(values[i], "issue " + e.name + ": value '" + text + "' is listed twice");
    lever.labels.push_back(text);
    double x = static_cast<double>(i);
    if (all_numbers) parse_finite(text, x);
    lever.numbers.push_back(x);
  }
  return lever;
}

BargainingBlock BargainingBlockReader::read(const YAML::Node& root) {
  const auto top = entries(root, "block",
                           {"players", "issues", "constraints", "utilities", "proposer_order", "discount",
                            "deadline", "disagreement", "outside_options", "extension", "nash_weights"});
  BargainingBlock out;
  out.present = true;
  out.pos = pos(root);

  if (const Entry* e = find(top, "players")) {
    if (!e->value.IsSequence()) fail(e->value, "players: expected a list of player ids");
    for (const YAML::Node& n : e->value) {
      const std::size_t p = scenario_player(n, "players");
      if (std::find(players_.begin(), players_.end(), p) != players_.end())
        fail(n, "players: player '" + n.Scalar() + "' is listed twice");
      players_.push_back(p);
    }
  } else {
    for (std::size_t p = 0; p < s_.players.size(); ++p) players_.push_back(p);
  }
  if (players_.size() < 2) fail(root, "bargaining needs at least 2 players");
  for (std::size_t p : players_) ids_.push_back(s_.players[p].id);
  out.players = players_;
  const std::size_t n = players_.size();

  const Entry* issues = &require(top, "issues", root, "block", "issues: {algorithm: {values: [license, retain]}}");
  out.issues_pos = pos(issues->value);
  out.issues_key_pos = pos(issues->key);
  for (const Entry& e : entries(issues->value, "issues")) out.issues.push_back(issue(e));
  if (out.issues.empty()) fail(issues->value, "issues: the deal space is empty (no issue)");

  if (const Entry* e = find(top, "constraints")) {
    if (!e->value.IsSequence()) fail(e->value, "constraints: expected a list of expressions");
    for (const YAML::Node& c : e->value) {
      if (!c.IsScalar()) fail(c, std::string("constraints: expected an expression, got ") + yaml_kind(c));
      out.constraints.push_back(expression_(c));
    }
  }

  const Entry* utilities = &require(top, "utilities", root, "block",
                                    "utilities: {a: \"deal.share\", b: \"1 - deal.share\"} (one expression "
                                    "per bargaining player over deal.<issue>)");
  std::vector<std::optional<ExpressionText>> utility(n);
  for (const Entry& e : entries(utilities->value, "utilities")) {
    const std::size_t b = bargainer(e.key, "utilities");
    if (!e.value.IsScalar()) fail(e.value, "utilities: expected an expression for " + e.name);
    utility[b] = expression_(e.value);
  }
  for (std::size_t b = 0; b < n; ++b)
    if (!utility[b]) fail(utilities->value, "utilities: missing a utility for player '" + ids_[b] + "'");
  for (auto& u : utility) out.utilities.push_back(std::move(*u));

  if (const Entry* e = find(top, "proposer_order")) {
    if (!e->value.IsSequence() || e->value.size() == 0)
      fail(e->value, "proposer_order: expected a non-empty list of player ids");
    for (const YAML::Node& p : e->value) out.proposer_order.push_back(bargainer(p, "proposer_order"));
  } else {
    for (std::size_t b = 0; b < n; ++b) out.proposer_order.push_back(b);
  }
  const Entry* discount = &require(top, "discount", root, "block", "discount: 0.9, or {us: 0.95, china: 0.9}");
  out.discount = per_player(discount->value, "discount", true);
  if (const Entry* e = find(top, "deadline")) out.deadline = constant(e->value, "deadline");
  if (const Entry* e = find(top, "disagreement")) {
    out.disagreement_pos = pos(e->value);
    if (e->value.IsScalar() && e->value.Scalar() == "stage-equilibrium")
      out.disagreement_from_stage_equilibrium = true;
    else
      out.disagreement = per_player(e->value, "disagreement", true);
  } else {
    out.disagreement_pos = out.pos;
  }
  if (const Entry* e = find(top, "outside_options")) {
    PerPlayerExpressions options;
    options.pos = pos(e->value);
    options.values.assign(n, std::nullopt);
    for (const Entry& o : entries(e->value, "outside_options"))
      options.values[bargainer(o.key, "outside_options")] = constant(o.value, "outside option of " + o.name);
    out.outside_options = std::move(options);
  }
  if (const Entry* e = find(top, "extension")) {
    const auto fields = entries(e->value, "extension", {"player", "rounds", "cost", "times"});
    const Entry* who = &require(fields, "player", e->value, "extension", "extension: {player: us, rounds: 1, cost: 0.5}");
    if (!out.deadline) fail(e->value, "extension: an extension needs a deadline");
    BargainingExtensionBlock ext;
    ext.pos = pos(e->value);
    ext.player = bargainer(who->value, "extension");
    if (const Entry* f = find(fields, "rounds")) ext.rounds = constant(f->value, "extension rounds");
    if (const Entry* f = find(fields, "times")) ext.times = constant(f->value, "extension times");
    if (const Entry* f = find(fields, "cost")) ext.cost = constant(f->value, "extension cost");
    out.extension = std::move(ext);
  }
  if (const Entry* e = find(top, "nash_weights")) out.nash_weights = per_player(e->value, "nash_weights", false);
  return out;
}

}  // namespace

BargainingBlock read_bargaining_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml,
                                      const ExpressionMaker& expression) {
  return BargainingBlockReader(scenario, yaml, expression).read(node);
}

}  // namespace negsim
