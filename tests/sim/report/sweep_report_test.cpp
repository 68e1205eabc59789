// Sweep reports: reading a sweep CSV, grouping points into regimes (checked
// against counts made by hand from the rows), and the report command.
#include "sim/report/sweep_regimes.hpp"

#include <doctest/doctest.h>

#include <string>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
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
  // sweep --report has the scenario; negsim report gets it with --scenario.
  const auto report = run_negsim("report '" + csv + "' --format html --scenario scenarios/tiktok_2025.yaml");
  REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  CHECK(read_text_file(page) == report.out);
  CHECK(report.out.find("swept: 0 to 40, 5 values") != std::string::npos);
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

namespace {

const ReportSection* section_of(const ReportDocument& doc, const std::string& id) {
  for (const ReportSection& s : doc.sections)
    if (s.id == id) return &s;
  return nullptr;
}

const ReportTable* table_of(const ReportSection& section, const std::string& caption_start) {
  for (const ReportBlock& b : section.blocks)
    if (b.kind == ReportBlock::Kind::Table && b.table.caption.rfind(caption_start, 0) == 0) return &b.table;
  return nullptr;
}

}  // namespace

TEST_CASE("sweep report: the scenario section marks the swept parameters and keeps the sources") {
  // Two points of the trade war over tot_gain (a parameter) and us.tariff (a lever).
  const char* sweep =
      "point,tot_gain,us.tariff,analysis,row,rows,status,message\n"
      "0,0.05,0,stage,0,1,none,\n"
      "1,0.2,15,stage,0,1,none,\n";
  const SweepTable table = read_sweep_csv(sweep, "t.csv");
  const Scenario scenario = load_scenario_file("scenarios/trade_war_tariffs.yaml");
  SweepReportOptions options;
  options.scenario = &scenario;
  options.sets = {"delta=0.95"};
  const ReportDocument doc = sweep_document(table, options);
  CHECK(doc.subtitle.back() == "scenario trade-war-tariffs (scenarios/trade_war_tariffs.yaml)");
  REQUIRE(!doc.sections.empty());
  CHECK(doc.sections.back().id == "scenario");  // after the pictures
  const ReportSection* section = section_of(doc, "scenario");
  REQUIRE(section);
  const ReportTable* params = table_of(*section, "Parameters");
  REQUIRE(params);
  CHECK(params->caption == "Parameters (the swept ones marked with the range they took)");
  // Every parameter of the file, in order; the swept one with its range.
  REQUIRE(params->rows.size() == scenario.parameters.size());
  for (std::size_t k = 0; k < scenario.parameters.size(); ++k) {
    CAPTURE(scenario.parameters[k].id);
    CHECK(params->rows[k][0] == scenario.parameters[k].id);
  }
  CHECK(params->rows[0] == std::vector<std::string>{"nash_tariff", "63", "%", "ossa2014",
                                                    "the best-response tariff whatever the other country does"});
  CHECK(params->rows[2][1] == "swept: 0.05 to 0.2, 2 values");
  const ReportTable* players = table_of(*section, "Players");
  REQUIRE(players);
  CHECK(players->rows[0][0] == "United States");
  CHECK(players->rows[0][2].find("; swept: 0 to 15, 2 values") != std::string::npos);
  const ReportTable* sources = table_of(*section, "Sources");
  REQUIRE(sources);
  REQUIRE(sources->rows.size() == scenario.sources.size());
  CHECK(sources->rows[0][0] == "ossa2014");
  bool changed = false;
  for (const ReportBlock& b : section->blocks) changed |= b.kind == ReportBlock::Kind::Note && b.text.find("delta=0.95") != std::string::npos;
  CHECK(changed);

  // Without the scenario: one line saying so, no tables.
  const ReportDocument bare = sweep_document(table, {});
  const ReportSection* missing = section_of(bare, "scenario");
  REQUIRE(missing);
  REQUIRE(missing->blocks.size() == 1);
  CHECK(missing->blocks[0].kind == ReportBlock::Kind::Note);
  CHECK(missing->blocks[0].text.find("fingerprint") != std::string::npos);
}

TEST_CASE("sweep report: negsim report --scenario checks the file and the --set values against the sweep") {
  TempDir tmp;
  const std::string csv = tmp.file("t.csv");
  const auto sweep = run_negsim("sweep scenarios/trade_war_tariffs.yaml --grid tot_gain=0.05:0.2:2 --set delta=0.95 "
                                "--no-progress --out '" + csv + "' --report '" + tmp.file("t.txt") + "'");
  REQUIRE_MESSAGE(sweep.exit_code == 0, sweep.err);
  // FILE.txt: the text report, as `negsim report --format text` writes it.
  const auto text = run_negsim("report '" + csv + "' --format text --scenario scenarios/trade_war_tariffs.yaml --set delta=0.95");
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  CHECK(read_text_file(tmp.file("t.txt")) == text.out);
  CHECK(text.out.find("swept: 0.05 to 0.2, 2 values % per point") != std::string::npos);
  CHECK(read_sweep_file(read_text_file(csv), csv).description.rfind("# negsim sweep ", 0) == 0);
  const std::string report = "report '" + csv + "' --format markdown ";
  const auto ok = run_negsim(report + "--scenario scenarios/trade_war_tariffs.yaml --set delta=0.95");
  REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
  CHECK(ok.out.find("| delta | 0.95 |") != std::string::npos);  // the value the sweep used
  CHECK(ok.out.find("| tot_gain | swept: 0.05 to 0.2, 2 values |") != std::string::npos);
  CHECK(ok.out.find("ossa2014") != std::string::npos);
  const auto without = run_negsim(report);
  REQUIRE(without.exit_code == 0);
  CHECK(without.out.find("give --scenario FILE") != std::string::npos);
  CHECK(without.out.find("ossa2014") == std::string::npos);
  // Another scenario, or other --set values: refused, saying which.
  const auto other = run_negsim(report + "--scenario scenarios/tiktok_2025.yaml --set delta=0.95");
  CHECK(other.exit_code == 1);
  CHECK(other.err.find("not the scenario this sweep ran") != std::string::npos);
  const auto sets = run_negsim(report + "--scenario scenarios/trade_war_tariffs.yaml");
  CHECK(sets.exit_code == 1);
  CHECK(sets.err.find("other --set values") != std::string::npos);
  CHECK(run_negsim(report + "--set delta=0.95").exit_code == 2);
  // JSON lines carry the same fingerprints (their first line).
  const std::string jsonl = tmp.file("t.jsonl");
  REQUIRE(run_negsim("sweep scenarios/trade_war_tariffs.yaml --grid tot_gain=0.05:0.2:2 --set delta=0.95 --format jsonl "
                     "--no-progress --out '" + jsonl + "'").exit_code == 0);
  const auto from_jsonl = run_negsim("report '" + jsonl + "' --format markdown --scenario scenarios/trade_war_tariffs.yaml "
                                     "--set delta=0.95");
  REQUIRE_MESSAGE(from_jsonl.exit_code == 0, from_jsonl.err);
  CHECK(from_jsonl.out.find("| tot_gain | swept: 0.05 to 0.2, 2 values |") != std::string::npos);
}
