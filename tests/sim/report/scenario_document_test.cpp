// The HTML/Markdown document of `negsim run` (sim/report/scenario_document.hpp):
// the type-agent Bayesian Nash equilibria, each player's type-contingent
// strategy in words, each type's expected payoff and its regret. The known
// answers are worked out by hand below, not read from the code under test.
#include "sim/report/scenario_document.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"

using namespace negsim;

namespace {

const ReportSection* section_named(const ReportDocument& doc, const std::string& id) {
  for (const ReportSection& s : doc.sections)
    if (s.id == id) return &s;
  return nullptr;
}

std::size_t section_index(const ReportDocument& doc, const std::string& id) {
  for (std::size_t i = 0; i < doc.sections.size(); ++i)
    if (doc.sections[i].id == id) return i;
  return doc.sections.size();
}

std::vector<const ReportTable*> tables_of(const ReportSection& section) {
  std::vector<const ReportTable*> out;
  for (const ReportBlock& b : section.blocks)
    if (b.kind == ReportBlock::Kind::Table) out.push_back(&b.table);
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

ReportDocument document_of(const Scenario& s) {
  AnalysisOptions options;
  options.parts.correlated = false;
  const ScenarioAnalysis analysis = analyze_scenario(s, options);
  return scenario_document(s, *analysis.stage_game, analysis, {});
}

}  // namespace

TEST_CASE("run document: beer-quiche's Bayesian equilibrium, each type's move, payoff and regret") {
  const Scenario s = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/beer_quiche.yaml");
  const ReportDocument doc = document_of(s);
  const ReportSection* bayesian = section_named(doc, "bayesian");
  REQUIRE(bayesian);
  // Types first: right after the bottom line, before the beliefs of the sequence.
  CHECK(section_index(doc, "bayesian") == 1);
  CHECK(section_index(doc, "bayesian") < section_index(doc, "beliefs"));
  // Moving at once, the receiver cannot see the breakfast: it retreats (0.9
  // strong), so each type eats its own breakfast and avoids the duel: weak
  // 1 + 2 = 3, strong 1 + 2 = 3; the receiver gets 0.9 from retreating.
  const std::vector<const ReportTable*> tables = tables_of(*bayesian);
  REQUIRE(tables.size() == 1);
  const ReportTable& t = *tables.front();
  CHECK(has(t.caption, "Sender plays breakfast quiche if weak, breakfast beer if strong; Receiver plays response retreat"));
  CHECK(t.header == std::vector<std::string>{"player", "type", "prior", "plays", "expected payoff", "regret"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == std::vector<std::string>{"Sender", "weak", "0.1", "breakfast quiche", "3", "0"});
  CHECK(t.rows[1] == std::vector<std::string>{"Sender", "strong", "0.9", "breakfast beer", "3", "0"});
  CHECK(t.rows[2] == std::vector<std::string>{"Receiver", "-", "1", "response retreat", "0.9", "0"});
  // The bottom line says it in one sentence.
  const ReportSection* bottom = section_named(doc, "bottom-line");
  REQUIRE(bottom);
  bool said = false;
  for (const std::string& item : bottom->blocks.front().items)
    said = said || has(item, "(Bayesian Nash equilibrium): Sender plays breakfast quiche if weak, breakfast beer if "
                             "strong; Receiver plays response retreat.");
  CHECK(said);
}

TEST_CASE("run document: a mixed Bayesian equilibrium with each type's probabilities") {
  // Matching pennies where only the matcher's keen type (probability 1)
  // cares: two agents, one mixed equilibrium, both halves 50%, value 0.
  const Scenario s = load_scenario_text(R"yaml(
scenario: typed-pennies
players:
  matcher:
    name: Matcher
    levers:
      side: {values: [heads, tails]}
  mismatcher:
    name: Mismatcher
    levers:
      side: {values: [heads, tails]}
types:
  matcher: {keen: 1, idle: 0}
payoffs:
  matcher: "(matcher.type == keen) * (2 * (matcher.side == mismatcher.side) - 1)"
  mismatcher: "1 - 2 * (matcher.side == mismatcher.side)"
)yaml",
                                        "typed_pennies.yaml");
  const ReportDocument doc = document_of(s);
  const ReportSection* bayesian = section_named(doc, "bayesian");
  REQUIRE(bayesian);
  CHECK(has(bayesian->blocks.front().text, "No Bayesian Nash equilibria in pure strategies"));
  const std::vector<const ReportTable*> tables = tables_of(*bayesian);
  REQUIRE(tables.size() == 1);
  const ReportTable& t = *tables.front();
  CHECK(has(t.caption, "Mixed Bayesian equilibrium 1: Matcher plays side heads (50%); or side tails (50%) (keen)"));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == std::vector<std::string>{"Matcher", "keen", "1", "side heads (50%); or side tails (50%)", "0", "0"});
  CHECK(t.rows[1] == std::vector<std::string>{"Mismatcher", "-", "1", "side heads (50%); or side tails (50%)", "0", "0"});
}
