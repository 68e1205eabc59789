// The text of Credibility and beliefs (sim/report/beliefs_report.hpp): joint
// priors stated as correlated; the whole path of the first equilibrium under
// --verbose, only round 1 (and a count of the rest) by default.
#include "sim/report/beliefs_report.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>

#include "models/scenario/loader.hpp"
#include "sim/analysis/belief_analysis.hpp"

using namespace negsim;

namespace {

// Two typed players whose types are perfectly correlated by a joint table,
// a court ruling by chance between their moves, one round.
const char* kJoint = R"yaml(
scenario: joint-prior
parameters:
  p_hard: {value: 0.4}
  p_court: {value: 0.3}
players:
  us:
    levers:
      deadline: {values: [enforce, extend]}
  china:
    levers:
      algorithm: {values: [deny, license]}
types:
  us: [committed, bluffing]
  china: [hardline, flexible]
  joint:
    - {us: committed, china: hardline, probability: p_hard}
    - {us: bluffing, china: flexible, probability: "1 - p_hard"}
payoffs:
  us: "2 * (us.type == committed) * (us.deadline == enforce) + 3 * (china.algorithm == license) - (us.deadline == enforce)"
  china: "(china.type == flexible) * (china.algorithm == license) + 2 * (us.deadline == enforce) * (china.algorithm == license)"
sequence:
  steps:
    - move: us
      observes: none
    - chance: court
      outcomes: {block: p_court, allow: "1 - p_court"}
    - move: china
      observes: [us.deadline, chance.court]
)yaml";

}  // namespace

TEST_CASE("beliefs report: a joint prior is stated as correlated, and each type's beliefs follow it") {
  const Scenario s = load_scenario_text(kJoint, "joint.yaml");
  const BeliefAnalysis analysis = analyze_beliefs(s, BuildOptions{});
  const std::string text = beliefs_text(s, analysis, "");
  CHECK(text.find("The types are correlated (the joint prior table): us committed and china hardline 0.4, "
                  "us bluffing and china flexible 0.6") != std::string::npos);
  // Knowing its own type, the U.S. knows China's: its belief is a point mass, not the marginal 0.4.
  REQUIRE(!analysis.result.equilibria.empty());
  const TreeEquilibrium& eq = analysis.result.equilibria.front();
  for (std::size_t h = 0; h < analysis.tree.infosets.size(); ++h) {
    if (analysis.tree.infosets[h].player != 0 || eq.assessment[h].reach <= 0) continue;
    const std::vector<std::vector<double>> beliefs = type_beliefs(analysis.tree, eq, h);
    CHECK((beliefs[1][0] == 0.0 || beliefs[1][0] == 1.0));
  }
  // Independent priors get no such line.
  const Scenario bq = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/beer_quiche.yaml");
  CHECK(beliefs_text(bq, analyze_beliefs(bq, BuildOptions{}), "").find("correlated") == std::string::npos);
}

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("beliefs text: the first round's decisions by default, every round under verbose") {
  const Scenario s = load_scenario_file("tests/data/deadline_credibility.yaml");
  const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
  REQUIRE_FALSE(a.result.equilibria.empty());
  const std::string full = beliefs_text(s, a, "", true);
  const std::string brief = beliefs_text(s, a, "", false);
  // Three rounds: the full path has decisions in round 3, the brief one none.
  CHECK(full.find(" in round 3") != std::string::npos);
  CHECK(full.find("more decisions in rounds") == std::string::npos);
  const std::size_t cut = brief.find("Equilibrium 2");  // later equilibria are one line each in both
  CHECK(brief.substr(0, cut).find(" in round 2") == std::string::npos);
  CHECK(brief.find("more decisions in rounds 2-3") != std::string::npos);
  // Round 1 is the same in both.
  CHECK(count_of(brief, " in round 1") == count_of(full, " in round 1"));
  CHECK(brief.size() < full.size());
}
