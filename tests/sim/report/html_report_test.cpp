// The HTML report: a well-formed, self-contained page for every shipped
// scenario (every element closed, unique ids, no script, no external URL in
// any src or href, the Content-Security-Policy that forbids loading
// anything), every chart with its text alternative, and user text escaped.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/report/html_report.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shipped_scenarios.hpp"

using negsim::testing::run_negsim;
using negsim::testing::shipped_scenarios;
using negsim::testing::TempDir;

namespace {

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
};

struct Parsed {
  std::vector<std::string> errors;
  std::vector<Element> elements;  // every start tag, in order
};

// A strict little parser for the subset of HTML the report writes: every
// element is closed (void elements as <x/>), attribute values are quoted,
// and '<' never appears in text (it is escaped).
Parsed parse_html(const std::string& html) {
  Parsed result;
  std::vector<std::string> stack;
  std::size_t i = 0;
  auto fail = [&](const std::string& what) { result.errors.push_back(what + " at byte " + std::to_string(i)); };
  while (i < html.size() && result.errors.size() < 5) {
    if (html[i] != '<') {
      if (html[i] == '>') fail("'>' in text");
      ++i;
      continue;
    }
    if (html.compare(i, 9, "<!DOCTYPE") == 0) {
      i = html.find('>', i) + 1;
      continue;
    }
    const std::size_t end = html.find('>', i);
    if (end == std::string::npos) {
      fail("unterminated tag");
      break;
    }
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (!tag.empty() && tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) fail("</" + name + "> closes " + (stack.empty() ? "nothing" : "<" + stack.back() + ">"));
      else stack.pop_back();
      continue;
    }
    const bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.pop_back();
    Element element;
    std::size_t k = 0;
    while (k < tag.size() && tag[k] != ' ' && tag[k] != '\n') element.name += tag[k++];
    while (k < tag.size()) {
      while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\n')) ++k;
      if (k >= tag.size()) break;
      std::string attribute;
      while (k < tag.size() && tag[k] != '=' && tag[k] != ' ') attribute += tag[k++];
      if (k >= tag.size() || tag[k] != '=' || k + 1 >= tag.size() || tag[k + 1] != '"') {
        fail("attribute '" + attribute + "' of <" + element.name + "> without a quoted value");
        break;
      }
      const std::size_t close = tag.find('"', k + 2);
      if (close == std::string::npos) {
        fail("unterminated attribute value");
        break;
      }
      if (element.attributes.count(attribute)) fail("attribute '" + attribute + "' twice");
      element.attributes[attribute] = tag.substr(k + 2, close - k - 2);
      k = close + 1;
    }
    result.elements.push_back(element);
    if (!self_closing) stack.push_back(element.name);
  }
  if (!stack.empty()) result.errors.push_back("unclosed <" + stack.back() + ">");
  return result;
}

void check_page(const std::string& html, std::size_t min_charts) {
  const Parsed page = parse_html(html);
  CHECK_MESSAGE(page.errors.empty(), (page.errors.empty() ? "" : page.errors.front()));
  std::set<std::string> ids;
  std::size_t svgs = 0, figures = 0, csp = 0;
  for (const Element& e : page.elements) {
    CHECK_MESSAGE(e.name != "script", "a script element");
    CHECK_MESSAGE(e.name != "img", "an img element (charts are inline SVG)");
    CHECK_MESSAGE(!e.attributes.count("src"), "src on <" << e.name << ">");
    CHECK_MESSAGE(!e.attributes.count("style"), "inline style attribute on <" << e.name << ">");
    for (const auto& attribute : e.attributes) {
      const std::string name = attribute.first, value = attribute.second;
      CHECK_MESSAGE(name.rfind("on", 0) != 0, "event handler " << name);
      if (name == "href") CHECK_MESSAGE((!value.empty() && value[0] == '#'), "href leaves the page: " << value);
      if (name == "id") CHECK_MESSAGE(ids.insert(value).second, "id '" << value << "' twice");
    }
    if (e.name == "meta" && e.attributes.count("http-equiv") && e.attributes.at("http-equiv") == "Content-Security-Policy") {
      ++csp;
      CHECK(e.attributes.at("content") == negsim::kReportContentSecurityPolicy);
    }
    if (e.name == "svg") {
      ++svgs;
      CHECK(e.attributes.count("role"));
      CHECK(e.attributes.count("aria-labelledby"));
    }
    if (e.name == "figure") ++figures;
  }
  CHECK(csp == 1);
  CHECK(svgs == figures);
  CHECK(svgs >= min_charts);
  // Every aria-labelledby names a <title> and a <desc> in the page.
  for (const Element& e : page.elements)
    if (e.name == "svg") {
      const std::string id = e.attributes.at("id");
      CHECK(e.attributes.at("aria-labelledby") == id + "-title " + id + "-desc");
      CHECK(ids.count(id + "-title") == 1);
      CHECK(ids.count(id + "-desc") == 1);
    }
  // The CSP comes before anything that could load (the first elements of <head>).
  CHECK(html.find("Content-Security-Policy") < html.find("<style>"));
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace name
  CHECK(html.find("https://") == std::string::npos);
}

}  // namespace

TEST_CASE("html report: every shipped scenario gives a well-formed, self-contained page") {
  for (const std::string& scenario : shipped_scenarios()) {
    CAPTURE(scenario);
    const auto run = run_negsim("run '" + scenario + "' --format html --sensitivity none");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    // TikTok: the tree, the bargaining picture and the repeated game; the
    // two-player scenarios at least their outcomes.
    const std::size_t min_charts = scenario.find("tiktok") != std::string::npos ? 3 : 1;
    check_page(run.out, min_charts);
    CHECK(run.out.find("<h2>Bottom line</h2>") != std::string::npos);
    CHECK(run.out.find("Parameters") != std::string::npos);
    // Types read by the payoffs: the Bayesian equilibria, as a table.
    if (scenario.find("beer_quiche") != std::string::npos) {
      CHECK(run.out.find("<h2>Bayesian equilibria (private types)</h2>") != std::string::npos);
      CHECK(run.out.find("<caption>Bayesian equilibrium 1: Sender plays breakfast quiche if weak, breakfast beer if "
                         "strong; Receiver plays response retreat") != std::string::npos);
    }
  }
}

TEST_CASE("html report: user text cannot open an element or a script") {
  TempDir tmp;
  const std::string file = tmp.write("evil.yaml",
                                     "scenario: evil\n"
                                     "title: \"</title><script>alert(1)</script>\"\n"
                                     "sources:\n  - {id: s, text: \"<img src=x onerror=alert(1)>\", url: \"javascript:alert(1)\"}\n"
                                     "players:\n"
                                     "  a: {name: \"A<b>\", levers: {x: {values: [l, r]}}}\n"
                                     "  b: {name: \"B&amp;\", levers: {y: {values: [l, r]}}}\n"
                                     "payoffs: {a: \"a.x == l\", b: \"b.y == r\"}\n");
  const auto run = run_negsim("run '" + file + "' --format html --sensitivity none");
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  check_page(run.out, 0);
  CHECK(run.out.find("<script") == std::string::npos);
  CHECK(run.out.find("&lt;/title&gt;&lt;script&gt;") != std::string::npos);
  CHECK(run.out.find("A&lt;b&gt;") != std::string::npos);
  CHECK(run.out.find("B&amp;amp;") != std::string::npos);
}

TEST_CASE("html and markdown formats: the other commands, and usage errors") {
  SUBCASE("bargain and repeated write a page with their picture") {
    for (const std::string command : {"bargain", "repeated"}) {
      CAPTURE(command);
      const auto run = run_negsim(command + " --format html");
      REQUIRE_MESSAGE(run.exit_code == 0, run.err);
      check_page(run.out, 1);
      // The bottom line first, the scenario's parameters and sources last.
      const std::size_t bottom = run.out.find("<h2>Bottom line</h2>");
      const std::size_t parameters = run.out.find("<caption>Parameters");
      const std::size_t sources = run.out.find("<caption>Sources</caption>");
      CHECK(bottom != std::string::npos);
      CHECK(parameters != std::string::npos);
      CHECK(sources != std::string::npos);
      CHECK(bottom < parameters);
    }
    const auto bargain = run_negsim("bargain --format html");
    CHECK(bargain.out.find("<li>Alternating offers: agreement in round 1") != std::string::npos);
    CHECK(bargain.out.find("<li>Nash bargaining solution:") != std::string::npos);
    const auto repeated = run_negsim("repeated --format html");
    CHECK(repeated.out.find("The target deal is self-enforcing at discount factor 0.9") != std::string::npos);
  }
  SUBCASE("run with tipping points draws their chart") {
    const auto run = run_negsim("run scenarios/classic/prisoners_dilemma.yaml --format html --sensitivity T,R");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    check_page(run.out, 2);
    CHECK(run.out.find("chart-tipping-points") != std::string::npos);
    CHECK(run.out.find("<h2>Tipping points</h2>") != std::string::npos);
  }
  SUBCASE("solve writes its equilibria as a page") {
    const auto run = run_negsim("solve scenarios/classic/chicken.yaml --format html");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    // Two players: the equilibria in payoff space; the scenario's parameters.
    check_page(run.out, 1);
    CHECK(run.out.find("Equilibria") != std::string::npos);
    CHECK(run.out.find("<h2>Bottom line</h2>") != std::string::npos);
    CHECK(run.out.find("chart-outcomes") != std::string::npos);
    CHECK(run.out.find("<caption>Parameters") != std::string::npos);
  }
  SUBCASE("an unknown format is a usage error") {
    const auto run = run_negsim("run --format htm");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("html") != std::string::npos);
  }
  SUBCASE("modes without a document are usage errors") {
    CHECK(run_negsim("repeated --tournament grim-trigger,tit-for-tat --format html scenarios/trade_war_tariffs.yaml")
              .exit_code == 2);
    CHECK(run_negsim("repeated --strategies grim-trigger --format markdown scenarios/trade_war_tariffs.yaml").exit_code ==
          2);
    CHECK(run_negsim("solve scenarios/classic/chicken.yaml --method ce --format html").exit_code == 2);
  }
  SUBCASE("markdown to standard output: tables, no picture links") {
    const auto run = run_negsim("run --format markdown --sensitivity none");
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    CHECK(run.out.find("## Bottom line") != std::string::npos);
    CHECK(run.out.find("](") == std::string::npos);
    CHECK(run.out.find("|---") != std::string::npos);
  }
}
