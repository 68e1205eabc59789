#include "sim/learn/regret_matching.hpp"

#include <algorithm>
#include <random>

namespace negsim {

LearningResult regret_matching(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  r.method = "regret-matching";
  const std::size_t n = game.num_players();
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::vector<double>> regret(n), counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    regret[i].assign(game.num_actions(i), 0.0);
    counts[i].assign(game.num_actions(i), 0.0);
  }
  MixedProfile strategy = starting_profile(game, options), previous;
  std::vector<std::size_t> play(n);
  const bool keep_joint = game.num_profiles() <= (std::size_t{1} << 20);
  if (keep_joint) r.joint.assign(game.num_profiles(), 0.0);
  double worst = 0, relative_gap = 0;
  const std::vector<double> units = payoff_units(game);
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    if ((t & 255) == 0) check_learning_deadline(options, "regret matching", t - 1);
    std::size_t idx = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double u = uniform(rng), acc = 0;
      std::size_t a = strategy[i].size() - 1;
      for (std::size_t k = 0; k < strategy[i].size(); ++k) {
        acc += strategy[i][k];
        if (u < acc) { a = k; break; }
      }
      play[i] = a;
      idx += a * game.stride(i);
      counts[i][a] += 1;
    }
    if (keep_joint) r.joint[idx] += 1;
    previous = strategy;
    worst = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t base = idx - play[i] * game.stride(i);
      const double got = game.payoff(i, idx);
      double positive = 0;
      for (std::size_t a = 0; a < regret[i].size(); ++a) {
        regret[i][a] += game.payoff(i, base + a * game.stride(i)) - got;
        positive += std::max(0.0, regret[i][a]);
        worst = std::max(worst, regret[i][a] / units[i]);
      }
      for (std::size_t a = 0; a < regret[i].size(); ++a)
        strategy[i][a] = positive > 0 ? std::max(0.0, regret[i][a]) / positive
                                      : 1.0 / static_cast<double>(regret[i].size());
    }
    r.iterations = t;
    r.final_change = profile_distance(strategy, previous);
    relative_gap = worst / static_cast<double>(t);
    if (options.trace_every && t % options.trace_every == 0) {
      r.trace.push_back(strategy);
      r.trace_iterations.push_back(t);
    }
    if (relative_gap <= options.tol && t >= 100) break;
  }
  r.empirical.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.empirical[i] = counts[i];
    for (double& x : r.empirical[i]) x /= static_cast<double>(r.iterations);
  }
  for (double& x : r.joint) x /= static_cast<double>(r.iterations);
  r.final_profile = r.empirical;
  r.max_regret = game.max_regret(r.final_profile);
  // The reported gap in payoff units; the verdict per player in its range.
  double gap = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (double x : regret[i]) gap = std::max(gap, x);
  r.cce_gap = gap / static_cast<double>(r.iterations);
  r.converged = relative_gap <= options.tol;
  return r;
}

}  // namespace negsim
