// The C++ side of python/bench/overhead.py: the same solves that the Python
// benchmark times through negsim.solve, called directly on the library
// (Google Benchmark), so that the two medians sit side by side.
//  - Solve2x2/<method>: a 2x2 game (chicken) built once, solved per iteration.
//  - SolveFile/<name>: the games overhead.py wrote to $NEGSIM_PY_BENCH_GAMES
//    (lh200.nfg, enum14.nfg, logit20.nfg), solved with the method in the name.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "models/io/nfg.hpp"
#include "sim/solve/solve.hpp"

namespace {

negsim::NormalFormGame chicken() {
  negsim::NormalFormGame game({2, 2});
  const double a[2][2] = {{0, 4}, {1, 3}}, b[2][2] = {{0, 1}, {4, 3}};
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      const std::size_t k = game.profile_index(std::vector<std::size_t>{i, j});
      game.set_payoff(0, k, a[i][j]);
      game.set_payoff(1, k, b[i][j]);
    }
  return game;
}

void solve_2x2(benchmark::State& state, std::string method) {
  const negsim::NormalFormGame game = chicken();
  negsim::SolveOptions options;
  options.method = method;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::solve(game, options));
}

void solve_file(benchmark::State& state, std::string path, std::string method) {
  const negsim::NormalFormGame game = negsim::read_nfg_file(path);
  negsim::SolveOptions options;
  options.method = method;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::solve(game, options));
}

}  // namespace

int main(int argc, char** argv) {
  for (const char* method : {"auto", "enum", "lh", "pure"})
    benchmark::RegisterBenchmark((std::string("Solve2x2/") + method).c_str(), solve_2x2, std::string(method))
        ->Unit(benchmark::kMicrosecond)
        ->MeasureProcessCPUTime();  // all threads, as Python's time.process_time
  if (const char* dir = std::getenv("NEGSIM_PY_BENCH_GAMES")) {
    for (const auto& [name, method] : {std::pair<const char*, const char*>{"lh200", "lh"}, {"enum14", "enum"},
                                       {"logit20", "logit"}}) {
      const std::string path = std::string(dir) + "/" + name + ".nfg";
      if (!std::filesystem::exists(path)) continue;
      benchmark::RegisterBenchmark((std::string("SolveFile/") + name).c_str(), solve_file, path, std::string(method))
          ->Unit(benchmark::kMillisecond)
          ->MeasureProcessCPUTime();
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
