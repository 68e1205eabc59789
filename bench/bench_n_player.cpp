// N-player mixed equilibria: logit QRE path following and the global Newton
// method on random 3-player n x n x n games (payoffs uniform on [0,1)),
// beside their baseline: one all_action_values evaluation (each player's
// action values against a mixed profile, one pass over the payoff tables),
// the unit of work a path step repeats a few times. The "passes" counter says
// how many such passes the logit path took, so time / (passes * baseline)
// shows the overhead of the linear algebra.
#include <benchmark/benchmark.h>

#include <map>

#include "sim/solve/global_newton.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/payoff_jacobian.hpp"
#include "tests/support/random_games.hpp"

namespace {

const negsim::NormalFormGame& cached_game(std::size_t n) {
  static std::map<std::size_t, negsim::NormalFormGame> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, negsim::testing::random_game({n, n, n}, 42)).first;
  return it->second;
}

negsim::MixedProfile centroid(const negsim::NormalFormGame& game) {
  negsim::MixedProfile profile(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p)
    profile[p].assign(game.num_actions(p), 1.0 / static_cast<double>(game.num_actions(p)));
  return profile;
}

void set_size(benchmark::State& state, const negsim::NormalFormGame& game) {
  state.SetComplexityN(static_cast<benchmark::IterationCount>(game.num_profiles()));
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
}

// Baseline: one pass of the solvers' kernel (all players' action values).
void BM_Baseline_ActionValuesPass(benchmark::State& state) {
  const auto& game = cached_game(static_cast<std::size_t>(state.range(0)));
  const negsim::PayoffJacobian kernel(game);
  const std::vector<double> sigma = negsim::flatten_profile(centroid(game));
  std::vector<double> values(sigma.size());
  for (auto _ : state) {
    kernel.values(sigma.data(), values.data());
    benchmark::DoNotOptimize(values.data());
  }
  set_size(state, game);
}

// Baseline: the same values from the game model's generic all_action_values.
void BM_Baseline_ModelAllActionValues(benchmark::State& state) {
  const auto& game = cached_game(static_cast<std::size_t>(state.range(0)));
  const negsim::MixedProfile profile = centroid(game);
  for (auto _ : state) benchmark::DoNotOptimize(game.all_action_values(profile));
  set_size(state, game);
}

// Values plus the full Jacobian (the path's per-step evaluation).
void BM_Kernel_ValuesAndJacobian(benchmark::State& state) {
  const auto& game = cached_game(static_cast<std::size_t>(state.range(0)));
  const negsim::PayoffJacobian kernel(game);
  const std::vector<double> sigma = negsim::flatten_profile(centroid(game));
  std::vector<double> values(sigma.size());
  Eigen::MatrixXd jac;
  for (auto _ : state) {
    kernel.values_and_jacobian(sigma.data(), values.data(), jac);
    benchmark::DoNotOptimize(jac.data());
  }
  set_size(state, game);
}

void BM_Logit(benchmark::State& state) {
  const auto& game = cached_game(static_cast<std::size_t>(state.range(0)));
  double regret = 0.0;
  for (auto _ : state) {
    const negsim::SolveResult r = negsim::logit_qre(game, negsim::SolveOptions{});
    regret = r.equilibria.empty() ? 1.0 : r.equilibria[0].max_regret;
    benchmark::DoNotOptimize(regret);
  }
  std::uint64_t passes = 0;
  std::vector<negsim::QrePoint> trace;
  negsim::logit_branch(game, {}, negsim::Deadline{}, &trace, &passes);
  set_size(state, game);
  state.counters["max_regret"] = regret;
  state.counters["passes"] = static_cast<double>(passes);
  state.counters["path_points"] = static_cast<double>(trace.size());
}

void BM_GlobalNewton_OneRay(benchmark::State& state) {
  const auto& game = cached_game(static_cast<std::size_t>(state.range(0)));
  std::size_t found = 0;
  double worst = 0.0;
  for (auto _ : state) {
    negsim::SolveOptions options;
    options.seed = 1;
    const negsim::SolveResult r = negsim::global_newton(game, options);
    found = r.equilibria.size();
    worst = 0.0;
    for (const auto& eq : r.equilibria) worst = std::max(worst, eq.max_regret);
    benchmark::DoNotOptimize(found);
  }
  set_size(state, game);
  state.counters["equilibria"] = static_cast<double>(found);
  state.counters["max_regret"] = worst;
}

}  // namespace

BENCHMARK(BM_Baseline_ActionValuesPass)->DenseRange(5, 30, 5)->Unit(benchmark::kMicrosecond)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Baseline_ModelAllActionValues)->DenseRange(5, 30, 5)->Unit(benchmark::kMicrosecond)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Kernel_ValuesAndJacobian)->DenseRange(5, 30, 5)->Unit(benchmark::kMicrosecond)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Logit)->DenseRange(5, 30, 5)->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_GlobalNewton_OneRay)->DenseRange(3, 8, 1)->Unit(benchmark::kMillisecond)->Complexity();
