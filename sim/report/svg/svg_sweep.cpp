#include "sim/report/svg/svg_sweep.hpp"

#include <algorithm>
#include <charconv>
#include <map>

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

ReportChart regime_map_chart(const SweepRegimes& r, std::size_t xa, std::size_t ya) {
  ReportChart chart;
  chart.name = "sweep_regime_map";
  if (r.point_values.empty() || xa >= r.axes.size() || ya >= r.axes.size() || xa == ya) return chart;
  const std::vector<std::string> xs = axis_values(r, xa), ys = axis_values(r, ya);
  std::map<std::string, std::size_t> xi, yi;
  for (std::size_t i = 0; i < xs.size(); ++i) xi[xs[i]] = i;
  for (std::size_t i = 0; i < ys.size(); ++i) yi[ys[i]] = i;
  const std::vector<std::string>& first = r.point_values.front();
  std::vector<std::string> fixed;
  for (std::size_t a = 0; a < r.axes.size(); ++a)
    if (a != xa && a != ya) fixed.push_back(r.axes[a] + " = " + first[a]);

  chart.title = "Regime map: which equilibria hold, over " + r.axes[xa] + " and " + r.axes[ya];
  std::string desc = "Each cell is one point of the sweep, coloured by its set of equilibria (" + r.analysis +
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
  // The slice's grid of regimes (npos: no point there), drawn row by row as
  // runs of equal cells, so a large map stays a small file.
  constexpr std::size_t kEmpty = static_cast<std::size_t>(-1);
  std::vector<std::vector<std::size_t>> grid(ys.size(), std::vector<std::size_t>(xs.size(), kEmpty));
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    const auto& values = r.point_values[p];
    bool on_slice = true;
    for (std::size_t a = 0; a < r.axes.size(); ++a)
      if (a != xa && a != ya && values[a] != first[a]) on_slice = false;
    if (on_slice) grid[yi[values[ya]]][xi[values[xa]]] = r.point_regime[p];
  }
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
  const std::vector<std::string> xs = axis_values(r, axis);
  std::map<std::string, std::size_t> xi;
  for (std::size_t i = 0; i < xs.size(); ++i) xi[xs[i]] = i;
  const std::size_t shown = std::min(r.regimes.size(), kColoured);
  std::vector<std::vector<std::size_t>> counts(xs.size(), std::vector<std::size_t>(shown + 1, 0));
  std::vector<std::size_t> totals(xs.size(), 0);
  for (std::size_t p = 0; p < r.point_values.size(); ++p) {
    const std::size_t i = xi[r.point_values[p][axis]];
    ++counts[i][std::min(r.point_regime[p], shown)];
    ++totals[i];
  }
  chart.title = "Outcome shares along " + r.axes[axis];
  chart.desc = "For each value of " + r.axes[axis] + ", the share of the sweep's points (over the other axes) in each regime. " +
               std::to_string(xs.size()) + " values, " + std::to_string(r.point_values.size()) + " points.";
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
