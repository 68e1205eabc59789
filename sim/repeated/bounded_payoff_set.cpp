#include "sim/repeated/bounded_payoff_set.hpp"

#include <algorithm>

#include "sim/repeated/abreu_sannikov.hpp"

namespace negsim {

std::size_t report_payoff_set_iterations(const NormalFormGame& stage) {
  return std::max<std::size_t>(10, kReportPayoffSetWork / std::max<std::size_t>(1, stage.num_profiles()));
}

BoundedPayoffSet bounded_payoff_set(const NormalFormGame& stage, double delta, std::size_t max_iterations) {
  BoundedPayoffSet set;
  set.discount = delta;
  set.max_iterations = max_iterations;
  if (!(delta > 0 && delta < 1)) {
    set.none = "the subgame-perfect payoff set is computed for discount factors strictly between 0 and 1 only";
    return set;
  }
  PayoffSetOptions options;
  options.max_iter = max_iterations;
  try {
    const PayoffSetResult result = abreu_sannikov(stage, delta, options);
    set.vertices = result.vertices;
    set.iterations = result.iterations;
    set.converged = result.converged;
  } catch (const NoPureSpeError& e) {
    set.none = e.what();
  }
  return set;
}

}  // namespace negsim
