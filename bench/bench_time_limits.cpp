// The cost of --time-limit: the same work with no deadline (the baseline,
// second argument 0) and with a generous one that never expires (1), so the
// difference is the clock reads alone. Methods read the clock once per chunk
// of work (256 bases in enum, one path step in logit and about 2^18
// operations inside a Jacobian evaluation, 4096 rounds in the Monte Carlo
// simulation), so the two should be within noise. BM_JacobianManyPlayers is
// the many-player Jacobian sweep (O(P * N^2) past 8 players) with and
// without its inner clock reads.
#include <benchmark/benchmark.h>

#include <vector>

#include "models/deadline.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/payoff_jacobian.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "tests/support/random_games.hpp"

namespace {

negsim::Deadline deadline_for(std::int64_t arg) {
  return arg ? negsim::Deadline::after_seconds(3600) : negsim::Deadline{};
}

void BM_EnumWithDeadline(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const negsim::NormalFormGame game = negsim::testing::random_game({n, n}, 7, negsim::testing::integer_payoffs(0, 99));
  negsim::SolveOptions options;
  options.method = "enum";
  options.deadline = deadline_for(state.range(1));
  std::size_t found = 0;
  for (auto _ : state) found = negsim::enumerate_extreme_equilibria(game, options).equilibria.size();
  state.counters["equilibria"] = static_cast<double>(found);
}
BENCHMARK(BM_EnumWithDeadline)->ArgsProduct({{10, 12}, {0, 1}})->Unit(benchmark::kMillisecond);

void BM_LogitWithDeadline(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const negsim::NormalFormGame game = negsim::testing::random_game({n, n, n}, 11);
  negsim::SolveOptions options;
  options.method = "logit";
  options.deadline = deadline_for(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(negsim::logit_qre(game, options).equilibria.size());
}
BENCHMARK(BM_LogitWithDeadline)->ArgsProduct({{6, 10}, {0, 1}})->Unit(benchmark::kMillisecond);

void BM_SimulateWithDeadline(benchmark::State& state) {
  negsim::NormalFormGame pd({2, 2});
  const double payoffs[4][2] = {{9, 9}, {10, 1}, {1, 10}, {3, 3}};
  for (std::size_t idx = 0; idx < 4; ++idx)
    for (std::size_t p = 0; p < 2; ++p) pd.set_payoff(p, idx, payoffs[idx][p]);
  const negsim::PureProfile target{0, 0};
  std::vector<negsim::Automaton> automata;
  for (std::size_t p = 0; p < 2; ++p) automata.push_back(negsim::make_strategy("tit-for-tat", pd, p, target));
  negsim::SimulationOptions options;
  options.runs = static_cast<std::size_t>(state.range(0));
  options.rounds = 200;
  options.tremble = 0.05;
  options.history_runs = 0;
  options.deadline = deadline_for(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(negsim::simulate(pd, automata, options).mean_total);
  state.SetItemsProcessed(state.iterations() * state.range(0) * 200);
}
BENCHMARK(BM_SimulateWithDeadline)->ArgsProduct({{10000}, {0, 1}})->Unit(benchmark::kMillisecond);

void BM_JacobianManyPlayers(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const negsim::NormalFormGame game = negsim::testing::random_game(std::vector<std::size_t>(n, 2), 3);
  const negsim::Deadline deadline = deadline_for(state.range(1));
  const negsim::PayoffJacobian kernel(game, 1.0, state.range(1) ? &deadline : nullptr);
  std::vector<double> sigma(2 * n, 0.5), values(2 * n);
  Eigen::MatrixXd jac;
  for (auto _ : state) {
    kernel.values_and_jacobian(sigma.data(), values.data(), jac);
    benchmark::DoNotOptimize(jac.data());
  }
}
BENCHMARK(BM_JacobianManyPlayers)->ArgsProduct({{12, 16}, {0, 1}})->Unit(benchmark::kMillisecond);

}  // namespace
