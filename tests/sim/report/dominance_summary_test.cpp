#include "sim/report/dominance_summary.hpp"

#include <set>
#include <string>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"

using namespace negsim;

namespace {

Scenario shipped(const std::string& path) { return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path); }

bool in_block(const DominanceBlock& b, const std::vector<std::size_t>& setting) {
  for (std::size_t l = 0; l < setting.size(); ++l)
    if (std::find(b.values[l].begin(), b.values[l].end(), setting[l]) == b.values[l].end()) return false;
  return true;
}

// The blocks cover exactly the removed moves: every removed move is in some
// block of its player, and no surviving move is in any.
void check_exact_cover(const ScenarioGame& built, const DominanceResult& d, const DominanceSummary& s) {
  for (std::size_t p = 0; p < built.game.num_players(); ++p) {
    std::set<std::size_t> removed;
    for (const DominanceStep& step : d.steps)
      if (step.player == p) removed.insert(step.action);
    for (std::size_t a = 0; a < built.game.num_actions(p); ++a) {
      bool covered = false;
      for (const DominanceBlock& b : s.blocks)
        if (b.player == p && in_block(b, built.action_levers[p][a])) covered = true;
      CAPTURE(p);
      CAPTURE(a);
      CHECK(covered == (removed.count(a) == 1));
    }
  }
}

}  // namespace

TEST_CASE("dominance summary of the TikTok scenario: a few sentences that cover exactly the removals") {
  const Scenario s = shipped("scenarios/tiktok_2025.yaml");
  const ScenarioGame built = build_normal_form(s);
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.dominance = true;
  const ScenarioAnalysis analysis = analyze_scenario(s, built, options);
  const DominanceResult& d = *analysis.dominance;
  const DominanceSummary summary = summarize_dominance(s, built, d);
  CHECK(summary.steps == d.steps.size());
  CHECK(summary.blocks.size() < d.steps.size() / 4);  // 28 removals in a handful of sentences
  check_exact_cover(built, d, summary);
  std::set<std::string> texts;
  for (const DominanceBlock& b : summary.blocks) texts.insert(b.text);
  CHECK(texts.count("United States never plays tariff below 30%") == 1);
  CHECK(texts.count("United States never plays chips ease or hold") == 1);
  CHECK(texts.count("China never plays farm resume") == 1);
  CHECK(texts.count("China never plays rare earths ease") == 1);
  // Round numbers come from the steps: China's rare-earth easing goes in round 2.
  for (const DominanceBlock& b : summary.blocks)
    if (b.text == "China never plays rare earths ease") CHECK(b.rounds == std::vector<std::size_t>{1, 2});
  CHECK(summary.surviving[2].empty());  // ByteDance: nothing removed
  CHECK(summary.surviving[0] == "tariff 30%, chips tighten, deadline enforce; tariff 30%, chips tighten, deadline extend");
}

TEST_CASE("dominance summary: the cover is exact on every shipped classic game and a removal-free game") {
  for (const char* path : {"scenarios/classic/prisoners_dilemma.yaml", "scenarios/classic/chicken.yaml",
                           "scenarios/trade_war_tariffs.yaml"}) {
    CAPTURE(path);
    const Scenario s = shipped(path);
    const ScenarioGame built = build_normal_form(s);
    const DominanceResult d = eliminate_strictly_dominated(built.game);
    const DominanceSummary summary = summarize_dominance(s, built, d);
    check_exact_cover(built, d, summary);
  }
  const Scenario pd = shipped("scenarios/classic/prisoners_dilemma.yaml");
  const DominanceSummary summary =
      summarize_dominance(pd, build_normal_form(pd), eliminate_strictly_dominated(build_normal_form(pd).game));
  REQUIRE(summary.blocks.size() == 2);
  CHECK(summary.blocks[0].text == "Row never plays play cooperate");
}
