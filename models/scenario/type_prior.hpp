// Private types of a scenario (the `types:` block): the names expressions
// read, and the prior over type profiles after --set.
//
// Contract
//  - expression_scenario(s, with_chance): the scenario expressions are
//    compiled against. Every typed player gets one more label lever, `type`,
//    after its own levers (so `us.type == committed` is an indicator and the
//    lever slots of real levers keep their order within the player); with
//    with_chance, a last pseudo-player `chance` has one label lever per chance
//    event of the sequence (`chance.window == open`), and a pseudo-player
//    `sequence` has the numeric lever `round` (1, 2, ..., rounds) when the
//    scenario has a sequence. Without with_chance, untyped scenarios come
//    back unchanged.
//  - evaluate_prior(s): the probability of every type profile, computed from
//    the prior expressions (parameters only: reading a lever is an error at
//    the expression). Each probability must lie in [0, 1] and they must sum to
//    1 within 1e-9 (per player for independent priors, over the table for a
//    joint one), else InputError at the block with the sum. Profiles with
//    probability 0 are kept out of `profiles`.
// Complexity: O(product of type counts * players).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario/expression.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

Scenario expression_scenario(const Scenario& scenario, bool with_chance);

// The lever slot of player p's `type` in the context of expression_scenario
// (npos if p has no types).
std::size_t type_slot(const Scenario& scenario, const ExpressionContext& context, std::size_t player);

struct TypeProfile {
  std::vector<std::size_t> types;  // per scenario player: its type index (0 for untyped players)
  double probability = 0;
};

struct TypePrior {
  std::vector<std::size_t> type_counts;          // per scenario player; 1 if untyped
  std::vector<std::vector<std::string>> labels;  // per scenario player; {} if untyped
  std::vector<TypeProfile> profiles;             // probability > 0, first player's type slowest

  bool trivial() const { return profiles.size() <= 1 && labels_empty(); }
  bool labels_empty() const {
    for (const auto& l : labels)
      if (!l.empty()) return false;
    return true;
  }
  // P(player p has type t).
  double marginal(std::size_t player, std::size_t type) const;
};

// A scenario without types has one profile of probability 1.
TypePrior evaluate_prior(const Scenario& scenario);

// "committed" or, for an untyped player, "".
std::string type_label(const TypePrior& prior, std::size_t player, std::size_t type);

}  // namespace negsim

namespace negsim {
// True if a payoff (or infeasible payoff) expression of the scenario reads a
// player's type: then the one-shot game is a Bayesian game.
bool payoffs_read_types(const Scenario& scenario);
}  // namespace negsim
