#include "sim/sweep/scenario_sweep_analyses.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/sweep/sweep_runner.hpp"
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
