#include "sim/learn/replicator.hpp"

#include <algorithm>

namespace negsim {

namespace {
// Payoffs in each player's range (payoff_units), so that step and tol are unit-free.
MixedProfile velocity(const NormalFormGame& game, const MixedProfile& x, const std::vector<double>& unit) {
  const auto values = game.all_action_values(x);
  MixedProfile v(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    double mean = 0;
    for (std::size_t a = 0; a < x[i].size(); ++a) mean += x[i][a] * values[i][a];
    v[i].resize(x[i].size());
    for (std::size_t a = 0; a < x[i].size(); ++a) v[i][a] = x[i][a] * (values[i][a] - mean) / unit[i];
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

// Iterates x <- normalise(step(x)) from the starting profile until a step
// changes x by at most options.tol or max_iterations is reached, recording
// the trace and checking the deadline once per iteration.
template <class Step>
LearningResult iterate(const NormalFormGame& game, const LearningOptions& options, const char* method,
                       Step step) {
  LearningResult r;
  r.method = method;
  MixedProfile x = starting_profile(game, options);
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "replicator dynamics", t - 1);
    MixedProfile next = step(x);
    normalise(next);
    r.final_change = profile_distance(next, x);
    x.swap(next);
    r.iterations = t;
    if (options.trace_every && t % options.trace_every == 0) r.trace.push_back(x), r.trace_iterations.push_back(t);
    if (r.final_change <= options.tol) break;
  }
  r.final_profile = std::move(x);
  r.max_regret = game.max_regret(r.final_profile);
  r.converged = r.final_change <= options.tol;
  return r;
}
}  // namespace

LearningResult replicator_continuous(const NormalFormGame& game, const LearningOptions& options) {
  const double h = options.step;
  const std::vector<double> unit = payoff_units(game);
  return iterate(game, options, "replicator-continuous", [&](const MixedProfile& x) {
    const MixedProfile k1 = velocity(game, x, unit);
    const MixedProfile k2 = velocity(game, axpy(x, h / 2, k1), unit);
    const MixedProfile k3 = velocity(game, axpy(x, h / 2, k2), unit);
    const MixedProfile k4 = velocity(game, axpy(x, h, k3), unit);
    MixedProfile next = x;
    for (std::size_t i = 0; i < x.size(); ++i)
      for (std::size_t a = 0; a < x[i].size(); ++a)
        next[i][a] += h / 6 * (k1[i][a] + 2 * k2[i][a] + 2 * k3[i][a] + k4[i][a]);
    return next;
  });
}

LearningResult replicator_discrete(const NormalFormGame& game, const LearningOptions& options) {
  const std::vector<double> unit = payoff_units(game);
  std::vector<double> low(game.num_players());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto table = game.payoff_table(i);
    low[i] = *std::min_element(table.begin(), table.end());
  }
  return iterate(game, options, "replicator-discrete", [&](const MixedProfile& x) {
    const auto values = game.all_action_values(x);
    MixedProfile next = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
      double mean = 0;
      for (std::size_t a = 0; a < x[i].size(); ++a) mean += x[i][a] * values[i][a];
      for (std::size_t a = 0; a < x[i].size(); ++a)
        next[i][a] = x[i][a] * (values[i][a] - low[i] + unit[i]) / (mean - low[i] + unit[i]);
    }
    return next;
  });
}

}  // namespace negsim
