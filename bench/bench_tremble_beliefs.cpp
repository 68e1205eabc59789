// Beliefs at every information set (sim/solve/tremble_beliefs.hpp) on random
// two-player trees, for a pure profile (most sets off the path, so the
// tremble orders matter), double and exact, against the baseline of one
// reach-probability pass over the same tree (the least any belief
// computation must do).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/tremble_beliefs.hpp"
#include "tests/support/extensive_games.hpp"

namespace {

const negsim::ExtensiveFormGame& tree(int depth) {
  static std::map<int, negsim::ExtensiveFormGame> cache;
  auto it = cache.find(depth);
  if (it == cache.end())
    it = cache.emplace(depth, negsim::testing::random_extensive_form(2, static_cast<std::size_t>(depth), 2, 11)).first;
  return it->second;
}

negsim::BehaviorProfile first_actions(const negsim::ExtensiveFormGame& g) {
  return g.pure_behavior(std::vector<std::size_t>(g.num_infosets(), 0));
}

void BM_TrembleBeliefsDouble(benchmark::State& state) {
  const auto& g = tree(static_cast<int>(state.range(0)));
  const auto b = first_actions(g);
  for (auto _ : state) benchmark::DoNotOptimize(negsim::tremble_limit_beliefs(g, b).belief.data());
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
}
BENCHMARK(BM_TrembleBeliefsDouble)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

void BM_ReachBaseline(benchmark::State& state) {
  const auto& g = tree(static_cast<int>(state.range(0)));
  const auto b = first_actions(g);
  for (auto _ : state) benchmark::DoNotOptimize(g.reach_probabilities(b).data());
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
}
BENCHMARK(BM_ReachBaseline)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

void BM_TrembleBeliefsExact(benchmark::State& state) {
  const auto& g = tree(static_cast<int>(state.range(0)));
  const auto b = negsim::to_exact_behavior(first_actions(g));
  for (auto _ : state) benchmark::DoNotOptimize(negsim::exact_tremble_limit_beliefs(g, b).belief.data());
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
}
BENCHMARK(BM_TrembleBeliefsExact)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

void BM_ExactReachBaseline(benchmark::State& state) {
  const auto& g = tree(static_cast<int>(state.range(0)));
  const auto b = negsim::to_exact_behavior(first_actions(g));
  for (auto _ : state) benchmark::DoNotOptimize(g.exact_reach_probabilities(b).data());
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
}
BENCHMARK(BM_ExactReachBaseline)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

}  // namespace
