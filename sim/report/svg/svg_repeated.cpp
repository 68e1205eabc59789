#include "sim/report/svg/svg_repeated.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

constexpr double kLabelWidth = 130, kPanelWidth = 330, kRowHeight = 34, kTop = 40, kPlane = 300;

std::string number_or_never(double v) { return std::isfinite(v) ? format_number(v, 4) : "never"; }

}  // namespace

ReportChart repeated_chart(const RepeatedAnalysis& analysis, const std::string& unit,
                           const std::vector<Point2>& spe_payoff_set) {
  BoundedPayoffSet set;
  set.vertices = spe_payoff_set;
  set.converged = true;
  return repeated_chart(analysis, unit, set);
}

ReportChart repeated_chart(const RepeatedAnalysis& analysis, const std::string& unit, const BoundedPayoffSet& spe) {
  const std::vector<Point2>& spe_payoff_set = spe.vertices;
  const bool outer_bound = !spe.vertices.empty() && !spe.converged;
  ReportChart chart;
  chart.name = "repeated_game";
  const SustainabilityReport& s = analysis.sustainability;
  const NormalFormGame& game = analysis.spec.spec.stage;
  const std::size_t n = game.num_players();
  if (n == 0 || s.target_payoffs.size() != n) return chart;
  const double delta = s.discount;

  chart.title = "Repeated game: is the target deal self-enforcing?";
  std::string desc = "At discount factor " + format_number(delta, 4) + ". ";
  for (std::size_t p = 0; p < n; ++p)
    desc += game.player_names[p] + ": target " + format_number(s.target_payoffs[p], 4) + ", best deviation " +
            format_number(s.deviation_payoffs[p], 4) + ", Nash reversion " + format_number(s.reversion_payoffs[p], 4) +
            ", minmax " + format_number(s.minmax[p], 4) + ", deterred from discount " +
            number_or_never(s.critical_per_player[p]) + ". ";
  desc += std::isfinite(s.critical_discount) && delta >= s.critical_discount
              ? "Nash reversion sustains the deal at this discount factor."
              : "Nash reversion does not sustain the deal at this discount factor.";
  if (n == 2)
    desc += " Payoff plane: the feasible payoffs (light blue, the convex hull of the stage game's payoff pairs), the "
            "individually rational part of it (dark blue outline, dashed: at least both minmax values)" +
            std::string(spe_payoff_set.empty() ? ""
                        : outer_bound
                            ? ", and an outer bound of the subgame-perfect payoff set (green, dashed: the "
                              "Abreu-Sannikov iteration stopped after " + std::to_string(spe.iterations) +
                                  " iterations without converging, so every subgame-perfect payoff lies inside it but "
                                  "not every point inside is one; its vertices are in the table below)"
                            : ", and the subgame-perfect payoff set (green, with public randomisation; its vertices "
                              "are in the table below)") +
            ", the Nash reversion point (square) and the target deal (diamond)." +
            (spe.none.empty() ? std::string() : " No subgame-perfect payoff set is drawn: " + spe.none + ".");
  chart.desc = desc;

  chart.data.caption = "Per player (payoffs" + (unit.empty() ? "" : " in " + unit) + " per round)";
  chart.data.header = {"player", "minmax", "Nash reversion", "target", "best deviation", "critical discount (reversion)",
                       "critical discount (own worst equilibrium)"};
  chart.data.numeric = {false, true, true, true, true, true, true};
  for (std::size_t p = 0; p < n; ++p)
    chart.data.rows.push_back({game.player_names[p], format_number(s.minmax[p], 6),
                               format_number(s.reversion_payoffs[p], 6), format_number(s.target_payoffs[p], 6),
                               format_number(s.deviation_payoffs[p], 6), number_or_never(s.critical_per_player[p]),
                               p < s.own_punishment.size() ? number_or_never(s.own_punishment[p].threshold) : "-"});

  const double rows_height = kRowHeight * static_cast<double>(n);
  const bool plane = n == 2;
  const double panels_width = kLabelWidth + 2 * kPanelWidth + 90;
  const double width = panels_width + (plane ? kPlane + 120 : 0);
  const double height = std::max(kTop + rows_height + 110, plane ? kTop + kPlane + 110 : 0.0);
  Canvas canvas("chart-repeated", width, height, chart.title, chart.desc);

  // Panel 1: payoffs.
  double lo = s.target_payoffs[0], hi = lo;
  for (std::size_t p = 0; p < n; ++p)
    for (double v : {s.minmax[p], s.reversion_payoffs[p], s.target_payoffs[p], s.deviation_payoffs[p]})
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  const auto [x0, x1] = nice_range(lo, hi);
  const double left = kLabelWidth, right = kLabelWidth + kPanelWidth, bottom = kTop + rows_height;
  const Scale sx{x0, x1, left, right};
  canvas.text(left, kTop - 16, "Payoff per round" + (unit.empty() ? "" : " (" + unit + ")"), 12, Anchor::Start, true);
  for (double t : nice_ticks(x0, x1)) {
    canvas.line(sx(t), kTop, sx(t), bottom, Style{"none", kLightGrey});
    canvas.text(sx(t), bottom + 16, format_number(t, 6), 11, Anchor::Middle);
  }
  canvas.line(left, bottom, right, bottom, Style{"none", kBlack});
  const Style minmax_style{"#FFFFFF", kGrey, 2}, reversion_style{kVermillion, "none"}, target_style{kGreen, "none"},
      deviation_style{kOrange, "none"};
  for (std::size_t p = 0; p < n; ++p) {
    const double y = kTop + kRowHeight * (static_cast<double>(p) + 0.5);
    canvas.text(left - 8, y + 4, ellipsize(game.player_names[p], 20), 12, Anchor::End);
    canvas.line(left, y, right, y, Style{"none", kLightGrey});
    const std::string who = game.player_names[p] + ": ";
    canvas.marker(Marker::Circle, sx(s.minmax[p]), y, 10, minmax_style, who + "minmax " + format_number(s.minmax[p], 6));
    canvas.marker(Marker::Square, sx(s.reversion_payoffs[p]), y, 10, reversion_style,
                  who + "Nash reversion " + format_number(s.reversion_payoffs[p], 6));
    canvas.marker(Marker::Diamond, sx(s.target_payoffs[p]), y, 11, target_style,
                  who + "target " + format_number(s.target_payoffs[p], 6));
    canvas.marker(Marker::TriangleUp, sx(s.deviation_payoffs[p]), y, 10, deviation_style,
                  who + "best deviation " + format_number(s.deviation_payoffs[p], 6));
  }

  // Panel 2: critical discount factors.
  const double left2 = right + 60, right2 = left2 + kPanelWidth;
  const Scale sd{0, 1, left2, right2};
  canvas.text(left2, kTop - 16, "Discount factor needed", 12, Anchor::Start, true);
  for (double t : nice_ticks(0, 1)) {
    canvas.line(sd(t), kTop, sd(t), bottom, Style{"none", kLightGrey});
    canvas.text(sd(t), bottom + 16, format_number(t, 6), 11, Anchor::Middle);
  }
  canvas.line(left2, bottom, right2, bottom, Style{"none", kBlack});
  for (std::size_t p = 0; p < n; ++p) {
    const double y = kTop + kRowHeight * (static_cast<double>(p) + 0.5);
    const double c = s.critical_per_player[p];
    if (std::isfinite(c))
      canvas.rect(left2, y - 7, sd(std::clamp(c, 0.0, 1.0)) - left2, 14, Style{kSkyBlue, "none"},
                  game.player_names[p] + ": Nash reversion deters from " + format_number(c, 6));
    else
      canvas.text(left2 + 4, y + 4, "never deterred by reversion", 11, Anchor::Start, false, kVermillion);
    if (p < s.own_punishment.size() && std::isfinite(s.own_punishment[p].threshold))
      canvas.marker(Marker::Diamond, sd(std::clamp(s.own_punishment[p].threshold, 0.0, 1.0)), y, 10,
                    Style{kPurple, "none"},
                    game.player_names[p] + ": own worst equilibrium deters from " +
                        format_number(s.own_punishment[p].threshold, 6));
  }
  canvas.line(sd(delta), kTop - 6, sd(delta), bottom, Style{"none", kBlack, 2, true});
  canvas.text(sd(delta), kTop - 2, "discount " + format_number(delta, 4), 11, Anchor::Middle);

  // Panel 3 (two players): the payoff plane.
  if (plane) {
    const double pl = panels_width + 60, pt = kTop, pr = pl + kPlane, pb = pt + kPlane;
    std::vector<Point2> points;
    for (std::size_t k = 0; k < game.num_profiles(); ++k) points.push_back({game.payoff(0, k), game.payoff(1, k)});
    double ax = points[0][0], bx = ax, ay = points[0][1], by = ay;
    for (const Point2& q : points) ax = std::min(ax, q[0]), bx = std::max(bx, q[0]), ay = std::min(ay, q[1]), by = std::max(by, q[1]);
    const auto [px0, px1] = nice_range(ax, bx);
    const auto [py0, py1] = nice_range(ay, by);
    const Scale qx{px0, px1, pl, pr}, qy{py0, py1, pb, pt};
    canvas.axes(qx, qy, pl, pt, pr, pb, game.player_names[0], game.player_names[1]);
    std::vector<std::pair<double, double>> hull;
    for (const Point2& q : convex_hull(points)) hull.push_back({qx(q[0]), qy(q[1])});
    if (hull.size() >= 3) canvas.polygon(hull, Style{kSkyBlue, kBlue, 1, false, 0.35}, "feasible payoffs");
    // Individually rational: at least each player's minmax.
    const std::vector<Point2> rational =
        clip_half_plane(clip_half_plane(convex_hull(points), 1, 0, s.minmax[0]), 0, 1, s.minmax[1]);
    std::vector<std::pair<double, double>> ir;
    for (const Point2& q : rational) ir.push_back({qx(q[0]), qy(q[1])});
    if (ir.size() >= 3)
      canvas.polygon(ir, Style{kBlue, "none", 1, false, 0.25}, "feasible and individually rational payoffs");
    std::vector<std::pair<double, double>> set;
    for (const Point2& q : spe_payoff_set) set.push_back({qx(q[0]), qy(q[1])});
    if (set.size() >= 3)
      canvas.polygon(set, Style{kGreen, kGreen, 1.5, outer_bound, outer_bound ? 0.3 : 0.45},
                     outer_bound ? "outer bound of the subgame-perfect payoff set" : "subgame-perfect payoff set");
    // The rational region's outline on top: visible where the set covers it.
    if (ir.size() >= 3) canvas.polygon(ir, Style{"none", kBlue, 2, true}, "feasible and individually rational payoffs");
    canvas.line(qx(s.minmax[0]), pt, qx(s.minmax[0]), pb, Style{"none", kGrey, 1.5, true});
    canvas.line(pl, qy(s.minmax[1]), pr, qy(s.minmax[1]), Style{"none", kGrey, 1.5, true});
    for (const Point2& q : points) canvas.circle(qx(q[0]), qy(q[1]), 2.5, Style{kBlack, "none"});
    canvas.marker(Marker::Square, qx(s.reversion_payoffs[0]), qy(s.reversion_payoffs[1]), 10, reversion_style,
                  "Nash reversion");
    canvas.marker(Marker::Diamond, qx(s.target_payoffs[0]), qy(s.target_payoffs[1]), 12, target_style, "target");
    canvas.text(pl, pt - 16, "Payoff plane", 12, Anchor::Start, true);
  }

  const double ly = height - 22;
  canvas.legend_entry(20, ly, Marker::Circle, minmax_style, "minmax");
  canvas.legend_entry(100, ly, Marker::Square, reversion_style, "Nash reversion");
  canvas.legend_entry(220, ly, Marker::Diamond, target_style, "target deal");
  canvas.legend_entry(320, ly, Marker::TriangleUp, deviation_style, "best deviation");
  canvas.legend_entry(450, ly, Marker::Square, Style{kSkyBlue, "none"}, "needed for reversion");
  canvas.legend_entry(610, ly, Marker::Diamond, Style{kPurple, "none"}, "needed, own worst equilibrium");
  if (plane) {
    canvas.legend_line(820, ly, Style{"none", kGrey, 1.5, true}, "minmax lines");
    canvas.legend_entry(940, ly - 20, Marker::Square, Style{kSkyBlue, kBlue}, "feasible");
    canvas.legend_entry(1040, ly - 20, Marker::Square, Style{kBlue, kBlue, 1, true, 0.25}, "individually rational");
    if (!spe_payoff_set.empty())
      canvas.legend_entry(1040, ly, Marker::Square, Style{kGreen, kGreen, 1, outer_bound, outer_bound ? 0.3 : 0.45},
                          outer_bound ? "subgame-perfect set (outer bound)" : "subgame-perfect set");
  }
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
