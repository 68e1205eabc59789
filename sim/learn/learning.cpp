#include "sim/learn/learning.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace negsim {

MixedProfile starting_profile(const NormalFormGame& game, const LearningOptions& options) {
  if (!options.initial.empty()) {
    if (!game.is_valid_mixed(options.initial, 1e-9))
      throw std::invalid_argument("initial profile is not a valid mixed profile of the game");
    return options.initial;
  }
  MixedProfile p(game.num_players());
  for (std::size_t i = 0; i < game.num_players(); ++i)
    p[i].assign(game.num_actions(i), 1.0 / static_cast<double>(game.num_actions(i)));
  return p;
}

void check_learning_deadline(const LearningOptions& options, const char* method, std::size_t iterations_done) {
  if (!options.deadline.expired()) return;
  options.deadline.fail(std::string(method) + ": " + std::to_string(iterations_done) + " of " +
                        std::to_string(options.max_iterations) +
                        " iterations done, not converged; nothing is reported");
}

std::vector<double> payoff_units(const NormalFormGame& game) {
  std::vector<double> unit(game.num_players(), 1.0);
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    if (*hi > *lo) unit[p] = *hi - *lo;
  }
  return unit;
}

double max_relative_regret(const NormalFormGame& game, const MixedProfile& profile,
                           const std::vector<double>& units) {
  const std::vector<double> regret = game.regrets(profile);
  double worst = 0;
  for (std::size_t i = 0; i < regret.size(); ++i) worst = std::max(worst, regret[i] / units[i]);
  return worst;
}

double profile_distance(const MixedProfile& a, const MixedProfile& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < a[i].size(); ++k) d = std::max(d, std::abs(a[i][k] - b[i][k]));
  return d;
}

}  // namespace negsim
