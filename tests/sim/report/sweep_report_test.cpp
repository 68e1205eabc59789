// Sweep reports: reading a sweep CSV, grouping points into regimes (checked
// against counts made by hand from the rows), and the report command.
#include "sim/report/sweep_regimes.hpp"

#include <doctest/doctest.h>

#include <string>

#include "models/errors.hpp"
#include "sim/report/svg/svg_sweep.hpp"
#include "sim/report/sweep_document.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

// Four points over x (2 values) and y (2 values); point 3 has two equilibria,
// point 2 none, point 1 the same as point 0.
const char* kSweep =
    "point,x,y,analysis,row,rows,status,equilibrium,action_a,action_b,payoff_a,message\n"
    "0,1,10,stage,0,1,ok,0,\"l=1,m=up\",r,1,\n"
    "1,2,10,stage,0,1,ok,0,\"l=1,m=up\",r,1,\n"
    "2,1,20,stage,0,1,none,,,,,\n"
    "3,2,20,stage,0,2,ok,0,\"l=1,m=up\",r,1,\n"
    "3,2,20,stage,1,2,ok,1,\"l=2,m=up\",s,0,\n";

// The same sweep in JSON lines, as `--format jsonl` writes it (cells an
// analysis does not fill are absent).
const char* kSweepJsonl =
    "{\"negsim_sweep\":\"shard=0/1 points=4\"}\n"
    "{\"point\":0,\"x\":1,\"y\":10,\"analysis\":\"stage\",\"row\":0,\"rows\":1,\"status\":\"ok\",\"equilibrium\":0,"
    "\"action_a\":\"l=1,m=up\",\"action_b\":\"r\",\"payoff_a\":1,\"message\":\"\"}\n"
    "{\"point\":1,\"x\":2,\"y\":10,\"analysis\":\"stage\",\"row\":0,\"rows\":1,\"status\":\"ok\",\"equilibrium\":0,"
    "\"action_a\":\"l=1,m=up\",\"action_b\":\"r\",\"payoff_a\":1,\"message\":\"\"}\n"
    "{\"point\":2,\"x\":1,\"y\":20,\"analysis\":\"stage\",\"row\":0,\"rows\":1,\"status\":\"none\",\"message\":\"\"}\n"
    "{\"point\":3,\"x\":2,\"y\":20,\"analysis\":\"stage\",\"row\":0,\"rows\":2,\"status\":\"ok\",\"equilibrium\":0,"
    "\"action_a\":\"l=1,m=up\",\"action_b\":\"r\",\"payoff_a\":1,\"message\":\"\"}\n"
    "{\"point\":3,\"x\":2,\"y\":20,\"analysis\":\"stage\",\"row\":1,\"rows\":2,\"status\":\"ok\",\"equilibrium\":1,"
    "\"action_a\":\"l=2,m=up\",\"action_b\":\"s\",\"payoff_a\":0,\"message\":\"\"}\n";

}  // namespace

TEST_CASE("sweep report: JSON lines read as the same table as CSV") {
  const SweepTable csv = read_sweep_csv(kSweep, "s.csv");
  const SweepTable jsonl = read_sweep_file(kSweepJsonl, "s.jsonl");
  CHECK(jsonl.columns == csv.columns);
  CHECK(jsonl.axes == csv.axes);
  CHECK(jsonl.rows == csv.rows);
  CHECK(read_sweep_file(kSweep, "s.csv").rows == csv.rows);
  const SweepRegimes a = sweep_regimes(csv), b = sweep_regimes(jsonl);
  CHECK(a.point_values == b.point_values);
  CHECK_THROWS_AS(read_sweep_jsonl("{\"point\":0}\n", "x.jsonl"), InputError);
  CHECK_THROWS_AS(read_sweep_jsonl("{\"point\":0,\"analysis\":\"stage\",\"status\":\"ok\"}\nnot json\n", "x.jsonl"),
                  InputError);
  CHECK_THROWS_AS(read_sweep_jsonl("{\"negsim_sweep\":\"x\"}\n", "x.jsonl"), InputError);
}

TEST_CASE("sweep report: points are grouped into regimes by their equilibria") {
  const SweepTable table = read_sweep_csv(kSweep, "s.csv");
  CHECK(table.axes == std::vector<std::string>{"x", "y"});
  REQUIRE(table.rows.size() == 5);
  CHECK(table.rows[0][8] == "l=1,m=up");  // the quoted cell, comma kept
  const SweepRegimes r = sweep_regimes(table);
  CHECK(r.analysis == "stage");
  REQUIRE(r.regimes.size() == 3);
  CHECK(r.regimes[0] == "a: l=1,m=up; b: r");
  CHECK(r.regime_points[0] == 2);
  CHECK(r.point_regime == std::vector<std::size_t>{0, 0, r.point_regime[2], r.point_regime[3]});
  CHECK(r.regimes[r.point_regime[2]] == "no equilibrium");
  CHECK(r.regimes[r.point_regime[3]] == "a: l=1,m=up; b: r | a: l=2,m=up; b: s");
  // By one lever: points 0, 1 and 3 all have l=1 among their equilibria; 3 also l=2.
  const SweepRegimes by_lever = sweep_regimes(table, "", {"a.l"});
  CHECK(by_lever.regimes[0] == "a.l=1");
  CHECK(by_lever.regime_points[0] == 2);
  CHECK(by_lever.regimes[by_lever.point_regime[3]] == "a.l=1 | a.l=2");
}

TEST_CASE("sweep report: shares along an axis add up per value") {
  const SweepRegimes r = sweep_regimes(read_sweep_csv(kSweep, "s.csv"));
  const ReportChart shares = svg::regime_shares_chart(r, 0);
  REQUIRE(shares.data.rows.size() == 2);  // x = 1 and x = 2
  // x = 1: points 0 (regime 1) and 2 (no equilibrium): 50% each.
  CHECK(shares.data.rows[0][0] == "1");
  CHECK(shares.data.rows[0][1] == "50");
  const ReportChart map = svg::regime_map_chart(r, 0, 1);
  CHECK(map.svg.find("<rect") != std::string::npos);
  CHECK(map.data.rows.size() == 3);
}

TEST_CASE("sweep report: the bottom line says which parameters were swept, over what range") {
  const ReportDocument doc = sweep_document(read_sweep_csv(kSweep, "s.csv"), {});
  REQUIRE(!doc.sections.empty());
  const ReportSection& bottom = doc.sections.front();
  CHECK(bottom.id == "bottom-line");
  const ReportTable* swept = nullptr;
  for (const ReportBlock& b : bottom.blocks)
    if (b.kind == ReportBlock::Kind::Table) swept = &b.table;
  REQUIRE(swept);
  // x takes 1 and 2, y takes 10 and 20 (read off kSweep).
  REQUIRE(swept->rows.size() == 2);
  CHECK(swept->rows[0] == std::vector<std::string>{"x", "1", "2", "2"});
  CHECK(swept->rows[1] == std::vector<std::string>{"y", "10", "20", "2"});
}

TEST_CASE("sweep report: bad files are input errors naming the line") {
  CHECK_THROWS_AS(read_sweep_csv("a,b\n1,2\n", "x.csv"), InputError);
  CHECK_THROWS_AS(read_sweep_csv("point,x,analysis,row,rows,status,message\n0,1,stage\n", "x.csv"), InputError);
  CHECK_THROWS_AS(read_sweep_csv("", "x.csv"), InputError);
}

TEST_CASE("sweep report: negsim report and sweep --report write the same page") {
  TempDir tmp;
  const std::string csv = tmp.file("s.csv"), page = tmp.file("s.html"), md = tmp.file("s.md");
  const auto sweep = run_negsim("sweep scenarios/tiktok_2025.yaml --grid ban_cost_us=0:40:5 --grid extension_cost_us=0:20:3 "
                                "--no-progress --out '" + csv + "' --report '" + page + "'");
  REQUIRE_MESSAGE(sweep.exit_code == 0, sweep.err);
  const auto report = run_negsim("report '" + csv + "' --format html");
  REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  CHECK(read_text_file(page) == report.out);
  CHECK(report.out.find("chart-sweep-map") != std::string::npos);
  CHECK(report.out.find("chart-sweep-shares") != std::string::npos);
  const auto markdown = run_negsim("report '" + csv + "' --format markdown --out '" + md + "' --lever bytedance.divest");
  REQUIRE_MESSAGE(markdown.exit_code == 0, markdown.err);
  CHECK(read_text_file(tmp.file("s_files/sweep_regime_map.svg")).find("<svg") == 0);
  CHECK(read_text_file(md).find("bytedance.divest=") != std::string::npos);
  CHECK(run_negsim("report '" + csv + "' --x nothing").exit_code == 1);
  CHECK(run_negsim("report '" + csv + "' --format pdf").exit_code == 2);
  CHECK(run_negsim("sweep scenarios/tiktok_2025.yaml --grid ban_cost_us=0:40:5 --report x.html").exit_code == 2);
}
