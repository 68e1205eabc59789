#include "models/scenario/bargaining_builder.hpp"

#include "models/scenario/bargaining_templates.hpp"

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

// The scope of constraints and utilities: the parameters and a pseudo-player
// `deal` whose levers are the issues.
Scenario deal_scope_of(const Scenario& s) {
  const BargainingBlock& b = s.bargaining;
  Scenario scope;
  scope.file = s.file;
  scope.parameters = s.parameters;
  ScenarioPlayer deal;
  deal.id = "deal";
  deal.name = "deal";
  deal.pos = b.issues_pos;
  deal.levers = b.issues;
  scope.players.push_back(std::move(deal));
  return scope;
}

// Same text from the same place (as ScenarioProgram checks, builder.cpp), so
// a template's error positions and resolution are those of `b`.
bool same_source(const ExpressionText& a, const ExpressionText& b) {
  const auto same_location = [](const TextLocation& x, const TextLocation& y) {
    return x.line == y.line && x.column == y.column;
  };
  return a.text == b.text && a.pos.file == b.pos.file && a.pos.line == b.pos.line && a.pos.column == b.pos.column &&
         std::equal(a.char_locations.begin(), a.char_locations.end(), b.char_locations.begin(),
                    b.char_locations.end(), same_location);
}

// The template of `text` among `templates`, or null.
const ExpressionTemplate* find_template(const std::vector<ExpressionTemplate>& templates, const ExpressionText& text) {
  for (const ExpressionTemplate& t : templates)
    if (same_source(t.source(), text)) return &t;
  return nullptr;
}

thread_local const BargainingTemplates* current_templates = nullptr;

// Every expression of the block over parameters only, in any order.
std::vector<const ExpressionText*> constant_texts(const BargainingBlock& b) {
  std::vector<const ExpressionText*> out;
  const auto add_all = [&](const PerPlayerExpressions& values) {
    for (const auto& v : values.values)
      if (v) out.push_back(&*v);
  };
  add_all(b.discount);
  if (b.deadline) out.push_back(&*b.deadline);
  if (b.disagreement) add_all(*b.disagreement);
  if (b.outside_options) add_all(*b.outside_options);
  if (b.extension)
    for (const auto* e : {&b.extension->rounds, &b.extension->times, &b.extension->cost})
      if (*e) out.push_back(&**e);
  if (b.nash_weights) add_all(*b.nash_weights);
  return out;
}

// Builds the problem from the typed block the loader read (Scenario::bargaining):
// compiles the expressions, evaluates them at the current parameter values and
// checks the values.
class BargainingBuilder {
 public:
  BargainingBuilder(const Scenario& scenario, const BargainingTemplates* templates,
                    const BargainingBuildOptions& options)
      : s_(scenario), b_(scenario.bargaining), templates_(templates), options_(options), context_(scenario) {}

  ScenarioBargaining build();

 private:
  // `text` compiled against `context`: its template bound, if there is one.
  static CompiledExpression compile(const ExpressionTemplate* made, const ExpressionText& text,
                                    const ExpressionContext& context) {
    return made ? made->bind(context.scenario()) : compile_expression(text, context);
  }
  // A constant expression over parameters.
  double constant(const ExpressionText& text, const std::string& what) const {
    const CompiledExpression e =
        compile(templates_ ? templates_->constant_expression(text) : nullptr, text, context_);
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
  const BargainingTemplates* templates_;  // may be null
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
  std::uint64_t combinations = 1;
  for (const Lever& lever : b_.issues) {
    if (combinations > options_.max_deals / lever.size())
      throw LimitError("bargaining: the issues give more than " + std::to_string(options_.max_deals) +
                       " deals (" + s_.file + ":" + std::to_string(b_.issues_key_pos.line) + ")");
    combinations *= lever.size();
    out.issue_ids.push_back(lever.id);
    out.issue_labels.push_back(lever.labels);
  }
  const Scenario deal_scope = deal_scope_of(s_);
  const ExpressionContext deal_context(deal_scope);

  const auto deal_expression = [&](const ExpressionText& text) {
    return compile(templates_ ? templates_->deal_expression(text) : nullptr, text, deal_context);
  };
  std::vector<CompiledExpression> constraints;
  for (const ExpressionText& c : b_.constraints) constraints.push_back(deal_expression(c));
  std::vector<CompiledExpression> utility;
  for (const ExpressionText& u : b_.utilities) utility.push_back(deal_expression(u));

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
  return BargainingBuilder(scenario, current_templates, options).build();
}

ScenarioBargaining build_bargaining(const Scenario& scenario, const BargainingTemplates* templates,
                                    const BargainingBuildOptions& options) {
  return BargainingBuilder(scenario, templates, options).build();
}

BargainingTemplates::BargainingTemplates(const Scenario& base) {
  const BargainingBlock& b = base.bargaining;
  if (!b.present) return;
  // A text that does not compile gets no template: the build compiles it and
  // throws its error where it would without templates.
  const auto add = [](std::vector<ExpressionTemplate>& to, const ExpressionText& text,
                      const ExpressionContext& context) {
    try {
      to.push_back(compile_expression_template(text, context));
    } catch (const InputError&) {
    }
  };
  const Scenario deal_scope = deal_scope_of(base);
  const ExpressionContext deal_context(deal_scope);
  for (const ExpressionText& c : b.constraints) add(deal_, c, deal_context);
  for (const ExpressionText& u : b.utilities) add(deal_, u, deal_context);
  const ExpressionContext context(base);
  for (const ExpressionText* text : constant_texts(b)) add(constant_, *text, context);
}

const ExpressionTemplate* BargainingTemplates::deal_expression(const ExpressionText& text) const {
  return find_template(deal_, text);
}

const ExpressionTemplate* BargainingTemplates::constant_expression(const ExpressionText& text) const {
  return find_template(constant_, text);
}

BargainingTemplatesScope::BargainingTemplatesScope(const BargainingTemplates& templates)
    : previous_(current_templates) {
  current_templates = &templates;
}

BargainingTemplatesScope::~BargainingTemplatesScope() { current_templates = previous_; }

const BargainingTemplates* BargainingTemplatesScope::current() { return current_templates; }

}  // namespace negsim
