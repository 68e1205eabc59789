// The charts of the scenario report say what the analysis found: the tree's
// branches are each stage's deviations closest to paying (recomputed here
// from the threats), none of them pays; the bargaining and repeated charts
// carry the analysis's own numbers; every chart has its text alternative.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_bargaining.hpp"
#include "sim/report/svg/svg_game_tree.hpp"
#include "sim/report/svg/svg_outcomes.hpp"
#include "sim/report/svg/svg_repeated.hpp"
#include "sim/report/svg/svg_tipping_points.hpp"
#include "sim/repeated/bounded_payoff_set.hpp"

using namespace negsim;

namespace {

struct TikTok {
  Scenario scenario;
  ScenarioGame built;
  ScenarioAnalysis analysis;
};

const TikTok& tiktok() {
  static const TikTok t = [] {
    TikTok out{load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml"), {}, {}};
    out.built = build_stage_game(out.scenario, AnalysisOptions{});
    out.analysis = analyze_scenario(out.scenario, out.built);
    return out;
  }();
  return t;
}

void check_text_alternative(const ReportChart& chart) {
  CHECK(!chart.title.empty());
  CHECK(!chart.desc.empty());
  CHECK(chart.svg.find("<title id=") != std::string::npos);
  CHECK(chart.svg.find("<desc id=") != std::string::npos);
  CHECK(!chart.data.rows.empty());
  for (const auto& row : chart.data.rows) CHECK(row.size() == chart.data.header.size());
}

}  // namespace

TEST_CASE("game tree chart: the branches are the deviations closest to paying, and none pays") {
  const TikTok& t = tiktok();
  REQUIRE(t.analysis.sequential);
  const SequentialAnalysis& s = *t.analysis.sequential;
  const SubgamePerfectEquilibrium& spe = s.result.equilibria.front();
  const ReportChart chart = svg::game_tree_chart(t.scenario, t.built, s, "$bn", 3);
  check_text_alternative(chart);
  for (const PathStep& step : spe.path) {
    CAPTURE(step.stage);
    std::vector<double> gains;
    for (const Threat& threat : spe.threats)
      if (threat.stage == step.stage && threat.node == step.node) gains.push_back(threat.deviation_gain);
    std::sort(gains.rbegin(), gains.rend());
    gains.resize(std::min<std::size_t>(gains.size(), 3));
    std::vector<double> shown;
    for (const auto& row : chart.data.rows)
      if (row[0] == std::to_string(step.stage + 1) && row[1] == "deviation") shown.push_back(std::stod(row[5]));
    REQUIRE(shown.size() == gains.size());
    for (std::size_t i = 0; i < gains.size(); ++i) {
      CHECK(shown[i] == doctest::Approx(gains[i]).epsilon(1e-3));
      CHECK(shown[i] <= 1e-9);  // the chart says every one is deterred
    }
    // The path row names the mover's action on the path.
    const GameStage& stage = s.timeline.game.stage(step.stage);
    const std::size_t mover = stage.movers.front();
    const std::string move = action_in_words(t.scenario, t.built, mover, s.timeline.game.mover_action(step.stage, step.profile, 0));
    const bool on_path = std::any_of(chart.data.rows.begin(), chart.data.rows.end(), [&](const auto& row) {
      return row[1] == "path" && row[2].find(move) != std::string::npos;
    });
    CHECK(on_path);
  }
  // A large stage is collapsed: the U.S. has 24 moves, 3 are drawn.
  CHECK(chart.svg.find("+ 20 other moves") != std::string::npos);
}

TEST_CASE("bargaining chart: the marked points are the analysis's solutions") {
  const TikTok& t = tiktok();
  REQUIRE(t.analysis.bargaining);
  const BargainingAnalysis& b = *t.analysis.bargaining;
  const ReportChart chart = svg::bargaining_chart(t.scenario, b, "$bn");
  check_text_alternative(chart);
  auto row_of = [&](const std::string& name) {
    for (const auto& row : chart.data.rows)
      if (row[0] == name) return row;
    return std::vector<std::string>{};
  };
  const auto disagreement = row_of("disagreement");
  REQUIRE(disagreement.size() == chart.data.header.size());
  for (std::size_t p = 0; p < b.bargaining.problem.protocol.disagreement.size(); ++p)
    CHECK(std::stod(disagreement[1 + p]) == doctest::Approx(b.bargaining.problem.protocol.disagreement[p]));
  CHECK(row_of("Nash").empty() == !b.nash.exists);
  // No single TikTok deal gives all three more than disagreement, so the Nash
  // solution is the lottery's, drawn at its utilities.
  CHECK(!b.nash.exists);
  REQUIRE(b.nash_lotteries.exists);
  const auto lottery = row_of("Nash (lottery of deals)");
  REQUIRE(lottery.size() == chart.data.header.size());
  for (std::size_t p = 0; p < b.nash_lotteries.utilities.size(); ++p)
    CHECK(std::stod(lottery[1 + p]) == doctest::Approx(b.nash_lotteries.utilities[p]).epsilon(1e-5));
  CHECK(lottery.back().find("% ") != std::string::npos);  // the lottery in words
  CHECK(row_of("alternating offers").empty() == !b.offers.agreement);
  if (b.offers.agreement)
    for (std::size_t p = 0; p < b.offers.deal_utilities.size(); ++p)
      CHECK(std::stod(row_of("alternating offers")[1 + p]) == doctest::Approx(b.offers.deal_utilities[p]));
  // Every deal is drawn (fewer than 2000 of them).
  std::size_t dots = 0;
  for (std::size_t at = chart.svg.find("<circle"); at != std::string::npos; at = chart.svg.find("<circle", at + 1)) ++dots;
  const std::size_t pairs = 3;
  CHECK(dots >= pairs * b.bargaining.problem.deals.num_deals());
}

TEST_CASE("repeated chart: each player's numbers are the sustainability report's") {
  const TikTok& t = tiktok();
  REQUIRE(t.analysis.repeated);
  const SustainabilityReport& s = t.analysis.repeated->sustainability;
  const ReportChart chart = svg::repeated_chart(*t.analysis.repeated, "$bn");
  check_text_alternative(chart);
  REQUIRE(chart.data.rows.size() == s.target_payoffs.size());
  for (std::size_t p = 0; p < s.target_payoffs.size(); ++p) {
    CHECK(std::stod(chart.data.rows[p][3]) == doctest::Approx(s.target_payoffs[p]).epsilon(1e-5));
    CHECK(std::stod(chart.data.rows[p][4]) == doctest::Approx(s.deviation_payoffs[p]).epsilon(1e-5));
  }
  // Three players: no payoff plane.
  CHECK(chart.svg.find("Payoff plane") == std::string::npos);
}

TEST_CASE("repeated chart: run's payoff set, converged or an outer bound, and said so") {
  const Scenario trade = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/trade_war_tariffs.yaml");
  const ScenarioGame built = build_stage_game(trade, AnalysisOptions{});
  const ScenarioAnalysis analysis = analyze_scenario(trade, built);
  REQUIRE(analysis.repeated);
  const RepeatedAnalysis& r = *analysis.repeated;
  const double delta = r.sustainability.discount;
  const BoundedPayoffSet full = bounded_payoff_set(r.spec.spec.stage, delta);
  REQUIRE(full.converged);
  const ReportChart drawn = svg::repeated_chart(r, "", full);
  check_text_alternative(drawn);
  CHECK(drawn.desc.find("and the subgame-perfect payoff set (green") != std::string::npos);
  CHECK(drawn.svg.find("outer bound") == std::string::npos);
  // The same chart as `repeated --payoff-set` draws from the vertices.
  CHECK(drawn.svg == svg::repeated_chart(r, "", full.vertices).svg);
  const BoundedPayoffSet cut = bounded_payoff_set(r.spec.spec.stage, delta, 2);
  REQUIRE_FALSE(cut.converged);
  const ReportChart bound = svg::repeated_chart(r, "", cut);
  CHECK(bound.desc.find("an outer bound of the subgame-perfect payoff set") != std::string::npos);
  CHECK(bound.desc.find("stopped after 2 iterations") != std::string::npos);
  CHECK(bound.svg.find("outer bound of the subgame-perfect payoff set") != std::string::npos);
  BoundedPayoffSet none;
  none.none = "no pure-strategy subgame-perfect equilibrium at delta = 0.1";
  const ReportChart missing = svg::repeated_chart(r, "", none);
  CHECK(missing.desc.find("No subgame-perfect payoff set is drawn: no pure-strategy") != std::string::npos);
  CHECK(missing.svg.find("payoff set</title>") == std::string::npos);
  CHECK(drawn.svg.find("<title>subgame-perfect payoff set</title>") != std::string::npos);
}

TEST_CASE("outcomes chart: only for two players, with every equilibrium marked") {
  const TikTok& t = tiktok();
  CHECK(svg::outcomes_chart(t.built, t.analysis, "").svg.empty());
  const Scenario chicken = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/chicken.yaml");
  const ScenarioGame built = build_stage_game(chicken, AnalysisOptions{});
  const ScenarioAnalysis analysis = analyze_scenario(chicken, built);
  const ReportChart chart = svg::outcomes_chart(built, analysis, "");
  check_text_alternative(chart);
  const std::size_t expected = analysis.pure.equilibria.size() + (analysis.mixed ? analysis.mixed->equilibria.size() : 0) +
                               (analysis.correlated ? 1 : 0);
  CHECK(chart.data.rows.size() == expected);
  // `negsim solve`'s chart: one marker per equilibrium of the method's list.
  const ReportChart solved = svg::outcomes_chart(built.game, analysis.pure);
  check_text_alternative(solved);
  CHECK(solved.data.rows.size() == analysis.pure.equilibria.size());
  CHECK(solved.svg.find("correlated (max welfare)") == std::string::npos);  // no such point, no legend entry
}

TEST_CASE("tipping points chart: one row per parameter with the search's brackets") {
  const Scenario pd = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/prisoners_dilemma.yaml");
  TippingPointOptions options;
  options.parameters = {"T", "R"};
  const TippingPointResult result = find_tipping_points(pd, options);
  const ReportChart chart = svg::tipping_points_chart(pd, result);
  check_text_alternative(chart);
  REQUIRE(chart.data.rows.size() == result.points.size());
  for (const TippingPoint& t : result.points) {
    CAPTURE(t.parameter);
    const auto row = std::find_if(chart.data.rows.begin(), chart.data.rows.end(),
                                  [&](const std::vector<std::string>& r) { return r[0] == t.parameter; });
    REQUIRE(row != chart.data.rows.end());
    CHECK(((*row)[3].rfind("no change", 0) == 0) == !t.below.found);
    CHECK(((*row)[5].rfind("no change", 0) == 0) == !t.above.found);
    if (t.below.found) CHECK((*row)[3].find(format_number(t.below.inside, 4)) == 0);
  }
}
