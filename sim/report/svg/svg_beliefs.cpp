#include "sim/report/svg/svg_beliefs.hpp"

#include <cmath>
#include <utility>
#include <vector>

#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

ReportChart belief_path_chart(const Scenario& scenario, const TypesPrediction& types) {
  ReportChart chart;
  chart.name = "belief_path";
  if (types.path.empty()) return chart;
  const std::string& name = scenario.players[types.player].name;
  const std::string& observer = scenario.players[types.observer].name;
  bool threat_differs = false;
  for (const BeliefStep& s : types.path)
    threat_differs = threat_differs || (types.has_threat && std::abs(s.threat - s.belief) > 1e-9);
  threat_differs = threat_differs || (types.has_threat && std::abs(types.threat_probability - types.prior) > 1e-9);

  chart.title = observer + "'s belief about " + name + ", round by round";
  chart.desc = "Along the most likely line of play, the probability " + observer + " puts on " + name +
               " being " + types.type_label + ": " + format_number(types.prior, 3) +
               " at the start";
  for (const BeliefStep& s : types.path)
    chart.desc += ", " + format_number(s.belief, 3) + " after round " + std::to_string(s.round) +
                  (s.observed.empty() ? "" : " (" + name + " " + s.observed + ")");
  chart.desc += ".";
  if (threat_differs) chart.desc += " The dashed line: its belief that the threat will be carried out.";

  chart.data.caption = "The belief path (Bayes' rule on the equilibrium path)";
  chart.data.header = {"after round", name + " played", observer + "'s belief", "belief the threat is carried out",
                       observer + " plays", "probability play gets here"};
  chart.data.numeric = {true, false, true, true, false, true};
  chart.data.rows.push_back({"start", "-", format_number(types.prior, 3),
                             types.has_threat ? format_number(types.threat_probability, 3) : "-", "-", "1"});
  for (const BeliefStep& s : types.path)
    chart.data.rows.push_back({std::to_string(s.round), s.observed.empty() ? "(not seen)" : s.observed,
                               format_number(s.belief, 3), types.has_threat ? format_number(s.threat, 3) : "-", s.move,
                               format_number(s.reach, 3)});

  const double left = 70, top = 30, right = 560, bottom = 250;
  Canvas canvas("chart-belief-path", right + 200, bottom + 50, chart.title, chart.desc);
  const Scale x{0, static_cast<double>(types.path.size()), left, right};
  const Scale y{0, 1, bottom, top};
  canvas.axes(x, y, left, top, right, bottom, "round (0: the start, before any move)", "probability");
  std::vector<std::pair<double, double>> belief{{x(0), y(types.prior)}}, threat{{x(0), y(types.threat_probability)}};
  for (std::size_t i = 0; i < types.path.size(); ++i) {
    belief.push_back({x(static_cast<double>(i + 1)), y(types.path[i].belief)});
    threat.push_back({x(static_cast<double>(i + 1)), y(types.path[i].threat)});
  }
  Style line;
  line.stroke = kBlue;
  line.stroke_width = 2;
  canvas.polyline(belief, line);
  Style dot;
  dot.fill = kBlue;
  for (std::size_t i = 0; i < belief.size(); ++i)
    canvas.marker(Marker::Circle, belief[i].first, belief[i].second, 7, dot,
                  (i ? "after round " + std::to_string(i) : std::string("start")) + ": " +
                      format_number(i ? types.path[i - 1].belief : types.prior, 3));
  canvas.legend_entry(right + 15, top + 10, Marker::Circle, dot, "belief in the type");
  if (threat_differs) {
    Style dashed;
    dashed.stroke = kVermillion;
    dashed.stroke_width = 2;
    dashed.dashed = true;
    canvas.polyline(threat, dashed);
    canvas.legend_line(right + 15, top + 30, dashed, "threat carried out");
  }
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
