#include "models/scenario/repeated_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/errors.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

namespace {

// yaml-cpp's mark, or the block's position for a node without one.
SourcePos repeated_position(const Scenario& scenario, const YAML::Node& at) {
  const YAML::Mark m = at.Mark();
  if (m.line < 0) return {scenario.file, scenario.repeated.pos.line, scenario.repeated.pos.column};
  return {scenario.file, m.line + 1, m.column + 1};
}

struct Block : YamlFields {
  explicit Block(const Scenario& s)
      : YamlFields([&s](const YAML::Node& at) { return repeated_position(s, at); }), scenario(s) {}
  const Scenario& scenario;
  std::string mean(const std::string& word, const std::vector<std::string>& options) const {
    const std::string c = closest_match(word, options);
    return c.empty() ? std::string() : "did you mean '" + c + "'?";
  }
  // A number, or a parameter id resolved to its value.
  double number_or_parameter(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, what + ": expected a number or a parameter name");
    const std::string s = n.Scalar();
    try {
      std::size_t used = 0;
      const double v = std::stod(s, &used);
      if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
    if (const ScenarioParameter* p = scenario.find_parameter(s)) return p->value;
    fail(n, what + ": unknown parameter '" + s + "'", mean(s, scenario.parameter_ids()));
  }
};

}  // namespace

RepeatedScenarioSpec build_repeated_spec(const Scenario& scenario, const ScenarioGame& built) {
  if (!scenario.repeated.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no 'repeated:' block",
                     "add e.g. repeated: {discount: 0.9, target: {player.lever: value}}");
  const Block b{scenario};
  const YAML::Node root = scenario.repeated.node;
  if (!root.IsMap()) b.fail(root, "'repeated' must be a map with 'discount' and 'target'");
  static const std::vector<std::string> keys = {"discount", "target", "rounds", "continuation", "strategies"};
  b.entries(root, "repeated", keys);  // rejects unknown and repeated keys; values are read by name below
  const NormalFormGame& g = built.game;
  const std::size_t n = g.num_players();
  RepeatedScenarioSpec out;
  out.spec.stage = g;
  out.strategies.assign(n, "");

  if (!root["discount"]) b.fail(root, "'repeated' needs 'discount' (a number or a parameter name)");
  out.spec.discount = b.number_or_parameter(root["discount"], "discount");
  if (root["discount"].IsScalar() && scenario.find_parameter(root["discount"].Scalar()))
    out.spec.discount_parameter = root["discount"].Scalar();
  if (!(out.spec.discount > 0 && out.spec.discount <= 1))
    b.fail(root["discount"], "discount must be in (0, 1], got " + std::to_string(out.spec.discount));
  if (const YAML::Node r = root["rounds"]) {
    double v = 0;
    try {
      v = r.as<double>();
    } catch (const YAML::Exception&) {
      b.fail(r, "rounds: expected a positive integer");
    }
    if (v < 1 || v != std::floor(v) || v > 1e12) b.fail(r, "rounds: expected a positive integer");
    out.spec.rounds = static_cast<std::size_t>(v);
  }
  if (const YAML::Node c = root["continuation"]) {
    out.spec.continuation = b.number_or_parameter(c, "continuation");
    if (!(out.spec.continuation > 0 && out.spec.continuation <= 1))
      b.fail(c, "continuation must be in (0, 1]");
  }
  if (out.spec.discount >= 1 && out.spec.continuation >= 1 && out.spec.rounds == 0)
    b.fail(root["discount"], "discount 1 needs a finite horizon", "add rounds: N, or use a discount below 1");

  // Target: player.lever -> value.
  const YAML::Node target = root["target"];
  if (!target) b.fail(root, "'repeated' needs 'target' (a map PLAYER.LEVER: VALUE)");
  if (!target.IsMap() || target.size() == 0) b.fail(target, "'target' must map PLAYER.LEVER to a value");
  std::vector<std::string> lever_paths;
  for (const auto& pl : scenario.players)
    for (const auto& lv : pl.levers) lever_paths.push_back(pl.id + "." + lv.id);
  // wanted[p][l] = value index, or npos.
  constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();
  std::vector<std::vector<std::size_t>> wanted(n);
  for (std::size_t p = 0; p < n; ++p) wanted[p].assign(scenario.players[p].levers.size(), kAny);
  for (const YamlField& kv : b.entries(target, "target")) {
    const std::string& key = kv.name;
    const auto dot = key.find('.');
    if (dot == std::string::npos)
      b.fail(kv.key, "target keys are PLAYER.LEVER, got '" + key + "'", b.mean(key, lever_paths));
    const std::string pid = key.substr(0, dot), lid = key.substr(dot + 1);
    const std::size_t p = scenario.player_index(pid);
    if (p == static_cast<std::size_t>(-1) || p >= n)
      b.fail(kv.key, "unknown player '" + pid + "'", b.mean(key, lever_paths));
    const ScenarioPlayer& player = scenario.players[p];
    const std::size_t l = lever_index(player, lid);
    if (l == static_cast<std::size_t>(-1) || l >= player.levers.size())
      b.fail(kv.key, "unknown lever '" + key + "'", b.mean(key, lever_paths));
    if (wanted[p][l] != kAny) b.fail(kv.key, "lever '" + key + "' is named twice");
    const Lever& lever = player.levers[l];
    if (!kv.value.IsScalar()) b.fail(kv.value, "target value of '" + key + "' must be a scalar");
    const std::string value = kv.value.Scalar();
    std::size_t found = kAny;
    for (std::size_t v = 0; v < lever.size() && found == kAny; ++v)
      if (lever.labels[v] == value) found = v;
    if (found == kAny && lever.numeric) {
      try {
        std::size_t used = 0;
        const double x = std::stod(value, &used);
        if (used == value.size())
          for (std::size_t v = 0; v < lever.size(); ++v)
            if (std::abs(lever.numbers[v] - x) <= 1e-9 * std::max(1.0, std::abs(x))) found = v;
      } catch (const std::exception&) {
      }
    }
    if (found == kAny) {
      std::string listed;
      for (const auto& s : lever.labels) listed += (listed.empty() ? "" : ", ") + s;
      const std::string hint = b.mean(value, lever.labels);
      b.fail(kv.value, "'" + value + "' is not a value of lever '" + key + "' (values: " + listed + ")", hint);
    }
    wanted[p][l] = found;
  }
  // Actions consistent with the named levers.
  std::vector<std::vector<char>> ok(n);
  for (std::size_t p = 0; p < n; ++p) {
    ok[p].assign(g.num_actions(p), 1);
    for (std::size_t a = 0; a < g.num_actions(p); ++a)
      for (std::size_t l = 0; l < wanted[p].size(); ++l)
        if (wanted[p][l] != kAny && built.action_levers[p][a][l] != wanted[p][l]) ok[p][a] = 0;
  }
  std::size_t best = kAny;
  double best_sum = -std::numeric_limits<double>::infinity();
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    if (!built.infeasible.empty() && built.infeasible[idx]) continue;
    bool match = true;
    for (std::size_t p = 0; p < n && match; ++p) match = ok[p][g.action_of(idx, p)];
    if (!match) continue;
    double sum = 0;
    for (std::size_t p = 0; p < n; ++p) sum += g.payoff(p, idx);
    if (sum > best_sum) best_sum = sum, best = idx;
  }
  if (best == kAny)
    b.fail(target, "no feasible profile matches the target (the constraints exclude it)");
  out.spec.target = g.profile_actions(best);
  for (std::size_t p = 0; p < n; ++p) {
    const ScenarioPlayer& player = scenario.players[p];
    for (std::size_t l = 0; l < wanted[p].size(); ++l) {
      if (wanted[p][l] != kAny) continue;
      const std::size_t v = built.action_levers[p][out.spec.target[p]][l];
      out.completed.push_back(player.id + "." + player.levers[l].id + "=" + player.levers[l].labels[v] +
                              " (not named in the target: chosen for the highest total payoff)");
    }
  }

  if (const YAML::Node s = root["strategies"]) {
    if (!s.IsMap()) b.fail(s, "'strategies' must map player ids to strategy names");
    for (const YamlField& kv : b.entries(s, "strategies")) {
      const std::string& pid = kv.name;
      const std::size_t p = scenario.player_index(pid);
      if (p == static_cast<std::size_t>(-1) || p >= n)
        b.fail(kv.key, "unknown player '" + pid + "'", b.mean(pid, scenario.player_ids()));
      if (!kv.value.IsScalar()) b.fail(kv.value, "a strategy is a name like grim-trigger");
      out.strategies[p] = kv.value.Scalar();
    }
  }
  try {
    out.spec.validate();
  } catch (const std::invalid_argument& e) {
    b.fail(root, e.what());
  }
  return out;
}

}  // namespace negsim
