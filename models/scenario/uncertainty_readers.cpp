#include "models/scenario/uncertainty_readers.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/errors.hpp"

namespace negsim {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

const char* kTypesExample =
    "for example:\ntypes:\n  us: {committed: p_committed, bluffing: \"1 - p_committed\"}";
const char* kSequenceExample =
    "for example:\nsequence:\n  rounds: 3\n  discount: delta\n  steps:\n    - move: us\n      levers: [deadline]\n"
    "    - move: bytedance\n      observes: [us.deadline]";

bool is_name(const std::string& s) {
  if (s.empty()) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); }) &&
         s != "and" && s != "or" && s != "not";
}

std::string label_name(const YAML::Node& node, const std::string& what, const YamlFields& yaml) {
  if (!node.IsScalar()) yaml.fail(node, what + ": expected a name, got " + yaml_kind(node));
  const std::string name = node.Scalar();
  if (!is_name(name))
    yaml.fail(node, what + " '" + name + "' is not a valid name",
              "names start with a letter or '_' and contain only letters, digits and '_' (not and, or, not)");
  return name;
}

std::size_t player_named(const YAML::Node& node, const std::string& what, const Scenario& s, const YamlFields& yaml) {
  if (!node.IsScalar()) yaml.fail(node, what + ": expected a player id, got " + yaml_kind(node));
  const std::string id = node.Scalar();
  const std::size_t p = s.player_index(id);
  if (p == kNone)
    yaml.fail(node, what + ": unknown player '" + id + "'" + did_you_mean(id, s.player_ids()),
              "players: " + join_names(s.player_ids()));
  return p;
}

std::vector<std::string> lever_paths(const Scenario& s) {
  std::vector<std::string> out;
  for (const ScenarioPlayer& p : s.players)
    for (const Lever& l : p.levers) out.push_back(p.id + "." + l.id);
  return out;
}

// PLAYER.LEVER -> (player, lever), at `node`.
std::pair<std::size_t, std::size_t> lever_path(const YAML::Node& node, const std::string& text, const std::string& what,
                                               const Scenario& s, const YamlFields& yaml) {
  const std::size_t dot = text.find('.');
  const std::vector<std::string> paths = lever_paths(s);
  if (dot == std::string::npos)
    yaml.fail(node, what + ": expected PLAYER.LEVER, got '" + text + "'" + did_you_mean(text, paths),
              "levers: " + join_names(paths));
  const std::size_t p = s.player_index(text.substr(0, dot));
  if (p == kNone)
    yaml.fail(node, what + ": unknown player '" + text.substr(0, dot) + "'" + did_you_mean(text, paths),
              "levers: " + join_names(paths));
  const std::size_t l = lever_index(s.players[p], text.substr(dot + 1));
  if (l == kNone)
    yaml.fail(node, what + ": unknown lever '" + text + "'" + did_you_mean(text, paths),
              "levers: " + join_names(paths));
  return {p, l};
}

// `PLAYER.LEVER: VALUE` -> a setting (value by label, or by number for numeric levers).
RepeatedTargetSetting lever_setting(const YamlField& kv, const std::string& what, const Scenario& s,
                                    const YamlFields& yaml) {
  const auto [p, l] = lever_path(kv.key, kv.name, what, s, yaml);
  const Lever& lever = s.players[p].levers[l];
  if (!kv.value.IsScalar()) yaml.fail(kv.value, what + ": the value of '" + kv.name + "' must be a single value");
  const std::string value = kv.value.Scalar();
  std::size_t found = kNone;
  for (std::size_t v = 0; v < lever.size() && found == kNone; ++v)
    if (lever.labels[v] == value) found = v;
  if (found == kNone && lever.numeric) {
    char* end = nullptr;
    const double x = std::strtod(value.c_str(), &end);
    if (!value.empty() && end == value.c_str() + value.size())
      for (std::size_t v = 0; v < lever.size(); ++v)
        if (std::abs(lever.numbers[v] - x) <= 1e-9 * std::max(1.0, std::abs(x))) found = v;
  }
  if (found == kNone)
    yaml.fail(kv.value,
              what + ": '" + value + "' is not a value of lever '" + kv.name + "'" + did_you_mean(value, lever.labels),
              "values: " + join_names(lever.labels));
  return {p, l, found, yaml.pos(kv.key)};
}

NumberOrParameter number_or_parameter(const YAML::Node& n, const std::string& what, const Scenario& s,
                                      const YamlFields& yaml) {
  if (!n.IsScalar()) yaml.fail(n, what + ": expected a number or a parameter name, got " + yaml_kind(n));
  NumberOrParameter out;
  out.pos = yaml.pos(n);
  const std::string text = n.Scalar();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(v)) {
    out.number = v;
    return out;
  }
  if (const ScenarioParameter* p = s.find_parameter(text)) {
    out.parameter = text;
    out.number = p->value;
    return out;
  }
  yaml.fail(n, what + ": unknown parameter '" + text + "'" + did_you_mean(text, s.parameter_ids()),
            s.parameters.empty() ? "give a number, or declare a parameter under `parameters:`"
                                 : "parameters: " + join_names(s.parameter_ids()));
}

NumberOrParameter literal(double value, const SourcePos& pos) {
  NumberOrParameter out;
  out.number = value;
  out.pos = pos;
  return out;
}

}  // namespace

// ---------------------------------------------------------------- types

TypesBlock read_types_block(const YAML::Node& node, const Scenario& s, const YamlFields& yaml,
                            const ExpressionMaker& expression) {
  TypesBlock out;
  out.present = true;
  out.pos = yaml.pos(node);
  const std::vector<YamlField> list = yaml.entries(node, "types");
  const YamlField* joint = nullptr;
  std::vector<const YamlField*> listed;  // players given as label lists
  for (const YamlField& e : list) {
    if (e.name == "joint" && s.player_index("joint") == kNone) {
      joint = &e;
      continue;
    }
    PlayerTypes types;
    types.player = player_named(e.key, "types", s, yaml);
    types.pos = yaml.pos(e.key);
    const ScenarioPlayer& player = s.players[types.player];
    if (lever_index(player, "type") != kNone)
      yaml.fail(e.key, "types: player '" + player.id + "' has a lever called 'type'",
                "payoffs read a player's type as " + player.id + ".type; rename the lever");
    const std::string what = "types of '" + player.id + "'";
    auto add_label = [&](const YAML::Node& key) {
      const std::string label = label_name(key, what + ": type", yaml);
      if (std::find(types.labels.begin(), types.labels.end(), label) != types.labels.end())
        yaml.fail(key, what + ": duplicate type '" + label + "'");
      types.labels.push_back(label);
    };
    if (e.value.IsSequence()) {
      for (const YAML::Node& item : e.value) add_label(item);
      listed.push_back(&e);
    } else if (e.value.IsMap()) {
      for (const YamlField& t : yaml.entries(e.value, what)) {
        add_label(t.key);
        if (!t.value.IsScalar())
          yaml.fail(t.value, what + ": the prior probability of '" + t.name + "' must be a number or an expression",
                    kTypesExample);
        types.prior.push_back(expression(t.value));
      }
    } else {
      yaml.fail(e.value, what + ": expected a mapping TYPE: PROBABILITY (or a list of types with a `joint` prior), got " +
                             yaml_kind(e.value),
                kTypesExample);
    }
    if (types.labels.empty()) yaml.fail(e.value, what + ": expected at least one type", kTypesExample);
    for (const PlayerTypes& other : out.players)
      if (other.player == types.player) yaml.fail(e.key, "types: player '" + player.id + "' is given twice");
    out.players.push_back(std::move(types));
  }
  if (out.players.empty()) yaml.fail(node, "types: expected at least one player with types", kTypesExample);
  if (!joint) {
    if (!listed.empty())
      yaml.fail(listed.front()->value,
                "types of '" + listed.front()->name + "' have no prior probabilities",
                "give them as a mapping (committed: 0.4, bluffing: 0.6), or give a `joint:` table of type profiles");
    return out;
  }
  // The joint (correlated) prior: every typed player lists labels only.
  out.joint_pos = yaml.pos(joint->value);
  for (const PlayerTypes& t : out.players)
    if (!t.prior.empty())
      yaml.fail(t.pos, "types of '" + s.players[t.player].id + "' give probabilities, but `joint` gives the prior",
                "list the types only (" + s.players[t.player].id + ": [" + join_names(t.labels) +
                    "]) and put the probabilities in the joint table");
  if (!joint->value.IsSequence() || joint->value.size() == 0)
    yaml.fail(joint->value, "types: joint: expected a list of rows {PLAYER: TYPE, ..., probability: P}",
              "for example:\n  joint:\n    - {us: committed, china: hardline, probability: 0.3}");
  std::vector<std::string> keys;
  for (const PlayerTypes& t : out.players) keys.push_back(s.players[t.player].id);
  keys.push_back("probability");
  for (const YAML::Node& row_node : joint->value) {
    const std::vector<YamlField> fields = yaml.entries(row_node, "types: joint row", keys);
    JointPriorRow row;
    row.pos = yaml.pos(row_node);
    row.types.assign(out.players.size(), kNone);
    for (std::size_t i = 0; i < out.players.size(); ++i) {
      const PlayerTypes& t = out.players[i];
      const std::string& id = s.players[t.player].id;
      const YamlField& f = yaml.require(fields, id, row_node, "types: joint row", id + ": " + t.labels.front());
      if (!f.value.IsScalar()) yaml.fail(f.value, "types: joint row: expected a type of '" + id + "'");
      const auto it = std::find(t.labels.begin(), t.labels.end(), f.value.Scalar());
      if (it == t.labels.end())
        yaml.fail(f.value,
                  "types: joint row: unknown type '" + f.value.Scalar() + "' of '" + id + "'" +
                      did_you_mean(f.value.Scalar(), t.labels),
                  "types of " + id + ": " + join_names(t.labels));
      row.types[i] = static_cast<std::size_t>(it - t.labels.begin());
    }
    const YamlField& p = yaml.require(fields, "probability", row_node, "types: joint row", "probability: 0.25");
    if (!p.value.IsScalar()) yaml.fail(p.value, "types: joint row: the probability must be a number or an expression");
    row.probability = expression(p.value);
    for (const JointPriorRow& other : out.joint)
      if (other.types == row.types)
        yaml.fail(row.pos, "types: joint: the same type profile is given twice (first on line " +
                               std::to_string(other.pos.line) + ")");
    out.joint.push_back(std::move(row));
  }
  return out;
}

// ---------------------------------------------------------------- sequence

namespace {

class SequenceReader {
 public:
  SequenceReader(const Scenario& s, const YamlFields& yaml, const ExpressionMaker& expression)
      : s_(s), yaml_(yaml), expression_(expression) {}

  SequenceBlock read(const YAML::Node& node) {
    SequenceBlock out;
    out.present = true;
    out.pos = yaml_.pos(node);
    if (!node.IsMap()) yaml_.fail(node, "sequence: expected a mapping with `steps`", kSequenceExample);
    const std::vector<YamlField> fields = yaml_.entries(
        node, "sequence", {"rounds", "discount", "stop_when", "steps", "fixed", "payoffs", "threat"});
    if (s_.player_index("sequence") != kNone)
      yaml_.fail(node, "sequence: a player is called 'sequence'",
                 "expressions read the round number as sequence.round; rename the player");
    out.rounds = literal(1, out.pos);
    out.discount = literal(1, out.pos);
    if (const YamlField* e = YamlFields::find(fields, "rounds"))
      out.rounds = number_or_parameter(e->value, "sequence: rounds", s_, yaml_);
    if (const YamlField* e = YamlFields::find(fields, "discount"))
      out.discount = number_or_parameter(e->value, "sequence: discount", s_, yaml_);
    if (const YamlField* e = YamlFields::find(fields, "stop_when")) {
      if (!e->value.IsScalar()) yaml_.fail(e->value, "sequence: stop_when: expected an expression");
      out.stop_when = expression_(e->value);
    }
    const YamlField& steps = yaml_.require(fields, "steps", node, "sequence", "steps: [{move: us}, {move: china}]");
    if (!steps.value.IsSequence() || steps.value.size() == 0)
      yaml_.fail(steps.value, "sequence: steps: expected a non-empty list of steps ({move: ...} or {chance: ...})",
                 kSequenceExample);
    setter_.assign(s_.players.size(), {});
    for (std::size_t p = 0; p < s_.players.size(); ++p) setter_[p].assign(s_.players[p].levers.size(), kNone);
    for (std::size_t k = 0; k < steps.value.size(); ++k) read_step(steps.value[k], k, out);
    if (const YamlField* e = YamlFields::find(fields, "fixed")) {
      for (const YamlField& kv : yaml_.entries(e->value, "sequence: fixed")) {
        RepeatedTargetSetting setting = lever_setting(kv, "sequence: fixed", s_, yaml_);
        const std::size_t step = setter_[setting.player][setting.lever];
        if (step == kFixed)
          yaml_.fail(kv.key, "sequence: fixed: lever '" + kv.name + "' is named twice");
        if (step != kNone)
          yaml_.fail(kv.key, "sequence: fixed: lever '" + kv.name + "' is set by the move in step " +
                                 std::to_string(step + 1),
                     "a lever is either fixed or set by a move; remove one");
        setter_[setting.player][setting.lever] = kFixed;
        out.fixed.push_back(setting);
      }
    }
    if (const YamlField* e = YamlFields::find(fields, "payoffs")) {
      std::vector<std::optional<ExpressionText>> by_player(s_.players.size());
      for (const YamlField& kv : yaml_.entries(e->value, "sequence: payoffs")) {
        const std::size_t p = player_named(kv.key, "sequence: payoffs", s_, yaml_);
        if (!kv.value.IsScalar()) yaml_.fail(kv.value, "sequence: payoffs of '" + kv.name + "': expected an expression");
        by_player[p] = expression_(kv.value);
      }
      for (std::size_t p = 0; p < s_.players.size(); ++p) {
        if (!by_player[p])
          yaml_.fail(e->key, "sequence: payoffs: no payoff for player '" + s_.players[p].id + "'",
                     "give every player a per-round payoff (or leave `payoffs` out to use the scenario's)");
        out.payoffs.push_back(std::move(*by_player[p]));
      }
    }
    if (const YamlField* e = YamlFields::find(fields, "threat")) {
      const std::vector<YamlField> t = yaml_.entries(e->value, "sequence: threat");
      if (t.size() != 1)
        yaml_.fail(e->value, "sequence: threat: expected one PLAYER.LEVER: VALUE", "for example: threat: {us.deadline: enforce}");
      RepeatedTargetSetting threat = lever_setting(t.front(), "sequence: threat", s_, yaml_);
      if (setter_[threat.player][threat.lever] == kNone || setter_[threat.player][threat.lever] == kFixed)
        yaml_.fail(t.front().key, "sequence: threat: no move of the sequence sets '" + t.front().name + "'",
                   "the threat is a lever value a mover chooses");
      out.threat = threat;
    }
    return out;
  }

 private:
  static constexpr std::size_t kFixed = static_cast<std::size_t>(-2);

  void read_step(const YAML::Node& node, std::size_t k, SequenceBlock& out) {
    const std::string where = "sequence: step " + std::to_string(k + 1);
    if (!node.IsMap())
      yaml_.fail(node, where + ": expected a mapping {move: PLAYER, ...} or {chance: NAME, outcomes: {...}}, got " +
                           yaml_kind(node),
                 kSequenceExample);
    SequenceStep step;
    step.pos = yaml_.pos(node);
    if (node["chance"]) {
      const std::vector<YamlField> fields = yaml_.entries(node, where, {"chance", "outcomes"});
      ChanceEvent event;
      const YamlField* name = YamlFields::find(fields, "chance");
      event.id = label_name(name->value, where + ": chance event", yaml_);
      event.pos = yaml_.pos(name->value);
      for (const ChanceEvent& other : out.chance_events)
        if (other.id == event.id)
          yaml_.fail(name->value, where + ": chance event '" + event.id + "' is already declared on line " +
                                      std::to_string(other.pos.line),
                     "a chance event happens once per round; give the second one another name");
      if (s_.player_index("chance") != kNone)
        yaml_.fail(name->value, where + ": a player is called 'chance'",
                   "expressions read chance events as chance.EVENT; rename the player");
      const YamlField& outcomes =
          yaml_.require(fields, "outcomes", node, where, "outcomes: {upholds: p_uphold, strikes: \"1 - p_uphold\"}");
      for (const YamlField& o : yaml_.entries(outcomes.value, where + ": outcomes")) {
        const std::string label = label_name(o.key, where + ": outcome", yaml_);
        if (!o.value.IsScalar())
          yaml_.fail(o.value, where + ": the probability of '" + label + "' must be a number or an expression");
        event.outcomes.push_back(label);
        event.probabilities.push_back(expression_(o.value));
      }
      if (event.outcomes.empty()) yaml_.fail(outcomes.value, where + ": expected at least one outcome");
      step.is_chance = true;
      step.chance = out.chance_events.size();
      out.chance_events.push_back(std::move(event));
      out.steps.push_back(std::move(step));
      return;
    }
    const std::vector<YamlField> fields = yaml_.entries(node, where, {"move", "levers", "observes", "when", "default"});
    const YamlField& move = yaml_.require(fields, "move", node, where, "move: us");
    if (move.value.IsSequence()) {
      for (const YAML::Node& m : move.value) step.movers.push_back(player_named(m, where + ": move", s_, yaml_));
    } else {
      step.movers.push_back(player_named(move.value, where + ": move", s_, yaml_));
    }
    if (step.movers.empty()) yaml_.fail(move.value, where + ": expected at least one mover");
    for (std::size_t i = 0; i < step.movers.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (step.movers[i] == step.movers[j])
          yaml_.fail(move.value, where + ": player '" + s_.players[step.movers[i]].id + "' is listed twice");
    step.levers.assign(step.movers.size(), {});
    if (const YamlField* e = YamlFields::find(fields, "levers")) {
      if (!e->value.IsSequence() || e->value.size() == 0)
        yaml_.fail(e->value, where + ": levers: expected a list of levers the mover sets", "for example: levers: [deadline]");
      for (const YAML::Node& item : e->value) {
        if (!item.IsScalar()) yaml_.fail(item, where + ": levers: expected a lever name");
        const std::string text = item.Scalar();
        std::size_t mover = 0, lever = kNone;
        if (text.find('.') != std::string::npos) {
          const auto [p, l] = lever_path(item, text, where + ": levers", s_, yaml_);
          const auto it = std::find(step.movers.begin(), step.movers.end(), p);
          if (it == step.movers.end())
            yaml_.fail(item, where + ": levers: '" + text + "' is not a lever of a mover of this step");
          mover = static_cast<std::size_t>(it - step.movers.begin());
          lever = l;
        } else {
          if (step.movers.size() > 1)
            yaml_.fail(item, where + ": levers: with several movers write PLAYER.LEVER, got '" + text + "'");
          const ScenarioPlayer& player = s_.players[step.movers[0]];
          lever = lever_index(player, text);
          if (lever == kNone) {
            std::vector<std::string> ids;
            for (const Lever& l : player.levers) ids.push_back(l.id);
            yaml_.fail(item, where + ": levers: '" + player.id + "' has no lever '" + text + "'" + did_you_mean(text, ids),
                       "levers of " + player.id + ": " + join_names(ids));
          }
        }
        step.levers[mover].push_back(lever);
      }
    }
    for (std::size_t i = 0; i < step.movers.size(); ++i) {
      const std::size_t p = step.movers[i];
      if (step.levers[i].empty())
        for (std::size_t l = 0; l < s_.players[p].levers.size(); ++l) step.levers[i].push_back(l);
      for (std::size_t l : step.levers[i]) {
        const std::string path = s_.players[p].id + "." + s_.players[p].levers[l].id;
        if (setter_[p][l] != kNone)
          yaml_.fail(move.value, where + ": lever '" + path + "' is already set in step " + std::to_string(setter_[p][l] + 1),
                     "each lever is set at most once per round");
        setter_[p][l] = k;
      }
    }
    if (const YamlField* e = YamlFields::find(fields, "observes")) read_observes(e->value, where, out, step);
    read_condition(fields, where, step);
    out.steps.push_back(std::move(step));
  }

  // `when: EXPR` and `default: {PLAYER.LEVER: VALUE}` (a value for each lever
  // the step sets). What EXPR reads is checked by the builder, which compiles it.
  void read_condition(const std::vector<YamlField>& fields, const std::string& where, SequenceStep& step) {
    const YamlField* when = YamlFields::find(fields, "when");
    const YamlField* defaults = YamlFields::find(fields, "default");
    if (!when) {
      if (defaults)
        yaml_.fail(defaults->key, where + ": default: without `when`",
                   "default gives the levers' values where the step is skipped; add when: \"CONDITION\" or remove it");
      return;
    }
    if (!when->value.IsScalar() || when->value.Scalar().empty())
      yaml_.fail(when->value, where + ": when: expected a condition (an expression)",
                 "for example: when: \"us.deadline == enforce\"");
    step.when = expression_(when->value);
    std::string example;
    for (std::size_t i = 0; i < step.movers.size(); ++i)
      for (std::size_t l : step.levers[i]) {
        const Lever& lever = s_.players[step.movers[i]].levers[l];
        example += (example.empty() ? "" : ", ") + s_.players[step.movers[i]].id + "." + lever.id + ": " + lever.labels[0];
      }
    if (!defaults)
      yaml_.fail(when->key, where + ": a step with `when` needs `default:`, the values of its levers where it is skipped",
                 "for example: default: {" + example + "}");
    for (const YamlField& kv : yaml_.entries(defaults->value, where + ": default")) {
      const RepeatedTargetSetting setting = lever_setting(kv, where + ": default", s_, yaml_);
      bool own = false;
      for (std::size_t i = 0; i < step.movers.size(); ++i)
        if (step.movers[i] == setting.player)
          own = own || std::find(step.levers[i].begin(), step.levers[i].end(), setting.lever) != step.levers[i].end();
      if (!own)
        yaml_.fail(kv.key, where + ": default: '" + kv.name + "' is not a lever this step sets",
                   "give defaults for this step's levers: " + example);
      for (const RepeatedTargetSetting& other : step.defaults)
        if (other.player == setting.player && other.lever == setting.lever)
          yaml_.fail(kv.key, where + ": default: lever '" + kv.name + "' is named twice");
      step.defaults.push_back(setting);
    }
    for (std::size_t i = 0; i < step.movers.size(); ++i)
      for (std::size_t l : step.levers[i]) {
        bool given = false;
        for (const RepeatedTargetSetting& d : step.defaults) given = given || (d.player == step.movers[i] && d.lever == l);
        if (!given)
          yaml_.fail(defaults->key, where + ": default: no value for '" + s_.players[step.movers[i]].id + "." +
                                        s_.players[step.movers[i]].levers[l].id + "', which this step sets",
                     "for example: default: {" + example + "}");
      }
  }

  void read_observes(const YAML::Node& node, const std::string& where, const SequenceBlock& out, SequenceStep& step) {
    const char* hint = "observes: all, none, or a list of PLAYER, PLAYER.LEVER, PLAYER.type and chance.EVENT";
    if (node.IsScalar()) {
      if (node.Scalar() == "all") return;
      if (node.Scalar() == "none") {
        step.observes_all = false;
        return;
      }
    }
    if (!node.IsSequence()) yaml_.fail(node, where + ": observes: expected all, none or a list", hint);
    step.observes_all = false;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) yaml_.fail(item, where + ": observes: expected a name", hint);
      const std::string text = item.Scalar();
      Observation o;
      o.pos = yaml_.pos(item);
      const std::size_t dot = text.find('.');
      const std::string head = text.substr(0, dot);
      const std::string tail = dot == std::string::npos ? "" : text.substr(dot + 1);
      if (head == "chance" && dot != std::string::npos && s_.player_index("chance") == kNone) {
        std::vector<std::string> ids;
        std::size_t found = kNone;
        for (std::size_t c = 0; c < out.chance_events.size(); ++c) {
          ids.push_back(out.chance_events[c].id);
          if (out.chance_events[c].id == tail) found = c;
        }
        if (found == kNone)
          yaml_.fail(item, where + ": observes: no chance event '" + tail + "' happens before this step" +
                               did_you_mean(tail, ids),
                     ids.empty() ? "no chance step comes before this one" : "chance events so far: " + join_names(ids));
        o.kind = Observation::Kind::kChance;
        o.chance = found;
      } else {
        const std::size_t p = s_.player_index(head);
        if (p == kNone) {
          std::vector<std::string> names = s_.player_ids();
          for (const std::string& path : lever_paths(s_)) names.push_back(path);
          yaml_.fail(item, where + ": observes: unknown player '" + head + "'" + did_you_mean(text, names), hint);
        }
        o.player = p;
        if (dot == std::string::npos) {
          o.kind = Observation::Kind::kPlayer;
        } else if (tail == "type") {
          if (s_.types.typed(p) == kNone)
            yaml_.fail(item, where + ": observes: player '" + head + "' has no types", "declare them under `types:`");
          o.kind = Observation::Kind::kType;
        } else {
          const auto [pp, l] = lever_path(item, text, where + ": observes", s_, yaml_);
          o.kind = Observation::Kind::kLever;
          o.lever = l;
          (void)pp;
        }
      }
      step.observes.push_back(o);
    }
  }

  const Scenario& s_;
  const YamlFields& yaml_;
  const ExpressionMaker& expression_;
  std::vector<std::vector<std::size_t>> setter_;  // [player][lever]: step that sets it, kFixed or kNone
};

}  // namespace

SequenceBlock read_sequence_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml,
                                  const ExpressionMaker& expression) {
  return SequenceReader(scenario, yaml, expression).read(node);
}

}  // namespace negsim
