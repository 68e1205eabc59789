#include "sim/report/svg/svg_tipping_points.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/bottom_line.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

constexpr double kLabel = 230, kBar = 420, kRow = 26, kTop = 34;

// How near the nearest change is, as a share of the searched range (2: none).
double nearness(const TippingPoint& t) {
  const double width = std::max(1e-300, t.window.high - t.window.low);
  double best = 2;
  if (t.below.found) best = std::min(best, std::abs(t.value - t.below.outside) / width);
  if (t.above.found) best = std::min(best, std::abs(t.above.outside - t.value) / width);
  return best;
}

std::string with_unit(double v, const std::string& unit) {
  return format_number(v, 4) + (unit.empty() ? "" : (unit == "%" ? "" : " ") + unit);
}

}  // namespace

ReportChart tipping_points_chart(const Scenario& scenario, const TippingPointResult& tipping) {
  ReportChart chart;
  chart.name = "tipping_points";
  if (tipping.points.empty()) return chart;
  std::vector<const TippingPoint*> rows;
  for (const TippingPoint& t : tipping.points) rows.push_back(&t);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TippingPoint* a, const TippingPoint* b) { return nearness(*a) < nearness(*b); });

  std::size_t with_change = 0;
  for (const TippingPoint* t : rows) with_change += t->below.found || t->above.found;
  chart.title = "Tipping points: how far each parameter can move before the prediction changes";
  chart.desc = std::to_string(rows.size()) + " parameters searched by " + std::to_string(tipping.analyses) +
               " fresh analyses; " + std::to_string(with_change) +
               " change the prediction inside their searched range. Each row spans that parameter's range; the "
               "green bar is where the prediction stays as it is now. ";
  for (const TippingPoint* t : rows) {
    if (!t->below.found && !t->above.found) continue;
    chart.desc += t->parameter + " (now " + with_unit(t->value, t->unit) + "):";
    if (t->below.found) chart.desc += " changes below " + with_unit(t->below.inside, t->unit);
    if (t->below.found && t->above.found) chart.desc += " and";
    if (t->above.found) chart.desc += " changes above " + with_unit(t->above.inside, t->unit);
    chart.desc += ". ";
  }

  chart.data.caption = "Tipping points (the prediction changes between the two values of each bracket)";
  chart.data.header = {"parameter", "now", "searched", "below: changes between", "what changes", "above: changes between",
                       "what changes"};
  chart.data.numeric = {false, true, false, false, false, false, false};
  for (const TippingPoint* t : rows) {
    auto side = [&](const TippingSide& s) -> std::pair<std::string, std::string> {
      if (!s.found) return {"no change up to " + with_unit(s.window_end, t->unit) + (s.window_note.empty() ? "" : " (" + s.window_note + ")"), "-"};
      return {with_unit(s.inside, t->unit) + " and " + with_unit(s.outside, t->unit),
              outcome_change_in_words(scenario, tipping.current, s.outcome)};
    };
    const auto below = side(t->below), above = side(t->above);
    chart.data.rows.push_back({t->parameter, with_unit(t->value, t->unit),
                               format_number(t->window.low, 4) + " to " + format_number(t->window.high, 4) +
                                   (t->window.declared ? " (declared range)" : ""),
                               below.first, below.second, above.first, above.second});
  }

  const double height = kTop + kRow * static_cast<double>(rows.size()) + 50;
  const double width = kLabel + kBar + 260;
  Canvas canvas("chart-tipping-points", width, height, chart.title, chart.desc);
  canvas.text(kLabel, kTop - 14, "searched range of each parameter (its own scale)", 11, Anchor::Start, false, "#555555");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TippingPoint& t = *rows[i];
    const double y = kTop + kRow * (static_cast<double>(i) + 0.5);
    const Scale sx{t.window.low, t.window.high, kLabel, kLabel + kBar};
    auto clampx = [&](double v) { return std::clamp(sx(v), kLabel, kLabel + kBar); };
    canvas.text(kLabel - 10, y + 4, ellipsize(t.parameter, 34), 11, Anchor::End);
    canvas.line(kLabel, y, kLabel + kBar, y, Style{"none", kLightGrey, 6});
    const double lo = t.below.found ? t.below.inside : t.below.window_end;
    const double hi = t.above.found ? t.above.inside : t.above.window_end;
    canvas.rect(clampx(lo), y - 5, clampx(hi) - clampx(lo), 10, Style{kGreen, "none", 1, false, 0.8},
                t.parameter + ": prediction unchanged from " + format_number(lo, 4) + " to " + format_number(hi, 4));
    canvas.line(clampx(t.value), y - 9, clampx(t.value), y + 9, Style{"none", kBlack, 2.5});
    std::string right;
    if (t.below.found) {
      canvas.marker(Marker::TriangleUp, clampx(t.below.outside), y, 10, Style{kVermillion, "none"},
                    t.parameter + ": changes below " + format_number(t.below.inside, 6));
      right += "below " + with_unit(t.below.inside, t.unit);
    }
    if (t.above.found) {
      canvas.marker(Marker::TriangleUp, clampx(t.above.outside), y, 10, Style{kVermillion, "none"},
                    t.parameter + ": changes above " + format_number(t.above.inside, 6));
      right += std::string(right.empty() ? "" : ", ") + "above " + with_unit(t.above.inside, t.unit);
    }
    if (right.empty()) right = "no change in range";
    canvas.text(kLabel + kBar + 12, y + 4, "now " + with_unit(t.value, t.unit) + "; " + right, 11, Anchor::Start, false,
                t.below.found || t.above.found ? kBlack : "#555555");
  }
  const double ly = height - 16;
  canvas.legend_entry(kLabel, ly, Marker::Square, Style{kGreen, "none"}, "prediction as now");
  canvas.legend_line(kLabel + 150, ly, Style{"none", kBlack, 2.5}, "current value");
  canvas.legend_entry(kLabel + 280, ly, Marker::TriangleUp, Style{kVermillion, "none"}, "prediction changes");
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
