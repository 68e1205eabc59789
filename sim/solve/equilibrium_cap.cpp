#include "sim/solve/equilibrium_cap.hpp"

#include <algorithm>
#include <string>

namespace negsim {

bool apply_equilibrium_cap(SolveResult& result, std::size_t max_equilibria) {
  if (result.equilibria.size() <= max_equilibria) return false;
  result.equilibria.resize(max_equilibria);
  mark_limit_reached(result, LimitKind::equilibria_cap,
                     "stopped after " + std::to_string(max_equilibria) + " equilibria (--max-equilibria)");
  return true;
}

}  // namespace negsim
