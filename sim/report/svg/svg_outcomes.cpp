#include "sim/report/svg/svg_outcomes.hpp"

#include <algorithm>
#include <tuple>

#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

struct Mark {
  std::string name;
  double x, y;
  Marker marker;
  std::string colour;
};

bool drawable(const NormalFormGame& game) {
  return game.num_players() == 2 && game.num_profiles() > 0 && game.num_profiles() <= 10000;
}

ReportChart chart_of(const NormalFormGame& game, const std::vector<Mark>& marks, const std::string& unit) {
  ReportChart chart;
  chart.name = "one_shot_outcomes";
  chart.title = "The one-shot game in payoff space";
  std::string desc = std::to_string(game.num_profiles()) + " combinations of moves plotted by the payoffs of " +
                     game.player_names[0] + " (across) and " + game.player_names[1] + " (up). ";
  for (const Mark& m : marks)
    desc += m.name + ": " + format_number(m.x, 4) + ", " + format_number(m.y, 4) + ". ";
  chart.desc = desc;
  chart.data.caption = "Marked points (payoffs" + (unit.empty() ? "" : " in " + unit) + ")";
  chart.data.header = {"point", game.player_names[0], game.player_names[1]};
  chart.data.numeric = {false, true, true};
  for (const Mark& m : marks) chart.data.rows.push_back({m.name, format_number(m.x, 6), format_number(m.y, 6)});

  double lx = game.payoff(0, 0), hx = lx, ly = game.payoff(1, 0), hy = ly;
  for (std::size_t k = 0; k < game.num_profiles(); ++k) {
    lx = std::min(lx, game.payoff(0, k)), hx = std::max(hx, game.payoff(0, k));
    ly = std::min(ly, game.payoff(1, k)), hy = std::max(hy, game.payoff(1, k));
  }
  for (const Mark& m : marks) lx = std::min(lx, m.x), hx = std::max(hx, m.x), ly = std::min(ly, m.y), hy = std::max(hy, m.y);
  const auto [x0, x1] = nice_range(lx, hx);
  const auto [y0, y1] = nice_range(ly, hy);
  const double left = 70, top = 20, size = 320;
  Canvas canvas("chart-outcomes", left + size + 240, top + size + 60, chart.title, chart.desc);
  const Scale sx{x0, x1, left, left + size}, sy{y0, y1, top + size, top};
  canvas.axes(sx, sy, left, top, left + size, top + size, game.player_names[0], game.player_names[1]);
  for (std::size_t k = 0; k < game.num_profiles(); ++k) {
    std::string label;
    for (std::size_t p = 0; p < 2; ++p) label += (p ? " / " : "") + game.action_labels[p][game.action_of(k, p)];
    canvas.circle(sx(game.payoff(0, k)), sy(game.payoff(1, k)), 4, Style{kGrey, "none"}, label);
  }
  for (const Mark& m : marks)
    canvas.marker(m.marker, sx(m.x), sy(m.y), 13, Style{"none", m.colour, 2.5}, m.name);
  double y = top + 14;
  const double legend_x = left + size + 20;
  canvas.legend_entry(legend_x, y, Marker::Circle, Style{kGrey, "none"}, "a combination of moves");
  for (const auto& [label, shape, colour] :
       std::vector<std::tuple<std::string, Marker, std::string>>{{"pure Nash equilibrium", Marker::Diamond, kGreen},
                                                                 {"mixed equilibrium", Marker::TriangleUp, kOrange},
                                                                 {"correlated (max welfare)", Marker::Square, kBlue}}) {
    // Only the kinds of point drawn (no "mixed" entry when there is none).
    const Marker kind = shape;  // a copy: clang 14 cannot capture a structured binding
    if (std::none_of(marks.begin(), marks.end(), [kind](const Mark& m) { return m.marker == kind; })) continue;
    y += 20;
    canvas.legend_entry(legend_x, y, shape, Style{"none", colour, 2.5}, label);
  }
  chart.svg = canvas.str();
  return chart;
}

}  // namespace

ReportChart outcomes_chart(const ScenarioGame& built, const ScenarioAnalysis& analysis, const std::string& unit) {
  const NormalFormGame& game = built.game;
  if (!drawable(game)) return ReportChart{"one_shot_outcomes", "", "", "", {}};
  std::vector<Mark> marks;
  for (std::size_t i = 0; i < analysis.pure.equilibria.size(); ++i)
    marks.push_back({"pure Nash equilibrium " + std::to_string(i + 1), analysis.pure.equilibria[i].payoffs[0],
                     analysis.pure.equilibria[i].payoffs[1], Marker::Diamond, kGreen});
  if (analysis.mixed)
    for (std::size_t i = 0; i < analysis.mixed->equilibria.size(); ++i)
      marks.push_back({"mixed equilibrium " + std::to_string(i + 1), analysis.mixed->equilibria[i].payoffs[0],
                       analysis.mixed->equilibria[i].payoffs[1], Marker::TriangleUp, kOrange});
  if (analysis.correlated)
    marks.push_back({"max-welfare correlated equilibrium", analysis.correlated->payoffs[0],
                     analysis.correlated->payoffs[1], Marker::Square, kBlue});
  return chart_of(game, marks, unit);
}

ReportChart outcomes_chart(const NormalFormGame& game, const SolveResult& result, const std::string& unit) {
  if (!drawable(game)) return ReportChart{"one_shot_outcomes", "", "", "", {}};
  std::vector<Mark> marks;
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    const bool pure = eq.is_pure();
    marks.push_back({std::string(pure ? "pure Nash equilibrium " : "mixed equilibrium ") + std::to_string(i + 1),
                     eq.payoffs[0], eq.payoffs[1], pure ? Marker::Diamond : Marker::TriangleUp, pure ? kGreen : kOrange});
  }
  return chart_of(game, marks, unit);
}

}  // namespace negsim::svg
