#include "models/scenario/builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <type_traits>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/expression_product.hpp"
#include "models/scenario/type_prior.hpp"

namespace negsim {

namespace {
// Writes the label into `out`, reusing its storage.
void write_action_label(std::string& out, const ScenarioPlayer& player, const std::vector<std::size_t>& value_indices) {
  out.clear();
  for (std::size_t l = 0; l < player.levers.size(); ++l) {
    if (l) out += ',';
    out += player.levers[l].id;
    out += '=';
    out += player.levers[l].labels[value_indices[l]];
  }
}
}  // namespace

std::string action_label(const ScenarioPlayer& player, const std::vector<std::size_t>& value_indices) {
  std::string out;
  write_action_label(out, player, value_indices);
  return out;
}

std::string human_bytes(double bytes) {
  static const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  std::size_t unit = 0;
  while (bytes >= 1024.0 && unit + 1 < std::size(units)) {
    bytes /= 1024.0;
    ++unit;
  }
  char buffer[64];
  if (unit == 0)
    std::snprintf(buffer, sizeof buffer, "%.0f bytes", bytes);
  else
    std::snprintf(buffer, sizeof buffer, "%.1f %s", bytes, units[unit]);
  return buffer;
}

namespace {

constexpr std::uint64_t kOverflow = std::numeric_limits<std::uint64_t>::max();

// a * b, or kOverflow if it does not fit.
std::uint64_t multiply(std::uint64_t a, std::uint64_t b) {
  if (a == kOverflow || b == kOverflow) return kOverflow;
  if (a != 0 && b > kOverflow / a) return kOverflow;
  return a * b;
}

std::string count_text(std::uint64_t count) {
  return count == kOverflow ? "more than 1.8e19" : std::to_string(count);
}

[[noreturn]] void fail_at(const SourcePos& where, const std::string& message, const std::string& hint = "") {
  throw InputError(where.file, where.line, where.column, message, hint);
}

// Steps `digits` like an odometer with the LAST digit fastest. Returns false
// after the last combination.
bool advance_last_fastest(std::vector<std::size_t>& digits, const std::vector<std::size_t>& sizes) {
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (++digits[i] < sizes[i]) return true;
    digits[i] = 0;
  }
  return false;
}

struct PlayerPlan {
  std::vector<std::size_t> lever_sizes;
  std::uint64_t settings = 1;                      // product of lever sizes
  std::vector<const CompiledExpression*> filters;  // single-player constraints
};

}  // namespace

namespace {
// The scenario the expressions are compiled against: expression_scenario()
// (each type a `PLAYER.type` lever) of only what expressions read (ids,
// values, labels, numbers, positions, the types), not of the whole scenario
// with its docs, texts and blocks, whose copy was a fifth of a TikTok sweep
// point. Without types it is the scenario itself (expression_scenario would
// copy it unchanged).
void make_expression_scope(const Scenario& scenario, Scenario& storage) {
  Scenario read;
  read.file = scenario.file;
  read.id = scenario.id;
  read.parameters.reserve(scenario.parameters.size());
  for (const ScenarioParameter& parameter : scenario.parameters) {
    ScenarioParameter& copy = read.parameters.emplace_back();
    copy.id = parameter.id;
    copy.value = parameter.value;
    copy.range = parameter.range;
    copy.pos = parameter.pos;
    copy.value_pos = parameter.value_pos;
  }
  read.players.reserve(scenario.players.size());
  for (const ScenarioPlayer& player : scenario.players) {
    ScenarioPlayer& copy = read.players.emplace_back();
    copy.id = player.id;
    copy.name = player.name;
    copy.pos = player.pos;
    copy.levers.reserve(player.levers.size());
    for (const Lever& lever : player.levers) {
      Lever& lever_copy = copy.levers.emplace_back();
      lever_copy.id = lever.id;
      lever_copy.numeric = lever.numeric;
      lever_copy.labels = lever.labels;
      lever_copy.numbers = lever.numbers;
      lever_copy.pos = lever.pos;
    }
  }
  read.types = scenario.types;
  storage = expression_scenario(read, false);
}

bool same_pos(const SourcePos& a, const SourcePos& b) {
  return a.line == b.line && a.column == b.column && a.file == b.file;
}

// Bit for bit (-0 and 0 differ; a NaN equals itself).
bool same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Whether `scope` (made by make_expression_scope from an earlier variant) has
// the structure, names and lever values of `scenario`'s scope: then only the
// parameter values differ. Compares what make_expression_scope copies.
bool scope_matches(const Scenario& scenario, const Scenario& scope) {
  if (scope.file != scenario.file || scope.id != scenario.id ||
      scope.parameters.size() != scenario.parameters.size() || scope.players.size() != scenario.players.size())
    return false;
  for (std::size_t i = 0; i < scenario.parameters.size(); ++i) {
    const ScenarioParameter& a = scenario.parameters[i];
    const ScenarioParameter& b = scope.parameters[i];
    if (a.id != b.id || a.range != b.range || !same_pos(a.pos, b.pos) || !same_pos(a.value_pos, b.value_pos))
      return false;
  }
  std::vector<std::size_t> extra(scenario.players.size(), 0);  // type levers after the player's own
  for (const PlayerTypes& types : scenario.types.players) {
    if (types.player >= scenario.players.size()) return false;
    ++extra[types.player];
  }
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    const ScenarioPlayer& a = scenario.players[p];
    const ScenarioPlayer& b = scope.players[p];
    if (a.id != b.id || a.name != b.name || !same_pos(a.pos, b.pos) || b.levers.size() != a.levers.size() + extra[p])
      return false;
    for (std::size_t l = 0; l < a.levers.size(); ++l) {
      const Lever& x = a.levers[l];
      const Lever& y = b.levers[l];
      if (x.id != y.id || x.numeric != y.numeric || x.labels != y.labels || !same_numbers(x.numbers, y.numbers) ||
          !same_pos(x.pos, y.pos))
        return false;
    }
  }
  // The type levers, in the order expression_scenario appends them.
  std::vector<std::size_t> next(scenario.players.size(), 0);
  for (const PlayerTypes& types : scenario.types.players) {
    const Lever& y = scope.players[types.player].levers[scenario.players[types.player].levers.size() + next[types.player]++];
    if (y.id != "type" || y.labels != types.labels || !same_pos(y.pos, types.pos)) return false;
  }
  return true;
}

// Same text from the same place (so error positions stay right).
bool same_text(const ExpressionText& a, const ExpressionText& b) {
  // Locations compared as bytes (line, column: no padding).
  static_assert(std::has_unique_object_representations_v<TextLocation>);
  return a.text == b.text && a.pos.file == b.pos.file && a.pos.line == b.pos.line && a.pos.column == b.pos.column &&
         a.char_locations.size() == b.char_locations.size() &&
         (a.char_locations.empty() ||
          std::memcmp(a.char_locations.data(), b.char_locations.data(),
                      a.char_locations.size() * sizeof(TextLocation)) == 0);
}
}  // namespace

// What a program keeps between builds besides its expressions.
struct ScenarioProgram::Workspace {
  // A typed scenario's expression scope (make_expression_scope), valid while
  // scope_ready.
  bool scope_ready = false;
  Scenario scope;
  // The lever-slot rows of every profile (profiles x slots), kept while the
  // action lists, slots and shape do not change; rows_ready says it is valid.
  bool rows_ready = false;
  std::vector<std::size_t> all_rows;
  // Evaluation buffers and small per-build lists.
  std::vector<double> scratch, values, per_type, lowest_feasible;
  std::vector<std::size_t> batch_rows, slot_values, digits, type_slots, action_counts, actions;
  std::vector<std::uint8_t> feasible;
  std::vector<double*> tables;
  // Small games: every expression over all profiles at once (expression_product.hpp).
  ActionProduct product;
  ProductWorkspace product_workspace;
};

ScenarioProgram::ScenarioProgram() = default;
ScenarioProgram::~ScenarioProgram() = default;
ScenarioProgram::ScenarioProgram(const ScenarioProgram& other)
    : constraints(other.constraints), payoffs(other.payoffs), infeasible_payoffs(other.infeasible_payoffs) {}
ScenarioProgram& ScenarioProgram::operator=(const ScenarioProgram& other) {
  if (this != &other) {
    constraints = other.constraints;
    payoffs = other.payoffs;
    infeasible_payoffs = other.infeasible_payoffs;
    workspace_.reset();
  }
  return *this;
}
ScenarioProgram::ScenarioProgram(ScenarioProgram&&) noexcept = default;
ScenarioProgram& ScenarioProgram::operator=(ScenarioProgram&&) noexcept = default;

ScenarioProgram::Workspace& ScenarioProgram::workspace() {
  if (!workspace_) workspace_ = std::make_unique<Workspace>();
  return *workspace_;
}

const CompiledExpression& ScenarioProgram::bind(Entry& slot, const ExpressionText& text,
                                                const ExpressionContext& context) {
  if (!slot.ready || !same_text(slot.source.source(), text)) {
    slot.ready = false;
    slot.source = compile_expression_template(text, context);
    slot.ready = true;
  }
  slot.source.bind(context.scenario(), slot.bound);
  return slot.bound;
}

ScenarioGame build_normal_form(const Scenario& scenario, const BuildOptions& options) {
  ScenarioProgram program;
  return build_normal_form(scenario, program, options);
}

ScenarioGame build_normal_form(const Scenario& scenario, ScenarioProgram& program, const BuildOptions& options) {
  ScenarioGame out;
  build_normal_form(scenario, program, options, out);
  return out;
}

namespace {
// The rows of the largest game whose lever-slot rows a program keeps between
// builds (profiles x slots entries, 8 bytes each: 2 MiB).
constexpr std::size_t kKeptRowEntries = std::size_t{1} << 18;
// Games of up to this many profiles, whose expressions need at most
// kProductDoubles doubles of tables, evaluate every expression over all
// profiles at once, each sub-expression over only the players it depends on
// (evaluate_product): the same doubles as the batches, with less work.
constexpr std::size_t kProductProfiles = std::size_t{1} << 14;
constexpr std::size_t kProductDoubles = std::size_t{1} << 19;
}  // namespace

void build_normal_form(const Scenario& scenario, ScenarioProgram& program, const BuildOptions& options,
                       ScenarioGame& out) {
  ScenarioProgram::Workspace& ws = program.workspace();
  const std::size_t n = scenario.players.size();
  // Types (if any) are extra label levers `PLAYER.type` (type_prior.hpp); a
  // typed scenario's one-shot game averages the payoffs over the prior: the
  // game in which no player conditions on a type (the Bayesian game is
  // analysed in its type-agent form, models/scenario/type_agent_builder.hpp).
  // The scope of a typed scenario is kept between builds: when only parameter
  // values changed (a sweep point), they are all that is copied.
  const Scenario* scope = &scenario;
  if (!scenario.types.players.empty()) {
    if (!ws.scope_ready || !scope_matches(scenario, ws.scope)) {
      ws.scope_ready = false;
      make_expression_scope(scenario, ws.scope);
      ws.scope_ready = true;
    } else {
      for (std::size_t i = 0; i < scenario.parameters.size(); ++i)
        ws.scope.parameters[i].value = scenario.parameters[i].value;
    }
    scope = &ws.scope;
  }
  const ExpressionContext context(*scope);
  TypePrior prior = evaluate_prior(scenario);
  if (!options.type_profile.empty()) prior.profiles = {TypeProfile{options.type_profile, 1.0}};
  std::vector<std::size_t>& type_slots = ws.type_slots;
  type_slots.clear();
  for (std::size_t p = 0; p < n; ++p)
    if (scenario.types.typed(p) != static_cast<std::size_t>(-1)) type_slots.push_back(type_slot(scenario, context, p));
  const auto reads_type = [&](const CompiledExpression& e) {
    if (type_slots.empty()) return false;
    for (std::size_t slot : e.lever_slots_used())
      if (std::find(type_slots.begin(), type_slots.end(), slot) != type_slots.end()) return true;
    return false;
  };

  // 1. Compile every expression first: errors in the text come before any budget question.
  program.constraints.resize(scenario.constraints.size());
  std::vector<const CompiledExpression*> constraint_programs;
  constraint_programs.reserve(scenario.constraints.size());
  for (std::size_t i = 0; i < scenario.constraints.size(); ++i)
    constraint_programs.push_back(&ScenarioProgram::bind(program.constraints[i], scenario.constraints[i], context));
  program.payoffs.resize(scenario.payoffs.size());
  std::vector<const CompiledExpression*> payoff_programs;
  payoff_programs.reserve(scenario.payoffs.size());
  for (std::size_t i = 0; i < scenario.payoffs.size(); ++i)
    payoff_programs.push_back(&ScenarioProgram::bind(program.payoffs[i], scenario.payoffs[i], context));
  program.infeasible_payoffs.resize(n);
  std::vector<const CompiledExpression*> infeasible_payoffs(n, nullptr);
  for (std::size_t p = 0; p < scenario.infeasible_payoffs.size() && p < n; ++p)
    if (scenario.infeasible_payoffs[p])
      infeasible_payoffs[p] =
          &ScenarioProgram::bind(program.infeasible_payoffs[p], *scenario.infeasible_payoffs[p], context);

  for (const CompiledExpression* constraint : constraint_programs)
    if (const CompiledExpression& c = *constraint; reads_type(c))
      fail_at(c.source().pos, "a constraint reads a player's type",
              "constraints say which actions exist, which a player cannot condition on another's type; "
              "put type-dependent costs in the payoffs");
  std::vector<PlayerPlan> plans(n);
  std::vector<const CompiledExpression*> cross_constraints;
  for (const CompiledExpression* constraint : constraint_programs) {
    const CompiledExpression& c = *constraint;
    const auto& players = c.players_used();
    if (players.empty()) {
      const double value = c.evaluate(static_cast<const std::size_t*>(nullptr));
      if (std::isnan(value)) fail_at(c.source().pos, "constraint is NaN (not a number)");
      if (value == 0)
        fail_at(c.source().pos, "constraint mentions no lever and is false, so it excludes every profile");
      continue;  // always true
    }
    if (players.size() == 1)
      plans[players[0]].filters.push_back(&c);
    else
      cross_constraints.push_back(&c);
  }

  // 2. Budget: lever products per player (cheap), then the action counts after
  //    single-player constraints, counted without storing anything.
  const std::uint64_t budget = options.max_profiles;
  auto over_budget = [&](std::uint64_t profiles, const std::vector<std::uint64_t>& counts) {
    std::string sizes;
    for (std::size_t p = 0; p < counts.size(); ++p)
      sizes += (p ? " x " : "") + count_text(counts[p]);
    const double bytes = static_cast<double>(profiles) * static_cast<double>(n) * 8.0;
    throw LimitError(
        "scenario " + scenario.file + " has " + count_text(profiles) +
        " profiles (" + sizes + " actions), over the budget of " + std::to_string(budget) +
        " profiles; its payoff tables would need about " +
        (profiles == kOverflow ? std::string("more memory than exists") : human_bytes(bytes)) +
        ".\n  hint: raise the budget with --max-profiles N if the memory is there, or remove "
        "levers or lever values");
  };
  std::vector<std::uint64_t> raw_counts(n);
  std::uint64_t raw_profiles = 1;
  for (std::size_t p = 0; p < n; ++p) {
    PlayerPlan& plan = plans[p];
    for (const Lever& lever : scenario.players[p].levers) {
      plan.lever_sizes.push_back(lever.size());
      plan.settings = multiply(plan.settings, lever.size());
    }
    raw_counts[p] = plan.settings;
    raw_profiles = multiply(raw_profiles, plan.settings);
  }
  std::vector<std::size_t>& slot_values = ws.slot_values;
  slot_values.assign(context.num_lever_slots(), 0);
  std::vector<std::uint64_t> counts = raw_counts;
  if (raw_profiles > budget) {
    // Constraints might still bring it under budget; screening a player costs
    // its lever product, which must itself be within budget.
    std::uint64_t profiles = 1;
    for (std::size_t p = 0; p < n; ++p) {
      if (plans[p].filters.empty()) continue;
      if (plans[p].settings > budget)
        throw LimitError("scenario " + scenario.file + ": player '" + scenario.players[p].id + "' alone has " +
                         count_text(plans[p].settings) +
                         " lever settings to screen against its constraints, over the budget of " +
                         std::to_string(budget) + " profiles (the whole game has up to " +
                         count_text(raw_profiles) +
                         " profiles before constraints).\n  hint: raise the budget with --max-profiles N, "
                         "or remove levers or lever values");
      std::vector<std::size_t> digits(plans[p].lever_sizes.size(), 0);
      const std::size_t first = context.lever_slot(p, 0);
      std::uint64_t kept = 0, screened = 0;
      do {
        if ((++screened & 0xFFFF) == 0)
          options.deadline.check("screening the lever settings of player '" + scenario.players[p].id +
                                 "' against its constraints (" + std::to_string(screened) + " of " +
                                 count_text(plans[p].settings) + " done); no game was built");
        std::copy(digits.begin(), digits.end(), slot_values.begin() + static_cast<long>(first));
        bool ok = true;
        for (const CompiledExpression* f : plans[p].filters)
          if (f->evaluate(slot_values.data()) == 0) {
            ok = false;
            break;
          }
        kept += ok;
      } while (advance_last_fastest(digits, plans[p].lever_sizes));
      counts[p] = kept;
    }
    for (std::size_t p = 0; p < n; ++p) profiles = multiply(profiles, counts[p]);
    if (profiles > budget) over_budget(profiles, counts);
  }

  // Memory before anything big: the payoff tables (one double per player and
  // profile), the infeasibility marks, and each player's action list.
  {
    std::uint64_t profiles = 1;
    double action_bytes = 0;
    for (std::size_t p = 0; p < n; ++p) {
      profiles = multiply(profiles, counts[p]);
      action_bytes += static_cast<double>(counts[p]) *
                      (static_cast<double>(plans[p].lever_sizes.size()) * sizeof(std::size_t) + 64.0);
    }
    const double table_bytes = static_cast<double>(profiles) * (static_cast<double>(n) * sizeof(double) +
                                                                (cross_constraints.empty() ? 0.0 : 1.0));
    // (The message is built only when it is needed: the check is cheap, the text is not.)
    if (!(table_bytes + action_bytes <= static_cast<double>(memory_budget_bytes())))
      check_memory_estimate(table_bytes + action_bytes,
                            "scenario " + scenario.file + " (" + count_text(profiles) + " profiles)");
  }

  // 3. Each player's actions (within budget now), written over `out`'s
  //    lists; the rows kept from the last build stay valid only if no list
  //    changes.
  const bool rows_were_ready = ws.rows_ready;
  ws.rows_ready = false;
  bool actions_changed = false;
  out.player_ids.resize(n);
  out.action_levers.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    const PlayerPlan& plan = plans[p];
    const ScenarioPlayer& player = scenario.players[p];
    out.player_ids[p] = player.id;
    std::vector<std::size_t>& digits = ws.digits;
    digits.assign(plan.lever_sizes.size(), 0);
    std::vector<std::vector<std::size_t>>& list = out.action_levers[p];
    std::size_t kept = 0;
    const std::size_t first = context.lever_slot(p, 0);
    do {
      std::copy(digits.begin(), digits.end(), slot_values.begin() + static_cast<long>(first));
      bool ok = true;
      for (const CompiledExpression* f : plan.filters) {
        const double value = f->evaluate(slot_values.data());
        if (std::isnan(value))
          fail_at(f->source().pos, "constraint is NaN (not a number) at " + player.id + ": " +
                                       action_label(player, digits));
        if (value == 0) {
          ok = false;
          break;
        }
      }
      if (ok) {
        if (kept < list.size()) {
          if (list[kept] != digits) {
            list[kept] = digits;
            actions_changed = true;
          }
        } else {
          list.push_back(digits);
          actions_changed = true;
        }
        ++kept;
      }
    } while (advance_last_fastest(digits, plan.lever_sizes));
    if (list.size() != kept) {
      list.resize(kept);
      actions_changed = true;
    }
    if (kept == 0)
      fail_at(plan.filters.front()->source().pos,
              "the constraints exclude every action of player '" + player.id + "'",
              "each player needs at least one lever setting that satisfies its constraints");
  }

  std::vector<std::size_t>& action_counts = ws.action_counts;
  action_counts.resize(n);
  for (std::size_t p = 0; p < n; ++p) action_counts[p] = out.action_levers[p].size();
  NormalFormGame& game = out.game;
  if (game.action_counts() != action_counts || game.has_exact()) {
    game = NormalFormGame(action_counts);
    actions_changed = true;
  }
  game.title = scenario.title.empty() ? scenario.id : scenario.title;
  game.comment = scenario.description;
  game.player_names.resize(n);
  game.action_labels.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    game.player_names[p] = scenario.players[p].name;
    std::vector<std::string>& labels = game.action_labels[p];
    labels.resize(action_counts[p]);
    for (std::size_t a = 0; a < action_counts[p]; ++a)
      write_action_label(labels[a], scenario.players[p], out.action_levers[p][a]);
  }

  // 4. Payoffs, in batches of consecutive profiles (Gambit order, player 0
  //    fastest): an odometer fills one row of lever slots per profile, then
  //    each expression runs once over the whole batch. For games of up to
  //    kKeptRowEntries slot values the rows of all profiles are filled once
  //    and kept for the next build with the same action lists.
  const std::size_t profiles = game.num_profiles();
  if (!cross_constraints.empty())
    out.infeasible.assign(profiles, 0);
  else
    out.infeasible.clear();
  const std::size_t slots = context.num_lever_slots();
  // (The product's tables: about scratch_size(profiles) doubles.)
  auto largest_scratch = [&](std::size_t count) {
    std::size_t size = 0;
    for (const CompiledExpression* e : constraint_programs) size = std::max(size, e->batch_scratch_size(count));
    for (const CompiledExpression* e : payoff_programs) size = std::max(size, e->batch_scratch_size(count));
    for (const auto& e : infeasible_payoffs)
      if (e) size = std::max(size, e->batch_scratch_size(count));
    return size;
  };
  const bool product_mode =
      n < 64 && profiles <= kProductProfiles && largest_scratch(profiles) + 3 * profiles <= kProductDoubles;
  const std::size_t kBatch = product_mode ? profiles : 256;
  const std::size_t scratch_size = product_mode ? 0 : largest_scratch(kBatch);
  std::vector<double>& scratch = ws.scratch;
  std::vector<double>& values = ws.values;
  std::vector<std::uint8_t>& feasible = ws.feasible;
  if (scratch.size() < scratch_size) scratch.resize(scratch_size);
  values.resize(kBatch);
  feasible.resize(kBatch);
  ActionProduct& product = ws.product;
  if (product_mode) {
    // Each lever slot's value index at each action of its player; type
    // slots are fixed per type profile (evaluate_expected).
    product.action_counts = action_counts;
    product.slot_player.assign(slots, ActionProduct::kFixed);
    product.fixed_values.assign(slots, 0);
    product.slot_values.resize(slots);
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t l = 0; l < scenario.players[p].levers.size(); ++l) {
        const std::size_t slot = context.lever_slot(p, l);
        product.slot_player[slot] = p;
        std::vector<std::size_t>& at = product.slot_values[slot];
        at.resize(action_counts[p]);
        for (std::size_t a = 0; a < action_counts[p]; ++a) at[a] = out.action_levers[p][a][l];
      }
  }
  // The expression over the current batch (rows) or over every profile.
  auto evaluate = [&](const CompiledExpression& e, std::size_t count, double* results, const std::size_t* rows) {
    if (product_mode)
      evaluate_product(e, product, results, ws.product_workspace);
    else
      e.evaluate_batch(rows, slots, count, results, scratch.data());
  };

  std::vector<std::size_t>& actions = ws.actions;
  actions.assign(n, 0);
  auto load_player = [&](std::size_t p) {
    const auto& levers = out.action_levers[p][actions[p]];
    std::copy(levers.begin(), levers.end(),
              slot_values.begin() + static_cast<long>(context.lever_slot(p, 0)));
  };
  // Fills `count` rows (profiles start.. in order; the odometer `actions`
  // is at profile `start`) and leaves the odometer at start + count.
  auto fill_rows = [&](std::size_t* rows, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      std::copy(slot_values.begin(), slot_values.end(), rows + i * slots);
      for (std::size_t p = 0; p < n; ++p) {  // next profile: player 0 fastest
        if (++actions[p] < action_counts[p]) {
          load_player(p);
          break;
        }
        actions[p] = 0;
        load_player(p);
      }
    }
  };
  for (std::size_t p = 0; p < n; ++p) load_player(p);
  const bool keep_rows = !product_mode && slots > 0 && profiles <= kKeptRowEntries / slots;
  if (keep_rows) {
    if (!(rows_were_ready && !actions_changed && ws.all_rows.size() == profiles * slots)) {
      ws.all_rows.resize(profiles * slots);
      fill_rows(ws.all_rows.data(), profiles);
    }
    ws.rows_ready = true;
  } else if (!product_mode) {
    ws.all_rows.clear();
    ws.batch_rows.resize(kBatch * slots);
  }
  std::size_t* rows = nullptr;  // the current batch's rows

  auto profile_text = [&](std::size_t index) {
    const PureProfile at = game.profile_actions(index);
    std::string text;
    for (std::size_t p = 0; p < n; ++p)
      text += (p ? "; " : "") + scenario.players[p].id + ": " + game.action_labels[p][at[p]];
    return text;
  };
  auto not_finite = [&](double value, const CompiledExpression& expression, const std::string& what,
                        std::size_t index) {
    fail_at(expression.source().pos,
            what + " is " + (std::isnan(value) ? "NaN (not a number)" : value > 0 ? "+infinity" : "-infinity") +
                " at " + profile_text(index),
            "payoffs must be finite numbers; check divisions by zero, log of 0 or negatives, overflows");
  };
  // An expression over a batch, averaged over the type prior when it reads a type.
  std::vector<double>& per_type = ws.per_type;
  auto evaluate_expected = [&](const CompiledExpression& e, std::size_t count, double* out_values) {
    if (!reads_type(e)) {
      evaluate(e, count, out_values, rows);
      return;
    }
    per_type.resize(kBatch);
    std::fill_n(out_values, count, 0.0);
    for (const TypeProfile& profile : prior.profiles) {
      for (std::size_t p = 0; p < n; ++p)
        if (scenario.types.typed(p) != static_cast<std::size_t>(-1)) {
          if (product_mode) {
            product.fixed_values[type_slot(scenario, context, p)] = profile.types[p];
            continue;
          }
          for (std::size_t i = 0; i < count; ++i) rows[i * slots + type_slot(scenario, context, p)] = profile.types[p];
        }
      evaluate(e, count, per_type.data(), rows);
      for (std::size_t i = 0; i < count; ++i) out_values[i] += profile.probability * per_type[i];
    }
  };
  std::vector<double>& lowest_feasible = ws.lowest_feasible;
  lowest_feasible.assign(n, std::numeric_limits<double>::infinity());
  std::vector<double*>& tables = ws.tables;
  tables.resize(n);
  for (std::size_t p = 0; p < n; ++p) tables[p] = game.payoff_table(p).data();
  std::size_t feasible_count = 0;
  for (std::size_t start = 0; start < profiles; start += kBatch) {
    if (start % (64 * kBatch) == 0 && start > 0)
      options.deadline.check("computing the payoffs of scenario " + scenario.file + ": " + std::to_string(start) +
                             " of " + std::to_string(profiles) + " profiles done; no game was built");
    const std::size_t count = std::min(kBatch, profiles - start);
    if (product_mode) {
      rows = nullptr;
    } else if (keep_rows) {
      rows = ws.all_rows.data() + start * slots;
    } else {
      rows = ws.batch_rows.data();
      fill_rows(rows, count);
    }
    std::fill_n(feasible.begin(), count, 1);
    for (const CompiledExpression* c : cross_constraints) {
      evaluate(*c, count, values.data(), rows);
      for (std::size_t i = 0; i < count; ++i) {
        if (!feasible[i]) continue;
        if (std::isnan(values[i]))
          fail_at(c->source().pos, "constraint is NaN (not a number) at " + profile_text(start + i));
        if (values[i] == 0) feasible[i] = 0;
      }
    }
    std::size_t batch_feasible = 0;
    for (std::size_t i = 0; i < count; ++i) batch_feasible += feasible[i];
    feasible_count += batch_feasible;
    for (std::size_t p = 0; p < n; ++p) {
      double* table = tables[p] + start;
      evaluate_expected(*payoff_programs[p], count, table);
      double lowest = lowest_feasible[p];
      for (std::size_t i = 0; i < count; ++i) {
        if (!feasible[i]) continue;
        if (!std::isfinite(table[i]))
          not_finite(table[i], *payoff_programs[p], "payoff of '" + scenario.players[p].id + "'", start + i);
        lowest = std::min(lowest, table[i]);
      }
      lowest_feasible[p] = lowest;
      if (batch_feasible == count) continue;
      if (infeasible_payoffs[p]) {
        evaluate_expected(*infeasible_payoffs[p], count, values.data());
        for (std::size_t i = 0; i < count; ++i) {
          if (feasible[i]) continue;
          if (!std::isfinite(values[i]))
            not_finite(values[i], *infeasible_payoffs[p], "infeasible payoff of '" + scenario.players[p].id + "'",
                       start + i);
          table[i] = values[i];
        }
      }
    }
    if (batch_feasible != count)
      for (std::size_t i = 0; i < count; ++i)
        if (!feasible[i]) out.infeasible[start + i] = 1;
  }
  if (feasible_count == 0)
    fail_at(cross_constraints.front()->source().pos, "the constraints exclude every profile",
            "at least one combination of the players' actions must satisfy every constraint");
  if (feasible_count < profiles) {
    for (std::size_t p = 0; p < n; ++p) {
      if (infeasible_payoffs[p]) continue;
      for (std::size_t index = 0; index < profiles; ++index)
        if (out.infeasible[index]) tables[p][index] = lowest_feasible[p];
    }
  }
}

}  // namespace negsim
