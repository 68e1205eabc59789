// Tipping points as a bar chart around the current values: one row per
// parameter, drawn over the range that was searched (each row on its own
// scale, from the window's low end to its high end). A green bar spans the
// values where the prediction is the current one (up to the last analysed
// value on each side), a black tick marks the current value, and a vermillion
// triangle each value where the prediction changes. Rows with a tipping point
// come first, nearest (as a share of the searched range) first.
//
// Contract: draws the TippingPointResult as found by
// sim/analysis/tipping_points.hpp; nothing is searched or analysed here.
// Complexity: O(parameters log parameters).
#pragma once

#include "models/scenario/scenario.hpp"
#include "sim/analysis/tipping_points.hpp"
#include "sim/report/report_document.hpp"

namespace negsim::svg {

ReportChart tipping_points_chart(const Scenario& scenario, const TippingPointResult& tipping);

}  // namespace negsim::svg
