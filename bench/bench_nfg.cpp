// Throughput of the Gambit .nfg reader on random 3-player payoff-list files
// (payoffs with 6 decimals, 27 bytes per profile: 100x100x100 is 27 MB),
// beside baselines over the same buffer in the same run:
//  - BM_BaselineNewlineCount: memchr over the text (memory bandwidth bound);
//  - BM_BaselineByteScan: one table lookup per byte, counting digits
//    (the least work any parser must do);
//  - BM_BaselineStrtod: the naive parser, strtod on every number.
//
// Exact payoffs (issue 16): BM_NfgReadMode reads the same file as doubles
// only (mode 0) and with exact payoffs (mode 1, what the command line does
// for games under 10^6 payoff entries).
//
// End to end (issue 16): BM_NfgPipeline is what `negsim solve FILE --method M`
// does after start-up (read the file with the command line's exact mode,
// solve, verify, the text report), beside BM_NfgInMemory (the same solve and
// report on the game already in memory, exact payoffs included) and the
// double-only read of the same file (BM_NfgReadMode, mode 0): the goal is
// pipeline <= 1.5 x (in-memory + double read). Games: random 100x100 and
// 200x200 (Lemke-Howson, label 1), 30^3 (pure equilibria) and 20^3 (logit),
// payoffs with 6 decimals, as `negsim generate` writes them.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "models/io/nfg.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/solve/solve.hpp"

namespace {

const std::string& random_text(int n) {
  static std::map<int, std::string> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    const std::size_t side = static_cast<std::size_t>(n);
    it = cache.emplace(n, negsim::random_nfg_text({side, side, side}, 42, 6)).first;
  }
  return it->second;
}

// The 27 MB game written once to a temporary file, removed at exit.
struct TempNfgFile {
  std::string path;
  TempNfgFile() {
    std::string pattern = "/tmp/negsim_bench_nfg_XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) ::close(fd);
    path = pattern;
    negsim::write_random_nfg_file(path, {100, 100, 100}, 42, 6);
  }
  ~TempNfgFile() { std::remove(path.c_str()); }
};
const std::string& temp_file_100() {
  static TempNfgFile file;
  return file.path;
}

void set_counters(benchmark::State& state, std::size_t bytes, int n) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n) * n * n);
}

void BM_NfgParse(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string& text = random_text(n);
  negsim::NfgReadOptions options;
  options.exact = negsim::ExactMode::Never;
  for (auto _ : state) {
    negsim::NormalFormGame game = negsim::read_nfg(text, options);
    benchmark::DoNotOptimize(game.payoffs().data());
  }
  set_counters(state, text.size(), n);
}
BENCHMARK(BM_NfgParse)->RangeMultiplier(2)->Range(25, 100)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

// The default mode: exact rationals are kept while the game has <= 1e6 payoff
// entries (25^3 and 50^3 here), doubles only for 100^3.
void BM_NfgParseAuto(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string& text = random_text(n);
  for (auto _ : state) {
    negsim::NormalFormGame game = negsim::read_nfg(text);
    benchmark::DoNotOptimize(game.payoffs().data());
  }
  set_counters(state, text.size(), n);
}
BENCHMARK(BM_NfgParseAuto)->RangeMultiplier(2)->Range(25, 100)->Unit(benchmark::kMillisecond);

// End to end from the file system (page cache warm after the first run).
void BM_NfgReadFile(benchmark::State& state) {
  const std::string& path = temp_file_100();
  const std::size_t bytes = random_text(100).size();
  for (auto _ : state) {
    negsim::NormalFormGame game = negsim::read_nfg_file(path);
    benchmark::DoNotOptimize(game.payoffs().data());
  }
  set_counters(state, bytes, 100);
}
BENCHMARK(BM_NfgReadFile)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_BaselineNewlineCount(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string& text = random_text(n);
  for (auto _ : state) {
    std::size_t lines = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
      ++lines;
      ++p;
    }
    benchmark::DoNotOptimize(lines);
  }
  set_counters(state, text.size(), n);
}
BENCHMARK(BM_BaselineNewlineCount)->RangeMultiplier(2)->Range(25, 100)->Unit(benchmark::kMillisecond);

void BM_BaselineByteScan(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string& text = random_text(n);
  std::array<unsigned char, 256> is_digit{};
  for (char c = '0'; c <= '9'; ++c) is_digit[static_cast<unsigned char>(c)] = 1;
  for (auto _ : state) {
    std::size_t digits = 0;
    for (char c : text) digits += is_digit[static_cast<unsigned char>(c)];
    benchmark::DoNotOptimize(digits);
  }
  set_counters(state, text.size(), n);
}
BENCHMARK(BM_BaselineByteScan)->RangeMultiplier(2)->Range(25, 100)->Unit(benchmark::kMillisecond);

void BM_BaselineStrtod(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string& text = random_text(n);
  const char* body = text.c_str() + text.find("\n\n") + 2;
  for (auto _ : state) {
    double sum = 0;
    const char* p = body;
    char* next = nullptr;
    while (true) {
      const double x = std::strtod(p, &next);
      if (next == p) break;
      sum += x;
      p = next;
    }
    benchmark::DoNotOptimize(sum);
  }
  set_counters(state, text.size(), n);
}
BENCHMARK(BM_BaselineStrtod)->RangeMultiplier(2)->Range(25, 100)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------
// Exact payoffs and end-to-end pipelines.

// The games of the pipelines, written once to temporary files.
enum PipelineGame { k100x100, k200x200, k30cubed, k20cubed };
const std::vector<std::size_t>& pipeline_sizes(int game) {
  static const std::vector<std::size_t> sizes[] = {{100, 100}, {200, 200}, {30, 30, 30}, {20, 20, 20}};
  return sizes[game];
}
const char* pipeline_method(int game) { return game <= k200x200 ? "lh" : game == k30cubed ? "pure" : "logit"; }

struct PipelineFiles {
  std::string paths[4];
  std::size_t bytes[4] = {};
  PipelineFiles() {
    for (int g = 0; g < 4; ++g) {
      std::string pattern = "/tmp/negsim_bench_nfg_game_XXXXXX";
      const int fd = ::mkstemp(pattern.data());
      if (fd >= 0) ::close(fd);
      paths[g] = pattern;
      const std::string text = negsim::random_nfg_text(pipeline_sizes(g), 7, 6);
      bytes[g] = text.size();
      negsim::write_random_nfg_file(paths[g], pipeline_sizes(g), 7, 6);
    }
  }
  ~PipelineFiles() {
    for (const std::string& path : paths) std::remove(path.c_str());
  }
};
const PipelineFiles& pipeline_files() {
  static PipelineFiles files;
  return files;
}

void label_pipeline(benchmark::State& state, int game) {
  std::string label;
  for (std::size_t n : pipeline_sizes(game)) label += (label.empty() ? "" : "x") + std::to_string(n);
  state.SetLabel(label + " " + pipeline_method(game));
  state.counters["MB"] = static_cast<double>(pipeline_files().bytes[game]) / 1e6;
}

// Mode 0: doubles only; 1: exact payoffs too (the command line's default).
void BM_NfgReadMode(benchmark::State& state) {
  const int game = static_cast<int>(state.range(0));
  const int mode = static_cast<int>(state.range(1));
  const std::string& path = pipeline_files().paths[game];
  negsim::NfgReadOptions options;
  options.exact = mode == 0 ? negsim::ExactMode::Never : negsim::ExactMode::Always;
  for (auto _ : state) {
    negsim::NormalFormGame g = negsim::read_nfg_file(path, options);
    benchmark::DoNotOptimize(g.payoffs().data());
  }
  label_pipeline(state, game);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(pipeline_files().bytes[game]));
}
BENCHMARK(BM_NfgReadMode)
    ->ArgNames({"game", "mode"})
    ->ArgsProduct({{k100x100, k200x200, k30cubed, k20cubed}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

negsim::SolveOptions pipeline_options(int game) {
  negsim::SolveOptions options;
  options.method = pipeline_method(game);
  return options;
}

void BM_NfgPipeline(benchmark::State& state) {
  const int game = static_cast<int>(state.range(0));
  const std::string& path = pipeline_files().paths[game];
  const negsim::SolveOptions options = pipeline_options(game);
  for (auto _ : state) {
    negsim::NfgReadOptions read;  // the command line's: Auto
    const negsim::NormalFormGame g = negsim::read_nfg_file(path, read);
    const negsim::SolveResult result = negsim::solve(g, options);
    benchmark::DoNotOptimize(negsim::text_report(g, result).size());
  }
  label_pipeline(state, game);
}
BENCHMARK(BM_NfgPipeline)->ArgName("game")->DenseRange(k100x100, k20cubed)->Unit(benchmark::kMillisecond);

void BM_NfgInMemory(benchmark::State& state) {
  const int game = static_cast<int>(state.range(0));
  const negsim::NormalFormGame g = negsim::read_nfg_file(pipeline_files().paths[game]);
  const negsim::SolveOptions options = pipeline_options(game);
  for (auto _ : state) {
    const negsim::SolveResult result = negsim::solve(g, options);
    benchmark::DoNotOptimize(negsim::text_report(g, result).size());
  }
  label_pipeline(state, game);
}
BENCHMARK(BM_NfgInMemory)->ArgName("game")->DenseRange(k100x100, k20cubed)->Unit(benchmark::kMillisecond);

}  // namespace
