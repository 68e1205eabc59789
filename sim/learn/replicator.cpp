#include "sim/learn/replicator.hpp"

#include <algorithm>

namespace negsim {

namespace {
MixedProfile velocity(const NormalFormGame& game, const MixedProfile& x) {
  const auto values = game.all_action_values(x);
  MixedProfile v(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    double mean = 0;
    for (std::size_t a = 0; a < x[i].size(); ++a) mean += x[i][a] * values[i][a];
    v[i].resize(x[i].size());
    for (std::size_t a = 0; a < x[i].size(); ++a) v[i][a] = x[i][a] * (values[i][a] - mean);
  }
  return v;
}

MixedProfile axpy(const MixedProfile& x, double h, const MixedProfile& v) {
  MixedProfile out = x;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t a = 0; a < x[i].size(); ++a) out[i][a] += h * v[i][a];
  return out;
}

void normalise(MixedProfile& x) {
  for (auto& row : x) {
    double s = 0;
    for (double& p : row) p = std::max(0.0, p), s += p;
    for (double& p : row) p /= s;
  }
}

LearningResult finish(const NormalFormGame& game, LearningResult r, MixedProfile x, double tol) {
  r.final_profile = std::move(x);
  r.max_regret = game.max_regret(r.final_profile);
  r.converged = r.final_change <= tol;
  return r;
}
}  // namespace

LearningResult replicator_continuous(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  r.method = "replicator-continuous";
  MixedProfile x = starting_profile(game, options);
  const double h = options.step;
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "replicator dynamics", t - 1);
    const MixedProfile k1 = velocity(game, x);
    const MixedProfile k2 = velocity(game, axpy(x, h / 2, k1));
    const MixedProfile k3 = velocity(game, axpy(x, h / 2, k2));
    const MixedProfile k4 = velocity(game, axpy(x, h, k3));
    MixedProfile next = x;
    for (std::size_t i = 0; i < x.size(); ++i)
      for (std::size_t a = 0; a < x[i].size(); ++a)
        next[i][a] += h / 6 * (k1[i][a] + 2 * k2[i][a] + 2 * k3[i][a] + k4[i][a]);
    normalise(next);
    r.final_change = profile_distance(next, x);
    x.swap(next);
    r.iterations = t;
    if (options.trace_every && t % options.trace_every == 0) r.trace.push_back(x), r.trace_iterations.push_back(t);
    if (r.final_change <= options.tol) break;
  }
  return finish(game, r, x, options.tol);
}

LearningResult replicator_discrete(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  r.method = "replicator-discrete";
  MixedProfile x = starting_profile(game, options);
  std::vector<double> low(game.num_players());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto table = game.payoff_table(i);
    low[i] = *std::min_element(table.begin(), table.end());
  }
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "replicator dynamics", t - 1);
    const auto values = game.all_action_values(x);
    MixedProfile next = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
      double mean = 0;
      for (std::size_t a = 0; a < x[i].size(); ++a) mean += x[i][a] * values[i][a];
      for (std::size_t a = 0; a < x[i].size(); ++a)
        next[i][a] = x[i][a] * (values[i][a] - low[i] + 1) / (mean - low[i] + 1);
    }
    normalise(next);
    r.final_change = profile_distance(next, x);
    x.swap(next);
    r.iterations = t;
    if (options.trace_every && t % options.trace_every == 0) r.trace.push_back(x), r.trace_iterations.push_back(t);
    if (r.final_change <= options.tol) break;
  }
  return finish(game, r, x, options.tol);
}

}  // namespace negsim
