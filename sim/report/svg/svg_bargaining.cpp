#include "sim/report/svg/svg_bargaining.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_canvas.hpp"

namespace negsim::svg {

namespace {

struct MarkedPoint {
  std::string name;
  std::vector<double> utilities;
  std::string what;
  Marker marker;
  std::string colour;
};

double marker_size(Marker marker) {
  return marker == Marker::TriangleUp ? 18 : marker == Marker::Diamond ? 13 : marker == Marker::Square ? 9 : 12;
}

Style marker_style(const MarkedPoint& m) { return Style{"none", m.colour, 2.5}; }

constexpr double kPanel = 260, kMarginLeft = 64, kMarginTop = 30, kGap = 64;

}  // namespace

ReportChart bargaining_chart(const Scenario& scenario, const BargainingAnalysis& analysis, const std::string& unit) {
  ReportChart chart;
  chart.name = "bargaining_frontier";
  const ScenarioBargaining& b = analysis.bargaining;
  const DiscreteDealSpace& deals = b.problem.deals;
  const std::size_t n = deals.num_players;
  if (n < 2 || deals.num_deals() == 0) return chart;
  auto name = [&](std::size_t i) { return scenario.players[b.scenario_players[i]].name; };

  std::vector<MarkedPoint> marked;
  marked.push_back({"disagreement", b.problem.protocol.disagreement,
                    analysis.disagreement_source.empty() ? "no deal" : analysis.disagreement_source, Marker::Cross,
                    kBlack});
  const AlternatingOffersResult& o = analysis.offers;
  if (o.agreement && !o.deal_utilities.empty())
    marked.push_back({"alternating offers", o.deal_utilities,
                      "agreed in round " + std::to_string(o.agreement_round) +
                          (o.deal ? ": " + label_in_words(deals.labels[*o.deal]) : ""),
                      Marker::TriangleUp, kGreen});
  if (analysis.nash.exists)
    marked.push_back({"Nash", analysis.nash.utilities,
                      analysis.nash.deal ? label_in_words(deals.labels[*analysis.nash.deal]) : "", Marker::Diamond,
                      kOrange});
  if (analysis.kalai_smorodinsky.exists)
    marked.push_back({"Kalai-Smorodinsky", analysis.kalai_smorodinsky.utilities,
                      analysis.kalai_smorodinsky.deal ? label_in_words(deals.labels[*analysis.kalai_smorodinsky.deal]) : "",
                      Marker::Square, kBlue});
  // When no single deal is a solution, the solution over lotteries of deals
  // (a deal drawn at random with these odds) is the point to show.
  auto lottery_in_words = [&](const AxiomaticSolution& s) {
    std::string out;
    for (const auto& [deal, probability] : s.lottery)
      out += (out.empty() ? "" : " + ") + format_number(100 * probability, 3) + "% " + label_in_words(deals.labels[deal]);
    return out;
  };
  if (!analysis.nash.exists && analysis.nash_lotteries.exists && !analysis.nash_lotteries.utilities.empty())
    marked.push_back({"Nash (lottery of deals)", analysis.nash_lotteries.utilities,
                      lottery_in_words(analysis.nash_lotteries), Marker::Diamond, kOrange});
  if (!analysis.kalai_smorodinsky.exists && analysis.kalai_smorodinsky_lotteries.exists &&
      !analysis.kalai_smorodinsky_lotteries.utilities.empty())
    marked.push_back({"Kalai-Smorodinsky (lottery of deals)", analysis.kalai_smorodinsky_lotteries.utilities,
                      lottery_in_words(analysis.kalai_smorodinsky_lotteries), Marker::Square, kBlue});

  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < n && pairs.size() < 3; ++i)
    for (std::size_t j = i + 1; j < n && pairs.size() < 3; ++j) pairs.push_back({i, j});

  chart.title = "Bargaining: the deals, the disagreement point and the solutions";
  std::string desc = std::to_string(deals.num_deals()) + " possible deals plotted by the utilities of " +
                     (n == 2 ? name(0) + " and " + name(1) : "each pair of bargainers") + ". ";
  for (const MarkedPoint& m : marked) {
    desc += m.name + ": ";
    for (std::size_t p = 0; p < n && p < m.utilities.size(); ++p)
      desc += (p ? ", " : "") + name(p) + " " + format_number(m.utilities[p], 4);
    desc += ". ";
  }
  for (const char* missing : {"Nash", "Kalai-Smorodinsky"})
    if (std::none_of(marked.begin(), marked.end(), [&](const MarkedPoint& m) { return m.name == missing; }))
      desc += std::string("No ") + missing + " solution over single deals: no deal gives every bargainer more than "
              "disagreement. ";
  if (!o.agreement) desc += "Alternating offers end without agreement (" + o.ending + "). ";
  chart.desc = desc;

  chart.data.caption = "The marked points (utilities" + (unit.empty() ? "" : " in " + unit) + ")";
  chart.data.header = {"point"};
  for (std::size_t p = 0; p < n; ++p) chart.data.header.push_back(name(p));
  chart.data.header.push_back("deal");
  chart.data.numeric.assign(chart.data.header.size(), true);
  chart.data.numeric.front() = chart.data.numeric.back() = false;
  for (const MarkedPoint& m : marked) {
    std::vector<std::string> row = {m.name};
    for (std::size_t p = 0; p < n; ++p) row.push_back(p < m.utilities.size() ? format_number(m.utilities[p], 6) : "");
    row.push_back(m.what.empty() ? "-" : m.what);
    chart.data.rows.push_back(row);
  }

  const double width = kMarginLeft + static_cast<double>(pairs.size()) * (kPanel + kGap);
  const double height = kMarginTop + kPanel + 90;
  Canvas canvas("chart-bargaining", width, height, chart.title, chart.desc);
  const std::size_t stride = std::max<std::size_t>(1, deals.num_deals() / 2000);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto [i, j] = pairs[k];
    double lo_x = b.problem.protocol.disagreement[i], hi_x = lo_x;
    double lo_y = b.problem.protocol.disagreement[j], hi_y = lo_y;
    for (std::size_t d = 0; d < deals.num_deals(); ++d) {
      lo_x = std::min(lo_x, deals.utility(i, d)), hi_x = std::max(hi_x, deals.utility(i, d));
      lo_y = std::min(lo_y, deals.utility(j, d)), hi_y = std::max(hi_y, deals.utility(j, d));
    }
    for (const MarkedPoint& m : marked) {
      lo_x = std::min(lo_x, m.utilities[i]), hi_x = std::max(hi_x, m.utilities[i]);
      lo_y = std::min(lo_y, m.utilities[j]), hi_y = std::max(hi_y, m.utilities[j]);
    }
    const auto [x0, x1] = nice_range(lo_x, hi_x);
    const auto [y0, y1] = nice_range(lo_y, hi_y);
    const double left = kMarginLeft + static_cast<double>(k) * (kPanel + kGap);
    const Scale sx{x0, x1, left, left + kPanel};
    const Scale sy{y0, y1, kMarginTop + kPanel, kMarginTop};
    canvas.axes(sx, sy, left, kMarginTop, left + kPanel, kMarginTop + kPanel, name(i), name(j));
    for (std::size_t d = 0; d < deals.num_deals(); d += stride)
      canvas.circle(sx(deals.utility(i, d)), sy(deals.utility(j, d)), 3, Style{kGrey, "none", 1, false, 0.6},
                    label_in_words(deals.labels[d]));
    // Hollow markers of different sizes: solutions that coincide stay visible.
    for (const MarkedPoint& m : marked)
      canvas.marker(m.marker, sx(m.utilities[i]), sy(m.utilities[j]), marker_size(m.marker), marker_style(m),
                    m.name + ": " + m.what);
  }
  double lx = kMarginLeft;
  const double ly = height - 20;
  canvas.legend_entry(lx, ly, Marker::Circle, Style{kGrey, "none"}, "a possible deal");
  lx += 130;
  for (const MarkedPoint& m : marked) {
    canvas.legend_entry(lx, ly, m.marker, marker_style(m), m.name);
    lx += 40 + text_width(m.name, 11);
  }
  chart.svg = canvas.str();
  return chart;
}

}  // namespace negsim::svg
