// Extensive-form core: building a tree through the model's API beside a
// hand-written fill of the same arrays (the baseline), the behaviour-profile
// verifier (double and exact) and pure-equilibrium enumeration, over sizes.
// Gambit is not installable here (not in Debian), so no gambit-enumpure
// anchor is measured in this run.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/efg_pure_equilibria.hpp"
#include "tests/support/extensive_games.hpp"

namespace {

// A complete binary tree of the given depth, two players alternating, each
// node its own information set (perfect information), integer payoffs.
negsim::ExtensiveFormGame build_binary_tree(int depth) {
  negsim::ExtensiveFormGame g;
  g.add_player("A");
  g.add_player("B");
  std::vector<std::pair<std::size_t, int>> frontier{{0, 0}};
  std::uint64_t k = 0;
  while (!frontier.empty()) {
    const auto [node, level] = frontier.back();
    frontier.pop_back();
    if (level == depth) {
      ++k;
      g.set_outcome(node, g.add_outcome(std::vector<mpq_class>{mpq_class(static_cast<long>(k % 7)),
                                                               mpq_class(static_cast<long>(k % 5))}));
      continue;
    }
    const std::size_t set = g.add_infoset(static_cast<std::size_t>(level % 2), {"l", "r"});
    const std::size_t first = g.set_move(node, set);
    frontier.emplace_back(first, level + 1);
    frontier.emplace_back(first + 1, level + 1);
  }
  g.finalize();
  return g;
}

// The baseline: the same arrays (node kind, parent, first child, information
// set, two payoffs per leaf) filled by hand, no checks, no derived data.
struct RawNode {
  std::uint8_t kind;
  std::size_t parent, first_child, infoset;
};
std::size_t hand_fill(int depth, std::vector<RawNode>& nodes, std::vector<double>& payoffs) {
  nodes.clear();
  payoffs.clear();
  nodes.push_back({0, SIZE_MAX, SIZE_MAX, SIZE_MAX});
  std::vector<std::pair<std::size_t, int>> frontier{{0, 0}};
  std::size_t sets = 0;
  std::uint64_t k = 0;
  while (!frontier.empty()) {
    const auto [node, level] = frontier.back();
    frontier.pop_back();
    if (level == depth) {
      ++k;
      payoffs.push_back(static_cast<double>(k % 7));
      payoffs.push_back(static_cast<double>(k % 5));
      continue;
    }
    const std::size_t first = nodes.size();
    nodes[node] = {1, nodes[node].parent, first, sets++};
    nodes.push_back({0, node, SIZE_MAX, SIZE_MAX});
    nodes.push_back({0, node, SIZE_MAX, SIZE_MAX});
    frontier.emplace_back(first, level + 1);
    frontier.emplace_back(first + 1, level + 1);
  }
  return nodes.size();
}

void BM_BuildTree(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(build_binary_tree(depth).num_nodes());
  state.SetComplexityN(std::int64_t{1} << (depth + 1));
  state.counters["nodes"] = static_cast<double>((std::int64_t{1} << (depth + 1)) - 1);
}
BENCHMARK(BM_BuildTree)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_BuildTreeHandFillBaseline(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::vector<RawNode> nodes;
  std::vector<double> payoffs;
  for (auto _ : state) benchmark::DoNotOptimize(hand_fill(depth, nodes, payoffs));
  state.SetComplexityN(std::int64_t{1} << (depth + 1));
}
BENCHMARK(BM_BuildTreeHandFillBaseline)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

const negsim::ExtensiveFormGame& random_game(int depth) {
  static std::map<int, negsim::ExtensiveFormGame> cache;
  auto it = cache.find(depth);
  if (it == cache.end()) it = cache.emplace(depth, negsim::testing::random_extensive_form(2, static_cast<std::size_t>(depth), 2, 7)).first;
  return it->second;
}

void BM_VerifyDouble(benchmark::State& state) {
  const auto& g = random_game(static_cast<int>(state.range(0)));
  const auto b = negsim::testing::random_behavior(g, 3);
  for (auto _ : state) benchmark::DoNotOptimize(negsim::verify_behavior(g, b).max_relative_gain);
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
}
BENCHMARK(BM_VerifyDouble)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

// Baseline for the verifier: one pass computing expected payoffs (the
// verifier does this plus one backward pass per player).
void BM_ExpectedPayoffBaseline(benchmark::State& state) {
  const auto& g = random_game(static_cast<int>(state.range(0)));
  const auto b = negsim::testing::random_behavior(g, 3);
  for (auto _ : state) benchmark::DoNotOptimize(g.expected_payoffs(b));
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
}
BENCHMARK(BM_ExpectedPayoffBaseline)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

void BM_VerifyExact(benchmark::State& state) {
  const auto& g = random_game(static_cast<int>(state.range(0)));
  const auto b = negsim::to_exact_behavior(negsim::testing::random_behavior(g, 3));
  for (auto _ : state) benchmark::DoNotOptimize(negsim::verify_exact_behavior(g, b).is_equilibrium);
  state.SetComplexityN(static_cast<std::int64_t>(g.num_nodes()));
}
BENCHMARK(BM_VerifyExact)->DenseRange(6, 12, 3)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);

void BM_PureStrategic(benchmark::State& state) {
  const auto& g = random_game(static_cast<int>(state.range(0)));
  std::size_t found = 0;
  for (auto _ : state) found = negsim::efg_pure_equilibria(g).equilibria.size();
  state.counters["equilibria"] = static_cast<double>(found);
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
}
BENCHMARK(BM_PureStrategic)->DenseRange(4, 6, 1)->Unit(benchmark::kMillisecond);

}  // namespace
