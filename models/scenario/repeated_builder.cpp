#include "models/scenario/repeated_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/errors.hpp"

namespace negsim {

namespace {

[[noreturn]] void fail_at(const SourcePos& where, const std::string& message, const std::string& hint = "") {
  throw InputError(where.file, where.line, where.column, message, hint);
}

}  // namespace

RepeatedScenarioSpec build_repeated_spec(const Scenario& scenario, const ScenarioGame& built) {
  const RepeatedBlock& block = scenario.repeated;
  if (!block.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no 'repeated:' block",
                     "add e.g. repeated: {discount: 0.9, target: {player.lever: value}}");
  // The loader checked the block's structure (block_readers.hpp); what is
  // checked here depends on parameter values (--set) or the built game.
  const NormalFormGame& g = built.game;
  const std::size_t n = g.num_players();
  RepeatedScenarioSpec out;
  out.spec.stage = g;
  out.strategies = block.strategies;
  out.strategies.resize(n);

  out.spec.discount = block.discount.value(scenario.parameters);
  out.spec.discount_parameter = block.discount.parameter;
  if (!(out.spec.discount > 0 && out.spec.discount <= 1))
    fail_at(block.discount.pos, "discount must be in (0, 1], got " + std::to_string(out.spec.discount));
  out.spec.rounds = block.rounds;
  if (block.continuation) {
    out.spec.continuation = block.continuation->value(scenario.parameters);
    if (!(out.spec.continuation > 0 && out.spec.continuation <= 1))
      fail_at(block.continuation->pos, "continuation must be in (0, 1]");
  }
  if (out.spec.discount >= 1 && out.spec.continuation >= 1 && out.spec.rounds == 0)
    fail_at(block.discount.pos, "discount 1 needs a finite horizon", "add rounds: N, or use a discount below 1");

  // wanted[p][l] = value index, or kAny.
  constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();
  std::vector<std::vector<std::size_t>> wanted(n);
  for (std::size_t p = 0; p < n; ++p) wanted[p].assign(scenario.players[p].levers.size(), kAny);
  for (const RepeatedTargetSetting& t : block.target) wanted[t.player][t.lever] = t.value;
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
  if (best == kAny) fail_at(block.target_pos, "no feasible profile matches the target (the constraints exclude it)");
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

  try {
    out.spec.validate();
  } catch (const std::invalid_argument& e) {
    fail_at(block.pos, e.what());
  }
  return out;
}

}  // namespace negsim
