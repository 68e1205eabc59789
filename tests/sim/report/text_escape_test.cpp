// Neutralising user text in reports (sim/report/text_escape.hpp).
#include <doctest/doctest.h>

#include <string>

#include "sim/report/text_escape.hpp"

using namespace negsim;

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
