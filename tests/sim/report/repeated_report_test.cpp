#include "sim/report/repeated_report.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"

using namespace negsim;

TEST_CASE("intervals: open at 0 and 1, exact ends as p/q, decimals rounded to the safe side") {
  CHECK(intervals_in_words({}) == "no discount factor");
  CHECK(intervals_in_words({{1.0 / 14, 1.0, "1/14", ""}}) == "[1/14 (0.07143), 1)");
  CHECK(intervals_in_words({{0.0, 0.5, "", "1/2"}}) == "(0, 1/2 (0.5)]");
  // A lower end is never printed below the true value, an upper end never above.
  CHECK(intervals_in_words({{0.12344, 1.0, "", ""}}) == "[0.1235, 1)");
  CHECK(intervals_in_words({{0.0, 0.12346, "", ""}}) == "(0, 0.1234]");
  // 1/3 = 0.33333...: the lower end prints as 0.3334, not 0.3333.
  CHECK(intervals_in_words({{1.0 / 3, 1.0, "1/3", ""}}) == "[1/3 (0.3334), 1)");
  CHECK(intervals_in_words({{0.25, 0.25, "1/4", "1/4"}}) == "only 1/4");
}

TEST_CASE("TikTok repeated report: per-deviator punishment, best deviations, deviations on and off the path") {
  const Scenario scenario = load_scenario_file("scenarios/tiktok_2025.yaml");
  const ScenarioGame built = build_normal_form(scenario);
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.repeated = true;
  const RepeatedAnalysis analysis = *analyze_scenario(scenario, built, options).repeated;
  const std::string text = repeated_text(scenario, built, analysis, "$bn");
  CAPTURE(text);
  // The common punishment needs 1/14; each deviator's own worst equilibrium 100/3097 (China).
  CHECK(text.find("at least 1/14 (0.07143), set by the temptation of United States") != std::string::npos);
  CHECK(text.find("own worst stage equilibrium sustains the target for discount factors of at least 100/3097 "
                  "(0.03229), set by China") != std::string::npos);
  CHECK(text.find("United States tariff 30%, chips tighten, deadline extend; China farm boycott, algorithm deny, "
                  "rare earths restrict; ByteDance divest refuse (pays it -5): discount factor at least 1/48") !=
        std::string::npos);
  // ByteDance is not tempted: its best alternative (sale, 50), not the move that hurts the others most.
  CHECK(text.find("no profitable deviation (its best alternative, divest sale, pays 50)") != std::string::npos);
  CHECK(text.find(", 1]") == std::string::npos);  // intervals are open at 1
  // Every deviation shown says truthfully whether it is on the path.
  for (const StrategyVerdict& v : analysis.sustainability.strategies) {
    CAPTURE(v.strategy);
    const std::size_t at = text.find("    " + v.strategy + ": ");
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at, text.find('\n', at) - at);
    if (!v.nash) {
      REQUIRE(v.nash_deviation);
      CHECK(line.find("on the path") != std::string::npos);
      CHECK(line.find("best-replying afterwards") != std::string::npos);
    } else if (!v.subgame_perfect) {
      REQUIRE(v.deviation);
      CHECK((line.find("off the path") != std::string::npos) == !v.deviation->on_path);
    }
  }
  // tit-for-two-tats is not Nash at 0.9: the gain shown is the Nash-breaking deviation's.
  const StrategyVerdict* tf2t = nullptr;
  for (const StrategyVerdict& v : analysis.sustainability.strategies)
    if (v.strategy == "tit-for-two-tats") tf2t = &v;
  REQUIRE(tf2t);
  CHECK_FALSE(tf2t->nash);
  REQUIRE(tf2t->nash_deviation);
  REQUIRE(tf2t->deviation);
  CHECK(tf2t->nash_deviation->gain != tf2t->deviation->gain);
}
