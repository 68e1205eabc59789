// The bargaining picture: every possible deal as a point in utility space,
// with the disagreement point, the Nash and Kalai-Smorodinsky solutions and
// the alternating-offers agreement marked. With three or more bargainers,
// one panel per pair of players (the first three pairs).
//
// Contract: plots the deal space's utilities and the analysis's solutions as
// they are (nothing is re-solved); a solution that does not exist is left out
// and the table says so. Deals over 2000 are thinned to every k-th point in
// the picture (the table lists the marked points, not every deal).
// Complexity: O(deals * panels).
#pragma once

#include <string>

#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/report_document.hpp"

namespace negsim::svg {

ReportChart bargaining_chart(const Scenario& scenario, const BargainingAnalysis& analysis, const std::string& unit);

}  // namespace negsim::svg
