#include "sim/solve/equilibrium_cap.hpp"

#include <algorithm>
#include <string>

namespace negsim {

bool apply_equilibrium_cap(SolveResult& result, std::size_t max_equilibria) {
  if (result.equilibria.size() <= max_equilibria) return false;
  result.equilibria.resize(max_equilibria);
  result.complete = false;
  const std::string note = "stopped listing after " + std::to_string(max_equilibria) +
                           " equilibria (--max-equilibria); the list is incomplete";
  if (std::find(result.notes.begin(), result.notes.end(), note) == result.notes.end()) result.notes.push_back(note);
  return true;
}

}  // namespace negsim
