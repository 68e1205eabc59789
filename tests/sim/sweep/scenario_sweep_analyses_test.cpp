#include "sim/sweep/scenario_sweep_analyses.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "tests/support/limits.hpp"

using namespace negsim;
using negsim::testing::expired_deadline;

namespace {

Scenario three_movers() {
  return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/tests/data/three_movers_mixed.yaml");
}

}  // namespace

TEST_CASE("sweep spe: the mixed stage's movers are written as their mixtures, the rest as labels") {
  const Scenario scenario = three_movers();
  const ScenarioGame built = build_stage_game(scenario, AnalysisOptions{});
  const SweepAnalysis spe = make_spe_analysis(scenario);
  RowSink sink(spe.columns.size());
  spe.run(scenario, built, 0, sink);
  REQUIRE(sink.rows().size() == 1);
  const SweepRow& row = sink.rows().front();
  CHECK(row.status == "ok");
  CHECK(std::get<std::string>(row.cells[1]) == "w=hi");  // d, the leader (column action_d)
  const std::string a = std::get<std::string>(row.cells[2]);
  CHECK(a.rfind("mix(", 0) == 0);
  CHECK(a.find("x=l") != std::string::npos);
  CHECK(a.find("x=r") != std::string::npos);
  CHECK(row.message.find("mixed stage play") != std::string::npos);
}

TEST_CASE("sweep: a point stopped by --time-limit is not written as an error row, the sweep stops") {
  const Scenario scenario = three_movers();
  const SweepSpec spec(scenario, {{"list", "k=1,2"}}, 0, 0);
  AnalysisOptions options;
  options.build.deadline = expired_deadline();
  SweepEngine engine(scenario, spec, make_sweep_analyses({"spe"}, scenario, options), SweepFormat::Csv,
                     options.build);
  SweepWorkspace workspace = engine.make_workspace();
  std::string out;
  CHECK_THROWS_AS(engine.run_point(0, workspace, out), LimitError);
  CHECK(out.empty());
  // The same analysis failing for another reason (no deadline on the
  // engine) stays an error row and the sweep goes on.
  SweepEngine no_limit(scenario, spec, make_sweep_analyses({"spe"}, scenario, options), SweepFormat::Csv);
  SweepWorkspace other = no_limit.make_workspace();
  CHECK(no_limit.run_point(0, other, out));
  CHECK(out.find(",error,") != std::string::npos);
}

TEST_CASE("sweep --select reaches the spe analysis") {
  const Scenario scenario = three_movers();
  SweepOptions options;
  options.select = StageSelection::kWelfare;
  CHECK(sweep_analysis_options(options).select == StageSelection::kWelfare);
  options.deadline = expired_deadline();
  CHECK(sweep_analysis_options(options).build.deadline.expired());
}

namespace {

// The rows `analysis` writes at a sweep point (values set by the sweep) and
// with the same values given as --set on a freshly loaded scenario: the same.
void check_sweep_point_equals_run_set(const std::string& file, const std::string& analysis_name,
                                      const std::string& parameter, const std::vector<double>& values) {
  const Scenario base = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + file);
  std::string list = parameter + "=";
  for (std::size_t i = 0; i < values.size(); ++i) list += (i ? "," : "") + format_sweep_number(values[i]);
  const SweepSpec spec(base, {{"list", list}}, 0, 0);
  const SweepEngine engine(base, spec, make_sweep_analyses({analysis_name}, base), SweepFormat::Csv);
  SweepWorkspace workspace = engine.make_workspace();
  for (std::size_t point = 0; point < values.size(); ++point) {
    std::string swept;
    engine.run_point(point, workspace, swept);
    // negsim run --set PARAMETER=VALUE: a fresh scenario, a fresh build, the analysis.
    Scenario set = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + file);
    apply_overrides(set, {{parameter, values[point]}});
    const SweepSpec one(set, {{"list", parameter + "=" + format_sweep_number(values[point])}}, 0, 0);
    const SweepAnalysis fresh = make_sweep_analyses({analysis_name}, set).front();
    const ScenarioGame built = build_stage_game(set, AnalysisOptions{});
    RowSink sink(fresh.columns.size());
    fresh.run(set, built, spec.point_seed(point), sink);
    const SweepLayout layout(spec, {fresh}, SweepFormat::Csv);
    std::string expected;
    const std::string prefix = layout.line_prefix(point);
    for (std::size_t r = 0; r < sink.rows().size(); ++r)
      layout.append_row(expected, prefix, 0, r, sink.rows().size(), sink.rows()[r]);
    CAPTURE(analysis_name);
    CAPTURE(point);
    CHECK(swept == expected);
    CHECK(!swept.empty());
  }
}

}  // namespace

TEST_CASE("sweep rows of mixed, correlated and bargaining equal the analysis of run --set at the point") {
  check_sweep_point_equals_run_set("trade_war_tariffs.yaml", "mixed", "tot_gain", {0.05, 0.1, 0.3});
  check_sweep_point_equals_run_set("trade_war_tariffs.yaml", "correlated", "nash_tariff", {30, 63});
  check_sweep_point_equals_run_set("tiktok_2025.yaml", "correlated", "ban_cost_us", {5, 40});
  check_sweep_point_equals_run_set("tiktok_2025.yaml", "bargaining", "ban_cost_us", {5, 40});
  check_sweep_point_equals_run_set("tiktok_2025.yaml", "stage", "value_with_algorithm", {10, 100, 150});
}

TEST_CASE("sweep bargaining: five solutions, the deal in words, payoffs of the bargaining players") {
  const Scenario tiktok = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml");
  const SweepAnalysis bargaining = make_bargaining_analysis(tiktok);
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.bargaining = true;
  const ScenarioGame built = build_stage_game(tiktok, options);
  const ScenarioAnalysis run = analyze_scenario(tiktok, built, options);
  RowSink sink(bargaining.columns.size());
  bargaining.run(tiktok, built, 0, sink);
  REQUIRE(sink.rows().size() == 5);
  CHECK(std::get<std::string>(sink.rows()[0].cells[0]) == "alternating-offers");
  CHECK(std::get<std::string>(sink.rows()[1].cells[0]) == "nash");
  const BargainingAnalysis& b = *run.bargaining;
  if (b.nash.exists) {
    for (std::size_t i = 0; i < b.bargaining.scenario_players.size(); ++i)
      CHECK(std::get<double>(sink.rows()[1].cells[2 + b.bargaining.scenario_players[i]]) == b.nash.utilities[i]);
  }
  CHECK(std::get<std::string>(sink.rows()[0].cells[3 + tiktok.players.size()]) == b.offers.ending);
  const Scenario no_block = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/trade_war_tariffs.yaml");
  CHECK_THROWS_AS(make_bargaining_analysis(no_block), UsageError);
}
