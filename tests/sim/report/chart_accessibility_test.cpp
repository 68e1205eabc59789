// Every picture negsim draws can be read without seeing its colours, or
// without seeing it at all (the issue's "colours readable by colour-blind
// readers; every chart has a text alternative"), checked on the golden
// reports (tests/golden/, which golden_documents_test.cpp keeps equal to what
// negsim writes):
//  - each SVG has role="img", a non-empty <title> and <desc> it is labelled by;
//  - each picture in the Markdown has alt text, then its description in
//    words and the table of the numbers it shows, before anything else;
//  - every colour is one of Okabe and Ito's eight (distinguishable with every
//    common colour-vision deficiency) or a grey.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_command.hpp"

using negsim::testing::read_text_file;

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> golden_files(const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(NEGSIM_SOURCE_DIR) / "tests" / "golden"))
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  return files;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const std::size_t start = text.find(open);
  if (start == std::string::npos) return "";
  const std::size_t end = text.find(close, start + open.size());
  return end == std::string::npos ? "" : text.substr(start + open.size(), end - start - open.size());
}

}  // namespace

TEST_CASE("charts: every SVG is labelled by a title and a description") {
  const std::vector<fs::path> svgs = golden_files(".svg");
  REQUIRE(svgs.size() >= 10);
  for (const fs::path& path : svgs) {
    CAPTURE(path.string());
    const std::string svg = read_text_file(path.string());
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    const std::string id = between(svg, " id=\"", "\"");
    REQUIRE(!id.empty());
    CHECK(svg.find("aria-labelledby=\"" + id + "-title " + id + "-desc\"") != std::string::npos);
    CHECK(between(svg, "<title id=\"" + id + "-title\">", "</title>").size() > 10);
    CHECK(between(svg, "<desc id=\"" + id + "-desc\">", "</desc>").size() > 40);
  }
}

TEST_CASE("charts: every picture in a Markdown report has alt text, a description and its numbers") {
  const std::vector<fs::path> reports = golden_files(".md");
  REQUIRE(reports.size() >= 8);
  std::size_t pictures = 0;
  for (const fs::path& path : reports) {
    std::istringstream in(read_text_file(path.string()));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].rfind("![", 0) != 0) continue;
      ++pictures;
      CAPTURE(path.string());
      CAPTURE(lines[i]);
      CHECK(lines[i].find("![]") == std::string::npos);  // alt text
      // Then, before the next picture or heading: the description (in
      // italics) and a table.
      bool description = false, table = false;
      for (std::size_t k = i + 1; k < lines.size() && lines[k].rfind("![", 0) != 0 && lines[k].rfind("#", 0) != 0; ++k) {
        description |= lines[k].size() > 40 && lines[k].front() == '*' && lines[k][1] != '*';
        table |= lines[k].rfind("| ", 0) == 0;
      }
      CHECK(description);
      CHECK(table);
    }
  }
  CHECK(pictures >= 16);
}

TEST_CASE("charts: colours are Okabe-Ito or grey") {
  const std::set<std::string> okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73",
                                           "#F0E442", "#0072B2", "#D55E00", "#CC79A7"};
  const std::regex colour("#[0-9A-Fa-f]{6}\\b");
  for (const fs::path& path : golden_files(".svg")) {
    CAPTURE(path.string());
    const std::string svg = read_text_file(path.string());
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), colour); it != std::sregex_iterator(); ++it) {
      const std::string c = it->str();
      const bool grey = c.substr(1, 2) == c.substr(3, 2) && c.substr(3, 2) == c.substr(5, 2);
      CHECK_MESSAGE((okabe_ito.count(c) || grey), c);
    }
  }
}
