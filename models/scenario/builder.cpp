#include "models/scenario/builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/type_prior.hpp"

namespace negsim {

std::string action_label(const ScenarioPlayer& player, const std::vector<std::size_t>& value_indices) {
  std::string out;
  for (std::size_t l = 0; l < player.levers.size(); ++l) {
    if (l) out += ',';
    out += player.levers[l].id;
    out += '=';
    out += player.levers[l].labels[value_indices[l]];
  }
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
const Scenario& expression_scope(const Scenario& scenario, Scenario& storage) {
  if (scenario.types.players.empty()) return scenario;
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
  return storage;
}

// Same text from the same place (so error positions stay right).
bool same_text(const ExpressionText& a, const ExpressionText& b) {
  const auto same_location = [](const TextLocation& x, const TextLocation& y) {
    return x.line == y.line && x.column == y.column;
  };
  return a.text == b.text && a.pos.file == b.pos.file && a.pos.line == b.pos.line && a.pos.column == b.pos.column &&
         std::equal(a.char_locations.begin(), a.char_locations.end(), b.char_locations.begin(),
                    b.char_locations.end(), same_location);
}
}  // namespace

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
  const std::size_t n = scenario.players.size();
  // Types (if any) are extra label levers `PLAYER.type` (type_prior.hpp); a
  // typed scenario's one-shot game averages the payoffs over the prior: the
  // game in which no player conditions on a type (the Bayesian game is
  // analysed in its type-agent form, models/scenario/type_agent_builder.hpp).
  Scenario named_storage;
  const ExpressionContext context(expression_scope(scenario, named_storage));
  TypePrior prior = evaluate_prior(scenario);
  if (!options.type_profile.empty()) prior.profiles = {TypeProfile{options.type_profile, 1.0}};
  std::vector<std::size_t> type_slots;
  for (std::size_t p = 0; p < n; ++p)
    if (scenario.types.typed(p) != static_cast<std::size_t>(-1)) type_slots.push_back(type_slot(scenario, context, p));
  const auto reads_type = [&](const CompiledExpression& e) {
    for (std::size_t slot : e.lever_slots_used())
      if (std::find(type_slots.begin(), type_slots.end(), slot) != type_slots.end()) return true;
    return false;
  };

  // 1. Compile every expression first: errors in the text come before any budget question.
  program.constraints.resize(scenario.constraints.size());
  std::vector<const CompiledExpression*> constraint_programs;
  for (std::size_t i = 0; i < scenario.constraints.size(); ++i)
    constraint_programs.push_back(&ScenarioProgram::bind(program.constraints[i], scenario.constraints[i], context));
  program.payoffs.resize(scenario.payoffs.size());
  std::vector<const CompiledExpression*> payoff_programs;
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
  std::vector<std::size_t> slot_values(context.num_lever_slots(), 0);
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
    check_memory_estimate(table_bytes + action_bytes,
                          "scenario " + scenario.file + " (" + count_text(profiles) + " profiles)");
  }

  // 3. Each player's actions (within budget now).
  ScenarioGame out;
  out.action_levers.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    const PlayerPlan& plan = plans[p];
    const ScenarioPlayer& player = scenario.players[p];
    out.player_ids.push_back(player.id);
    std::vector<std::size_t> digits(plan.lever_sizes.size(), 0);
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
      if (ok) out.action_levers[p].push_back(digits);
    } while (advance_last_fastest(digits, plan.lever_sizes));
    if (out.action_levers[p].empty())
      fail_at(plan.filters.front()->source().pos,
              "the constraints exclude every action of player '" + player.id + "'",
              "each player needs at least one lever setting that satisfies its constraints");
  }

  std::vector<std::size_t> action_counts(n);
  for (std::size_t p = 0; p < n; ++p) action_counts[p] = out.action_levers[p].size();
  NormalFormGame& game = out.game;
  game = NormalFormGame(action_counts);
  game.title = scenario.title.empty() ? scenario.id : scenario.title;
  game.comment = scenario.description;
  game.player_names.clear();
  game.action_labels.assign(n, {});
  for (std::size_t p = 0; p < n; ++p) {
    game.player_names.push_back(scenario.players[p].name);
    for (const auto& levers : out.action_levers[p])
      game.action_labels[p].push_back(action_label(scenario.players[p], levers));
  }

  // 4. Payoffs, in batches of consecutive profiles (Gambit order, player 0
  //    fastest): an odometer fills one row of lever slots per profile, then
  //    each expression runs once over the whole batch.
  const std::size_t profiles = game.num_profiles();
  if (!cross_constraints.empty()) out.infeasible.assign(profiles, 0);
  const std::size_t slots = context.num_lever_slots();
  constexpr std::size_t kBatch = 256;
  std::size_t scratch_size = 0;
  for (const CompiledExpression* e : constraint_programs) scratch_size = std::max(scratch_size, e->batch_scratch_size(kBatch));
  for (const CompiledExpression* e : payoff_programs) scratch_size = std::max(scratch_size, e->batch_scratch_size(kBatch));
  for (const auto& e : infeasible_payoffs)
    if (e) scratch_size = std::max(scratch_size, e->batch_scratch_size(kBatch));
  std::vector<double> scratch(scratch_size), values(kBatch);
  std::vector<std::size_t> rows(kBatch * slots);
  std::vector<std::uint8_t> feasible(kBatch, 1);

  std::vector<std::size_t> actions(n, 0);
  auto load_player = [&](std::size_t p) {
    const auto& levers = out.action_levers[p][actions[p]];
    std::copy(levers.begin(), levers.end(),
              slot_values.begin() + static_cast<long>(context.lever_slot(p, 0)));
  };
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
  std::vector<double> per_type(kBatch);
  auto evaluate_expected = [&](const CompiledExpression& e, std::size_t count, double* out_values) {
    if (!reads_type(e)) {
      e.evaluate_batch(rows.data(), slots, count, out_values, scratch.data());
      return;
    }
    std::fill_n(out_values, count, 0.0);
    for (const TypeProfile& profile : prior.profiles) {
      for (std::size_t i = 0; i < count; ++i)
        for (std::size_t p = 0; p < n; ++p)
          if (scenario.types.typed(p) != static_cast<std::size_t>(-1))
            rows[i * slots + type_slot(scenario, context, p)] = profile.types[p];
      e.evaluate_batch(rows.data(), slots, count, per_type.data(), scratch.data());
      for (std::size_t i = 0; i < count; ++i) out_values[i] += profile.probability * per_type[i];
    }
  };
  for (std::size_t p = 0; p < n; ++p) load_player(p);
  std::vector<double> lowest_feasible(n, std::numeric_limits<double>::infinity());
  std::vector<double*> tables(n);
  for (std::size_t p = 0; p < n; ++p) tables[p] = game.payoff_table(p).data();
  std::size_t feasible_count = 0;
  for (std::size_t start = 0; start < profiles; start += kBatch) {
    if (start % (64 * kBatch) == 0 && start > 0)
      options.deadline.check("computing the payoffs of scenario " + scenario.file + ": " + std::to_string(start) +
                             " of " + std::to_string(profiles) + " profiles done; no game was built");
    const std::size_t count = std::min(kBatch, profiles - start);
    for (std::size_t i = 0; i < count; ++i) {
      std::copy(slot_values.begin(), slot_values.end(), rows.begin() + static_cast<long>(i * slots));
      for (std::size_t p = 0; p < n; ++p) {  // next profile: player 0 fastest
        if (++actions[p] < action_counts[p]) {
          load_player(p);
          break;
        }
        actions[p] = 0;
        load_player(p);
      }
    }
    std::fill_n(feasible.begin(), count, 1);
    for (const CompiledExpression* c : cross_constraints) {
      c->evaluate_batch(rows.data(), slots, count, values.data(), scratch.data());
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
  return out;
}

}  // namespace negsim
