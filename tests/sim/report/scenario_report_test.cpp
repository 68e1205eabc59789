#include "sim/report/scenario_report.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"

using namespace negsim;

TEST_CASE("mixed equilibria heading: how many, by which method, whether the list is complete") {
  SolveResult r;
  r.method = "gnm (8 starts) and logit";
  r.complete = false;
  r.equilibria.resize(4);
  r.notes = {"gnm: 8 starts"};
  std::string h = mixed_equilibria_heading(r);
  CHECK(h.find("4 found by gnm (8 starts) and logit; the search is not exhaustive: other mixed equilibria may exist") !=
        std::string::npos);
  CHECK(h.find("  Note: gnm: 8 starts\n") != std::string::npos);
  r.equilibria.clear();
  h = mixed_equilibria_heading(r);
  CHECK(h.find("none found by gnm (8 starts) and logit; the search is not exhaustive: mixed equilibria may still exist") !=
        std::string::npos);
  CHECK(h.find(": 0 found") == std::string::npos);
  r.complete = true;
  r.method = "enum";
  CHECK(mixed_equilibria_heading(r).find("none found by enum; the search is exhaustive, so there are none") !=
        std::string::npos);
}

TEST_CASE("the payoff unit is the scenario's `units:`, not a parameter's unit") {
  Scenario s = load_scenario_file("scenarios/tiktok_2025.yaml");
  CHECK(scenario_payoff_unit(s) == "$bn");
  s.units.clear();  // parameters still say "$bn": no guessing from them
  CHECK(scenario_payoff_unit(s).empty());
  CHECK(scenario_payoff_unit(load_scenario_file("scenarios/classic/prisoners_dilemma.yaml")).empty());
  const ScenarioGame built = build_normal_form(s);
  AnalysisOptions options;
  options.parts.mixed = options.parts.correlated = options.parts.sequential = options.parts.bargaining =
      options.parts.repeated = false;
  const std::string text = scenario_text_report(s, built, analyze_scenario(s, built, options), {});
  CHECK(text.find("($bn)") == std::string::npos);
}
