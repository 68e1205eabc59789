#include "models/scenario/bargaining_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "models/errors.hpp"
#include "models/scenario/expression.hpp"

namespace negsim {

namespace {

[[noreturn]] void fail_at(const SourcePos& where, const std::string& message) {
  throw InputError(where.file, where.line, where.column, "bargaining: " + message);
}

// Builds the problem from the typed block the loader read (Scenario::bargaining):
// compiles the expressions, evaluates them at the current parameter values and
// checks the values.
class BargainingBuilder {
 public:
  BargainingBuilder(const Scenario& scenario, const BargainingBuildOptions& options)
      : s_(scenario), b_(scenario.bargaining), options_(options), context_(scenario) {}

  ScenarioBargaining build();

 private:
  // A constant expression over parameters.
  double constant(const ExpressionText& text, const std::string& what) const {
    const CompiledExpression e = compile_expression(text, context_);
    if (!e.is_constant()) fail_at(text.pos, what + ": must depend on parameters only, not on levers");
    const std::vector<std::size_t> none(std::max<std::size_t>(1, context_.num_lever_slots()), 0);
    const double value = e.evaluate(none.data());
    if (!std::isfinite(value)) fail_at(text.pos, what + ": value is not finite");
    return value;
  }
  // Per-player values; players the block omits get `fallback`.
  std::vector<double> per_player(const PerPlayerExpressions& values, const std::string& what,
                                 double fallback) const {
    std::vector<double> out(values.values.size(), fallback);
    if (values.uniform && !values.values.empty()) {
      std::fill(out.begin(), out.end(), constant(*values.values[0], what));
      return out;
    }
    for (std::size_t b = 0; b < values.values.size(); ++b)
      if (values.values[b]) out[b] = constant(*values.values[b], what + " of " + ids_[b]);
    return out;
  }

  const Scenario& s_;
  const BargainingBlock& b_;
  BargainingBuildOptions options_;
  ExpressionContext context_;
  std::vector<std::string> ids_;
};

ScenarioBargaining BargainingBuilder::build() {
  if (!b_.present) fail_at(SourcePos{s_.file, 0, 0}, "the scenario has no bargaining block");
  ScenarioBargaining out;
  out.pos = b_.pos;
  for (std::size_t p : b_.players) ids_.push_back(s_.players[p].id);
  const std::size_t n = b_.players.size();

  // Issues -> the pseudo-player `deal`.
  Scenario deal_scope;
  deal_scope.file = s_.file;
  deal_scope.parameters = s_.parameters;
  ScenarioPlayer deal;
  deal.id = "deal";
  deal.name = "deal";
  deal.pos = b_.issues_pos;
  std::uint64_t combinations = 1;
  for (const Lever& lever : b_.issues) {
    if (combinations > options_.max_deals / lever.size())
      throw LimitError("bargaining: the issues give more than " + std::to_string(options_.max_deals) +
                       " deals (" + s_.file + ":" + std::to_string(b_.issues_key_pos.line) + ")");
    combinations *= lever.size();
    out.issue_ids.push_back(lever.id);
    out.issue_labels.push_back(lever.labels);
    deal.levers.push_back(lever);
  }
  deal_scope.players.push_back(deal);
  const ExpressionContext deal_context(deal_scope);

  std::vector<CompiledExpression> constraints;
  for (const ExpressionText& c : b_.constraints) constraints.push_back(compile_expression(c, deal_context));
  std::vector<CompiledExpression> utility;
  for (const ExpressionText& u : b_.utilities) utility.push_back(compile_expression(u, deal_context));

  // The deal space.
  DiscreteDealSpace& deals = out.problem.deals;
  deals.num_players = n;
  const std::size_t I = b_.issues.size();
  std::vector<std::size_t> index(I, 0);
  std::vector<double> u(n);
  const auto deal_label = [&] {
    std::string label;
    for (std::size_t i = 0; i < I; ++i) label += (i ? "," : "") + out.issue_ids[i] + "=" + out.issue_labels[i][index[i]];
    return label;
  };
  for (std::uint64_t c = 0; c < combinations; ++c) {
    bool feasible = true;
    for (const CompiledExpression& k : constraints)
      if (k.evaluate(index.data()) == 0) { feasible = false; break; }
    if (feasible) {
      for (std::size_t b = 0; b < n; ++b) {
        u[b] = utility[b].evaluate(index.data());
        if (!std::isfinite(u[b]))
          fail_at(b_.utilities[b].pos, "utility of '" + ids_[b] + "' is not finite at deal " + deal_label());
      }
      deals.add(deal_label(), u);
      out.deal_issues.push_back(index);
    }
    for (std::size_t i = I; i-- > 0;) {  // first issue slowest
      if (++index[i] < out.issue_labels[i].size()) break;
      index[i] = 0;
    }
  }
  if (deals.num_deals() == 0)
    fail_at(b_.issues_pos, "the deal space is empty: no combination of issue values satisfies the constraints");

  // Protocol.
  BargainingProtocol& proto = out.problem.protocol;
  for (std::size_t p : b_.players) proto.player_names.push_back(s_.players[p].name.empty() ? s_.players[p].id : s_.players[p].name);
  proto.proposer_order = b_.proposer_order;
  proto.discount = per_player(b_.discount, "discount", 0.0);
  for (std::size_t b = 0; b < n; ++b)
    if (!(proto.discount[b] > 0 && proto.discount[b] <= 1))
      fail_at(b_.discount.pos, "discount of '" + ids_[b] + "' is " + std::to_string(proto.discount[b]) +
                                   ", outside (0, 1]");
  if (b_.deadline) {
    const double T = constant(*b_.deadline, "deadline");
    if (!(T >= 1) || T != std::floor(T) || T > 1e7)
      fail_at(b_.deadline->pos, "deadline must be a whole number of rounds, at least 1 (got " + std::to_string(T) + ")");
    proto.deadline = static_cast<std::size_t>(T);
  } else if (std::all_of(proto.discount.begin(), proto.discount.end(), [](double d) { return d == 1; })) {
    fail_at(b_.discount.pos, "without a deadline (infinite horizon) some discount must be below 1");
  }
  proto.disagreement.assign(n, 0.0);
  out.disagreement_pos = b_.disagreement_pos;
  out.disagreement_from_stage_equilibrium = b_.disagreement_from_stage_equilibrium;
  if (b_.disagreement) proto.disagreement = per_player(*b_.disagreement, "disagreement", 0.0);
  if (b_.outside_options) {
    proto.outside_option.assign(n, std::nullopt);
    for (std::size_t b = 0; b < n; ++b)
      if (const auto& o = b_.outside_options->values[b]) proto.outside_option[b] = constant(*o, "outside option of " + ids_[b]);
  }
  if (b_.extension) {
    const BargainingExtensionBlock& e = *b_.extension;
    DeadlineExtension ext;
    ext.player = e.player;
    auto whole = [&](const std::optional<ExpressionText>& text, const char* key) -> std::size_t {
      if (!text) return 1;
      const double v = constant(*text, std::string("extension ") + key);
      if (!(v >= 1) || v != std::floor(v) || v > 1e6)
        fail_at(text->pos, std::string("extension ") + key + " must be a whole number, at least 1");
      return static_cast<std::size_t>(v);
    };
    ext.rounds = whole(e.rounds, "rounds");
    ext.max_times = whole(e.times, "times");
    if (e.cost) ext.cost = constant(*e.cost, "extension cost");
    proto.extension = ext;
  }
  out.nash_weights.assign(n, 1.0);
  if (b_.nash_weights) {
    out.nash_weights = per_player(*b_.nash_weights, "nash_weights", 1.0);
    for (std::size_t b = 0; b < n; ++b)
      if (!(out.nash_weights[b] > 0))
        fail_at(b_.nash_weights->pos, "nash_weights: the weight of '" + ids_[b] + "' must be positive");
  }
  out.player_ids = ids_;
  out.scenario_players = b_.players;
  return out;
}

}  // namespace

ScenarioBargaining build_bargaining(const Scenario& scenario, const BargainingBuildOptions& options) {
  return BargainingBuilder(scenario, options).build();
}

}  // namespace negsim
