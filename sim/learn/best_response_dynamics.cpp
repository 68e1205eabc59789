#include "sim/learn/best_response_dynamics.hpp"

#include <stdexcept>
#include <unordered_set>

namespace negsim {

LearningResult best_response_dynamics(const NormalFormGame& game, const LearningOptions& options) {
  LearningResult r;
  r.method = options.simultaneous ? "best-response-simultaneous" : "best-response-sequential";
  const std::size_t n = game.num_players();
  PureProfile a(n, 0);
  if (!options.initial.empty()) {
    if (!game.is_valid_mixed(options.initial)) throw std::invalid_argument("invalid initial profile");
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t k = 0;
      while (k < options.initial[i].size() && options.initial[i][k] < 0.5) ++k;
      if (k == options.initial[i].size()) throw std::invalid_argument("best-response dynamics needs a pure start");
      a[i] = k;
    }
  }
  auto best_reply = [&](const PureProfile& prof, std::size_t i) {
    const std::size_t idx = game.profile_index(prof);
    const std::size_t base = idx - prof[i] * game.stride(i);
    std::size_t best = prof[i];
    double value = game.payoff(i, idx);
    for (std::size_t b = 0; b < game.num_actions(i); ++b)
      if (game.payoff(i, base + b * game.stride(i)) > value) value = game.payoff(i, base + b * game.stride(i)), best = b;
    return best;
  };
  std::unordered_set<std::size_t> seen = {game.profile_index(a)};
  bool cycled = false;
  for (std::size_t t = 1; t <= options.max_iterations; ++t) {
    check_learning_deadline(options, "best-response dynamics", t - 1);
    const PureProfile before = a;
    if (options.simultaneous) {
      PureProfile next = a;
      for (std::size_t i = 0; i < n; ++i) next[i] = best_reply(a, i);
      a = next;
    } else {
      for (std::size_t i = 0; i < n; ++i) a[i] = best_reply(a, i);
    }
    r.iterations = t;
    r.final_change = before == a ? 0.0 : 1.0;
    if (options.trace_every && t % options.trace_every == 0)
      r.trace.push_back(game.pure_to_mixed(a)), r.trace_iterations.push_back(t);
    if (before == a) break;
    if (!seen.insert(game.profile_index(a)).second) {
      cycled = true;
      break;
    }
  }
  r.final_profile = game.pure_to_mixed(a);
  r.max_regret = game.max_regret(r.final_profile);
  r.converged = !cycled && r.final_change == 0.0;
  return r;
}

}  // namespace negsim
