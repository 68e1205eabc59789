#include "sim/sweep/learning_sweep_analysis.hpp"

#include <sstream>

#include <doctest/doctest.h>

#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/learn/dynamics_catalog.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"

using namespace negsim;

namespace {
std::vector<SweepRow> learn_rows(const Scenario& scenario, std::uint64_t seed) {
  const std::vector<SweepAnalysis> analyses = make_sweep_analyses({"learn"}, scenario);  // through the registry
  REQUIRE(analyses.size() == 1);
  const ScenarioGame game = build_normal_form(scenario);
  RowSink sink(analyses[0].columns.size());
  analyses[0].run(scenario, game, seed, sink);
  return sink.rows();
}
}  // namespace

TEST_CASE("learn analysis: one row per dynamic - best responses reach the dilemma's equilibrium") {
  const Scenario pd = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/prisoners_dilemma.yaml");
  const SweepAnalysis learn = make_learning_analysis(pd);
  CHECK(learn.columns == std::vector<std::string>{"dynamics", "iterations", "converged", "max_regret", "equilibrium",
                                                  "payoff_row", "payoff_column", "top_row", "top_column", "freq_row",
                                                  "freq_column"});
  const std::vector<SweepRow> rows = learn_rows(pd, 0);
  REQUIRE(rows.size() == dynamics_catalog().size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const SweepRow& row = rows[k];
    CHECK(std::get<std::string>(row.cells[0]) == dynamics_catalog()[k].name);
    // Defection is strictly dominant: every dynamic ends playing it mostly.
    CHECK_MESSAGE(std::get<std::string>(row.cells[7]) == "play=defect", dynamics_catalog()[k].name);
    // The frequencies are a distribution over the player's actions.
    std::istringstream freq(std::get<std::string>(row.cells[9]));
    double x = 0, sum = 0;
    int count = 0;
    while (freq >> x) sum += x, ++count;
    CHECK(count == 2);
    CHECK(sum == doctest::Approx(1.0));
    if (dynamics_catalog()[k].name == "best-response") {
      CHECK(std::get<std::string>(row.cells[2]) == "yes");
      CHECK(std::get<std::string>(row.cells[4]) == "yes");
      CHECK(std::get<double>(row.cells[3]) == 0.0);
      CHECK(std::get<double>(row.cells[5]) == 1.0);  // P
    }
    // "equilibrium" is the independent verdict: yes only with (near) zero regret.
    if (std::get<std::string>(row.cells[4]) == "yes") CHECK(std::get<double>(row.cells[3]) < 1e-5);
  }
}

TEST_CASE("learn analysis: rows depend on the point's seed only through regret matching") {
  const Scenario mp = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/matching_pennies.yaml");
  const std::vector<SweepRow> a = learn_rows(mp, 1), b = learn_rows(mp, 1), c = learn_rows(mp, 2);
  REQUIRE(a.size() == c.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK(a[k].cells == b[k].cells);
    if (dynamics_catalog()[k].name == "regret-matching") CHECK(a[k].cells != c[k].cells);
    else CHECK(a[k].cells == c[k].cells);
  }
  // Matching pennies has no pure equilibrium: best responses cannot end in one.
  for (std::size_t k = 0; k < a.size(); ++k)
    if (dynamics_catalog()[k].name == "best-response") CHECK(std::get<std::string>(a[k].cells[4]) == "no");
}
