// The one-shot game of two players in payoff space: every combination of
// moves as a point, the pure and mixed Nash equilibria and the max-welfare
// correlated equilibrium marked. Plots the analysis's results as computed.
// Complexity: O(profiles); games over 10000 profiles are not drawn (empty chart).
#pragma once

#include <string>

#include "models/scenario/builder.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/report_document.hpp"

namespace negsim::svg {

ReportChart outcomes_chart(const ScenarioGame& built, const ScenarioAnalysis& analysis, const std::string& unit);
// `negsim solve`: the equilibria of one method (numbered as its list), pure
// and mixed marked apart; no correlated equilibrium.
ReportChart outcomes_chart(const NormalFormGame& game, const SolveResult& result, const std::string& unit = "");

}  // namespace negsim::svg
