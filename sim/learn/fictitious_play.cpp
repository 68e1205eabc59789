#include "sim/learn/fictitious_play.hpp"

#include <algorithm>

namespace negsim {

LearningResult fictitious_play(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  const std::vector<double> units = payoff_units(game);
  r.method = "fictitious-play";
  const std::size_t n = game.num_players();
  MixedProfile counts = starting_profile(game, options);  // weight 1 for the prior
  MixedProfile empirical = counts, previous;
  double rounds = 1;
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "fictitious play", t - 1);
    const auto values = game.all_action_values(empirical);
    for (std::size_t i = 0; i < n; ++i) {
      const auto best = std::max_element(values[i].begin(), values[i].end());
      counts[i][static_cast<std::size_t>(best - values[i].begin())] += 1.0;
    }
    rounds += 1;
    previous = empirical;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t a = 0; a < counts[i].size(); ++a) empirical[i][a] = counts[i][a] / rounds;
    r.iterations = t;
    r.final_change = profile_distance(empirical, previous);
    if (options.trace_every && t % options.trace_every == 0) {
      r.trace.push_back(empirical);
      r.trace_iterations.push_back(t);
    }
    // Checking regret costs as much as an iteration; do it every 16 rounds.
    if ((t % 16 == 0 || t == options.max_iterations) && max_relative_regret(game, empirical, units) <= options.tol) {
      r.converged = true;
      break;
    }
  }
  r.final_profile = empirical;
  r.empirical = empirical;
  r.max_regret = game.max_regret(empirical);
  r.converged = max_relative_regret(game, empirical, units) <= options.tol;
  return r;
}

}  // namespace negsim
