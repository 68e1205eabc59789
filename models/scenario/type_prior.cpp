#include "models/scenario/type_prior.hpp"

#include <cmath>
#include <algorithm>
#include <cstdio>

#include "models/errors.hpp"

namespace negsim {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

[[noreturn]] void fail_at(const SourcePos& where, const std::string& message, const std::string& hint = "") {
  throw InputError(where.file, where.line, where.column, message, hint);
}

std::string number(double x) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

// A probability from its expression: parameters only, in [0, 1].
double probability(const ExpressionText& text, const ExpressionContext& context, const std::string& what) {
  const CompiledExpression e = compile_expression(text, context);
  if (!e.players_used().empty())
    fail_at(text.pos, what + " reads a lever", "prior probabilities are numbers or expressions over parameters");
  const double p = e.evaluate(static_cast<const std::size_t*>(nullptr));
  if (!(p >= 0 && p <= 1))
    fail_at(text.pos, what + " is " + number(p) + ", not a probability in [0, 1]",
            "check the parameters it reads (--set may have moved them)");
  return p;
}

}  // namespace

Scenario expression_scenario(const Scenario& scenario, bool with_chance) {
  Scenario out = scenario;
  for (const PlayerTypes& types : scenario.types.players) {
    Lever type;
    type.id = "type";
    type.labels = types.labels;
    for (std::size_t t = 0; t < types.labels.size(); ++t) type.numbers.push_back(static_cast<double>(t));
    type.pos = types.pos;
    out.players[types.player].levers.push_back(std::move(type));
  }
  if (with_chance && !scenario.sequence.chance_events.empty()) {
    ScenarioPlayer chance;
    chance.id = chance.name = "chance";
    chance.pos = scenario.sequence.pos;
    for (const ChanceEvent& event : scenario.sequence.chance_events) {
      Lever lever;
      lever.id = event.id;
      lever.labels = event.outcomes;
      for (std::size_t o = 0; o < event.outcomes.size(); ++o) lever.numbers.push_back(static_cast<double>(o));
      lever.pos = event.pos;
      chance.levers.push_back(std::move(lever));
    }
    out.players.push_back(std::move(chance));
  }
  if (with_chance && scenario.sequence.present) {
    // `sequence.round`: the round number, 1 to rounds (clamped; the builder
    // reports a bad `rounds`).
    const double r = scenario.sequence.rounds.value(scenario.parameters);
    const std::size_t rounds = r >= 1 && r <= 1000 ? static_cast<std::size_t>(r) : 1;
    ScenarioPlayer clock;
    clock.id = clock.name = "sequence";
    clock.pos = scenario.sequence.pos;
    Lever round;
    round.id = "round";
    round.numeric = true;
    round.pos = scenario.sequence.pos;
    for (std::size_t k = 1; k <= rounds; ++k) {
      round.labels.push_back(std::to_string(k));
      round.numbers.push_back(static_cast<double>(k));
    }
    clock.levers.push_back(std::move(round));
    out.players.push_back(std::move(clock));
  }
  return out;
}

std::size_t type_slot(const Scenario& scenario, const ExpressionContext& context, std::size_t player) {
  if (scenario.types.typed(player) == kNone) return kNone;
  return context.lever_slot(player, scenario.players[player].levers.size());
}

double TypePrior::marginal(std::size_t player, std::size_t type) const {
  double sum = 0;
  for (const TypeProfile& profile : profiles)
    if (profile.types[player] == type) sum += profile.probability;
  return sum;
}

std::string type_label(const TypePrior& prior, std::size_t player, std::size_t type) {
  return prior.labels[player].empty() ? std::string() : prior.labels[player][type];
}

TypePrior evaluate_prior(const Scenario& scenario) {
  const std::size_t n = scenario.players.size();
  TypePrior out;
  out.type_counts.assign(n, 1);
  out.labels.assign(n, {});
  const TypesBlock& block = scenario.types;
  if (!block.present) {
    out.profiles.push_back({std::vector<std::size_t>(n, 0), 1.0});
    return out;
  }
  const ExpressionContext context(scenario);
  for (const PlayerTypes& t : block.players) {
    out.type_counts[t.player] = t.labels.size();
    out.labels[t.player] = t.labels;
  }
  // Every type profile, first player's type slowest.
  std::vector<std::size_t> digits(n, 0);
  std::vector<std::vector<std::size_t>> all;
  while (true) {
    all.push_back(digits);
    bool more = false;
    for (std::size_t i = n; i-- > 0;) {
      if (++digits[i] < out.type_counts[i]) {
        more = true;
        break;
      }
      digits[i] = 0;
    }
    if (!more) break;
  }
  std::vector<double> weight(all.size(), 0.0);
  if (block.joint.empty()) {
    std::vector<std::vector<double>> marginal(n);
    for (const PlayerTypes& t : block.players) {
      const std::string& id = scenario.players[t.player].id;
      double sum = 0;
      for (std::size_t k = 0; k < t.labels.size(); ++k) {
        marginal[t.player].push_back(
            probability(t.prior[k], context, "the prior probability of " + id + " being " + t.labels[k]));
        sum += marginal[t.player].back();
      }
      if (std::abs(sum - 1) > 1e-9)
        fail_at(t.pos, "the prior probabilities of the types of '" + id + "' sum to " + number(sum) + ", not 1",
                "write the last one as 1 minus the others, e.g. bluffing: \"1 - p_committed\"");
    }
    for (std::size_t k = 0; k < all.size(); ++k) {
      double w = 1;
      for (const PlayerTypes& t : block.players) w *= marginal[t.player][all[k][t.player]];
      weight[k] = w;
    }
  } else {
    double sum = 0;
    for (const JointPriorRow& row : block.joint) {
      std::vector<std::size_t> profile(n, 0);
      std::string name;
      for (std::size_t i = 0; i < block.players.size(); ++i) {
        profile[block.players[i].player] = row.types[i];
        name += (i ? ", " : "") + block.players[i].labels[row.types[i]];
      }
      const double p = probability(row.probability, context, "the joint prior probability of (" + name + ")");
      for (std::size_t k = 0; k < all.size(); ++k)
        if (all[k] == profile) weight[k] = p;
      sum += p;
    }
    if (std::abs(sum - 1) > 1e-9)
      fail_at(block.joint_pos, "the joint prior probabilities sum to " + number(sum) + ", not 1",
              "type profiles not listed have probability 0");
  }
  for (std::size_t k = 0; k < all.size(); ++k)
    if (weight[k] > 0) out.profiles.push_back({all[k], weight[k]});
  return out;
}

}  // namespace negsim

namespace negsim {
bool payoffs_read_types(const Scenario& scenario) {
  if (!scenario.types.present) return false;
  const Scenario named = expression_scenario(scenario, false);
  const ExpressionContext context(named);
  std::vector<std::size_t> slots;
  for (const PlayerTypes& t : scenario.types.players) slots.push_back(type_slot(scenario, context, t.player));
  auto reads = [&](const ExpressionText& text) {
    const CompiledExpression e = compile_expression(text, context);
    for (std::size_t s : e.lever_slots_used())
      if (std::find(slots.begin(), slots.end(), s) != slots.end()) return true;
    return false;
  };
  for (const ExpressionText& t : scenario.payoffs)
    if (reads(t)) return true;
  for (const auto& t : scenario.infeasible_payoffs)
    if (t && reads(*t)) return true;
  return false;
}
}  // namespace negsim
