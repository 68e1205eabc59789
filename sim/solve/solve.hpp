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
SolveResult solve(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
