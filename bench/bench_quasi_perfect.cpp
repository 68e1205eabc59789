// The quasi-perfect refinement (`solve --method qpe`) beside its baseline, one
// exact sequence-form Lemke path (`lcp --exact`) on the same game: qpe runs
// that path on the perturbed LCP (per eps tried) plus a rational solve of the
// final basis with depth + 1 right-hand sides, so the ratio is its overhead.
// Every 2-player Gambit example in one pass, and random 2-player trees of
// growing size (about 30, 70 and 210 sequences for the larger player).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/io/efg.hpp"
#include "sim/solve/quasi_perfect.hpp"
#include "sim/solve/sequence_form_lemke.hpp"
#include "tests/support/random_trees.hpp"

namespace {

using negsim::ExtensiveFormGame;

std::vector<ExtensiveFormGame> gambit_two_player_games() {
  const std::string dir = std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/";
  std::vector<ExtensiveFormGame> games;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "expected"))
    if (entry.path().extension() == ".lcp")
      games.push_back(negsim::read_efg_file(dir + entry.path().stem().string() + ".efg"));
  return games;
}

ExtensiveFormGame random_game(int step) {
  negsim::testing::RandomTreeSpec spec;
  spec.seed = 42;
  spec.stop = 0.15;
  const std::size_t types[] = {2, 3, 6};
  spec.types = types[step];
  return negsim::testing::random_tree(spec);
}

void BM_QuasiPerfectGambitExamples(benchmark::State& state) {
  const std::vector<ExtensiveFormGame> games = gambit_two_player_games();
  for (auto _ : state)
    for (const ExtensiveFormGame& g : games) benchmark::DoNotOptimize(negsim::quasi_perfect_equilibrium(g));
  state.counters["games"] = static_cast<double>(games.size());
}
BENCHMARK(BM_QuasiPerfectGambitExamples)->Unit(benchmark::kMillisecond);

void BM_ExactLemkeGambitExamples_Baseline(benchmark::State& state) {
  const std::vector<ExtensiveFormGame> games = gambit_two_player_games();
  negsim::SequenceFormLemkeOptions options;
  options.exact = true;
  for (auto _ : state)
    for (const ExtensiveFormGame& g : games) benchmark::DoNotOptimize(negsim::sequence_form_lemke(g, options).pivots);
  state.counters["games"] = static_cast<double>(games.size());
}
BENCHMARK(BM_ExactLemkeGambitExamples_Baseline)->Unit(benchmark::kMillisecond);

void BM_QuasiPerfectRandomTree(benchmark::State& state) {
  const ExtensiveFormGame game = random_game(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(negsim::quasi_perfect_equilibrium(game));
  state.counters["seq1"] = static_cast<double>(game.num_sequences(0));
  state.counters["seq2"] = static_cast<double>(game.num_sequences(1));
}
BENCHMARK(BM_QuasiPerfectRandomTree)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_ExactLemkeRandomTree_Baseline(benchmark::State& state) {
  const ExtensiveFormGame game = random_game(static_cast<int>(state.range(0)));
  negsim::SequenceFormLemkeOptions options;
  options.exact = true;
  for (auto _ : state) benchmark::DoNotOptimize(negsim::sequence_form_lemke(game, options).pivots);
  state.counters["seq1"] = static_cast<double>(game.num_sequences(0));
  state.counters["seq2"] = static_cast<double>(game.num_sequences(1));
}
BENCHMARK(BM_ExactLemkeRandomTree_Baseline)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

}  // namespace
