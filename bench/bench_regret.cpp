// Cost of the independent verification step: max regret of a fully mixed profile.
#include <benchmark/benchmark.h>

#include "tests/support/random_games.hpp"

static void BM_MaxRegretUniform3Player(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const negsim::NormalFormGame game = negsim::testing::random_game({n, n, n}, 1);
  negsim::MixedProfile uniform(3, std::vector<double>(n, 1.0 / static_cast<double>(n)));
  for (auto _ : state) benchmark::DoNotOptimize(game.max_regret(uniform));
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n * n * n));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(game.payoffs().size() * sizeof(double)));
}
BENCHMARK(BM_MaxRegretUniform3Player)->RangeMultiplier(2)->Range(16, 128)->Complexity(benchmark::oN);
