// One entry point for every normal-form equilibrium method, chosen by name
// (SolveOptions::method). The CLI, `negsim run` and sweeps call this; each
// method lives in its own file pair beside it.
#pragma once

#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

// Names accepted by solve(), for help texts and did-you-mean hints.
std::vector<std::string> solve_method_names();

// Runs the method named in options.method. Throws UsageError for an unknown
// method or one that does not apply to the game (e.g. `lh` on 3 players).
// Time limit (solve_deadline(options), one deadline for the whole call):
// methods with one answer throw LimitError; methods that collect several
// equilibria return the verified ones found so far with limit_reached set
// (complete = false). If none was verified yet, solve() throws LimitError
// itself, so a result with limit_reached always has equilibria to show.
SolveResult solve(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
