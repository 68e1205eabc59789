// Two-player solvers: Lemke-Howson from one label on random n x n games, and
// enumeration of all extreme equilibria on random integer games. Baselines in
// the same run: one dense pivot of the same size (LH's unit of work) and one
// pass of dense matrix-vector products over both payoff matrices.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

#include "bench/random_games.hpp"
#include "sim/solve/bimatrix.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/lex_tableau.hpp"


namespace {

using negsim::NormalFormGame;
using negsim::SolveOptions;

void BM_LemkeHowsonOneLabel(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::bench::random_game({n, n}, 12345 + n);
  SolveOptions options;
  options.method = "lh";
  options.label = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    const negsim::SolveResult r = negsim::lemke_howson(game, options);
    found += r.equilibria.size();
    benchmark::DoNotOptimize(r.equilibria.data());
  }
  if (found != static_cast<std::size_t>(state.iterations())) state.SkipWithError("no equilibrium");
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_LemkeHowsonOneLabel)->RangeMultiplier(2)->Range(25, 400)->Arg(200)->Complexity()->Unit(benchmark::kMillisecond);

void BM_LemkeHowsonOneLabelExact(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::bench::random_game({n, n}, 12345 + n, 100);
  SolveOptions options;
  options.method = "lh";
  options.exact = true;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::lemke_howson(game, options).equilibria.size());
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_LemkeHowsonOneLabelExact)->RangeMultiplier(2)->Range(8, 64)->Unit(benchmark::kMillisecond);

// Baseline: one dictionary pivot on an n x (n+1) tableau, LH's unit of work.
void BM_BaselineOnePivot(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::size_t stride = (n + 1 + 3) / 4 * 4;
  std::vector<double> t(n * stride, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= n; ++j) t[i * stride + j] = 1.0 + static_cast<double>((i * 31 + j * 17) % 97) / 97.0;
  std::size_t k = 0;
  for (auto _ : state) {
    negsim::detail::pivot_double(t.data(), n, stride, k % n, (k * 7) % n);
    ++k;
    benchmark::ClobberMemory();
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_BaselineOnePivot)->RangeMultiplier(2)->Range(25, 400)->Arg(200)->Complexity(benchmark::oNSquared);

// Baseline: A y and B^T x once each (a streaming pass over both payoff tables).
void BM_BaselineMatVecPass(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::bench::random_game({n, n}, 12345 + n);
  const negsim::BimatrixDouble g = negsim::positive_bimatrix(game);
  std::vector<double> x(n, 1.0 / n), ax(n), bx(n);
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < n; ++j) s += g.a[i * n + j] * x[j];
      ax[i] = s;
    }
    std::fill(bx.begin(), bx.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) bx[j] += g.b[i * n + j] * x[i];
    benchmark::DoNotOptimize(ax.data());
    benchmark::DoNotOptimize(bx.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_BaselineMatVecPass)->RangeMultiplier(2)->Range(25, 400)->Complexity(benchmark::oNSquared);

}  // namespace
