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

double profile_distance(const MixedProfile& a, const MixedProfile& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < a[i].size(); ++k) d = std::max(d, std::abs(a[i][k] - b[i][k]));
  return d;
}

}  // namespace negsim
