#include "sim/sweep/sweep_analysis.hpp"

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"

using namespace negsim;

namespace {
std::vector<SweepRow> stage_rows(const Scenario& scenario) {
  const SweepAnalysis stage = make_stage_analysis(scenario);
  const ScenarioGame game = build_normal_form(scenario);
  RowSink sink(stage.columns.size());
  stage.run(scenario, game, 0, sink);
  return sink.rows();
}
}  // namespace

TEST_CASE("stage analysis: the prisoner's dilemma has the one equilibrium (defect, defect)") {
  const Scenario pd = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/prisoners_dilemma.yaml");
  const SweepAnalysis stage = make_stage_analysis(pd);
  CHECK(stage.columns == std::vector<std::string>{"equilibrium", "action_row", "action_column", "payoff_row",
                                                  "payoff_column", "max_regret"});
  const std::vector<SweepRow> rows = stage_rows(pd);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == "ok");
  CHECK(std::get<std::int64_t>(rows[0].cells[0]) == 0);
  CHECK(std::get<std::string>(rows[0].cells[1]) == "play=defect");
  CHECK(std::get<std::string>(rows[0].cells[2]) == "play=defect");
  CHECK(std::get<double>(rows[0].cells[3]) == 1);  // P, Axelrod's punishment
  CHECK(std::get<double>(rows[0].cells[5]) == 0);
}

TEST_CASE("stage analysis: matching pennies has no pure equilibrium, said in one row") {
  const Scenario mp = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/matching_pennies.yaml");
  const std::vector<SweepRow> rows = stage_rows(mp);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == "none");
  CHECK(rows[0].message == "no pure Nash equilibrium");
}

TEST_CASE("sweep analyses: the registry knows stage, takes new analyses, rejects unknown names") {
  const Scenario s = negsim::testing::sweep_scenario();
  register_sweep_analysis("profiles", "test: the number of profiles", [](const Scenario&) {
    SweepAnalysis a;
    a.name = "profiles";
    a.columns = {"profiles"};
    a.run = [](const Scenario&, const ScenarioGame& g, std::uint64_t, RowSink& rows) {
      rows.add_row().cells[0] = static_cast<std::int64_t>(g.game.num_profiles());
    };
    return a;
  });
  const std::vector<SweepAnalysis> made = make_sweep_analyses({"stage", "profiles"}, s);
  REQUIRE(made.size() == 2);
  CHECK(made[1].name == "profiles");
  try {
    make_sweep_analyses({"stag"}, s);
    FAIL("expected a UsageError");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("did you mean 'stage'?") != std::string::npos);
  }
  CHECK_THROWS_AS(make_sweep_analyses({"stage", "stage"}, s), UsageError);
}
