// Pure Nash enumeration beside its lower bound: one streaming pass over the
// same payoff array (every payoff must be read at least once).
#include <benchmark/benchmark.h>

#include <map>
#include <algorithm>

#include "sim/solve/pure_nash.hpp"
#include "tests/support/random_games.hpp"

namespace {

const negsim::NormalFormGame& cached_game(std::size_t players, std::size_t n) {
  static std::map<std::pair<std::size_t, std::size_t>, negsim::NormalFormGame> cache;
  auto it = cache.find({players, n});
  if (it == cache.end())
    it = cache.emplace(std::make_pair(players, n),
                       negsim::testing::random_game(std::vector<std::size_t>(players, n), 42))
             .first;
  return it->second;
}

void set_counters(benchmark::State& state, const negsim::NormalFormGame& game) {
  state.SetComplexityN(static_cast<benchmark::IterationCount>(game.num_profiles()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(game.payoffs().size() * sizeof(double)));
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
}

// The lower bound: read every payoff once. Eight independent running maxima
// keep the loop limited by memory bandwidth rather than by a dependency chain.
double streaming_max(const std::vector<double>& v) {
  double m[8];
  std::fill(m, m + 8, v[0]);
  std::size_t i = 0;
  for (; i + 8 <= v.size(); i += 8)
    for (std::size_t k = 0; k < 8; ++k) m[k] = std::max(m[k], v[i + k]);
  for (; i < v.size(); ++i) m[0] = std::max(m[0], v[i]);
  return *std::max_element(m, m + 8);
}

void streaming_pass(benchmark::State& state, std::size_t players) {
  const auto& game = cached_game(players, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(streaming_max(game.payoffs()));
  set_counters(state, game);
}

void pure_enumeration(benchmark::State& state, std::size_t players) {
  const auto& game = cached_game(players, static_cast<std::size_t>(state.range(0)));
  std::size_t found = 0;
  for (auto _ : state) {
    const auto eq = negsim::pure_nash_profiles(game, 0.0, 1000000);
    found = eq.size();
    benchmark::DoNotOptimize(found);
  }
  set_counters(state, game);
  state.counters["equilibria"] = static_cast<double>(found);
}

void BM_Baseline_StreamingPass_3P(benchmark::State& s) { streaming_pass(s, 3); }
void BM_PureNash_3P(benchmark::State& s) { pure_enumeration(s, 3); }
void BM_Baseline_StreamingPass_4P(benchmark::State& s) { streaming_pass(s, 4); }
void BM_PureNash_4P(benchmark::State& s) { pure_enumeration(s, 4); }

}  // namespace

BENCHMARK(BM_Baseline_StreamingPass_3P)->Arg(20)->Arg(50)->Arg(100)->Arg(150)->Arg(200)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_PureNash_3P)->Arg(20)->Arg(50)->Arg(100)->Arg(150)->Arg(200)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_Baseline_StreamingPass_4P)->Arg(10)->Arg(20)->Arg(30)->Arg(40)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_PureNash_4P)->Arg(10)->Arg(20)->Arg(30)->Arg(40)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
