// Sweep analyses beyond the stage game: the subgame-perfect path of a scenario
// with a `timeline` ("spe") and the repeated-game sustainability of its
// `repeated` target ("repeated"). Registered with the built-in `stage`.
#pragma once

#include "sim/sweep/sweep_analysis.hpp"

namespace negsim {

SweepAnalysis make_spe_analysis(const Scenario& base);
SweepAnalysis make_repeated_analysis(const Scenario& base);

}  // namespace negsim
