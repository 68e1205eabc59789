#include "sim/solve/solve.hpp"

#include "models/errors.hpp"
#include "sim/solve/global_newton.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/pure_nash.hpp"

namespace negsim {

std::vector<std::string> solve_method_names() { return {"auto", "pure", "logit", "gnm"}; }

SolveResult solve(const NormalFormGame& game, const SolveOptions& options) {
  const std::string& m = options.method;
  if (m == "pure" || m == "auto") return solve_pure_nash(game, options);
  if (m == "logit") return logit_qre(game, options);
  if (m == "gnm") return global_newton(game, options);
  const std::string guess = closest_match(m, solve_method_names());
  throw UsageError("unknown method '" + m + "'" +
                   (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
}

}  // namespace negsim
