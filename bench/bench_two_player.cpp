// Two-player solvers: Lemke-Howson from one label on random n x n games, and
// enumeration of all extreme equilibria on random integer games. Baselines in
// the same run: one dense pivot of the same size (LH's unit of work) and one
// pass of dense matrix-vector products over both payoff matrices.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "sim/solve/bimatrix.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/lex_tableau.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "tests/support/random_games.hpp"


namespace {

using negsim::NormalFormGame;
using negsim::SolveOptions;

// Path lengths of Lemke-Howson vary enormously between games of one size
// (at 200x200, label 0, seeds 0..14: from 47 to 4.7 million pivots), so one
// game says little. Each iteration solves the same fifteen seeded games and
// reports the median game's time (manual time); counters give the median
// pivot count and the whole set's time. A game is stopped after
// kGameSeconds (counted in `censored`): its time is then a lower bound, which
// leaves the median exact while fewer than half the games are stopped.
constexpr int kLemkeHowsonGames = 15;
constexpr double kGameSeconds = 2.0;
constexpr std::size_t kCensored = static_cast<std::size_t>(-1);

std::size_t pivots_of(const negsim::SolveResult& r) {
  const negsim::PathRecord* path = negsim::first_equilibrium_path(r);
  return path ? path->steps : 0;
}

// Runs solve(game) -> pivots on every game of the set per iteration and
// reports the median game's wall time.
template <class Solve>
void median_over_games(benchmark::State& state, Solve&& solve) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::vector<NormalFormGame> games;
  for (int seed = 0; seed < kLemkeHowsonGames; ++seed) games.push_back(negsim::testing::random_game({n, n}, seed));
  std::vector<double> times(kLemkeHowsonGames);
  std::vector<std::size_t> pivots(kLemkeHowsonGames);
  double total = 0;
  std::size_t censored = 0;
  for (auto _ : state) {
    censored = 0;
    for (int k = 0; k < kLemkeHowsonGames; ++k) {
      const auto start = std::chrono::steady_clock::now();
      pivots[k] = solve(games[k], negsim::Deadline::after_seconds(kGameSeconds));
      times[k] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (pivots[k] == 0) state.SkipWithError("no equilibrium");
      if (pivots[k] == kCensored) ++censored;
      total += times[k];
    }
    std::vector<double> sorted = times;
    std::nth_element(sorted.begin(), sorted.begin() + kLemkeHowsonGames / 2, sorted.end());
    state.SetIterationTime(sorted[kLemkeHowsonGames / 2]);
  }
  std::nth_element(pivots.begin(), pivots.begin() + kLemkeHowsonGames / 2, pivots.end());
  state.counters["median_pivots"] = static_cast<double>(pivots[kLemkeHowsonGames / 2]);
  state.counters["all_games_s"] = total / static_cast<double>(state.iterations());
  state.counters["censored"] = static_cast<double>(censored);
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}

// Pivots of negsim's Lemke-Howson (the winner's, in a race), 0 if no
// equilibrium, kCensored if stopped at the deadline.
std::size_t lemke_howson_pivots(const NormalFormGame& game, SolveOptions options, const negsim::Deadline& deadline) {
  options.deadline = deadline;
  try {
    const negsim::SolveResult r = negsim::lemke_howson(game, options);
    return r.equilibria.size() == 1 ? pivots_of(r) : 0;
  } catch (const negsim::LimitError&) {
    return kCensored;
  }
}

// negsim's Lemke-Howson (compact basis, compact_basis.hpp), verification included.
void BM_LemkeHowsonOneLabel(benchmark::State& state) {
  SolveOptions options;
  options.method = "lh";
  options.label = 0;
  median_over_games(state, [&](const NormalFormGame& game, const negsim::Deadline& deadline) {
    return lemke_howson_pivots(game, options, deadline);
  });
}
// n = 400 is left out: its long paths make one iteration take minutes.
// Fixed iterations: the (manual) median time is far below one iteration's
// fifteen games, so a minimum time would run hundreds of iterations.
BENCHMARK(BM_LemkeHowsonOneLabel)->Arg(25)->Arg(50)->Arg(100)->Arg(200)->UseManualTime()->Iterations(5)->Complexity()->Unit(benchmark::kMillisecond);

// The label race (auto's choice for large games): up to 32 labels' paths,
// 32 pivots a turn, until the first ends.
void BM_LemkeHowsonLabelRace(benchmark::State& state) {
  SolveOptions options;
  options.method = "lh";
  options.label_race = true;
  median_over_games(state, [&](const NormalFormGame& game, const negsim::Deadline& deadline) {
    return lemke_howson_pivots(game, options, deadline);
  });
}
BENCHMARK(BM_LemkeHowsonLabelRace)->Arg(25)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->UseManualTime()->Iterations(5)->Complexity()->Unit(benchmark::kMillisecond);

// Baseline: the same path (label 0, same lexicographic rule) on two dense
// dictionaries (lex_tableau.hpp), the textbook implementation that also
// QuantEcon and Gambit use: O(m n) per pivot. No verification.
void BM_BaselineLemkeHowsonDenseDictionary(benchmark::State& state) {
  median_over_games(state, [](const NormalFormGame& game, const negsim::Deadline& deadline) -> std::size_t {
    const negsim::BimatrixDouble g = negsim::positive_bimatrix(game);
    const std::size_t m = g.rows, n = g.cols;
    std::vector<int> x_ids(m), y_ids(n);  // labels as in bimatrix.hpp
    std::iota(x_ids.begin(), x_ids.end(), 0);
    std::iota(y_ids.begin(), y_ids.end(), static_cast<int>(m));
    negsim::detail::LexTableau<double> tp(n, m, negsim::transposed(g).a, y_ids, x_ids, m + n);
    negsim::detail::LexTableau<double> tq(m, n, g.a, x_ids, y_ids, m + n);
    int entering = 0;
    bool in_p = true;
    for (std::size_t step = 1;; ++step) {
      if (step % 64 == 0 && deadline.expired()) return kCensored;
      auto& t = in_p ? tp : tq;
      const std::size_t c = t.col_of(entering);
      const int r = t.lex_min_ratio_row(c);
      if (r < 0) return 0;
      const int leaving = t.basic(static_cast<std::size_t>(r));
      t.pivot(static_cast<std::size_t>(r), c);
      if (leaving == 0) return step;
      entering = leaving;
      in_p = !in_p;
    }
  });
}
BENCHMARK(BM_BaselineLemkeHowsonDenseDictionary)->Arg(25)->Arg(50)->Arg(100)->Arg(200)->UseManualTime()->Iterations(2)->Complexity()->Unit(benchmark::kMillisecond);

void BM_LemkeHowsonOneLabelExact(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n}, 12345 + n, negsim::testing::integer_payoffs(0, 99));
  SolveOptions options;
  options.method = "lh";
  options.exact = true;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::lemke_howson(game, options).equilibria.size());
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_LemkeHowsonOneLabelExact)->RangeMultiplier(2)->Range(8, 32)->Unit(benchmark::kMillisecond);

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
  const NormalFormGame game = negsim::testing::random_game({n, n}, 12345 + n);
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

// All extreme equilibria of random n x n games with integer payoffs in [0, 100)
// (the lrsnash comparison games of bench/compare_lrsnash.sh use their own files).
// Second argument: 0 double precision with exact re-verification, 1 `--exact`
// (the hybrid engine), 2 `--exact` by rational pivoting throughout (the
// previous exact engine: the baseline of 1, same games, same run).
void BM_EnumerateExtreme(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = negsim::testing::random_game({n, n}, 1000 + n, negsim::testing::integer_payoffs(0, 99));
  SolveOptions options;
  options.method = "enum";
  options.exact = state.range(1) != 0;
  const auto engine = state.range(1) == 2 ? negsim::ExactEngine::rational_pivoting : negsim::ExactEngine::hybrid;
  std::size_t found = 0;
  for (auto _ : state) found = negsim::enumerate_extreme_equilibria_with_engine(game, options, engine).equilibria.size();
  state.counters["equilibria"] = static_cast<double>(found);
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}
BENCHMARK(BM_EnumerateExtreme)->ArgsProduct({{8, 10, 12, 14, 16}, {0, 1, 2}})->Unit(benchmark::kMillisecond);

// Reads a game in lrsnash's input format ("m n", then A and B row by row).
NormalFormGame read_lrs_game(const std::string& path) {
  std::ifstream in(path);
  std::size_t m = 0, n = 0;
  in >> m >> n;
  NormalFormGame game({m, n});
  std::vector<mpq_class> exact(2 * m * n);
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        std::string token;
        in >> token;
        mpq_class v(token);
        v.canonicalize();
        exact[p * m * n + i + j * m] = v;
      }
  if (!in) throw std::runtime_error("cannot read lrsnash game " + path);
  game.set_exact_payoffs(std::move(exact));
  return game;
}

// bench/compare_lrsnash.sh: NEGSIM_LRS_GAME=FILE [NEGSIM_LRS_OUT=FILE]
// [NEGSIM_LRS_EXACT=1|rational] registers BM_EnumerateLrsFile, which solves
// that game (double mode; `--exact`; `--exact` by rational pivoting
// throughout) and writes the equilibria (one "x1 .. xm | y1 .. yn" line each:
// exact rationals in exact mode, else %.17g).
void BM_EnumerateLrsFile(benchmark::State& state, std::string path) {
  const NormalFormGame game = read_lrs_game(path);
  SolveOptions options;
  options.method = "enum";
  const char* exact_mode = std::getenv("NEGSIM_LRS_EXACT");
  options.exact = exact_mode != nullptr;
  const auto engine = exact_mode && std::string(exact_mode) == "rational" ? negsim::ExactEngine::rational_pivoting
                                                                           : negsim::ExactEngine::hybrid;
  negsim::SolveResult result;
  for (auto _ : state) result = negsim::enumerate_extreme_equilibria_with_engine(game, options, engine);
  state.counters["equilibria"] = static_cast<double>(result.equilibria.size());
  state.counters["rejected"] = static_cast<double>(result.rejected);
  if (const char* out_path = std::getenv("NEGSIM_LRS_OUT")) {
    std::ofstream out(out_path);
    for (const std::string& note : result.notes) out << "# " << note << '\n';
    for (const negsim::Equilibrium& eq : result.equilibria) {
      for (std::size_t p = 0; p < 2; ++p) {
        for (std::size_t k = 0; k < eq.profile[p].size(); ++k) {
          if (eq.exact) {
            out << (*eq.exact)[p][k].get_str() << ' ';
          } else {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g ", eq.profile[p][k]);
            out << buf;
          }
        }
        out << (p == 0 ? "| " : "\n");
      }
    }
  }
}

[[maybe_unused]] const bool lrs_file_registered = [] {
  if (const char* path = std::getenv("NEGSIM_LRS_GAME"))
    benchmark::RegisterBenchmark("BM_EnumerateLrsFile", BM_EnumerateLrsFile, std::string(path))
        ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
