// Evaluating a compiled expression at every profile of a small game at once,
// each sub-expression over only the players it depends on.
//
// A game's profiles are the product of the players' actions (Gambit order:
// player 0 fastest). Most sub-expressions of a scenario's payoff read the
// levers of one or two players (`ban_cost_us * (us.deadline == enforce) *
// (bytedance.divest == refuse)` reads two of three), yet evaluate_batch
// computes each of them at every profile. evaluate_product keeps every
// intermediate value as a table over the actions of just the players it
// depends on, and broadcasts where two tables meet, so a sub-expression is
// computed once per combination of its own players' actions.
//
// Contract
//  - out[i] for every profile i (num_profiles() entries) is the very double
//    CompiledExpression::evaluate gives at that profile: the same operations
//    on the same operands in the same order, only not repeated where the
//    operands do not change (checked against evaluate() in
//    tests/models/scenario/expression_test.cpp, every operation).
//  - Lever slot s takes, at action a of its player, the value index
//    slot_values[s][a]; a slot whose value is the same at every profile (a
//    type lever while averaging over a prior) has slot_player[s] = kFixed and
//    the index fixed_values[s].
//  - At most 63 players. The workspace holds (stack depth + 2) tables of
//    num_profiles() doubles: callers use it for small games.
//  - Allocates only while the workspace grows; not thread-safe per workspace.
// Complexity: the sum over instructions of the product of the action counts
// of the players its value depends on (at most the profile count each).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/scenario/expression.hpp"

namespace negsim {

struct ActionProduct {
  static constexpr std::size_t kFixed = static_cast<std::size_t>(-1);
  std::vector<std::size_t> action_counts;             // per player
  std::vector<std::size_t> slot_player;               // per lever slot: its player, or kFixed
  std::vector<std::vector<std::size_t>> slot_values;  // per slot: value index at each action of its player
  std::vector<std::size_t> fixed_values;              // per slot: value index if kFixed

  std::size_t num_profiles() const;
};

struct ProductWorkspace {
  struct Entry {
    std::uint64_t players = 0;  // bit p: depends on player p's action
    std::size_t start = 0, size = 1;
  };
  std::vector<Entry> stack;
  std::vector<double> arena;
};

void evaluate_product(const CompiledExpression& expression, const ActionProduct& product, double* out,
                      ProductWorkspace& workspace);

}  // namespace negsim
