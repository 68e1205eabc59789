// Scenario language: expression evaluation and normal-form building.
//
// Baselines in the same run:
//  - BM_PayoffNativeBaseline: the same payoff formula hand-written in C++ (the
//    limit for any interpreter).
//  - BM_FillNativeBaseline/N: filling the same N^3 game's payoff tables with
//    hand-written formulas (what build_normal_form would cost with zero
//    interpretation overhead).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/loader.hpp"

namespace {

using namespace negsim;

// Three players a, b, c with one numeric lever x of n values 0..n-1, and
// payoffs shaped like the TikTok scenario's (linear terms, indicators, min, ^).
Scenario scaling_scenario(std::size_t n) {
  std::string values;
  for (std::size_t i = 0; i < n; ++i) values += (i ? ", " : "") + std::to_string(i);
  std::string text = "scenario: bench\nparameters: {k: 1.5, cut: 5}\nplayers:\n";
  for (const char* p : {"a", "b", "c"})
    text += std::string("  ") + p + ": {levers: {x: [" + values + "]}}\n";
  text +=
      "payoffs:\n"
      "  a: \"k * a.x - 0.3 * a.x * (b.x > cut) + min(c.x, 10) - 0.01 * a.x ^ 2\"\n"
      "  b: \"k * b.x - 0.3 * b.x * (c.x > cut) + min(a.x, 10) - 0.01 * b.x ^ 2\"\n"
      "  c: \"k * c.x - 0.3 * c.x * (a.x > cut) + min(b.x, 10) - 0.01 * c.x ^ 2\"\n";
  return load_scenario_text(text, "bench.yaml");
}

inline double native_payoff(double own, double next, double other) {
  return 1.5 * own - 0.3 * own * (next > 5) + std::min(other, 10.0) - 0.01 * own * own;
}

void BM_PayoffCompiled(benchmark::State& state) {
  const Scenario s = scaling_scenario(16);
  const ExpressionContext context(s);
  const CompiledExpression payoff = compile_expression(s.payoffs[0], context);
  std::size_t values[3] = {0, 0, 0};
  for (auto _ : state) {
    values[0] = (values[0] + 1) & 15;
    values[1] = (values[1] + 3) & 15;
    values[2] = (values[2] + 7) & 15;
    benchmark::DoNotOptimize(payoff.evaluate(values));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["instructions"] = static_cast<double>(payoff.code().size());
}
BENCHMARK(BM_PayoffCompiled);

void BM_PayoffNativeBaseline(benchmark::State& state) {
  std::size_t values[3] = {0, 0, 0};
  for (auto _ : state) {
    values[0] = (values[0] + 1) & 15;
    values[1] = (values[1] + 3) & 15;
    values[2] = (values[2] + 7) & 15;
    benchmark::DoNotOptimize(native_payoff(static_cast<double>(values[0]), static_cast<double>(values[1]),
                                           static_cast<double>(values[2])));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PayoffNativeBaseline);

void BM_CompileExpression(benchmark::State& state) {
  const Scenario s = scaling_scenario(16);
  const ExpressionContext context(s);
  for (auto _ : state) benchmark::DoNotOptimize(compile_expression(s.payoffs[0], context));
}
BENCHMARK(BM_CompileExpression);

void BM_BuildNormalForm(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const Scenario s = scaling_scenario(n);
  for (auto _ : state) benchmark::DoNotOptimize(build_normal_form(s));
  state.SetComplexityN(static_cast<std::int64_t>(n * n * n));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n * n * n));
}
BENCHMARK(BM_BuildNormalForm)->RangeMultiplier(2)->Range(16, 128)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

void BM_FillNativeBaseline(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    NormalFormGame game({n, n, n});
    std::size_t index = 0;
    for (std::size_t c = 0; c < n; ++c)
      for (std::size_t b = 0; b < n; ++b)
        for (std::size_t a = 0; a < n; ++a, ++index) {
          const double x = static_cast<double>(a), y = static_cast<double>(b), z = static_cast<double>(c);
          game.set_payoff(0, index, native_payoff(x, y, z));
          game.set_payoff(1, index, native_payoff(y, z, x));
          game.set_payoff(2, index, native_payoff(z, x, y));
        }
    benchmark::DoNotOptimize(game.payoffs().data());
  }
  state.SetComplexityN(static_cast<std::int64_t>(n * n * n));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n * n * n));
}
BENCHMARK(BM_FillNativeBaseline)->RangeMultiplier(2)->Range(16, 128)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace
