// Throughput of the Gambit .nfg reader on random 3-player payoff-list files
// (payoffs with 6 decimals, 27 bytes per profile: 100x100x100 is 27 MB),
// beside baselines over the same buffer in the same run:
//  - BM_BaselineNewlineCount: memchr over the text (memory bandwidth bound);
//  - BM_BaselineByteScan: one table lookup per byte, counting digits
//    (the least work any parser must do);
//  - BM_BaselineStrtod: the naive parser, strtod on every number.
//
// End to end (issue 16): BM_NfgEndToEnd is what `negsim solve FILE --method M`
// does after start-up (read the file with the command line's exact mode,
// solve, verify, the text report), beside BM_NfgInMemory (the same solve and
// report on the game already in memory, exact payoffs included) and
// BM_NfgReadDoubles (the same file read as doubles only); BM_NfgReadExact
// reads it with exact payoffs. The goal is
// end to end <= 1.5 x (in-memory + double read). Games: the median of nine
// random 100x100 and 200x200 games (Lemke-Howson, label 1), 30^3 (pure
// equilibria) and 20^3 (logit), payoffs with 6 decimals.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

// Exact reads of payoffs that are not all short decimals, on the same n^3
// shapes (ExactMode::Always): every payoff a rational p/q (64-bit fractions
// from the first payoff on), and the 6-decimal game of BM_NfgParse whose last
// payoff is 1/3 (the reader used to read such a body twice; now it lists the
// decimals before it from their doubles). BM_NfgParseExactDecimals is the
// 6-decimal game itself (DecimalPayoffs).
const std::string& rational_text(int n) {
  static std::map<int, std::string> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    const std::string& decimals = random_text(n);
    std::string text = decimals.substr(0, decimals.find("\n\n") + 2);
    std::mt19937_64 rng(43);
    const std::size_t numbers = static_cast<std::size_t>(n) * n * n * 3;
    for (std::size_t k = 0; k < numbers; ++k) {
      text += std::to_string(rng() % 2000000) + "/" + std::to_string(1 + rng() % 999);
      text += k % 3 == 2 ? '\n' : ' ';
    }
    it = cache.emplace(n, std::move(text)).first;
  }
  return it->second;
}
const std::string& last_rational_text(int n) {
  static std::map<int, std::string> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    std::string text = random_text(n);
    const std::size_t last = text.find_last_of(" \n", text.size() - 2) + 1;
    text.replace(last, text.size() - 1 - last, "1/3");
    it = cache.emplace(n, std::move(text)).first;
  }
  return it->second;
}
void read_exact_bench(benchmark::State& state, const std::string& text) {
  negsim::NfgReadOptions options;
  options.exact = negsim::ExactMode::Always;
  for (auto _ : state) {
    negsim::NormalFormGame game = negsim::read_nfg(text, options);
    benchmark::DoNotOptimize(game.payoffs().data());
  }
  set_counters(state, text.size(), static_cast<int>(state.range(0)));
}
void BM_NfgParseExactRationals(benchmark::State& state) {
  read_exact_bench(state, rational_text(static_cast<int>(state.range(0))));
}
void BM_NfgParseExactLastRational(benchmark::State& state) {
  read_exact_bench(state, last_rational_text(static_cast<int>(state.range(0))));
}
void BM_NfgParseExactDecimals(benchmark::State& state) {
  read_exact_bench(state, random_text(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_NfgParseExactRationals)->RangeMultiplier(2)->Range(25, 50)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NfgParseExactLastRational)->RangeMultiplier(2)->Range(25, 50)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NfgParseExactDecimals)->RangeMultiplier(2)->Range(25, 50)->Unit(benchmark::kMillisecond);

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
// Exact payoffs and end-to-end pipelines (issue 16).
//
// Each pipeline benchmark takes the method and the size (Range): Lemke-Howson
// (label 1, the command line's default) on n x n games, pure equilibria on
// n^3, logit on n^3. Payoffs have 6 decimals, as `negsim generate` writes
// them. Lemke-Howson paths vary a lot between random games (one 200x200 game
// in fifteen takes millions of pivots), so its game is the median one: of
// seeds 1..9, the one whose path from label 1 has the median pivot count
// (paths over 2 s count as longest), chosen once per size at start-up.

struct PipelineGame {
  std::string path;
  std::size_t bytes = 0;
  std::uint64_t seed = 0;
  std::size_t pivots = 0;  // Lemke-Howson only
  std::string label;
};

std::vector<std::size_t> pipeline_sizes(const std::string& method, std::size_t n) {
  if (method == "lh") return {n, n};
  return {n, n, n};
}

std::size_t lh_pivots(const negsim::NormalFormGame& game, double seconds) {
  negsim::SolveOptions options;
  options.method = "lh";
  options.time_limit_seconds = seconds;
  try {
    const negsim::SolveResult result = negsim::solve(game, options);
    return result.paths.empty() ? 0 : result.paths.front().steps;
  } catch (const std::exception&) {
    return std::numeric_limits<std::size_t>::max();  // over the time limit: among the longest
  }
}

// The game files, written once to temporary files and removed at exit.
struct PipelineGames {
  std::map<std::pair<std::string, std::size_t>, PipelineGame> games;
  ~PipelineGames() {
    for (const auto& entry : games) std::remove(entry.second.path.c_str());
  }
  const PipelineGame& get(const std::string& method, std::size_t n) {
    auto it = games.find({method, n});
    if (it != games.end()) return it->second;
    PipelineGame game;
    const std::vector<std::size_t> sizes = pipeline_sizes(method, n);
    game.seed = 7;
    if (method == "lh") {
      std::vector<std::pair<std::size_t, std::uint64_t>> by_pivots;
      for (std::uint64_t seed = 1; seed <= 9; ++seed)
        by_pivots.emplace_back(lh_pivots(negsim::read_nfg(negsim::random_nfg_text(sizes, seed, 6)), 2.0), seed);
      std::sort(by_pivots.begin(), by_pivots.end());
      game.pivots = by_pivots[4].first;
      game.seed = by_pivots[4].second;
    }
    std::string pattern = "/tmp/negsim_bench_nfg_game_XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) ::close(fd);
    game.path = pattern;
    game.bytes = negsim::random_nfg_text(sizes, game.seed, 6).size();
    negsim::write_random_nfg_file(game.path, sizes, game.seed, 6);
    for (std::size_t k : sizes) game.label += (game.label.empty() ? "" : "x") + std::to_string(k);
    game.label += " " + method + " seed " + std::to_string(game.seed);
    if (method == "lh") game.label += " (" + std::to_string(game.pivots) + " pivots, median of 9)";
    return games.emplace(std::make_pair(method, n), std::move(game)).first->second;
  }
};
const PipelineGame& pipeline_game(const std::string& method, std::size_t n) {
  static PipelineGames games;
  return games.get(method, n);
}

void label_pipeline(benchmark::State& state, const PipelineGame& game) {
  state.SetLabel(game.label);
  state.counters["MB"] = static_cast<double>(game.bytes) / 1e6;
}

negsim::SolveOptions pipeline_options(const std::string& method) {
  negsim::SolveOptions options;
  options.method = method;
  return options;
}

// The file read as doubles only: the double-speed read of the goal.
void BM_NfgReadDoubles(benchmark::State& state, const std::string& method) {
  const PipelineGame& game = pipeline_game(method, static_cast<std::size_t>(state.range(0)));
  negsim::NfgReadOptions options;
  options.exact = negsim::ExactMode::Never;
  for (auto _ : state) {
    negsim::NormalFormGame g = negsim::read_nfg_file(game.path, options);
    benchmark::DoNotOptimize(g.payoffs().data());
  }
  label_pipeline(state, game);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(game.bytes));
}

// The file read with exact payoffs too (what the command line does under 10^6 payoff entries).
void BM_NfgReadExact(benchmark::State& state, const std::string& method) {
  const PipelineGame& game = pipeline_game(method, static_cast<std::size_t>(state.range(0)));
  negsim::NfgReadOptions options;
  options.exact = negsim::ExactMode::Always;
  for (auto _ : state) {
    negsim::NormalFormGame g = negsim::read_nfg_file(game.path, options);
    benchmark::DoNotOptimize(g.payoffs().data());
  }
  label_pipeline(state, game);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(game.bytes));
}

// What `negsim solve FILE --method M` does after start-up: read with the
// command line's exact mode (Auto), solve, verify, the text report.
void BM_NfgEndToEnd(benchmark::State& state, const std::string& method) {
  const PipelineGame& game = pipeline_game(method, static_cast<std::size_t>(state.range(0)));
  const negsim::SolveOptions options = pipeline_options(method);
  for (auto _ : state) {
    const negsim::NormalFormGame g = negsim::read_nfg_file(game.path);
    const negsim::SolveResult result = negsim::solve(g, options);
    benchmark::DoNotOptimize(negsim::text_report(g, result).size());
  }
  label_pipeline(state, game);
}

// The same solve and report on the game already in memory (exact payoffs included).
void BM_NfgInMemory(benchmark::State& state, const std::string& method) {
  const PipelineGame& game = pipeline_game(method, static_cast<std::size_t>(state.range(0)));
  const negsim::NormalFormGame g = negsim::read_nfg_file(game.path);
  const negsim::SolveOptions options = pipeline_options(method);
  for (auto _ : state) {
    const negsim::SolveResult result = negsim::solve(g, options);
    benchmark::DoNotOptimize(negsim::text_report(g, result).size());
  }
  label_pipeline(state, game);
}

#define NEGSIM_PIPELINE(fn)                                                                          \
  BENCHMARK_CAPTURE(fn, lh, std::string("lh"))->DenseRange(100, 200, 100)->Unit(benchmark::kMillisecond); \
  BENCHMARK_CAPTURE(fn, pure, std::string("pure"))->Arg(30)->Unit(benchmark::kMillisecond);         \
  BENCHMARK_CAPTURE(fn, logit, std::string("logit"))->Arg(20)->Unit(benchmark::kMillisecond)
NEGSIM_PIPELINE(BM_NfgReadDoubles);
NEGSIM_PIPELINE(BM_NfgReadExact);
NEGSIM_PIPELINE(BM_NfgEndToEnd);
NEGSIM_PIPELINE(BM_NfgInMemory);

}  // namespace
