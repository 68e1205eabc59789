#include "sim/sweep/belief_sweep_analyses.hpp"

#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/beliefs_report.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"

using namespace negsim;

namespace {

Scenario scenario_file(const std::string& name) {
  return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + name);
}

std::size_t column(const SweepAnalysis& a, const std::string& name) {
  for (std::size_t c = 0; c < a.columns.size(); ++c)
    if (a.columns[c] == name) return c;
  FAIL("no column " << name);
  return 0;
}

double number(const SweepCell& cell) { return std::get<double>(cell); }

}  // namespace

TEST_CASE("sweep beliefs: the rows at TikTok points agree with run's analysis and its JSON report") {
  const Scenario base = scenario_file("tiktok_2025.yaml");
  const SweepAnalysis beliefs = make_beliefs_analysis(base);
  for (const double prior : {0.1, 0.3, 0.6}) {
    CAPTURE(prior);
    Scenario set = scenario_file("tiktok_2025.yaml");
    apply_overrides(set, {{"p_us_committed", prior}});
    // negsim run --set p_us_committed=PRIOR: every part, as run computes them.
    const ScenarioAnalysis run = analyze_scenario(set);
    REQUIRE(run.beliefs);
    const nlohmann::json report = beliefs_json(set, *run.beliefs);
    // The sweep analysis at the same point.
    RowSink sink(beliefs.columns.size());
    beliefs.run(set, *run.stage_game, 0, sink);
    REQUIRE(sink.rows().size() == run.beliefs->result.equilibria.size());
    REQUIRE(!sink.rows().empty());
    const SweepRow& row = sink.rows().front();
    CHECK(row.status == "ok");
    CHECK(std::get<std::int64_t>(row.cells[column(beliefs, "equilibria")]) ==
          static_cast<std::int64_t>(report["equilibria"].size()));
    for (const ScenarioPlayer& p : set.players) {
      const std::size_t k = static_cast<std::size_t>(&p - set.players.data());
      CHECK(number(row.cells[column(beliefs, "payoff_" + p.id)]) == report["equilibria"][0]["payoffs"][k].get<double>());
      CHECK(number(row.cells[column(beliefs, "value_of_information_" + p.id)]) ==
            report["value_of_information"][p.id].get<double>());
      // Each player alone learning the others' types: the U.S. has none to learn.
      const SweepCell& alone = row.cells[column(beliefs, "value_of_learning_types_" + p.id)];
      if (p.id == "us") {
        CHECK_FALSE(report["value_of_learning_types"].contains(p.id));
        CHECK(std::holds_alternative<std::monostate>(alone));
      } else {
        CHECK(number(alone) == report["value_of_learning_types"][p.id]["value"].get<double>());
      }
    }
    const double threat = report["equilibria"][0]["threat_probability"].get<double>();
    CHECK(number(row.cells[column(beliefs, "threat_probability")]) == threat);
    CHECK(std::get<std::string>(row.cells[column(beliefs, "credible")]) == (threat > 0 ? "yes" : "no"));
    CHECK(std::get<std::string>(row.cells[column(beliefs, "kind")]) == report["equilibria"][0]["kind"].get<std::string>());
    // The path starts in round 1 with the U.S.'s move, and the beliefs name the U.S.'s type.
    const std::string path = std::get<std::string>(row.cells[column(beliefs, "path")]);
    CHECK(path.rfind("r1 ", 0) == 0);
    CHECK(std::get<std::string>(row.cells[column(beliefs, "beliefs")]).find("us=committed") != std::string::npos);
  }
}

TEST_CASE("sweep beliefs and bayesian: a swept point equals the same values given as --set") {
  const Scenario base = scenario_file("classic/beer_quiche.yaml");
  const SweepSpec spec(base, {{"list", "p_weak=0.1,0.6"}}, 0, 0);
  const SweepEngine engine(base, spec, make_sweep_analyses({"beliefs", "bayesian"}, base), SweepFormat::Csv);
  SweepWorkspace workspace = engine.make_workspace();
  const double values[] = {0.1, 0.6};
  for (std::size_t point = 0; point < 2; ++point) {
    CAPTURE(point);
    std::string swept;
    engine.run_point(point, workspace, swept);
    Scenario set = scenario_file("classic/beer_quiche.yaml");
    apply_overrides(set, {{"p_weak", values[point]}});
    const std::vector<SweepAnalysis> fresh = make_sweep_analyses({"beliefs", "bayesian"}, set);
    const ScenarioGame built = build_stage_game(set, AnalysisOptions{});
    const SweepLayout layout(spec, fresh, SweepFormat::Csv);
    std::string expected;
    const std::string prefix = layout.line_prefix(point);
    std::vector<std::vector<SweepRow>> rows(fresh.size());
    std::size_t total = 0;
    for (std::size_t a = 0; a < fresh.size(); ++a) {
      RowSink sink(fresh[a].columns.size());
      fresh[a].run(set, built, spec.point_seed(point), sink);
      rows[a] = sink.rows();
      total += rows[a].size();
    }
    std::size_t index = 0;  // rows are numbered across the point's analyses
    for (std::size_t a = 0; a < fresh.size(); ++a)
      for (const SweepRow& row : rows[a]) layout.append_row(expected, prefix, a, index++, total, row);
    CHECK(swept == expected);
  }
}

TEST_CASE("sweep beliefs: beer-quiche's two pooling equilibria, each path and belief in words") {
  const Scenario s = scenario_file("classic/beer_quiche.yaml");
  const SweepAnalysis beliefs = make_beliefs_analysis(s);
  const ScenarioGame built = build_stage_game(s, AnalysisOptions{});
  RowSink sink(beliefs.columns.size());
  beliefs.run(s, built, 0, sink);
  REQUIRE(sink.rows().size() == 3);  // two pure, then the behaviour row (its own test: tests/cli/beliefs_sweep_cli_test.cpp)
  CHECK(std::get<std::string>(sink.rows().back().cells[column(beliefs, "kind")]) == "behaviour sequential");
  for (std::size_t r = 0; r < 2; ++r) {
    const SweepRow& row = sink.rows()[r];
    CHECK(std::get<std::string>(row.cells[column(beliefs, "complete")]) == "yes");
    CHECK(std::holds_alternative<std::monostate>(row.cells[column(beliefs, "threat_probability")]));  // no threat:
    const std::string path = std::get<std::string>(row.cells[column(beliefs, "path")]);
    // Pooling: one breakfast on the path, eaten with probability 1, the receiver retreats.
    const bool beer = path.find("sender breakfast=beer 1") != std::string::npos;
    const bool quiche = path.find("sender breakfast=quiche 1") != std::string::npos;
    CHECK(beer != quiche);
    CHECK(path.find("receiver response=retreat 1") != std::string::npos);
    // The receiver on the path believes the prior: weak 0.1.
    CHECK(std::get<std::string>(row.cells[column(beliefs, "beliefs")]).find("sender=weak 0.1") != std::string::npos);
    CHECK(std::get<std::int64_t>(row.cells[column(beliefs, "off_path")]) == 1);
  }
}

TEST_CASE("sweep bayesian: the type-agent form's equilibria, and the blocks each analysis needs") {
  const Scenario s = scenario_file("classic/beer_quiche.yaml");
  const SweepAnalysis bayesian = make_bayesian_analysis(s);
  const ScenarioGame built = build_stage_game(s, AnalysisOptions{});
  RowSink sink(bayesian.columns.size());
  bayesian.run(s, built, 0, sink);
  const ScenarioAnalysis run = analyze_scenario(s);
  REQUIRE(run.bayesian);
  const std::size_t count = run.bayesian->pure.equilibria.size() +
                            (run.bayesian->mixed ? run.bayesian->mixed->equilibria.size() : 0);
  REQUIRE(sink.rows().size() == count);
  CHECK(std::get<std::int64_t>(sink.rows().front().cells[1]) == static_cast<std::int64_t>(count));
  CHECK(std::get<std::string>(sink.rows().front().cells[2]) == "pure");
  const Scenario no_types = scenario_file("trade_war_tariffs.yaml");
  CHECK_THROWS_AS(make_bayesian_analysis(no_types), UsageError);
  CHECK_THROWS_AS(make_beliefs_analysis(no_types), UsageError);
}
