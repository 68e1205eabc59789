#include "models/scenario/bargaining_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "models/errors.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

class BargainingReader : private YamlFields {
 public:
  BargainingReader(const Scenario& scenario, const BargainingBuildOptions& options)
      : YamlFields([&scenario](const YAML::Node& node) { return scenario_node_position(scenario, node); },
                   "bargaining: "),
        s_(scenario),
        options_(options),
        context_(scenario) {}

  ScenarioBargaining read();

 private:
  using Entry = YamlField;

  // A scenario player id -> scenario index, or an error with did-you-mean.
  std::size_t scenario_player(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a player id, got " + yaml_kind(node));
    const std::string id = node.Scalar();
    const std::size_t p = s_.player_index(id);
    if (p == kNone)
      fail(node, what + ": unknown player '" + id + "'" + did_you_mean(id, s_.player_ids()),
           "players: " + join_names(s_.player_ids()));
    return p;
  }
  // A bargaining player (index into players_) named by a node.
  std::size_t bargainer(const YAML::Node& node, const std::string& what) const {
    const std::size_t p = scenario_player(node, what);
    for (std::size_t b = 0; b < players_.size(); ++b)
      if (players_[b] == p) return b;
    fail(node, what + ": player '" + node.Scalar() + "' is not one of the bargaining players",
         "bargaining players: " + join_names(ids_));
  }

  // A constant expression over parameters.
  double constant(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a number or an expression, got " + yaml_kind(node));
    const CompiledExpression e = compile_expression(expression_from_node(s_, node), context_);
    if (!e.is_constant()) fail(node, what + ": must depend on parameters only, not on levers");
    const std::vector<std::size_t> none(std::max<std::size_t>(1, context_.num_lever_slots()), 0);
    const double value = e.evaluate(none.data());
    if (!std::isfinite(value)) fail(node, what + ": value is not finite");
    return value;
  }

  // Per-player values: one scalar for all, or a mapping player -> value.
  // Missing players get `fallback` if set, else an error.
  std::vector<double> per_player(const YAML::Node& node, const std::string& what,
                                 std::optional<double> fallback) const {
    std::vector<double> out(players_.size(), fallback.value_or(0.0));
    if (node.IsScalar()) {
      const double v = constant(node, what);
      std::fill(out.begin(), out.end(), v);
      return out;
    }
    std::vector<bool> given(players_.size(), false);
    for (const Entry& e : entries(node, what)) {
      const std::size_t b = bargainer(e.key, what);
      out[b] = constant(e.value, what + " of " + e.name);
      given[b] = true;
    }
    if (!fallback)
      for (std::size_t b = 0; b < players_.size(); ++b)
        if (!given[b]) fail(node, what + ": missing player '" + ids_[b] + "'");
    return out;
  }

  const Scenario& s_;
  BargainingBuildOptions options_;
  ExpressionContext context_;
  std::vector<std::size_t> players_;  // bargaining player -> scenario index
  std::vector<std::string> ids_;
};

ScenarioBargaining BargainingReader::read() {
  if (!s_.bargaining.present)
    fail(SourcePos{s_.file, 0, 0}, "the scenario has no bargaining block");
  const YAML::Node& root = s_.bargaining.node;
  const auto top = entries(root, "block",
                           {"players", "issues", "constraints", "utilities", "proposer_order", "discount",
                            "deadline", "disagreement", "outside_options", "extension", "nash_weights"});
  ScenarioBargaining out;
  out.pos = s_.bargaining.pos;

  // Players.
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
  const std::size_t n = players_.size();

  // Issues -> the pseudo-player `deal`.
  const Entry* issues = &require(top, "issues", root, "block", "issues: {algorithm: {values: [license, retain]}}");
  Scenario deal_scope;
  deal_scope.file = s_.file;
  deal_scope.source_text = s_.source_text;
  deal_scope.parameters = s_.parameters;
  ScenarioPlayer deal;
  deal.id = "deal";
  deal.name = "deal";
  deal.pos = pos(issues->value);
  std::uint64_t combinations = 1;
  for (const Entry& e : entries(issues->value, "issues")) {
    Lever lever;
    lever.id = e.name;
    lever.pos = pos(e.key);
    YAML::Node values;
    if (e.value.IsSequence()) {
      values = e.value;
    } else {
      const auto fields = entries(e.value, "issue " + e.name, {"values", "unit", "doc"});
      values = require(fields, "values", e.value, "issue " + e.name, "values: [license, retain]").value;
      if (const Entry* u = find(fields, "unit")) lever.unit = u->value.Scalar();
      if (const Entry* d = find(fields, "doc")) lever.doc = d->value.Scalar();
    }
    if (!values.IsSequence() || values.size() == 0)
      fail(values, "issue " + e.name + ": expected a non-empty list of values");
    bool all_numbers = true;
    for (const YAML::Node& v : values) {
      if (!v.IsScalar()) fail(v, "issue " + e.name + ": values must be numbers or labels");
      double x;
      all_numbers = all_numbers && parse_number(v.Scalar(), x);
    }
    lever.numeric = all_numbers;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string text = values[i].Scalar();
      for (const std::string& seen : lever.labels)
        if (seen == text) fail(values[i], "issue " + e.name + ": value '" + text + "' is listed twice");
      lever.labels.push_back(text);
      double x = static_cast<double>(i);
      if (all_numbers) parse_number(text, x);
      lever.numbers.push_back(x);
    }
    if (combinations > options_.max_deals / lever.size())
      throw LimitError("bargaining: the issues give more than " + std::to_string(options_.max_deals) +
                       " deals (" + s_.file + ":" + std::to_string(pos(issues->key).line) + ")");
    combinations *= lever.size();
    out.issue_ids.push_back(lever.id);
    out.issue_labels.push_back(lever.labels);
    deal.levers.push_back(std::move(lever));
  }
  if (deal.levers.empty()) fail(issues->value, "issues: the deal space is empty (no issue)");
  deal_scope.players.push_back(deal);
  const ExpressionContext deal_context(deal_scope);

  std::vector<CompiledExpression> constraints;
  if (const Entry* e = find(top, "constraints")) {
    if (!e->value.IsSequence()) fail(e->value, "constraints: expected a list of expressions");
    for (const YAML::Node& c : e->value) {
      if (!c.IsScalar()) fail(c, std::string("constraints: expected an expression, got ") + yaml_kind(c));
      constraints.push_back(compile_expression(expression_from_node(s_, c), deal_context));
    }
  }

  // Utilities.
  const Entry* utilities = &require(top, "utilities", root, "block",
                                    "utilities: {a: \"deal.share\", b: \"1 - deal.share\"} (one expression "
                                    "per bargaining player over deal.<issue>)");
  std::vector<std::optional<CompiledExpression>> utility(n);
  std::vector<SourcePos> utility_pos(n);
  for (const Entry& e : entries(utilities->value, "utilities")) {
    const std::size_t b = bargainer(e.key, "utilities");
    if (!e.value.IsScalar()) fail(e.value, "utilities: expected an expression for " + e.name);
    utility[b] = compile_expression(expression_from_node(s_, e.value), deal_context);
    utility_pos[b] = pos(e.value);
  }
  for (std::size_t b = 0; b < n; ++b)
    if (!utility[b]) fail(utilities->value, "utilities: missing a utility for player '" + ids_[b] + "'");

  // The deal space.
  DiscreteDealSpace& deals = out.problem.deals;
  deals.num_players = n;
  const std::size_t I = deal_scope.players[0].levers.size();
  std::vector<std::size_t> index(I, 0);
  std::vector<double> u(n);
  for (std::uint64_t c = 0; c < combinations; ++c) {
    bool feasible = true;
    for (const CompiledExpression& k : constraints)
      if (k.evaluate(index.data()) == 0) { feasible = false; break; }
    if (feasible) {
      for (std::size_t b = 0; b < n; ++b) {
        u[b] = utility[b]->evaluate(index.data());
        if (!std::isfinite(u[b])) {
          std::string label;
          for (std::size_t i = 0; i < I; ++i)
            label += (i ? "," : "") + out.issue_ids[i] + "=" + out.issue_labels[i][index[i]];
          fail(utility_pos[b], "utility of '" + ids_[b] + "' is not finite at deal " + label);
        }
      }
      std::string label;
      for (std::size_t i = 0; i < I; ++i) label += (i ? "," : "") + out.issue_ids[i] + "=" + out.issue_labels[i][index[i]];
      deals.add(std::move(label), u);
      out.deal_issues.push_back(index);
    }
    for (std::size_t i = I; i-- > 0;) {  // first issue slowest
      if (++index[i] < out.issue_labels[i].size()) break;
      index[i] = 0;
    }
  }
  if (deals.num_deals() == 0)
    fail(issues->value, "the deal space is empty: no combination of issue values satisfies the constraints");

  // Protocol.
  BargainingProtocol& proto = out.problem.protocol;
  for (std::size_t p : players_) proto.player_names.push_back(s_.players[p].name.empty() ? s_.players[p].id : s_.players[p].name);
  if (const Entry* e = find(top, "proposer_order")) {
    if (!e->value.IsSequence() || e->value.size() == 0)
      fail(e->value, "proposer_order: expected a non-empty list of player ids");
    for (const YAML::Node& p : e->value) proto.proposer_order.push_back(bargainer(p, "proposer_order"));
  } else {
    for (std::size_t b = 0; b < n; ++b) proto.proposer_order.push_back(b);
  }
  const Entry* discount = &require(top, "discount", root, "block", "discount: 0.9, or {us: 0.95, china: 0.9}");
  proto.discount = per_player(discount->value, "discount", std::nullopt);
  for (std::size_t b = 0; b < n; ++b)
    if (!(proto.discount[b] > 0 && proto.discount[b] <= 1))
      fail(discount->value, "discount of '" + ids_[b] + "' is " + std::to_string(proto.discount[b]) +
                                ", outside (0, 1]");
  if (const Entry* e = find(top, "deadline")) {
    const double T = constant(e->value, "deadline");
    if (!(T >= 1) || T != std::floor(T) || T > 1e7)
      fail(e->value, "deadline must be a whole number of rounds, at least 1 (got " + std::to_string(T) + ")");
    proto.deadline = static_cast<std::size_t>(T);
  } else if (std::all_of(proto.discount.begin(), proto.discount.end(), [](double d) { return d == 1; })) {
    fail(discount->value, "without a deadline (infinite horizon) some discount must be below 1");
  }
  proto.disagreement.assign(n, 0.0);
  if (const Entry* e = find(top, "disagreement")) {
    out.disagreement_pos = pos(e->value);
    if (e->value.IsScalar() && e->value.Scalar() == "stage-equilibrium") out.disagreement_from_stage_equilibrium = true;
    else proto.disagreement = per_player(e->value, "disagreement", std::nullopt);
  } else {
    out.disagreement_pos = out.pos;
  }
  if (const Entry* e = find(top, "outside_options")) {
    proto.outside_option.assign(n, std::nullopt);
    for (const Entry& o : entries(e->value, "outside_options"))
      proto.outside_option[bargainer(o.key, "outside_options")] = constant(o.value, "outside option of " + o.name);
  }
  if (const Entry* e = find(top, "extension")) {
    const auto fields = entries(e->value, "extension", {"player", "rounds", "cost", "times"});
    const Entry* who = &require(fields, "player", e->value, "extension", "extension: {player: us, rounds: 1, cost: 0.5}");
    if (!proto.deadline) fail(e->value, "extension: an extension needs a deadline");
    DeadlineExtension ext;
    ext.player = bargainer(who->value, "extension");
    auto whole = [&](const char* key, std::size_t fallback) {
      const Entry* f = find(fields, key);
      if (!f) return fallback;
      const double v = constant(f->value, std::string("extension ") + key);
      if (!(v >= 1) || v != std::floor(v) || v > 1e6)
        fail(f->value, std::string("extension ") + key + " must be a whole number, at least 1");
      return static_cast<std::size_t>(v);
    };
    ext.rounds = whole("rounds", 1);
    ext.max_times = whole("times", 1);
    if (const Entry* f = find(fields, "cost")) ext.cost = constant(f->value, "extension cost");
    proto.extension = ext;
  }
  out.nash_weights.assign(n, 1.0);
  if (const Entry* e = find(top, "nash_weights")) {
    out.nash_weights = per_player(e->value, "nash_weights", 1.0);
    for (std::size_t b = 0; b < n; ++b)
      if (!(out.nash_weights[b] > 0)) fail(e->value, "nash_weights: the weight of '" + ids_[b] + "' must be positive");
  }
  out.player_ids = ids_;
  out.scenario_players = players_;
  return out;
}

}  // namespace

ScenarioBargaining build_bargaining(const Scenario& scenario, const BargainingBuildOptions& options) {
  return BargainingReader(scenario, options).read();
}

}  // namespace negsim
