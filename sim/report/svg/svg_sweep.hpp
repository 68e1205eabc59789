// Pictures of a sweep (sim/report/sweep_regimes.hpp):
//  - the regime map: one cell per pair of values of two axes, coloured by the
//    point's regime (points whose other axes are at their first value);
//  - outcome shares along one axis: for each of its values, the share of the
//    points (over every other axis) in each regime, as a stacked bar.
// The eight largest regimes get their own colour (Okabe-Ito order), the rest
// are drawn white as "other"; the legend numbers regimes as the tables do.
// Axis values that all read as numbers are ordered numerically, others in
// order of appearance. Complexity: O(points).
#pragma once

#include <cstddef>

#include "sim/report/report_document.hpp"
#include "sim/report/sweep_regimes.hpp"

namespace negsim::svg {

ReportChart regime_map_chart(const SweepRegimes& regimes, std::size_t x_axis, std::size_t y_axis);
ReportChart regime_shares_chart(const SweepRegimes& regimes, std::size_t axis);

// The values of one axis in display order (numeric when they all are).
std::vector<std::string> axis_values(const SweepRegimes& regimes, std::size_t axis);

}  // namespace negsim::svg
