// The sequential game as a tree: the subgame-perfect path as the trunk, and
// at each stage of it the deviations that matter as side branches, each
// ending in what the later movers would do and the payoffs that follow (the
// threats that deter it). The other alternatives are collapsed into one
// branch ("+ 20 other moves, none better for the United States"), so a game
// of any size draws in a few dozen lines.
//
// Contract
//  - Reads the first subgame-perfect equilibrium of the analysis (the one
//    --select chose) and its threats; computes nothing (the deviation gains
//    and continuation paths are the solver's).
//  - Shows at each path stage the `max_branches` alternatives with the
//    largest deviation gain (closest to being profitable), ties in the
//    solver's order; the rest are counted in the collapsed branch.
//  - The fallback table lists the path and every shown deviation in full.
//  - No equilibrium: an empty chart (svg empty).
// Complexity: O(threats log threats + stages).
#pragma once

#include <string>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/report_document.hpp"

namespace negsim::svg {

ReportChart game_tree_chart(const Scenario& scenario, const ScenarioGame& built,
                            const SequentialAnalysis& analysis, const std::string& unit,
                            std::size_t max_branches = 3);

}  // namespace negsim::svg
