#include "sim/report/svg/svg_sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

constexpr std::size_t kColoured = 8;
constexpr double kLeft = 80, kTop = 20, kPlotWidth = 560, kPlotHeight = 360, kLegendLine = 17;

bool as_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, value);
  return !text.empty() && r.ec == std::errc() && r.ptr == end;
}

std::string regime_colour(std::size_t regime) {
  return regime < kColoured ? categorical_palette()[regime] : "#FFFFFF";
}

std::string regime_label(const SweepRegimes& r, std::size_t regime) {
  return std::to_string(regime + 1) + ". " + r.regimes[regime];
}

// A regime's legend text in lines of at most kLegendChars, broken after " | ".
constexpr std::size_t kLegendChars = 125;
std::vector<std::string> legend_lines(const SweepRegimes& r, std::size_t regime) {
  const std::string text = regime_label(r, regime) + " (" + std::to_string(r.regime_points[regime]) + " points)";
  std::vector<std::string> lines(1);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(" | ", start);
    end = end == std::string::npos ? text.size() : end + 3;
    const std::string part = text.substr(start, end - start);
    if (!lines.back().empty() && lines.back().size() + part.size() > kLegendChars) lines.emplace_back("    ");
    lines.back() += part;
    start = end;
  }
  for (std::string& line : lines) line = ellipsize(line, kLegendChars);
  return lines;
}

// Legend under the plot: each coloured regime (wrapped), then "other".
double draw_legend(Canvas& canvas, const SweepRegimes& r, double y) {
  for (std::size_t k = 0; k < r.regimes.size() && k < kColoured; ++k) {
    canvas.rect(kLeft, y - 10, 12, 12, Style{regime_colour(k), kBlack, 0.5});
    for (const std::string& line : legend_lines(r, k)) {
      canvas.text(kLeft + 18, y, line, 11);
      y += kLegendLine;
    }
  }
  if (r.regimes.size() > kColoured) {
    canvas.rect(kLeft, y - 10, 12, 12, Style{"#FFFFFF", kBlack, 0.5});
    canvas.text(kLeft + 18, y, std::to_string(r.regimes.size() - kColoured) + " other regimes (see the table)", 11);
    y += kLegendLine;
  }
  return y;
}

double legend_height(const SweepRegimes& r) {
  std::size_t lines = r.regimes.size() > kColoured ? 1 : 0;
  for (std::size_t k = 0; k < r.regimes.size() && k < kColoured; ++k) lines += legend_lines(r, k).size();
  return kLegendLine * static_cast<double>(lines);
}

// Tick labels for categorical positions: about `count` of them, evenly spaced.
std::vector<std::size_t> tick_indices(std::size_t n, std::size_t count) {
  std::vector<std::size_t> out;
  if (n == 0) return out;
  const std::size_t step = std::max<std::size_t>(1, (n + count - 1) / count);
  for (std::size_t i = 0; i < n; i += step) out.push_back(i);
  if (out.back() != n - 1 && n - 1 - out.back() >= step / 2) out.push_back(n - 1);
  return out;
}

std::string value_label(const std::string& text) {
  double v = 0;
  return as_number(text, v) ? format_number(v, 4) : text;
}

}  // namespace

std::vector<std::string> axis_values(const SweepRegimes& r, std::size_t axis) {
  std::vector<std::string> values;
  for (const auto& point : r.point_values)
    if (std::find(values.begin(), values.end(), point[axis]) == values.end()) values.push_back(point[axis]);
  bool numeric = true;
  double ignored = 0;
  for (const std::string& v : values) numeric = numeric && as_number(v, ignored);
  if (numeric)
    std::stable_sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) {
      double x = 0, y = 0;
      as_number(a, x), as_number(b, y);
      return x < y;
    });
  return values;
}

namespace {

constexpr std::size_t kEmpty = RegimeMapGrid::kEmpty;

// A refined sweep's slice on the fine grid: the positions of the grid 2^L
// times finer than the level-0 values (L: the deepest level on the slice),
// each computed point at its position, and every other position filled from
// the smallest computed cell around it whose corners all agree (coarse cells
// first): the refinement split every cell whose corners differ, so such a
// cell is uniform as far as the sweep knows. Positions come from the
// numbers: grid values are evenly spaced.
struct FineSlice {
  std::vector<std::string> xs, ys;                  // labels of the positions
  std::vector<std::vector<std::size_t>> grid;       // [y][x] regime or kEmpty
  std::size_t computed = 0;
  unsigned depth = 0;
};

// One axis of a refined slice. A refined axis (one with points between its
// level-0 values) gets the 2^depth-times finer grid, positions computed from
// the numbers (grid values are evenly spaced); an axis that was not refined
// (a --list, or no point between its values) keeps its values.
struct FineAxis {
  bool refined = false;
  std::vector<double> values;  // level 0, ascending
  std::size_t count = 0;       // positions
  double lo = 0, hi = 0;
  std::size_t position(double v) const {
    if (!refined) return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), v) - values.begin());
    if (count < 2 || hi == lo) return 0;
    const double f = std::round((v - lo) / (hi - lo) * static_cast<double>(count - 1));
    return f < 0 ? std::size_t{0} : std::min(count - 1, static_cast<std::size_t>(f));
  }
  double value(std::size_t i) const {
    if (!refined) return values[i];
    return count < 2 ? lo : lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(count - 1);
  }
};

bool fine_slice(const SweepRegimes& r, std::size_t xa, std::size_t ya, const std::vector<bool>& on_slice, FineSlice& out) {
  FineAxis x_axis, y_axis;
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    if (!on_slice[p]) continue;
    double x = 0, y = 0;
    if (!as_number(r.point_values[p][xa], x) || !as_number(r.point_values[p][ya], y)) return false;
    out.depth = std::max(out.depth, r.point_level[p]);
    if (r.point_level[p] == 0) x_axis.values.push_back(x), y_axis.values.push_back(y);
  }
  if (out.depth > 12) return false;  // 4096 positions per level-0 step: too fine to draw
  for (FineAxis* axis : {&x_axis, &y_axis}) {
    std::sort(axis->values.begin(), axis->values.end());
    axis->values.erase(std::unique(axis->values.begin(), axis->values.end()), axis->values.end());
    if (axis->values.empty()) return false;
  }
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    if (!on_slice[p]) continue;
    double x = 0, y = 0;
    as_number(r.point_values[p][xa], x), as_number(r.point_values[p][ya], y);
    if (!std::binary_search(x_axis.values.begin(), x_axis.values.end(), x)) x_axis.refined = true;
    if (!std::binary_search(y_axis.values.begin(), y_axis.values.end(), y)) y_axis.refined = true;
  }
  for (FineAxis* axis : {&x_axis, &y_axis}) {
    axis->refined = axis->refined && axis->values.size() >= 2;
    axis->lo = axis->values.front(), axis->hi = axis->values.back();
    axis->count = axis->refined ? ((axis->values.size() - 1) << out.depth) + 1 : axis->values.size();
  }
  for (std::size_t i = 0; i < x_axis.count; ++i) out.xs.push_back(format_number(x_axis.value(i), 4));
  for (std::size_t i = 0; i < y_axis.count; ++i) out.ys.push_back(format_number(y_axis.value(i), 4));
  const std::size_t nx = x_axis.count, ny = y_axis.count;
  out.grid.assign(ny, std::vector<std::size_t>(nx, kEmpty));
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    if (!on_slice[p]) continue;
    double x = 0, y = 0;
    as_number(r.point_values[p][xa], x), as_number(r.point_values[p][ya], y);
    out.grid[y_axis.position(y)][x_axis.position(x)] = r.point_regime[p];
    ++out.computed;
  }
  // Coarse cells first; along an axis that was not refined a cell has no
  // extent (each of its values is filled on its own).
  for (unsigned level = 0; level <= out.depth; ++level) {
    const std::size_t side = std::size_t{1} << (out.depth - level);
    const std::size_t sx = x_axis.refined ? side : 0, sy = y_axis.refined ? side : 0;
    for (std::size_t j = 0; j + sy < ny; j += std::max<std::size_t>(sy, 1))
      for (std::size_t i = 0; i + sx < nx; i += std::max<std::size_t>(sx, 1)) {
        const std::size_t c = out.grid[j][i];
        if (c == kEmpty || out.grid[j][i + sx] != c || out.grid[j + sy][i] != c || out.grid[j + sy][i + sx] != c) continue;
        for (std::size_t y = j; y <= j + sy; ++y)
          for (std::size_t x = i; x <= i + sx; ++x)
            if (out.grid[y][x] == kEmpty) out.grid[y][x] = c;
      }
  }
  return true;
}

}  // namespace

RegimeMapGrid regime_map_grid(const SweepRegimes& r, std::size_t xa, std::size_t ya) {
  RegimeMapGrid map;
  if (r.point_values.empty() || xa >= r.axes.size() || ya >= r.axes.size() || xa == ya) return map;
  const std::vector<std::string>& first = r.point_values.front();
  std::vector<bool> on_slice(r.point_values.size(), true);
  for (std::size_t p = 0; p < r.point_values.size(); ++p)
    for (std::size_t a = 0; a < r.axes.size(); ++a)
      if (a != xa && a != ya && r.point_values[p][a] != first[a]) on_slice[p] = false;
  FineSlice fine;
  map.refined = r.refined && fine_slice(r, xa, ya, on_slice, fine);
  std::vector<std::string>& xs = map.xs;
  std::vector<std::string>& ys = map.ys;
  std::vector<std::vector<std::size_t>>& grid = map.grid;
  if (map.refined) {
    xs = std::move(fine.xs), ys = std::move(fine.ys), grid = std::move(fine.grid);
    map.computed = fine.computed;
    map.depth = fine.depth;
  } else {
    xs = axis_values(r, xa), ys = axis_values(r, ya);
    std::map<std::string, std::size_t> xi, yi;
    for (std::size_t i = 0; i < xs.size(); ++i) xi[xs[i]] = i;
    for (std::size_t i = 0; i < ys.size(); ++i) yi[ys[i]] = i;
    grid.assign(ys.size(), std::vector<std::size_t>(xs.size(), kEmpty));
    for (std::size_t p = 0; p < r.point_values.size(); ++p)
      if (on_slice[p]) grid[yi[r.point_values[p][ya]]][xi[r.point_values[p][xa]]] = r.point_regime[p];
  }
  for (std::size_t a = 0; a < r.axes.size(); ++a)
    if (a != xa && a != ya) map.fixed.push_back(r.axes[a] + " = " + first[a]);
  return map;
}

ReportChart regime_map_chart(const SweepRegimes& r, std::size_t xa, std::size_t ya) {
  ReportChart chart;
  chart.name = "sweep_regime_map";
  if (r.point_values.empty() || xa >= r.axes.size() || ya >= r.axes.size() || xa == ya) return chart;
  RegimeMapGrid map = regime_map_grid(r, xa, ya);
  const std::vector<std::string>& xs = map.xs;
  const std::vector<std::string>& ys = map.ys;
  const std::vector<std::vector<std::size_t>>& grid = map.grid;
  const std::vector<std::string>& fixed = map.fixed;
  const bool refined = map.refined;

  chart.title = "Regime map: which equilibria hold, over " + r.axes[xa] + " and " + r.axes[ya];
  std::string desc = refined
                         ? "A refined sweep (--refine, deepest level " + std::to_string(map.depth) + "): " +
                               std::to_string(map.computed) + " computed points on a grid of " +
                               std::to_string(xs.size()) + " values of " + r.axes[xa] + " across and " +
                               std::to_string(ys.size()) + " of " + r.axes[ya] +
                               " up, coloured by their set of equilibria (" + r.analysis +
                               " analysis); every other position takes the colour of the smallest computed cell "
                               "around it whose corners agree. "
                         : "Each cell is one point of the sweep, coloured by its set of equilibria (" + r.analysis +
                               " analysis); " + std::to_string(xs.size()) + " values of " + r.axes[xa] + " across, " +
                               std::to_string(ys.size()) + " values of " + r.axes[ya] + " up. ";
  if (!fixed.empty()) {
    desc += "Other axes fixed at their first value:";
    for (const std::string& f : fixed) desc += " " + f;
    desc += ". ";
  }
  for (std::size_t k = 0; k < r.regimes.size() && k < kColoured; ++k)
    desc += "Regime " + regime_label(r, k) + ": " + std::to_string(r.regime_points[k]) + " points. ";
  chart.desc = desc;

  const double height = kTop + kPlotHeight + 50 + legend_height(r) + 10;
  Canvas canvas("chart-sweep-map", kLeft + kPlotWidth + 280, height, chart.title, chart.desc);
  const double cw = kPlotWidth / static_cast<double>(xs.size()), ch = kPlotHeight / static_cast<double>(ys.size());
  // Drawn row by row as runs of equal cells, so a large map stays a small file.
  for (std::size_t row = 0; row < ys.size(); ++row) {
    const double y = kTop + kPlotHeight - ch * static_cast<double>(row + 1);
    for (std::size_t start = 0; start < xs.size();) {
      std::size_t end = start + 1;
      const std::size_t regime = grid[row][start];
      while (end < xs.size() && grid[row][end] == regime) ++end;
      if (regime != kEmpty) {
        const double x = kLeft + cw * static_cast<double>(start);
        // Cells overlap by a hair so that no seams show between rows.
        canvas.rect(x, y, cw * static_cast<double>(end - start) + 0.3, ch + 0.3,
                    Style{regime_colour(regime), regime < kColoured ? "none" : kLightGrey, 0.5, false, 1, true});
        if (cw >= 16 && ch >= 14)
          for (std::size_t c = start; c < end; ++c)
            canvas.text(kLeft + cw * (static_cast<double>(c) + 0.5), y + ch / 2 + 4, std::to_string(regime + 1), 10,
                        Anchor::Middle, false, regime == 0 || regime == 3 ? "#FFFFFF" : kBlack);
      }
      start = end;
    }
  }
  canvas.rect(kLeft, kTop, kPlotWidth, kPlotHeight, Style{"none", kBlack, 1});
  for (std::size_t i : tick_indices(xs.size(), 8)) {
    const double x = kLeft + cw * (static_cast<double>(i) + 0.5);
    canvas.line(x, kTop + kPlotHeight, x, kTop + kPlotHeight + 4, Style{"none", kBlack});
    canvas.text(x, kTop + kPlotHeight + 16, value_label(xs[i]), 11, Anchor::Middle);
  }
  for (std::size_t i : tick_indices(ys.size(), 8)) {
    const double y = kTop + kPlotHeight - ch * (static_cast<double>(i) + 0.5);
    canvas.line(kLeft - 4, y, kLeft, y, Style{"none", kBlack});
    canvas.text(kLeft - 7, y + 4, value_label(ys[i]), 11, Anchor::End);
  }
  canvas.text(kLeft + kPlotWidth / 2, kTop + kPlotHeight + 34, r.axes[xa], 12, Anchor::Middle);
  canvas.vertical_text(kLeft - 52, kTop + kPlotHeight / 2, r.axes[ya], 12);
  draw_legend(canvas, r, kTop + kPlotHeight + 58);

  chart.data.caption = "Regimes (" + std::to_string(r.point_values.size()) + " points in all)";
  chart.data.header = {"regime", "equilibria", "points"};
  chart.data.numeric = {true, false, true};
  for (std::size_t k = 0; k < r.regimes.size(); ++k)
    chart.data.rows.push_back({std::to_string(k + 1), r.regimes[k], std::to_string(r.regime_points[k])});
  chart.svg = canvas.str();
  return chart;
}

ReportChart regime_shares_chart(const SweepRegimes& r, std::size_t axis) {
  ReportChart chart;
  chart.name = "sweep_shares";
  if (r.point_values.empty() || axis >= r.axes.size()) return chart;
  // A refined sweep's extra points crowd round the boundaries: its shares are
  // those of the grid given (level 0), an even sample.
  auto counted = [&r](std::size_t p) { return !r.refined || r.point_level[p] == 0; };
  std::vector<std::string> xs = axis_values(r, axis);
  if (r.refined) {
    std::set<std::string> present;
    for (std::size_t p = 0; p < r.point_values.size(); ++p)
      if (counted(p)) present.insert(r.point_values[p][axis]);
    std::vector<std::string> level0;
    for (const std::string& x : xs)
      if (present.count(x)) level0.push_back(x);
    xs = std::move(level0);
  }
  std::map<std::string, std::size_t> xi;
  for (std::size_t i = 0; i < xs.size(); ++i) xi[xs[i]] = i;
  const std::size_t shown = std::min(r.regimes.size(), kColoured);
  std::vector<std::vector<std::size_t>> counts(xs.size(), std::vector<std::size_t>(shown + 1, 0));
  std::vector<std::size_t> totals(xs.size(), 0);
  std::size_t points = 0;
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    if (!counted(p)) continue;
    ++points;
    const std::size_t i = xi[r.point_values[p][axis]];
    ++counts[i][std::min(r.point_regime[p], shown)];
    ++totals[i];
  }
  chart.title = "Outcome shares along " + r.axes[axis];
  chart.desc = "For each value of " + r.axes[axis] + ", the share of the sweep's points (over the other axes) in each regime. " +
               std::to_string(xs.size()) + " values, " + std::to_string(points) + " points" +
               (r.refined ? " (the grid given: level 0 of the refined sweep)." : ".");
  const double height = kTop + kPlotHeight + 50 + legend_height(r) + 10;
  Canvas canvas("chart-sweep-shares", kLeft + kPlotWidth + 280, height, chart.title, chart.desc);
  const Scale sy{0, 1, kTop + kPlotHeight, kTop};
  const double bw = kPlotWidth / static_cast<double>(xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    double cumulative = 0;
    for (std::size_t k = 0; k <= shown; ++k) {
      if (!counts[i][k]) continue;
      const double share = static_cast<double>(counts[i][k]) / static_cast<double>(totals[i]);
      canvas.rect(kLeft + bw * static_cast<double>(i), sy(cumulative + share), bw + 0.3, sy(cumulative) - sy(cumulative + share),
                  Style{regime_colour(k), k < kColoured ? "none" : kLightGrey, 0.5, false, 1, true},
                  r.axes[axis] + " " + xs[i] + ": " + (k < shown ? regime_label(r, k) : std::string("other")) + " " +
                      format_number(100 * share, 3) + "%");
      cumulative += share;
    }
  }
  for (double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    canvas.line(kLeft - 4, sy(t), kLeft, sy(t), Style{"none", kBlack});
    canvas.text(kLeft - 7, sy(t) + 4, format_number(100 * t, 3) + "%", 11, Anchor::End);
  }
  canvas.rect(kLeft, kTop, kPlotWidth, kPlotHeight, Style{"none", kBlack, 1});
  for (std::size_t i : tick_indices(xs.size(), 8)) {
    const double x = kLeft + bw * (static_cast<double>(i) + 0.5);
    canvas.line(x, kTop + kPlotHeight, x, kTop + kPlotHeight + 4, Style{"none", kBlack});
    canvas.text(x, kTop + kPlotHeight + 16, value_label(xs[i]), 11, Anchor::Middle);
  }
  canvas.text(kLeft + kPlotWidth / 2, kTop + kPlotHeight + 34, r.axes[axis], 12, Anchor::Middle);
  canvas.vertical_text(kLeft - 52, kTop + kPlotHeight / 2, "share of points", 12);
  draw_legend(canvas, r, kTop + kPlotHeight + 58);

  chart.data.caption = "Share of points in each regime (%), by " + r.axes[axis];
  chart.data.header = {r.axes[axis]};
  for (std::size_t k = 0; k < shown; ++k) chart.data.header.push_back("regime " + std::to_string(k + 1));
  if (r.regimes.size() > shown) chart.data.header.push_back("other");
  chart.data.numeric.assign(chart.data.header.size(), true);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    std::vector<std::string> row = {xs[i]};
    for (std::size_t k = 0; k < chart.data.header.size() - 1; ++k)
      row.push_back(format_number(100.0 * static_cast<double>(counts[i][k]) / static_cast<double>(totals[i]), 4));
    chart.data.rows.push_back(row);
  }
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
