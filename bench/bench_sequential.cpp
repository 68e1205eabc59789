// Backward induction on multi-stage games and alternating-offers bargaining,
// each beside a baseline that streams once over the same data.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/bargain/alternating_offers.hpp"
#include "sim/solve/backward_induction.hpp"

namespace {

// Three single-mover stages of n actions each (players 0, 1, 2): n^3 leaves.
negsim::MultiStageGame three_stage_game(std::size_t n, std::uint64_t seed) {
  using negsim::GameStage;
  negsim::MultiStageGame g(3, {GameStage{"", {0}, {n}, {}}, GameStage{"", {1}, {n}, {}}, GameStage{"", {2}, {n}, {}}});
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t p = 0; p < 3; ++p)
    for (double& v : g.payoff_table(p)) v = u(rng);
  return g;
}

void BM_BackwardInduction3Stage(benchmark::State& state) {
  const auto g = three_stage_game(static_cast<std::size_t>(state.range(0)), 1);
  for (auto _ : state) {
    auto r = negsim::solve_backward_induction(g);
    benchmark::DoNotOptimize(r);
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.num_leaves()));
  state.counters["leaves"] = static_cast<double>(g.num_leaves());
}
BENCHMARK(BM_BackwardInduction3Stage)->Arg(22)->Arg(46)->Arg(100)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

// Baseline: one pass over all leaf payoffs (every player).
void BM_LeafPassBaseline(benchmark::State& state) {
  const auto g = three_stage_game(static_cast<std::size_t>(state.range(0)), 1);
  for (auto _ : state) {
    double total = 0;
    for (double v : g.payoffs()) total += v;
    benchmark::DoNotOptimize(total);
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(g.num_leaves()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(g.payoffs().size() * sizeof(double)));
}
BENCHMARK(BM_LeafPassBaseline)->Arg(22)->Arg(46)->Arg(100)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

// 10^6 leaves with a simultaneous stage: 100 x (5 x 5 stage game) x 400.
void BM_BackwardInductionTwoMoverStage(benchmark::State& state) {
  using negsim::GameStage;
  negsim::MultiStageGame g(3, {GameStage{"", {0}, {100}, {}}, GameStage{"", {1, 2}, {5, 5}, {}},
                               GameStage{"", {0}, {400}, {}}});
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t p = 0; p < 3; ++p)
    for (double& v : g.payoff_table(p)) v = u(rng);
  for (auto _ : state) {
    auto r = negsim::solve_backward_induction(g);
    benchmark::DoNotOptimize(r);
  }
  state.counters["leaves"] = static_cast<double>(g.num_leaves());
}
BENCHMARK(BM_BackwardInductionTwoMoverStage)->Unit(benchmark::kMillisecond);

negsim::BargainingProblem random_bargaining(std::size_t deals, std::size_t rounds, std::size_t players) {
  negsim::BargainingProblem problem;
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t p = 0; p < players; ++p) {
    problem.protocol.discount.push_back(0.95);
    problem.protocol.disagreement.push_back(0.1);
    problem.protocol.proposer_order.push_back(p);
  }
  problem.protocol.deadline = rounds;
  problem.deals.num_players = players;
  std::vector<double> util(players);
  for (std::size_t d = 0; d < deals; ++d) {
    for (double& x : util) x = u(rng);
    problem.deals.add(std::to_string(d), util);
  }
  return problem;
}

void BM_AlternatingOffers(benchmark::State& state) {
  const auto problem = random_bargaining(static_cast<std::size_t>(state.range(0)),
                                         static_cast<std::size_t>(state.range(1)), 3);
  for (auto _ : state) {
    auto r = negsim::solve_alternating_offers(problem);
    benchmark::DoNotOptimize(r);
  }
  state.SetComplexityN(state.range(0) * state.range(1));
  state.counters["deal_rounds"] = static_cast<double>(state.range(0) * state.range(1));
}
BENCHMARK(BM_AlternatingOffers)
    ->ArgsProduct({{100, 1000, 10000}, {10, 100}})
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// Baseline: one pass over the deal utilities per round.
void BM_DealPassBaseline(benchmark::State& state) {
  const auto problem = random_bargaining(static_cast<std::size_t>(state.range(0)),
                                         static_cast<std::size_t>(state.range(1)), 3);
  for (auto _ : state) {
    double total = 0;
    for (std::int64_t t = 0; t < state.range(1); ++t)
      for (double v : problem.deals.utilities) total += v * static_cast<double>(t);
    benchmark::DoNotOptimize(total);
  }
  state.SetComplexityN(state.range(0) * state.range(1));
}
BENCHMARK(BM_DealPassBaseline)
    ->ArgsProduct({{100, 1000, 10000}, {10, 100}})
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace
