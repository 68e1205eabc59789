// Correlated / coarse correlated equilibria by LP, and iterated dominance.
//
// Baselines in the same run:
//  - BM_CorrelatedMatrixOnly: building the CE constraint matrix without
//    solving (the floor of any LP approach on the same formulation).
//  - BM_PayoffStreamingPass: one pass over the payoff tables (the floor of
//    any dominance check, which must look at every payoff at least once).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>

#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "tests/support/random_games.hpp"

namespace {

using negsim::CorrelatedObjective;
using negsim::CorrelationKind;
using negsim::NormalFormGame;

constexpr CorrelatedObjective kWelfare{CorrelatedObjective::Welfare, 0};

// A discretized 3-firm Cournot game with n quantity levels: dominance
// solvable over many rounds, by pure dominators.
NormalFormGame cournot(std::size_t n) {
  NormalFormGame game({n, n, n});
  const double demand = 3.0 * static_cast<double>(n);
  for (std::size_t s = 0; s < game.num_profiles(); ++s) {
    const auto q = game.profile_actions(s);
    const double total = static_cast<double>(q[0] + q[1] + q[2]);
    for (std::size_t p = 0; p < 3; ++p)
      game.set_payoff(p, s, static_cast<double>(q[p]) * (demand - total) - static_cast<double>(q[p]));
  }
  return game;
}

// Random 3-player game in which half of each player's actions are the average
// of two others minus 0.01: dominated only by mixtures, so every one of them
// goes through the LP.
NormalFormGame mixed_dominated(std::size_t n, std::uint64_t seed) {
  NormalFormGame game = negsim::testing::random_game({n, n, n}, seed);
  for (std::size_t p = 0; p < 3; ++p) {
    const std::size_t stride = game.stride(p);
    const std::size_t base_actions = (n + 1) / 2;
    for (std::size_t s = 0; s < game.num_profiles(); ++s) {
      const std::size_t a = game.action_of(s, p);
      if (a < base_actions) continue;
      const std::size_t b1 = (a - base_actions) % base_actions;
      const std::size_t b2 = (b1 + 1) % base_actions;
      const std::size_t rest = s - a * stride;
      game.set_payoff(p, s,
                      0.5 * (game.payoff(p, rest + b1 * stride) + game.payoff(p, rest + b2 * stride)) -
                          0.01);
    }
  }
  return game;
}

void BM_CorrelatedWelfare3Player(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n, n}, 7);
  double welfare = 0;
  for (auto _ : state) {
    const auto ce = negsim::solve_correlated(game, CorrelationKind::Correlated, kWelfare);
    welfare = ce.payoffs[0] + ce.payoffs[1] + ce.payoffs[2];
    benchmark::DoNotOptimize(welfare);
  }
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
  state.counters["welfare"] = welfare;
  state.SetComplexityN(static_cast<benchmark::IterationCount>(game.num_profiles()));
}
BENCHMARK(BM_CorrelatedWelfare3Player)->DenseRange(4, 16, 2)->Unit(benchmark::kMillisecond)
    ->Complexity();

void BM_CoarseCorrelatedWelfare3Player(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n, n}, 7);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        negsim::solve_correlated(game, CorrelationKind::CoarseCorrelated, kWelfare));
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
  state.SetComplexityN(static_cast<benchmark::IterationCount>(game.num_profiles()));
}
BENCHMARK(BM_CoarseCorrelatedWelfare3Player)->DenseRange(4, 16, 2)->Unit(benchmark::kMillisecond)
    ->Complexity();

void BM_CorrelatedMatrixOnly(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n, n}, 7);
  for (auto _ : state)
    benchmark::DoNotOptimize(negsim::correlated_constraint_matrix(game, CorrelationKind::Correlated));
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
}
BENCHMARK(BM_CorrelatedMatrixOnly)->DenseRange(4, 16, 2)->Unit(benchmark::kMillisecond);

// The size of the TikTok stage game (24 x 8 x 3 actions, 576 profiles).
void BM_StageGame24x8x3(benchmark::State& state) {
  const NormalFormGame game = negsim::testing::random_game({24, 8, 3}, 11);
  const auto kind = state.range(0) == 0 ? CorrelationKind::Correlated : CorrelationKind::CoarseCorrelated;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::solve_correlated(game, kind, kWelfare));
  state.SetLabel(state.range(0) == 0 ? "CE welfare" : "CCE welfare");
}
BENCHMARK(BM_StageGame24x8x3)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The real TikTok stage game: scenarios/tiktok_2025.yaml (24 x 8 x 3), found
// next to this source file.
NormalFormGame tiktok_game() {
  const auto path = std::filesystem::path(__FILE__).parent_path().parent_path() / "scenarios" /
                    "tiktok_2025.yaml";
  return negsim::build_normal_form(negsim::load_scenario_file(path.string())).game;
}

void BM_TikTokStageGame(benchmark::State& state) {
  const NormalFormGame game = tiktok_game();
  const auto kind = state.range(0) == 0 ? CorrelationKind::Correlated : CorrelationKind::CoarseCorrelated;
  std::size_t support = 0;
  for (auto _ : state) support = negsim::solve_correlated(game, kind, kWelfare).distribution.size();
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
  state.counters["support"] = static_cast<double>(support);
  state.SetLabel(state.range(0) == 0 ? "CE welfare" : "CCE welfare");
}
BENCHMARK(BM_TikTokStageGame)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_TikTokDominance(benchmark::State& state) {
  const NormalFormGame game = tiktok_game();
  std::size_t steps = 0;
  for (auto _ : state) steps = negsim::eliminate_strictly_dominated(game).steps.size();
  state.counters["removed"] = static_cast<double>(steps);
}
BENCHMARK(BM_TikTokDominance)->Unit(benchmark::kMillisecond);

void BM_StageGame24x8x3MatrixOnly(benchmark::State& state) {
  const NormalFormGame game = negsim::testing::random_game({24, 8, 3}, 11);
  for (auto _ : state)
    benchmark::DoNotOptimize(negsim::correlated_constraint_matrix(game, CorrelationKind::Correlated));
}
BENCHMARK(BM_StageGame24x8x3MatrixOnly)->Unit(benchmark::kMillisecond);

void BM_DominanceRandom3Player(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n, n}, 3);
  for (auto _ : state) benchmark::DoNotOptimize(negsim::eliminate_strictly_dominated(game));
  state.SetComplexityN(static_cast<benchmark::IterationCount>(game.num_profiles()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(game.payoffs().size() * sizeof(double)));
}
BENCHMARK(BM_DominanceRandom3Player)->Arg(8)->Arg(16)->Arg(32)->Arg(50)->Arg(64)->Arg(128)
    ->Unit(benchmark::kMillisecond)->Complexity();

void BM_PayoffStreamingPass(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n, n}, 3);
  for (auto _ : state)
    benchmark::DoNotOptimize(*std::max_element(game.payoffs().begin(), game.payoffs().end()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(game.payoffs().size() * sizeof(double)));
}
BENCHMARK(BM_PayoffStreamingPass)->Arg(8)->Arg(16)->Arg(32)->Arg(50)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);

void BM_DominanceCournot3Player(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = cournot(n);
  std::size_t steps = 0;
  for (auto _ : state) steps = negsim::eliminate_strictly_dominated(game).steps.size();
  state.counters["removed"] = static_cast<double>(steps);
}
BENCHMARK(BM_DominanceCournot3Player)->RangeMultiplier(2)->Range(8, 64)->Unit(benchmark::kMillisecond);

void BM_DominanceMixedOnly3Player(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = mixed_dominated(n, 5);
  std::size_t steps = 0;
  for (auto _ : state) steps = negsim::eliminate_strictly_dominated(game).steps.size();
  state.counters["removed"] = static_cast<double>(steps);
}
BENCHMARK(BM_DominanceMixedOnly3Player)->RangeMultiplier(2)->Range(8, 64)->Unit(benchmark::kMillisecond);

}  // namespace
