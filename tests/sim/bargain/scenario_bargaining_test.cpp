#include "sim/bargain/scenario_bargaining.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/solve/backward_induction.hpp"

using namespace negsim;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The last ```yaml block of the solver doc: the example for the TikTok scenario.
std::string doc_example_block() {
  const std::string doc = read_text(std::string(NEGSIM_SOURCE_DIR) + "/docs/solvers/sequential_bargaining.md");
  const std::string open = "```yaml\n";
  const auto start = doc.rfind(open);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + open.size());
  return doc.substr(start + open.size(), end - start - open.size());
}

const std::string kTwoByTwo =
    "scenario: small\n"
    "players:\n"
    "  a:\n"
    "    levers:\n"
    "      x: {values: [l, r]}\n"
    "  b:\n"
    "    levers:\n"
    "      y: {values: [l, r]}\n";

}  // namespace

TEST_CASE("the documented TikTok blocks build on the shipped scenario and reach the reported deal shape") {
  std::string text = read_text(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml");
  if (text.find("\ntimeline:") == std::string::npos) text += "\ntimeline: [[us], [china], [bytedance]]\n";
  if (text.find("\nbargaining:") == std::string::npos) text += "\n" + doc_example_block();
  const Scenario scenario = load_scenario_text(text, "tiktok_2025.yaml");
  const ScenarioTimeline timeline = build_timeline(scenario);
  CHECK(timeline.game.num_stages() == 3);
  const auto spe = solve_backward_induction(timeline.game);
  REQUIRE(spe.equilibria.size() == 1);
  CHECK(spe.rejected == 0);
  CHECK(spe.equilibria[0].path.size() == 3);
  CHECK(spe.equilibria[0].max_regret == 0.0);

  // The disagreement point reads the SPE the scenario analysis computed.
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.bargaining = true;
  const ScenarioAnalysis analysis = analyze_scenario(scenario, options);
  REQUIRE(analysis.bargaining);
  REQUIRE(analysis.sequential);
  CHECK(analysis.sequential->result.equilibria.front().payoffs == spe.equilibria[0].payoffs);
  const ScenarioBargaining& b = analysis.bargaining->bargaining;
  CHECK(b.player_ids == std::vector<std::string>{"us", "china", "bytedance"});
  CHECK(analysis.bargaining->disagreement_source.find("subgame-perfect") != std::string::npos);
  for (std::size_t p = 0; p < 3; ++p) CHECK(b.problem.protocol.disagreement[p] == spe.equilibria[0].payoffs[p]);
  const auto r = solve_alternating_offers(b.problem);
  REQUIRE(r.agreement);
  CHECK(r.max_regret <= 1e-9);
  // DOMAIN.md: ByteDance under 20%, new investors about 50%, algorithm licensed, U.S. partner.
  CHECK(b.problem.deals.labels[*r.deal] ==
        "bytedance_stake=0.199,new_investors=0.5,algorithm=license,security_partner=us_partner");
}

TEST_CASE("stage-equilibrium disagreement without a timeline: the first pure equilibrium, none is an error") {
  const std::string block =
      "bargaining:\n"
      "  issues: {split: {values: [0, 0.5, 1]}}\n"
      "  utilities: {a: \"deal.split\", b: \"1 - deal.split\"}\n"
      "  discount: 0.9\n"
      "  deadline: 2\n"
      "  disagreement: stage-equilibrium\n";
  // Coordination: (l, l) pays (2, 1) and is the first pure equilibrium.
  Scenario s = load_scenario_text(kTwoByTwo +
                                      "payoffs:\n"
                                      "  a: \"2 * (a.x == l) * (b.y == l) + (a.x == r) * (b.y == r)\"\n"
                                      "  b: \"(a.x == l) * (b.y == l) + 2 * (a.x == r) * (b.y == r)\"\n" +
                                      block,
                                  "small.yaml");
  ScenarioAnalyzer analyzer(s, AnalysisOptions{});
  CHECK(analyzer.bargaining().disagreement_source.find("pure Nash") != std::string::npos);
  CHECK(analyzer.bargaining().bargaining.problem.protocol.disagreement == std::vector<double>{2, 1});
  // Matching pennies has no pure equilibrium.
  s = load_scenario_text(kTwoByTwo +
                             "payoffs:\n"
                             "  a: \"if(a.x == b.y, 1, -1)\"\n"
                             "  b: \"if(a.x == b.y, -1, 1)\"\n" +
                             block,
                         "small.yaml");
  try {
    ScenarioAnalyzer(s, AnalysisOptions{}).bargaining();
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 17);  // the disagreement line
    CHECK(e.message().find("no pure equilibrium") != std::string::npos);
  }
}
