#include "sim/learn/logit_response.hpp"

#include <algorithm>
#include <cmath>

namespace negsim {

MixedProfile logit_choice(const NormalFormGame& game, const MixedProfile& x, double lambda) {
  const auto values = game.all_action_values(x);
  MixedProfile out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double top = *std::max_element(values[i].begin(), values[i].end());
    double s = 0;
    out[i].resize(values[i].size());
    for (std::size_t a = 0; a < values[i].size(); ++a) s += out[i][a] = std::exp(lambda * (values[i][a] - top));
    for (double& p : out[i]) p /= s;
  }
  return out;
}

LearningResult logit_response(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  r.method = "logit-response";
  MixedProfile x = starting_profile(game, options);
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "logit response dynamics", t - 1);
    const MixedProfile target = logit_choice(game, x, options.lambda);
    MixedProfile next = x;
    for (std::size_t i = 0; i < x.size(); ++i)
      for (std::size_t a = 0; a < x[i].size(); ++a)
        next[i][a] = (1 - options.step) * x[i][a] + options.step * target[i][a];
    r.final_change = profile_distance(next, x);
    x.swap(next);
    r.iterations = t;
    if (options.trace_every && t % options.trace_every == 0) r.trace.push_back(x), r.trace_iterations.push_back(t);
    if (r.final_change <= options.tol) break;
  }
  r.final_profile = x;
  r.max_regret = game.max_regret(x);
  r.converged = r.final_change <= options.tol;
  return r;
}

}  // namespace negsim
