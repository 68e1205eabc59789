#include "sim/report/svg/svg_canvas.hpp"

#include <doctest/doctest.h>

using namespace negsim::svg;

TEST_CASE("svg canvas: numbers have fixed decimals and no negative zero") {
  CHECK(coord(1) == "1.0");
  CHECK(coord(-0.04) == "0.0");
  CHECK(coord(12.345) == "12.3");
  CHECK(coord(1.0 / 0.0) == "0.0");
}

TEST_CASE("svg canvas: text is escaped and control characters removed") {
  CHECK(escape_xml("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
  CHECK(escape_xml("x\n\ty\x1b") == "x  y ");
  Canvas canvas("chart 1", 100, 50, "T<script>", "D&");
  canvas.text(1, 2, "</svg><script>");
  const std::string svg = canvas.str();
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("&lt;/svg&gt;&lt;script&gt;") != std::string::npos);
  CHECK(svg.find("id=\"chart-1\"") != std::string::npos);  // ids keep letters, digits and '-'
  CHECK(svg.find("<title id=\"chart-1-title\">T&lt;script&gt;</title>") != std::string::npos);
  CHECK(svg.find("<desc id=\"chart-1-desc\">D&amp;</desc>") != std::string::npos);
}

TEST_CASE("svg canvas: ellipsize cuts whole UTF-8 characters") {
  CHECK(ellipsize("short", 10) == "short");
  CHECK(ellipsize("abcdefghijkl", 8) == "abcde...");
  const std::string cut = ellipsize("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 5);  // six e-acute
  CHECK(cut == "\xC3\xA9\xC3\xA9...");
}

TEST_CASE("svg canvas: ticks are round and cover the range") {
  const std::vector<double> ticks = nice_ticks(0, 1);
  REQUIRE(ticks.size() >= 3);
  CHECK(ticks.front() == 0);
  CHECK(ticks.back() == doctest::Approx(1));
  const auto range = nice_range(3.2, 47.9);
  CHECK(range.first <= 3.2);
  CHECK(range.second >= 47.9);
  const auto flat = nice_range(5, 5);
  CHECK(flat.first < 5);
  CHECK(flat.second > 5);
}

TEST_CASE("svg canvas: the same drawing gives the same bytes") {
  auto draw = [] {
    Canvas c("c", 200, 100, "t", "d");
    c.marker(Marker::Diamond, 10, 10, 8, Style{kGreen, "none"}, "tip");
    c.axes(Scale{0, 10, 40, 190}, Scale{0, 1, 90, 10}, 40, 10, 190, 90, "x", "y");
    return c.str();
  };
  CHECK(draw() == draw());
}
