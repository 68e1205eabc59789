// Extensive-form solvers: sequence-form Lemke on random 2-player trees that
// grow to over 2,000 sequences for each player (double precision, the goal is
// under 1 s at the top size: 2,103 / 4,441 sequences), the same trees' reduced normal form solved by
// Lemke-Howson as the baseline (what solving an extensive game costs without
// the sequence form; only the small trees fit), exact sequence-form Lemke on
// every 2-player Gambit example (the gambit-lcp comparison; gambit-lcp is not
// packaged for Debian, see docs/benchmarks.md), and CFR+ on a random game
// with about 10^4 information sets: iterations per second and the verified
// exploitability after 1 s, beside one best-response pass of the verifier
// (the cost floor of one iteration's worth of tree work).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/cfr_plus.hpp"
#include "sim/solve/lemke_howson.hpp"
#include "sim/solve/sequence_form_lemke.hpp"
#include "tests/support/random_trees.hpp"

namespace {

using negsim::ExtensiveFormGame;
using negsim::testing::RandomTreeSpec;

// Random 2-player trees indexed by size step: private types, the others'
// moves seen unless hidden (probability 0.3), 2 actions per move, integer
// payoffs 0..10; more rounds and types make more sequences (27 / 33, 41 / 73,
// 81 / 211, 145 / 239, 413 / 853, 767 / 1,903 and 2,103 / 4,441 sequences).
RandomTreeSpec tree_spec(int step) {
  RandomTreeSpec spec;
  spec.seed = 42;
  spec.actions = 2;
  spec.hide = 0.3;
  spec.stop = 0.15;
  spec.payoff_range = 10;
  const std::size_t types[] = {2, 3, 6, 3, 6, 10, 7};
  const std::size_t rounds[] = {2, 2, 2, 3, 3, 3, 4};
  spec.types = types[step];
  spec.rounds = rounds[step];
  return spec;
}

void set_size_counters(benchmark::State& state, const ExtensiveFormGame& game) {
  state.counters["seq1"] = static_cast<double>(game.num_sequences(0));
  state.counters["seq2"] = static_cast<double>(game.num_sequences(1));
  state.counters["seq_per_player"] = static_cast<double>(std::max(game.num_sequences(0), game.num_sequences(1)));
  state.counters["nodes"] = static_cast<double>(game.num_nodes());
}

// One double-precision sequence-form Lemke run per iteration, each answer
// checked by the independent tree verifier (outside the timing). A run over
// 10 s (wall) is reported as an error (the whole-LCP paths do not finish at
// the top sizes).
void run_double_lemke(benchmark::State& state, negsim::LemkeStart start, bool dense) {
  const ExtensiveFormGame game = negsim::testing::random_tree(tree_spec(static_cast<int>(state.range(0))));
  negsim::SequenceFormLemkeOptions options;
  options.start = start;
  options.centroid_fallback = false;  // each start measured on its own
  options.exact_resolve_max = 0;   // the double path alone
  options.exact_fallback_max = 0;  // no exact redo: a failed double path is reported as such
  options.dense_double = dense;
  std::size_t pivots = 0, factorizations = 0, lcp_rows = 0, rounds = 0, restricted_rows = 0;
  double gain = 0.0;
  bool verified = true;
  set_size_counters(state, game);
  for (auto _ : state) {
    negsim::SequenceFormLemkeResult r;
    options.deadline = negsim::Deadline::after_seconds(10);
    try {
      r = negsim::sequence_form_lemke(game, options);
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      break;
    }
    pivots = r.pivots;
    factorizations = r.factorizations;
    lcp_rows = r.lcp_rows;
    rounds = r.rounds;
    restricted_rows = r.restricted_rows;
    benchmark::DoNotOptimize(r.profile.data());
    state.PauseTiming();
    const negsim::BehaviorCheck check = negsim::verify_behavior(game, r.profile);
    verified = verified && check.is_equilibrium;
    gain = std::max(gain, check.max_relative_gain);
    state.ResumeTiming();
  }
  if (!verified) state.SkipWithError("an answer failed verification");
  state.counters["lcp_rows"] = static_cast<double>(lcp_rows);
  state.counters["pivots"] = static_cast<double>(pivots);
  state.counters["pivots_per_row"] = lcp_rows ? static_cast<double>(pivots) / static_cast<double>(lcp_rows) : 0.0;
  state.counters["factorizations"] = static_cast<double>(factorizations);
  state.counters["max_rel_gain"] = gain;
  if (start == negsim::LemkeStart::restricted) {
    state.counters["rounds"] = static_cast<double>(rounds);
    state.counters["restricted_rows"] = static_cast<double>(restricted_rows);
  }
}

// What sequence_form_lemke does above 1,000 LCP rows: CFR+ (1,000
// iterations) picks each player's actions, Lemke's algorithm solves that
// restricted game, best responses in the whole game add actions until the
// restricted equilibrium is one of the whole game (restricted_sequence_lemke.hpp).
// All of it is timed, CFR+ included. Goal: under 1 s at the top size.
void BM_SequenceFormLemkeDoubleRestricted(benchmark::State& state) {
  run_double_lemke(state, negsim::LemkeStart::restricted, false);
}
BENCHMARK(BM_SequenceFormLemkeDoubleRestricted)
    ->DenseRange(0, 6)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Baseline, the previous method: the whole LCP's path on the revised engine
// (lcp_revised.hpp) from the centroid start (von Stengel, van den Elzen and
// Talman 2002) with the tie-breaking perturbation. Steps 5 and 6 do not
// finish (reported as errors after 10 s).
void BM_SequenceFormLemkeDouble(benchmark::State& state) { run_double_lemke(state, negsim::LemkeStart::centroid, false); }
BENCHMARK(BM_SequenceFormLemkeDouble)
    ->DenseRange(0, 5)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Baseline: the same engine from gambit-lcp's start (d = 1, lexicographic
// ties), the path sequence_form_lemke keeps on small LCPs. Step 4 cycles in
// double precision (reported as an error), so the range stops at 4.
void BM_SequenceFormLemkeDoubleGambitStart(benchmark::State& state) {
  run_double_lemke(state, negsim::LemkeStart::gambit, false);
}
BENCHMARK(BM_SequenceFormLemkeDoubleGambitStart)
    ->DenseRange(0, 4)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Baseline: the old dense double tableau (lcp_tableau.hpp) on the same trees
// from gambit-lcp's start (the engine before lcp_revised). It needs O(n^2)
// memory and O(n^2) per pivot at worst.
void BM_SequenceFormLemkeDenseDouble(benchmark::State& state) {
  run_double_lemke(state, negsim::LemkeStart::gambit, true);
}
BENCHMARK(BM_SequenceFormLemkeDenseDouble)
    ->DenseRange(0, 3)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Baseline: the exact integer-pivoting path on the small trees (step 2
// already takes about 10 s of CPU).
void BM_SequenceFormLemkeExact(benchmark::State& state) {
  const ExtensiveFormGame game = negsim::testing::random_tree(tree_spec(static_cast<int>(state.range(0))));
  negsim::SequenceFormLemkeOptions options;
  options.exact = true;
  std::size_t pivots = 0;
  for (auto _ : state) {
    const negsim::SequenceFormLemkeResult r = negsim::sequence_form_lemke(game, options);
    pivots = r.pivots;
    benchmark::DoNotOptimize(r.profile.data());
  }
  set_size_counters(state, game);
  state.counters["pivots"] = static_cast<double>(pivots);
}
BENCHMARK(BM_SequenceFormLemkeExact)->DenseRange(0, 1)->Unit(benchmark::kMillisecond);

// Baseline: the reduced normal form of the same trees by Lemke-Howson (label
// 1, double precision). The normal form is exponential in the tree: only the
// first sizes fit in memory at all.
void BM_ReducedNormalFormLemkeHowson(benchmark::State& state) {
  const ExtensiveFormGame game = negsim::testing::random_tree(tree_spec(static_cast<int>(state.range(0))));
  const double strategies = game.count_reduced_strategies(0) * game.count_reduced_strategies(1);
  state.counters["rnf_profiles"] = strategies;
  set_size_counters(state, game);
  if (strategies > 4e6) {
    state.SkipWithError("the reduced normal form is too large to build");
    for (auto _ : state) {}
    return;
  }
  for (auto _ : state) {
    const negsim::NormalFormGame normal = game.reduced_normal_form();  // counted: it is part of the method
    const negsim::SolveResult r = negsim::lemke_howson(normal, negsim::SolveOptions{});
    benchmark::DoNotOptimize(r.equilibria.data());
  }
}
BENCHMARK(BM_ReducedNormalFormLemkeHowson)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// Exact sequence-form Lemke on every 2-player Gambit example (what gambit-lcp
// computes for each file), one pass over all 62 games per iteration.
void BM_SequenceFormLemkeExactGambitExamples(benchmark::State& state) {
  const std::string dir = std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/";
  std::vector<ExtensiveFormGame> games;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "expected"))
    if (entry.path().extension() == ".lcp")
      games.push_back(negsim::read_efg_file(dir + entry.path().stem().string() + ".efg"));
  negsim::SequenceFormLemkeOptions options;
  options.exact = true;
  for (auto _ : state)
    for (const ExtensiveFormGame& g : games) benchmark::DoNotOptimize(negsim::sequence_form_lemke(g, options).pivots);
  state.counters["games"] = static_cast<double>(games.size());
}
BENCHMARK(BM_SequenceFormLemkeExactGambitExamples)->Unit(benchmark::kMillisecond);

// About 10^4 information sets, zero-sum: the CFR+ benchmark's game size.
ExtensiveFormGame cfr_game() {
  RandomTreeSpec spec;
  spec.seed = 7;
  spec.types = 10;
  spec.rounds = 5;
  spec.actions = 2;
  spec.hide = 0.0;
  spec.stop = 0.0;
  spec.payoff_range = 0;
  spec.zero_sum = true;
  return negsim::testing::random_tree(spec);
}

// CFR+ itself: bench_extensive_form.cpp (BM_CfrOneCpuSecond*, thread CPU time).

// Baseline: one pass of the independent verifier (a best response for each player).
void BM_BestResponsePass(benchmark::State& state) {
  const ExtensiveFormGame game = cfr_game();
  const negsim::BehaviorProfile uniform = game.uniform_behavior();
  for (auto _ : state) benchmark::DoNotOptimize(negsim::verify_behavior(game, uniform).max_relative_gain);
  state.counters["nodes"] = static_cast<double>(game.num_nodes());
}
BENCHMARK(BM_BestResponsePass)->Unit(benchmark::kMillisecond);

}  // namespace
