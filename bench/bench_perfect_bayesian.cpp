// The pure perfect Bayesian solve (sim/analysis/perfect_bayesian.hpp) as the
// tipping-point probes run it (the first equilibrium, best-response iteration
// on the TikTok sequence tree), and its independent Nash check
// (sim/analysis/sequence_verify.hpp) beside the baseline of the definition run
// over every node (tree_regrets_every_node, the check as it was before it
// visited only what each player can reach: the same numbers, bit for bit).
// The tree grows with the scenario's extension_rounds (state.range(0)).
//
// Run from the source tree: `build/negsim_bench --benchmark_filter=PerfectBayesian`
// (reads scenarios/tiktok_2025.yaml, or $NEGSIM_SWEEP_SCENARIO with an
// extension_rounds parameter); skips with a message when it cannot be loaded.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "models/scenario/loader.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "sim/analysis/perfect_bayesian.hpp"
#include "sim/analysis/sequence_verify.hpp"

namespace {

using namespace negsim;

struct Fixture {
  std::string error;
  SequenceTree tree;
  std::vector<std::size_t> equilibrium;  // the first one's actions
};

const Fixture& fixture(std::int64_t rounds) {
  static std::map<std::int64_t, Fixture> cache;
  auto it = cache.find(rounds);
  if (it != cache.end()) return it->second;
  Fixture f;
  const char* env = std::getenv("NEGSIM_SWEEP_SCENARIO");
  const std::string path = env ? env : "scenarios/tiktok_2025.yaml";
  try {
    Scenario s = load_scenario_file(path);
    ScenarioParameter* p = s.find_parameter("extension_rounds");
    if (!p) throw std::runtime_error("no extension_rounds parameter");
    p->value = static_cast<double>(rounds);
    f.tree = build_sequence_tree(s);
    PerfectBayesianOptions options;
    options.max_equilibria = 1;
    const PerfectBayesianResult r = solve_perfect_bayesian(f.tree, options);
    if (r.equilibria.empty()) throw std::runtime_error("no pure perfect Bayesian equilibrium");
    f.equilibrium = r.equilibria.front().actions;
  } catch (const std::exception& e) {
    f.error = "cannot set up " + path + " (run from the source tree or set NEGSIM_SWEEP_SCENARIO): " + e.what();
  }
  return cache.emplace(rounds, std::move(f)).first->second;
}

void counters(benchmark::State& state, const Fixture& f) {
  state.SetComplexityN(static_cast<std::int64_t>(f.tree.nodes.size()));
  state.counters["nodes"] = static_cast<double>(f.tree.nodes.size());
  state.counters["infosets"] = static_cast<double>(f.tree.infosets.size());
}

// The probe's unit of work: the first equilibrium, verified.
void BM_PerfectBayesianFirstEquilibrium(benchmark::State& state) {
  const Fixture& f = fixture(state.range(0));
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  PerfectBayesianOptions options;
  options.max_equilibria = 1;
  for (auto _ : state) benchmark::DoNotOptimize(solve_perfect_bayesian(f.tree, options).equilibria.data());
  counters(state, f);
}
BENCHMARK(BM_PerfectBayesianFirstEquilibrium)
    ->ArgName("rounds")
    ->DenseRange(2, 5)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMicrosecond);

// The Nash check of that equilibrium, over the reached nodes ...
void BM_PerfectBayesianTreeRegrets(benchmark::State& state) {
  const Fixture& f = fixture(state.range(0));
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(tree_regrets(f.tree, f.equilibrium).data());
  counters(state, f);
}
BENCHMARK(BM_PerfectBayesianTreeRegrets)
    ->ArgName("rounds")
    ->DenseRange(2, 5)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMicrosecond);

// ... and the baseline: the definition over every node.
void BM_PerfectBayesianTreeRegretsEveryNode(benchmark::State& state) {
  const Fixture& f = fixture(state.range(0));
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(tree_regrets_every_node(f.tree, f.equilibrium).data());
  counters(state, f);
}
BENCHMARK(BM_PerfectBayesianTreeRegretsEveryNode)
    ->ArgName("rounds")
    ->DenseRange(2, 5)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMicrosecond);

// The least any solve does: the profile's node values, one pass.
void BM_PerfectBayesianNodeValuesBaseline(benchmark::State& state) {
  const Fixture& f = fixture(state.range(0));
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(tree_node_values(f.tree, f.equilibrium).data());
  counters(state, f);
}
BENCHMARK(BM_PerfectBayesianNodeValuesBaseline)
    ->ArgName("rounds")
    ->DenseRange(2, 5)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
