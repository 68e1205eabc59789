// The text of Credibility and beliefs (sim/report/beliefs_report.hpp): the
// whole path of the first equilibrium under --verbose, only round 1 (and a
// count of the rest) by default.
#include "sim/report/beliefs_report.hpp"

#include <cstddef>
#include <string>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"

using namespace negsim;

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
