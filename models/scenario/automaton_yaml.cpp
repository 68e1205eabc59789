#include "models/scenario/automaton_yaml.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "models/errors.hpp"

namespace negsim {

namespace {

struct Context {
  const std::string& file;
  const NormalFormGame& game;
  std::size_t player;
  const PureProfile& target;

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message,
                         const std::string& hint = "") const {
    const YAML::Mark m = at.Mark();
    throw InputError(file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, message,
                     hint);
  }
  std::string did_you_mean(const std::string& word, const std::vector<std::string>& options) const {
    const std::string close = closest_match(word, options);
    return close.empty() ? std::string() : "did you mean '" + close + "'?";
  }
  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, what + ": expected a scalar");
    return n.Scalar();
  }
  std::vector<std::string> labels(std::size_t q) const {
    if (q < game.action_labels.size()) return game.action_labels[q];
    std::vector<std::string> out;
    for (std::size_t a = 0; a < game.num_actions(q); ++a) out.push_back(std::to_string(a + 1));
    return out;
  }
  std::size_t action(const YAML::Node& n, std::size_t q) const {
    const std::string label = scalar(n, "action");
    const auto l = labels(q);
    for (std::size_t a = 0; a < l.size(); ++a)
      if (l[a] == label) return a;
    fail(n, "player " + std::to_string(q + 1) + " has no action '" + label + "'",
         did_you_mean(label, l));
  }
  double probability(const YAML::Node& n) const {
    try {
      const double p = n.as<double>();
      if (p >= 0 && p <= 1) return p;
    } catch (const YAML::Exception&) {
    }
    fail(n, "expected a probability in [0, 1]");
  }
};

// One parsed rule, evaluated on (profile index, deviation mask).
struct Rule {
  std::vector<std::uint32_t> from;  // empty = any state
  std::optional<bool> others_target, self_target, anyone_target;
  std::optional<std::size_t> watched;  // player of a played: condition
  std::optional<bool> watched_target;  // played: target/defect
  std::optional<std::size_t> watched_action;
  std::vector<std::optional<std::size_t>> profile;  // empty = no profile condition
  StateDistribution to;
  bool needs_profile() const { return watched_action.has_value() || !profile.empty(); }
};

bool matches(const Rule& r, const NormalFormGame& g, std::size_t player, std::size_t idx,
             std::uint32_t mask) {
  const std::uint32_t self_bit = 1u << player;
  if (r.others_target && *r.others_target != ((mask & ~self_bit) == 0)) return false;
  if (r.self_target && *r.self_target != ((mask & self_bit) == 0)) return false;
  if (r.anyone_target && *r.anyone_target != (mask == 0)) return false;
  if (r.watched_target && *r.watched_target != ((mask & (1u << *r.watched)) == 0)) return false;
  if (r.watched_action && g.action_of(idx, *r.watched) != *r.watched_action) return false;
  for (std::size_t q = 0; q < r.profile.size(); ++q)
    if (r.profile[q] && g.action_of(idx, q) != *r.profile[q]) return false;
  return true;
}

}  // namespace

Automaton parse_automaton_yaml(const YAML::Node& root, const std::string& file,
                               const NormalFormGame& game, std::size_t player,
                               const PureProfile& target) {
  const Context cx{file, game, player, target};
  if (!root.IsMap()) cx.fail(root, "an automaton is a map with 'states' and 'transitions'");
  static const std::vector<std::string> top_keys = {"name", "initial", "states", "transitions"};
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (std::find(top_keys.begin(), top_keys.end(), key) == top_keys.end())
      cx.fail(kv.first, "unknown key '" + key + "'", cx.did_you_mean(key, top_keys));
  }
  const YAML::Node states = root["states"];
  if (!states) cx.fail(root, "missing 'states'");
  if (!states.IsMap() || states.size() == 0)
    cx.fail(states, "'states' must map state names to actions");

  std::vector<std::string> names;
  std::vector<std::vector<double>> actions;  // distribution per state
  for (const auto& kv : states) {
    const std::string sname = cx.scalar(kv.first, "state name");
    if (std::find(names.begin(), names.end(), sname) != names.end())
      cx.fail(kv.first, "duplicate state '" + sname + "'");
    if (sname == "any") cx.fail(kv.first, "'any' is reserved for rules that apply to every state");
    names.push_back(sname);
    std::vector<double> d(game.num_actions(player), 0.0);
    if (kv.second.IsMap()) {
      double sum = 0;
      for (const auto& ap : kv.second) {
        const double p = cx.probability(ap.second);
        d[cx.action(ap.first, player)] += p;
        sum += p;
      }
      if (std::abs(sum - 1.0) > 1e-9) cx.fail(kv.second, "action probabilities must sum to 1");
    } else {
      d[cx.action(kv.second, player)] = 1.0;
    }
    actions.push_back(d);
  }
  auto state_index = [&](const YAML::Node& n) -> std::uint32_t {
    const std::string s = cx.scalar(n, "state");
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == s) return static_cast<std::uint32_t>(i);
    cx.fail(n, "unknown state '" + s + "'", cx.did_you_mean(s, names));
  };
  auto player_index = [&](const YAML::Node& n) -> std::size_t {
    const std::string s = cx.scalar(n, "player");
    for (std::size_t q = 0; q < game.player_names.size(); ++q)
      if (game.player_names[q] == s) return q;
    try {
      const long v = std::stol(s);
      if (v >= 1 && static_cast<std::size_t>(v) <= game.num_players()) return static_cast<std::size_t>(v - 1);
    } catch (const std::exception&) {
    }
    cx.fail(n, "unknown player '" + s + "' (a 1-based number or a player name)",
            cx.did_you_mean(s, game.player_names));
  };
  auto target_or_defect = [&](const YAML::Node& n) -> bool {
    const std::string s = cx.scalar(n, "condition");
    if (s == "target" || s == "cooperate") return true;
    if (s == "defect" || s == "deviate") return false;
    cx.fail(n, "expected 'target' or 'defect'", cx.did_you_mean(s, {"target", "defect"}));
  };

  std::vector<Rule> rules;
  if (const YAML::Node trans = root["transitions"]) {
    if (!trans.IsSequence()) cx.fail(trans, "'transitions' must be a list of rules");
    static const std::vector<std::string> rule_keys = {"from", "to", "others", "self", "anyone",
                                                       "player", "played", "profile"};
    for (const auto& rn : trans) {
      if (!rn.IsMap()) cx.fail(rn, "a rule is a map like {from: S, others: defect, to: T}");
      Rule r;
      for (const auto& kv : rn) {
        const std::string key = cx.scalar(kv.first, "key");
        if (std::find(rule_keys.begin(), rule_keys.end(), key) == rule_keys.end())
          cx.fail(kv.first, "unknown rule key '" + key + "'", cx.did_you_mean(key, rule_keys));
      }
      if (!rn["from"]) cx.fail(rn, "rule without 'from' (a state name or 'any')");
      if (!rn["to"]) cx.fail(rn, "rule without 'to'");
      const YAML::Node from = rn["from"];
      if (from.IsSequence()) {
        for (const auto& f : from) r.from.push_back(state_index(f));
      } else if (cx.scalar(from, "from") != "any") {
        r.from.push_back(state_index(from));
      }
      if (rn["others"]) r.others_target = target_or_defect(rn["others"]);
      if (rn["self"]) r.self_target = target_or_defect(rn["self"]);
      if (rn["anyone"]) r.anyone_target = target_or_defect(rn["anyone"]);
      if (rn["player"] || rn["played"]) {
        if (!rn["player"] || !rn["played"]) cx.fail(rn, "'player' and 'played' go together");
        r.watched = player_index(rn["player"]);
        const std::string s = cx.scalar(rn["played"], "played");
        if (s == "target" || s == "defect") r.watched_target = s == "target";
        else r.watched_action = cx.action(rn["played"], *r.watched);
      }
      if (const YAML::Node prof = rn["profile"]) {
        if (!prof.IsSequence() || prof.size() != game.num_players())
          cx.fail(prof, "'profile' needs one action label (or \"*\") per player (" +
                            std::to_string(game.num_players()) + ")");
        for (std::size_t q = 0; q < game.num_players(); ++q) {
          if (cx.scalar(prof[q], "action") == "*") r.profile.push_back(std::nullopt);
          else r.profile.push_back(cx.action(prof[q], q));
        }
      }
      const YAML::Node to = rn["to"];
      if (to.IsMap()) {
        double sum = 0;
        for (const auto& kv : to) {
          const double p = cx.probability(kv.second);
          r.to.push_back({p, state_index(kv.first)});
          sum += p;
        }
        if (std::abs(sum - 1.0) > 1e-9) cx.fail(to, "transition probabilities must sum to 1");
      } else {
        r.to.push_back({1.0, state_index(to)});
      }
      rules.push_back(std::move(r));
    }
  }

  bool needs_profile = false;
  for (const Rule& r : rules) needs_profile = needs_profile || r.needs_profile();
  const TransitionKey key = needs_profile ? TransitionKey::Profile : TransitionKey::DeviationMask;
  if (!needs_profile && game.num_players() > 20) cx.fail(root, "at most 20 players");
  Automaton a;
  try {
    a = make_automaton(game, player, names.size(), key, target,
                       root["name"] ? cx.scalar(root["name"], "name") : file);
  } catch (const std::invalid_argument& e) {
    throw LimitError(std::string(e.what()) + " (rules that name actions need a dense table)");
  }
  a.state_names = names;
  for (std::size_t s = 0; s < names.size(); ++s) {
    const auto& d = actions[s];
    std::size_t support = 0, last = 0;
    for (std::size_t x = 0; x < d.size(); ++x)
      if (d[x] > 0) ++support, last = x;
    if (support == 1) {
      a.action[s] = static_cast<std::uint32_t>(last);
    } else {
      a.mixed.push_back(d);
      a.action[s] = kMixedFlag | static_cast<std::uint32_t>(a.mixed.size() - 1);
    }
  }
  if (root["initial"]) a.initial = state_index(root["initial"]);
  std::vector<std::uint32_t> rule_target(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].to.size() == 1) {
      rule_target[i] = rules[i].to[0].second;
    } else {
      a.random.push_back(rules[i].to);
      rule_target[i] = kRandomFlag | static_cast<std::uint32_t>(a.random.size() - 1);
    }
  }
  for (std::size_t k = 0; k < a.key_size; ++k) {
    std::size_t idx = 0;
    std::uint32_t mask = 0;
    if (key == TransitionKey::Profile) {
      idx = k;
      mask = deviation_mask(game, idx, target);
    } else {
      mask = static_cast<std::uint32_t>(k);
    }
    for (std::size_t s = 0; s < names.size(); ++s) {
      std::uint32_t next = static_cast<std::uint32_t>(s);
      for (std::size_t i = 0; i < rules.size(); ++i) {
        const Rule& r = rules[i];
        if (!r.from.empty() && std::find(r.from.begin(), r.from.end(), s) == r.from.end()) continue;
        if (!matches(r, game, player, idx, mask)) continue;
        next = rule_target[i];
        break;
      }
      a.next[s * a.key_size + k] = next;
    }
  }
  a.validate();
  return a;
}

Automaton parse_automaton_yaml_text(const std::string& text, const std::string& file,
                                    const NormalFormGame& game, std::size_t player,
                                    const PureProfile& target) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(file, e.mark.line + 1, e.mark.column + 1, e.msg);
  }
  return parse_automaton_yaml(root, file, game, player, target);
}

Automaton load_automaton_yaml(const std::string& path, const NormalFormGame& game,
                              std::size_t player, const PureProfile& target) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, 0, "cannot open automaton file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_automaton_yaml_text(buffer.str(), path, game, player, target);
}

}  // namespace negsim
