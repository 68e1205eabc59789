#include "sim/sweep/sweep_output.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"

using namespace negsim;

namespace {
SweepAnalysis two_column_analysis(const std::string& name, std::vector<std::string> columns) {
  SweepAnalysis a;
  a.name = name;
  a.columns = std::move(columns);
  return a;
}
}  // namespace

TEST_CASE("sweep output: CSV rows quote text with commas and quotes, and stay on one line") {
  const Scenario s = negsim::testing::sweep_scenario();
  const SweepSpec spec(s, {{"grid", "T=0:1:3"}}, 0, 0);
  const SweepLayout layout(spec, {two_column_analysis("a", {"x", "y"})}, SweepFormat::Csv);
  CHECK(layout.header() == "point,T,analysis,row,rows,status,x,y,message\n");
  SweepRow row;
  row.cells = {std::string("p=1,q=\"2\""), 0.1};
  row.message = "line\nbreak";
  std::string out;
  layout.append_row(out, layout.line_prefix(1), 0, 0, 2, row);
  CHECK(out == "1,0.5,a,0,2,ok,\"p=1,q=\"\"2\"\"\",0.1,line break\n");
  const auto fields = negsim::testing::csv_fields(out.substr(0, out.size() - 1));
  CHECK(fields[6] == "p=1,q=\"2\"");
}

TEST_CASE("sweep output: analyses share columns by name, JSON lines leave empty cells out") {
  const Scenario s = negsim::testing::sweep_scenario();
  const SweepSpec spec(s, {{"list", "row.play=cooperate|defect,defect"}}, 0, 0);
  const std::vector<SweepAnalysis> analyses = {two_column_analysis("a", {"x", "y"}),
                                               two_column_analysis("b", {"y", "z"})};
  const SweepLayout csv(spec, analyses, SweepFormat::Csv);
  CHECK(csv.header() == "point,row.play,analysis,row,rows,status,x,y,z,message\n");
  SweepRow row;
  row.cells = {std::int64_t{7}, std::string("t")};
  std::string out;
  csv.append_row(out, csv.line_prefix(0), 1, 1, 2, row);
  CHECK(out == "0,cooperate|defect,b,1,2,ok,,7,t,\n");
  const SweepLayout json(spec, analyses, SweepFormat::JsonLines);
  CHECK(json.header().empty());
  out.clear();
  row.cells = {std::monostate{}, std::string("q\"")};
  row.status = "none";
  json.append_row(out, json.line_prefix(1), 1, 0, 1, row);
  CHECK(out == "{\"point\":1,\"row.play\":\"defect\",\"analysis\":\"b\",\"row\":0,\"rows\":1,\"status\":\"none\",\"z\":\"q\\\"\"}\n");
}

TEST_CASE("sweep output: scan_for_resume keeps whole points and drops a torn tail") {
  const Scenario s = negsim::testing::sweep_scenario();
  const SweepSpec spec(s, {{"grid", "T=1:3:3"}}, 0, 0);
  const SweepLayout layout(spec, {two_column_analysis("a", {"x"})}, SweepFormat::Csv);
  const std::string header = layout.header();
  const std::string p0 = "0,1,a,0,2,ok,1,\n0,1,a,1,2,ok,2,\n";
  const std::string p1 = "1,2,a,0,1,ok,1,\n";
  const PointSequence all{0, 1, 3};
  ResumeScan scan = scan_for_resume(header + p0 + p1, "f.csv", layout, all);
  CHECK(scan.points_done == 2);
  CHECK(scan.keep_bytes == header.size() + p0.size() + p1.size());
  // The second row of point 0 is missing: only the header stays.
  scan = scan_for_resume(header + "0,1,a,0,2,ok,1,\n", "f.csv", layout, all);
  CHECK(scan.points_done == 0);
  CHECK(scan.keep_bytes == header.size());
  // A torn line.
  scan = scan_for_resume(header + p0 + "1,2,a,0", "f.csv", layout, all);
  CHECK(scan.points_done == 1);
  CHECK(scan.dropped_bytes == 7);
  // A torn header: start over.
  scan = scan_for_resume(header.substr(0, 5), "f.csv", layout, all);
  CHECK(!scan.header_present);
  CHECK(scan.keep_bytes == 0);
  // Wrong values, skipped points, other headers: another sweep.
  CHECK_THROWS_AS(scan_for_resume(header + "0,9,a,0,1,ok,1,\n", "f.csv", layout, all), InputError);
  CHECK_THROWS_AS(scan_for_resume(header + p1, "f.csv", layout, all), InputError);
  CHECK_THROWS_AS(scan_for_resume("point,x\n", "f.csv", layout, all), InputError);
  CHECK_THROWS_AS(scan_for_resume(header + "0,1,a,1,2,ok,1,\n", "f.csv", layout, all), InputError);
  // A shard's file: points 1 only.
  scan = scan_for_resume(header + p1, "f.csv", layout, PointSequence{1, 2, 3});
  CHECK(scan.points_done == 1);
}

TEST_CASE("sweep output: formula-like text is defused, numbers stay numbers, invalid UTF-8 never reaches the file (issue 12)") {
  const Scenario s = negsim::testing::sweep_scenario();
  const SweepSpec spec(s, {{"grid", "T=-3.5:-1.5:2"}}, 0, 0);
  const SweepLayout csv(spec, {two_column_analysis("a", {"x", "y"})}, SweepFormat::Csv);
  SweepRow row;
  row.cells = {std::string("=HYPERLINK(\"http://x\")"), std::string("-2.5")};
  row.message = "@SUM(A1) bad \xff byte";
  std::string out;
  csv.append_row(out, csv.line_prefix(0), 0, 0, 1, row);
  // The axis value -3.5 and the numeric text -2.5 stay numbers; the formula
  // and the message get a leading apostrophe inside quotes; 0xFF is U+FFFD.
  CHECK(out == "0,-3.5,a,0,1,ok,\"'=HYPERLINK(\"\"http://x\"\")\",-2.5,\"'@SUM(A1) bad \xEF\xBF\xBD byte\"\n");
  const SweepLayout json(spec, {two_column_analysis("a", {"x", "y"})}, SweepFormat::JsonLines);
  out.clear();
  row.cells = {std::string("ok \xc3"), std::monostate{}};
  json.append_row(out, json.line_prefix(1), 0, 0, 1, row);
  CHECK(out.find('\xff') == std::string::npos);
  const auto parsed = nlohmann::json::parse(out);  // throws on invalid UTF-8
  CHECK(parsed["x"] == "ok \xEF\xBF\xBD");
  CHECK(parsed["T"] == -1.5);
}
