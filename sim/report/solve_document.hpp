// `negsim solve --format html|markdown`: the game's size and its equilibria
// as a ReportDocument (each strategy in words, payoffs, max regret, the
// method and whether the list is complete).
#pragma once

#include <string>

#include "models/game/normal_form.hpp"
#include "sim/report/report_document.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

ReportDocument solve_document(const NormalFormGame& game, const SolveResult& result, const std::string& game_name);

}  // namespace negsim
