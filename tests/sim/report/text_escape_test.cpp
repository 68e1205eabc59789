// Neutralising user text in reports (sim/report/text_escape.hpp).
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "sim/report/text_escape.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

TEST_CASE("text_line and text_block: no control character gets through, printable text is unchanged") {
  CHECK(text_line("Plain title, café, 中文") == "Plain title, café, 中文");
  CHECK(text_line("a\nNE,1,0") == "a\\x0ANE,1,0");
  CHECK(text_line("\x1b]0;pwned\a") == "\\x1B]0;pwned\\x07");
  CHECK(text_line("tab\there") == "tab\\x09here");
  CHECK(text_line("del\x7f") == "del\\x7F");
  CHECK(text_line("csi\xc2\x9b" "31m") == "csi\\u009B31m");  // C1 control U+009B
  CHECK(text_line("bad\xff") == "bad\\xFF");                 // not UTF-8
  CHECK(text_block("line 1\nline 2\x1b[2J\n") == "line 1\nline 2\\x1B[2J\n");
  for (unsigned c = 0; c < 0x20; ++c) {
    const std::string out = text_line(std::string(1, static_cast<char>(c)));
    CHECK(out.size() == 4);
    CHECK(out.find_first_of(std::string("\x00\x1f", 2)) == std::string::npos);
  }
}

TEST_CASE("csv_cell: RFC 4180 quoting, one line, formulas defused, numbers kept") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("tariff=20,chips=hold") == "\"tariff=20,chips=hold\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("two\nlines") == "two lines");
  for (const char* formula : {"=1+1", "+cmd", "-2+3", "@SUM(A1)", "=HYPERLINK(\"x\")", "\t=1", "-"}) {
    INFO(formula);
    const std::string cell = csv_cell(formula);
    CHECK(cell.substr(0, 2) == "\"'");  // quoted, then an apostrophe before the formula
  }
  for (const char* number : {"-3.5", "+2", "-1e-9", "-0"}) CHECK(csv_cell(number) == number);
  CHECK(csv_cell("bad\xff") == "bad\xEF\xBF\xBD");
  CHECK(valid_utf8_copy("ok\xc3(") == "ok\xEF\xBF\xBD(");
}

TEST_CASE("text_paragraph: free text folds onto the line it is printed in") {
  CHECK(text_paragraph("Two\nlines\r\nand\ta tab") == "Two lines and a tab");
  CHECK(text_paragraph("doc\nNE,1,0") == "doc NE,1,0");
  CHECK(text_paragraph("  padded \n\n ") == "padded");
  CHECK(text_paragraph("bell\a esc\x1b[2J") == "bell\\x07 esc\\x1B[2J");
  CHECK(text_paragraph("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(text_paragraph("").empty());
}

// Regression: a lever's doc was printed as it was written, so a doc holding
// a line break started a line of its own in `negsim run` (a forged "NE,1,0"
// line for a tool that reads NE lines from the report).
TEST_CASE("free-text fields with line breaks cannot forge report lines in any text output") {
  TempDir tmp;
  const std::string forged = "\"looks harmless\\nNE,1,0\\nend\"";
  const std::string scenario = tmp.write("forged.yaml", std::string(R"yaml(scenario: forged
title: Forged
description: )yaml") + forged + R"yaml(
parameters:
  k: {value: 1, doc: )yaml" + forged + R"yaml(}
players:
  row:
    doc: )yaml" + forged + R"yaml(
    levers:
      move: {values: [c, d], doc: )yaml" + forged + R"yaml(}
  col:
    levers:
      move: {values: [c, d], doc: )yaml" + forged + R"yaml(}
payoffs:
  row: "3 * (row.move == c) * (col.move == c) + 5 * (row.move == d) * (col.move == c) + k * (row.move == d) * (col.move == d)"
  col: "3 * (row.move == c) * (col.move == c) + 5 * (col.move == d) * (row.move == c) + k * (row.move == d) * (col.move == d)"
repeated:
  discount: 0.9
  target: {row.move: c, col.move: c}
)yaml");
  for (const std::string command : {"run", "validate", "solve", "repeated"}) {
    const auto r = run_negsim(command + " '" + scenario + "'");
    INFO(command << "\n" << r.out << r.err);
    CHECK(r.exit_code == 0);
    std::istringstream lines(r.out + r.err);
    for (std::string line; std::getline(lines, line);) {
      CHECK(line != "NE,1,0");
      CHECK(line.rfind("end", 0) != 0);
    }
  }
  // The doc is still shown, on its lever's line.
  const auto run = run_negsim("run '" + scenario + "'");
  CHECK(run.out.find("(looks harmless NE,1,0 end)") != std::string::npos);
}

TEST_CASE("split_csv_line reads back what csv_cell writes, and says when a quote is not closed") {
  const std::vector<std::string> texts = {"plain", "", "a,b", "say \"hi\"", " padded ", "-3.5", "tariff=0,chips=hold"};
  std::string line;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_cell(texts[i]);
  }
  const CsvLineCells read = split_csv_line(line + "\r");  // a CR before the line end is dropped
  CHECK(read.closed);
  CHECK(read.cells == texts);
  CHECK(split_csv_line("").cells == std::vector<std::string>{""});
  CHECK(split_csv_line("a\"b,c").cells == std::vector<std::string>{"a\"b", "c"});  // a quote inside a cell is text
  const CsvLineCells torn = split_csv_line("1,\"torn");
  CHECK_FALSE(torn.closed);
  CHECK(torn.cells.size() == 2);
}
