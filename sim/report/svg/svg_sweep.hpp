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
#include <string>
#include <vector>

#include "sim/report/report_document.hpp"
#include "sim/report/sweep_regimes.hpp"

namespace negsim::svg {

// The regime map's cells: grid[y][x] is a regime (index into
// regimes.regimes) or kEmpty. A plain sweep has one cell per value pair of
// the slice. A refined sweep (regimes.refined) is drawn on the grid 2^depth
// times finer than its level-0 values (depth: the deepest level on the
// slice): the computed points at their positions, every other position
// filled from the smallest computed cell around it whose corners agree
// (coarse cells first), so the map has no holes.
struct RegimeMapGrid {
  static constexpr std::size_t kEmpty = static_cast<std::size_t>(-1);
  std::vector<std::string> xs, ys;             // labels of the columns and rows
  std::vector<std::vector<std::size_t>> grid;  // [y][x]
  std::vector<std::string> fixed;              // "axis = value" of the other axes
  bool refined = false;
  std::size_t computed = 0;  // refined: computed points on the slice
  unsigned depth = 0;
};
RegimeMapGrid regime_map_grid(const SweepRegimes& regimes, std::size_t x_axis, std::size_t y_axis);

ReportChart regime_map_chart(const SweepRegimes& regimes, std::size_t x_axis, std::size_t y_axis);
ReportChart regime_shares_chart(const SweepRegimes& regimes, std::size_t axis);

// The values of one axis in display order (numeric when they all are).
std::vector<std::string> axis_values(const SweepRegimes& regimes, std::size_t axis);

}  // namespace negsim::svg
