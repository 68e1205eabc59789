// Tipping points of every TikTok parameter (sim/analysis/tipping_points.hpp):
// the whole search at 1 and 2 threads, each beside the old path (every probe
// a fresh analysis: fresh_analyses), and its units of work: one analysis of
// the parts the predicted outcome reads, the belief analysis of a probe, the
// types model's tree refreshed beside built afresh.
//
// Goal (issue 14): every TikTok parameter in under 1 s on 2 cores.
// Run from the source tree: `build/negsim_bench --benchmark_filter=Tipping`
// (the scenario is read from scenarios/tiktok_2025.yaml, or
// $NEGSIM_SWEEP_SCENARIO); skips with a message when it cannot be loaded.
//
// Counters: analyses (per search), time_per_analysis (wall time / analyses),
// so the search's overhead over its analyses shows directly.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "models/scenario/loader.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "sim/analysis/belief_analysis.hpp"
#include "sim/analysis/predicted_outcome.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/analysis/tipping_points.hpp"

namespace {

using namespace negsim;

struct Fixture {
  bool ok = false;
  std::string error;
  Scenario scenario;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture out;
    const char* env = std::getenv("NEGSIM_SWEEP_SCENARIO");
    const std::string path = env ? env : "scenarios/tiktok_2025.yaml";
    try {
      out.scenario = load_scenario_file(path);
      out.ok = true;
    } catch (const std::exception& e) {
      out.error = "cannot load " + path + " (run from the source tree or set NEGSIM_SWEEP_SCENARIO): " + e.what();
    }
    return out;
  }();
  return f;
}

// The baseline: one analysis as the search runs it (build the stage game,
// pure equilibria, the timeline, alternating offers, Nash reversion of the
// repeated block, the first perfect Bayesian equilibrium of the sequence).
void BM_TippingBaselineOneAnalysis(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  AnalysisOptions options = outcome_analysis_options(AnalysisOptions{});
  options.beliefs_scope = BeliefScope::kFirstEquilibrium;  // as the probes run it
  for (auto _ : state) {
    const ScenarioGame built = build_stage_game(f.scenario, options);
    const ScenarioAnalysis analysis = analyze_scenario(f.scenario, built, options);
    benchmark::DoNotOptimize(predicted_outcome(f.scenario, built, analysis));
  }
}
BENCHMARK(BM_TippingBaselineOneAnalysis)->Unit(benchmark::kMillisecond)->UseRealTime();

// The types model's unit of work: the belief analysis as a probe runs it
// (its first equilibrium only) beside the full one the report and the
// verification run (issue 14: ~120 ms CPU before the incremental search).
void BM_TippingBeliefsFirstEquilibrium(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  for (auto _ : state)
    benchmark::DoNotOptimize(analyze_beliefs(f.scenario, BuildOptions{}, {}, BeliefScope::kFirstEquilibrium));
}
BENCHMARK(BM_TippingBeliefsFirstEquilibrium)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TippingBeliefsFull(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(analyze_beliefs(f.scenario, BuildOptions{}));
}
BENCHMARK(BM_TippingBeliefsFull)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every parameter, both sides, at state.range(0) threads; state.range(1) = 1:
// the old path beside it (TippingPointOptions::fresh_analyses: every probe a
// fresh analysis of everything it watches; the same result).
void BM_TippingPointsAllParameters(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  TippingPointOptions options;
  options.threads = static_cast<std::size_t>(state.range(0));
  options.fresh_analyses = state.range(1) != 0;
  std::size_t analyses = 0;
  for (auto _ : state) {
    const TippingPointResult r = find_tipping_points(f.scenario, options);
    analyses = r.analyses;
    benchmark::DoNotOptimize(r.points.data());
  }
  state.counters["parameters"] = static_cast<double>(f.scenario.parameters.size());
  state.counters["analyses"] = static_cast<double>(analyses);
  state.counters["time_per_analysis"] = benchmark::Counter(
      static_cast<double>(analyses) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_TippingPointsAllParameters)
    ->ArgNames({"threads", "fresh"})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The types model's tree at another value of a payoff parameter: refreshed
// (refresh_sequence_numbers, what a probe does) beside built afresh, in the
// same run. when:1 is TikTok with a conditional step (China's farm purchases
// after an enforcement, docs/scenario.md "Conditional steps"), which a
// refresh replays (before issue 14's refresh rework such trees were rebuilt).
Scenario with_conditional_step(const Scenario& s, std::string& error) {
  const char* env = std::getenv("NEGSIM_SWEEP_SCENARIO");
  std::ifstream in(env ? env : "scenarios/tiktok_2025.yaml");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const std::string after = "      observes: [us.deadline, china.algorithm]\n";
  if (text.find(after) == std::string::npos) {
    error = "the scenario has no ByteDance step to add a conditional step after";
    return s;
  }
  text.insert(text.find(after) + after.size(),
              "    - move: china\n      levers: [farm]\n      when: \"us.deadline == enforce\"\n"
              "      default: {china.farm: resume}\n");
  return load_scenario_text(text, "tiktok_conditional.yaml");
}

void BM_TippingTypesTree(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) return state.SkipWithError(f.error.c_str());
  std::string error;
  Scenario changed = state.range(1) ? with_conditional_step(f.scenario, error) : f.scenario;
  if (!error.empty()) return state.SkipWithError(error.c_str());
  ScenarioParameter* p = changed.find_parameter("bluffing_enforcement_cost");
  if (!p) return state.SkipWithError("the scenario has no bluffing_enforcement_cost");
  SequenceTree tree = build_sequence_tree(changed);
  const bool refresh = state.range(0) != 0;
  double value = p->value;
  for (auto _ : state) {
    value = value == 50 ? 55 : 50;
    p->value = value;
    if (refresh) {
      if (!refresh_sequence_numbers(changed, tree)) return state.SkipWithError("refresh refused");
    } else {
      tree = build_sequence_tree(changed);
    }
    benchmark::DoNotOptimize(tree.nodes.data());
  }
  state.counters["nodes"] = static_cast<double>(tree.nodes.size());
}
BENCHMARK(BM_TippingTypesTree)
    ->ArgNames({"refresh", "when"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
