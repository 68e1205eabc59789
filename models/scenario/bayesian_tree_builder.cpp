#include "models/scenario/bayesian_tree_builder.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/io/number_text.hpp"
#include "models/memory_budget.hpp"

namespace negsim {

ExtensiveFormGame bayesian_extensive_form(const TypeAgentGame& tag, const std::string& title) {
  const TypePrior& prior = tag.prior;
  if (tag.per_type.size() != prior.profiles.size() || tag.per_type.empty())
    throw std::invalid_argument("bayesian_extensive_form: one complete-information game per type profile expected");
  const NormalFormGame& shape = tag.per_type.front().game;  // every type profile has the same players and actions
  const std::size_t np = shape.num_players();
  double nodes_per_type = 1, level = 1;
  for (std::size_t p = 0; p < np; ++p) {
    level *= static_cast<double>(shape.num_actions(p));
    nodes_per_type += level;
  }
  const double types = static_cast<double>(prior.profiles.size());
  check_memory_estimate(types * (nodes_per_type * (sizeof(EfgNode) + 16.0) + level * np * 48.0) + 64.0,
                        "the game tree of the Bayesian game");

  ExtensiveFormGame g;
  g.title = title;
  for (std::size_t p = 0; p < np; ++p) g.add_player(shape.player_names[p]);
  // One information set per (player, type), made in player then type order.
  std::vector<std::vector<std::size_t>> set_of(np);
  for (std::size_t p = 0; p < np; ++p) {
    const std::vector<std::string>& types_of_p = prior.labels[p];
    set_of[p].assign(std::max<std::size_t>(1, types_of_p.size()), kNoIndex);
    for (std::size_t t = 0; t < set_of[p].size(); ++t) {
      if (tag.agent(p, t) == static_cast<std::size_t>(-1)) continue;  // type of probability 0: never reached
      const std::string label =
          types_of_p.empty() ? shape.player_names[p] : shape.player_names[p] + ", knowing its type (" + types_of_p[t] + ")";
      set_of[p][t] = g.add_infoset(p, shape.action_labels[p], label);
    }
  }
  std::vector<std::string> branch;
  std::vector<double> probabilities;
  for (const TypeProfile& profile : prior.profiles) {
    std::string label;
    for (std::size_t p = 0; p < np; ++p)
      if (!prior.labels[p].empty()) label += (label.empty() ? "" : ", ") + prior.labels[p][profile.types[p]];
    branch.push_back(label);
    probabilities.push_back(profile.probability);
  }
  // The prior as the short decimals the scenario wrote (0.1, not its binary
  // neighbour), the last one 1 minus the others so the sum is exactly 1; if
  // that last one would be negative, the doubles themselves (rescaled).
  std::vector<mpq_class> exact;
  mpq_class sum = 0;
  for (std::size_t k = 0; k + 1 < probabilities.size(); ++k) {
    exact.push_back(*parse_exact_number(format_shortest(probabilities[k])));
    sum += exact.back();
  }
  exact.push_back(1 - sum);
  const std::size_t chance = exact.back() >= 0 ? g.add_chance_infoset(branch, exact, "types")
                                               : g.add_chance_infoset(branch, probabilities, "types");
  const std::size_t first_type = g.set_move(0, chance);
  for (std::size_t k = 0; k < prior.profiles.size(); ++k) {
    const NormalFormGame& game = tag.per_type[k].game;
    // Level by level under this type profile; (node, profile index so far).
    std::vector<std::pair<std::size_t, std::size_t>> frontier{{first_type + k, 0}};
    for (std::size_t p = 0; p < np; ++p) {
      std::vector<std::pair<std::size_t, std::size_t>> next;
      next.reserve(frontier.size() * game.num_actions(p));
      const std::size_t set = set_of[p][prior.labels[p].empty() ? 0 : prior.profiles[k].types[p]];
      for (const auto& step : frontier) {
        const std::size_t first = g.set_move(step.first, set);
        for (std::size_t a = 0; a < game.num_actions(p); ++a) next.emplace_back(first + a, step.second + a * game.stride(p));
      }
      frontier = std::move(next);
    }
    for (const auto& leaf : frontier) {
      std::vector<mpq_class> pay;
      for (std::size_t p = 0; p < np; ++p) pay.push_back(game.exact_or_double_payoff(p, leaf.second));
      g.set_outcome(leaf.first, g.add_outcome(std::move(pay)));
    }
  }
  g.finalize();
  return g;
}

}  // namespace negsim
