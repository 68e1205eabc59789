// Repeated games: Abreu-Sannikov payoff sets, simulation throughput with
// automata beside a payoff-reading baseline, and the SPE check of three automata.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/one_shot_deviation.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using negsim::testing::public_goods;

namespace {
// Deterministic automata with random actions and dense random transitions.
Automaton random_automaton(const NormalFormGame& g, std::size_t player, std::size_t states, std::mt19937_64& rng) {
  Automaton a = make_automaton(g, player, states, TransitionKey::Profile, {}, "random");
  for (auto& x : a.action) x = static_cast<std::uint32_t>(rng() % g.num_actions(player));
  for (auto& x : a.next) x = static_cast<std::uint32_t>(rng() % states);
  return a;
}

// Abreu-Sannikov's payoff set of g at discount delta, with its iteration count.
void run_abreu_sannikov(benchmark::State& state, const NormalFormGame& g, double delta) {
  std::size_t iterations = 0;
  for (auto _ : state) {
    const PayoffSetResult r = abreu_sannikov(g, delta);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.vertices.data());
  }
  state.counters["as_iterations"] = static_cast<double>(iterations);
}
}  // namespace

static void BM_AbreuSannikov_3x3_delta03(benchmark::State& state) {
  run_abreu_sannikov(state, testing::abreu_sannikov_3x3(), 0.3);
}
BENCHMARK(BM_AbreuSannikov_3x3_delta03)->Unit(benchmark::kMicrosecond);

static void BM_AbreuSannikov_PD_delta09(benchmark::State& state) {
  run_abreu_sannikov(state, testing::pd_9_1_10_3(), 0.9);
}
BENCHMARK(BM_AbreuSannikov_PD_delta09)->Unit(benchmark::kMicrosecond);

// Simulation of one long run (single thread): args = players, rounds.
static void BM_SimulateAutomata(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::size_t rounds = static_cast<std::size_t>(state.range(1));
  const NormalFormGame g = public_goods(n);
  const PureProfile target(n, 0);
  const char* names[] = {"tit-for-tat", "win-stay-lose-shift", "k-round-punishment"};
  std::vector<Automaton> prof;
  for (std::size_t p = 0; p < n; ++p) prof.push_back(make_strategy(names[p % 3], g, p, target));
  SimulationOptions o;
  o.rounds = rounds;
  o.discount = 0.999;
  o.tremble = 0.05;  // keeps the automata moving between states
  o.history_runs = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(g, prof, o).mean_total.data());
  state.counters["player_rounds_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * rounds * n), benchmark::Counter::kIsRate);
  state.SetComplexityN(static_cast<benchmark::IterationCount>(rounds));
}
BENCHMARK(BM_SimulateAutomata)->ArgsProduct({{2, 3}, {1 << 10, 1 << 14, 1 << 18}})->Unit(benchmark::kMicrosecond);

// Same without trembles: a purely deterministic inner loop (no random numbers).
static void BM_SimulateAutomataNoNoise(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::size_t rounds = static_cast<std::size_t>(state.range(1));
  const NormalFormGame g = public_goods(n);
  const PureProfile target(n, 0);
  std::vector<Automaton> prof;
  for (std::size_t p = 0; p < n; ++p) prof.push_back(make_strategy(p == 0 ? "alternator" : "tit-for-tat", g, p, target));
  SimulationOptions o;
  o.rounds = rounds;
  o.discount = 0.999;
  o.history_runs = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(g, prof, o).mean_total.data());
  state.counters["player_rounds_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * rounds * n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateAutomataNoNoise)->ArgsProduct({{2, 3}, {1 << 10, 1 << 14, 1 << 18}})->Unit(benchmark::kMicrosecond);

// Baseline: the same payoff reads and discounting over a fixed profile sequence, no automata.
static void BM_BaselinePayoffLoop(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::size_t rounds = static_cast<std::size_t>(state.range(1));
  const NormalFormGame g = public_goods(n);
  const double* pay = g.payoffs().data();
  const std::size_t P = g.num_profiles();
  for (auto _ : state) {
    double total[8] = {0};
    double w = 1;
    std::size_t idx = 0;
    for (std::size_t t = 0; t < rounds; ++t) {
      idx = (idx * 5 + 3) & (P - 1);
      for (std::size_t p = 0; p < n; ++p) total[p] += w * pay[p * P + idx];
      w *= 0.999;
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["player_rounds_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * rounds * n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselinePayoffLoop)->ArgsProduct({{2, 3}, {1 << 10, 1 << 14, 1 << 18}})->Unit(benchmark::kMicrosecond);

// Monte Carlo runs in parallel (oneTBB; all threads): 3 players, 4096 runs x 256 rounds.
static void BM_SimulateParallelRuns(benchmark::State& state) {
  const NormalFormGame g = public_goods(3);
  const PureProfile target(3, 0);
  std::vector<Automaton> prof;
  for (std::size_t p = 0; p < 3; ++p) prof.push_back(make_strategy("generous-tft", g, p, target));
  SimulationOptions o;
  o.rounds = 256;
  o.runs = 4096;
  o.tremble = 0.05;
  o.discount = 0.99;
  o.history_runs = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(g, prof, o).mean_total.data());
  state.counters["player_rounds_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * 256 * 4096 * 3), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateParallelRuns)->Unit(benchmark::kMillisecond)->UseRealTime();

// SPE + Nash check of three random deterministic automata with k states each
// (build the product chain, solve the values, check every state).
static void BM_SpeCheckThreeAutomata(benchmark::State& state) {
  const std::size_t k = static_cast<std::size_t>(state.range(0));
  const NormalFormGame g = testing::random_game({2, 2, 2}, 11);
  std::mt19937_64 rng(1234 + k);
  std::vector<Automaton> prof;
  for (std::size_t p = 0; p < 3; ++p) prof.push_back(random_automaton(g, p, k, rng));
  std::size_t product = 0;
  for (auto _ : state) {
    ProfileModel model(g, prof);
    const OneShotResult r = model.check(0.9);
    product = r.product_states;
    benchmark::DoNotOptimize(r.spe_gain.data());
  }
  state.counters["product_states"] = static_cast<double>(product);
  state.SetComplexityN(static_cast<benchmark::IterationCount>(k * k * k));
}
BENCHMARK(BM_SpeCheckThreeAutomata)->DenseRange(2, 10, 2)->Unit(benchmark::kMicrosecond)->Complexity(benchmark::oN);

// The same with mixed actions (random strategy) so the sparse-LU path is timed.
static void BM_SpeCheckThreeAutomataStochastic(benchmark::State& state) {
  const std::size_t k = static_cast<std::size_t>(state.range(0));
  const NormalFormGame g = testing::random_game({2, 2, 2}, 11);
  std::mt19937_64 rng(99 + k);
  std::vector<Automaton> prof;
  for (std::size_t p = 0; p < 3; ++p) {
    Automaton a = random_automaton(g, p, k, rng);
    a.mixed.push_back({0.5, 0.5});
    a.action[0] = kMixedFlag | 0u;
    prof.push_back(a);
  }
  for (auto _ : state) benchmark::DoNotOptimize(ProfileModel(g, prof).check(0.9).spe_gain.data());
}
BENCHMARK(BM_SpeCheckThreeAutomataStochastic)->DenseRange(2, 10, 4)->Unit(benchmark::kMicrosecond);
