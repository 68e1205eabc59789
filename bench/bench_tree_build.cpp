// Building a scenario's game tree (issue 13: "within 3x of a hand-written
// fill of the same tree"), over sizes, three ways:
//  - BM_TreeFromScenario: the scenario's extensive-form game in one pass
//    (build_scenario_extensive_form: expressions, chance, information sets,
//    the model filled as the walk goes), as `negsim export` builds it;
//    BM_TreeFromScenarioViaSequenceTree: the sequence tree first, then the
//    model from it (two passes, as the belief analysis builds them);
//  - BM_TreeModelFillByHand: a hand-written program that builds the SAME
//    ExtensiveFormGame (same nodes, information sets, action and set labels,
//    payoffs: checked once, outside the timing, by comparing the two games'
//    .efg exports byte for byte) through the model's API as fast as the API
//    allows (shared action-label tables, labels in words written on demand,
//    payoffs as doubles) -- the baseline the goal is about;
//  - BM_TreeRawFillBaseline: the floor, the same binary tree as bare arrays
//    (node kind, parent, first child, information set, two payoffs per leaf),
//    no checks, no labels, no derived data.
// Plus the scenario's first half alone (BM_TreeScenarioSequenceOnly) and the
// model fed exact rational payoffs (BM_TreeModelFillExactPayoffs), for where
// the time goes. The argument is the tree's depth (2 moves per round); a
// depth-d tree has 2^(d+1) - 1 nodes (the scenario's and the model fills'
// have one more: the root's draw of types, here a single outcome).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "models/io/efg.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/sequence_builder.hpp"

namespace {

// Two players, one two-valued lever each, alternating for `rounds` rounds,
// everything observed (every decision node its own information set, described
// in words), payoffs by expression.
const negsim::Scenario& binary_scenario(int rounds) {
  static std::map<int, negsim::Scenario> cache;
  auto it = cache.find(rounds);
  if (it == cache.end()) {
    const std::string text = "scenario: binary-tree\nparameters:\n  rounds: " + std::to_string(rounds) +
                             "\nplayers:\n  a:\n    levers:\n      x: [l, r]\n  b:\n    levers:\n      y: [l, r]\n"
                             "payoffs:\n  a: \"0\"\n  b: \"0\"\n"
                             "sequence:\n  rounds: rounds\n  steps:\n    - move: a\n    - move: b\n"
                             "  payoffs:\n    a: \"(a.x == r) + 2 * (b.y == r) * sequence.round\"\n"
                             "    b: \"(b.y == l) - (a.x == l)\"\n";
    it = cache.emplace(rounds, negsim::load_scenario_text(text, "binary_tree.yaml")).first;
  }
  return it->second;
}

negsim::SequenceBuildOptions big_budget() {
  negsim::SequenceBuildOptions options;
  options.build.max_profiles = 100000000;
  return options;
}

// In one pass, as `negsim export` builds it.
negsim::ScenarioExtensiveForm scenario_game(int depth) {
  return negsim::build_scenario_extensive_form(binary_scenario(depth / 2), big_budget());
}

// ---- the hand-written fill of the same game ---------------------------------

// The words the scenario puts on this game's information sets, written by
// hand for this game: the mover, its round, and the moves so far (all
// observed), each lever's values by round with runs of equal values merged.
class BinaryTreeWords : public negsim::InfosetLabeler {
 public:
  std::size_t add(std::uint32_t level, std::uint64_t path) {
    sets_.push_back({level, path});
    return sets_.size() - 1;
  }
  std::string label(std::size_t key) const override {
    const auto [level, path] = sets_[key];
    const std::uint32_t mover = level % 2;
    std::string out = std::string(mover ? "b" : "a") + " in round " + std::to_string(level / 2 + 1);
    if (level == 0) return out + ", knowing nothing of what came before";
    out += ", knowing ";
    for (std::uint32_t who = 0; who < 2 && who < level; ++who) {
      if (who) out += "; ";
      out += who == mover ? "its own " : (who ? "b " : "a ");
      out += who ? "y=" : "x=";
      // Values of this lever by round: level `who`, `who + 2`, ... below `level`.
      std::uint32_t first = 1;
      for (std::uint32_t m = who; m < level; m += 2) {
        const std::uint64_t v = (path >> m) & 1;
        const bool run_ends = m + 2 >= level || ((path >> (m + 2)) & 1) != v;
        if (!run_ends) continue;
        const std::uint32_t last = m / 2 + 1;
        if (first > 1) out += ", ";
        out += v ? "r" : "l";
        out += first == last ? " (round " + std::to_string(first) + ")"
                             : " (rounds " + std::to_string(first) + "-" + std::to_string(last) + ")";
        first = last + 1;
      }
    }
    return out;
  }

 private:
  struct Set {
    std::uint32_t level;
    std::uint64_t path;  // bit m: the move at level m (1 = r)
  };
  std::vector<Set> sets_;
};

negsim::ExtensiveFormGame model_fill_by_hand(int depth) {
  negsim::ExtensiveFormGame g;
  g.add_player("a");
  g.add_player("b");
  const std::size_t leaves = std::size_t{1} << depth;
  g.reserve(2 * leaves, leaves, leaves);  // the root's draw of types, 2 * leaves - 1 tree nodes
  auto words = std::make_shared<BinaryTreeWords>();
  g.set_infoset_labeler(words);
  const negsim::ActionLabels moves[2] = {{"x=l", "x=r"}, {"y=l", "y=r"}};
  const std::size_t types = g.add_chance_infoset({"(no types)"}, std::vector<mpq_class>{mpq_class(1)}, "types");
  struct Open {
    std::size_t node;
    std::uint32_t level;
    std::uint64_t path;
    double pay[2];
  };
  std::vector<Open> stack{{g.set_move(0, types), 0, 0, {0, 0}}};
  stack.reserve(static_cast<std::size_t>(2 * depth + 2));
  while (!stack.empty()) {
    const Open open = stack.back();
    stack.pop_back();
    if (open.level == static_cast<std::uint32_t>(depth)) {
      g.set_outcome(open.node, g.add_outcome(open.pay, 2));
      continue;
    }
    const std::uint32_t mover = open.level % 2;
    const std::size_t set = g.add_infoset_labelled_by(mover, moves[mover], words->add(open.level, open.path));
    const std::size_t first = g.set_move(open.node, set);
    for (std::uint64_t a = 2; a-- > 0;) {
      Open child{first + a, open.level + 1, open.path | (a << open.level), {open.pay[0], open.pay[1]}};
      if (mover == 1) {  // the round ends: its payoffs
        const double x_r = static_cast<double>((open.path >> (open.level - 1)) & 1), y_r = static_cast<double>(a);
        child.pay[0] += x_r + 2 * y_r * (open.level / 2 + 1);
        child.pay[1] += (1 - y_r) - (1 - x_r);
      }
      stack.push_back(child);
    }
  }
  g.finalize();
  return g;
}

// The same tree built through the API with exact rational payoffs and every
// label given up front (as a reader of an .efg file does).
negsim::ExtensiveFormGame model_fill_exact_payoffs(int depth) {
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
    const std::size_t set = g.add_infoset(static_cast<std::size_t>(level % 2), {"l", "r"}, "set " + std::to_string(k));
    const std::size_t first = g.set_move(node, set);
    frontier.emplace_back(first, level + 1);
    frontier.emplace_back(first + 1, level + 1);
  }
  g.finalize();
  (void)g.exact_terminal_payoffs(g.terminals().front());  // the exact sums, as an exact solver asks
  return g;
}

// The floor: the same arrays (node kind, parent, first child, information
// set, two payoffs per leaf) filled by hand, no checks, no derived data.
struct RawNode {
  std::uint8_t kind;
  std::size_t parent, first_child, infoset;
};
std::size_t raw_fill(int depth, std::vector<RawNode>& nodes, std::vector<double>& payoffs) {
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

void set_size(benchmark::State& state, std::size_t nodes) {
  state.SetComplexityN(static_cast<std::int64_t>(nodes));
  state.counters["nodes"] = static_cast<double>(nodes);
}

void BM_TreeFromScenario(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::size_t nodes = 0;
  for (auto _ : state) nodes = scenario_game(depth).game.num_nodes();
  set_size(state, nodes);
}
BENCHMARK(BM_TreeFromScenario)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_TreeFromScenarioViaSequenceTree(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::size_t nodes = 0;
  for (auto _ : state)
    nodes = negsim::build_extensive_form(negsim::build_sequence_tree(binary_scenario(depth / 2), big_budget()))
                .game.num_nodes();
  set_size(state, nodes);
}
BENCHMARK(BM_TreeFromScenarioViaSequenceTree)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_TreeScenarioSequenceOnly(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::size_t nodes = 0;
  for (auto _ : state) nodes = negsim::build_sequence_tree(binary_scenario(depth / 2), big_budget()).nodes.size();
  set_size(state, nodes);
}
BENCHMARK(BM_TreeScenarioSequenceOnly)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_TreeModelFillByHand(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  // The same game as the scenario's, or the comparison means nothing.
  if (negsim::write_efg(model_fill_by_hand(depth)) != negsim::write_efg(scenario_game(depth).game)) {
    state.SkipWithError("the hand-written fill does not build the scenario's game");
    return;
  }
  std::size_t nodes = 0;
  for (auto _ : state) nodes = model_fill_by_hand(depth).num_nodes();
  set_size(state, nodes);
}
BENCHMARK(BM_TreeModelFillByHand)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_TreeModelFillExactPayoffs(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::size_t nodes = 0;
  for (auto _ : state) nodes = model_fill_exact_payoffs(depth).num_nodes();
  set_size(state, nodes);
}
BENCHMARK(BM_TreeModelFillExactPayoffs)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

void BM_TreeRawFillBaseline(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::vector<RawNode> nodes;
  std::vector<double> payoffs;
  std::size_t count = 0;
  for (auto _ : state) benchmark::DoNotOptimize(count = raw_fill(depth, nodes, payoffs));
  set_size(state, count);
}
BENCHMARK(BM_TreeRawFillBaseline)->DenseRange(8, 16, 4)->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond);

// The two ratios of issue 13, measured interleaved (scenario, hand fill, raw
// fill, scenario, ...) so that the machine's load drifts alike for all three:
// per-call thread CPU time, medians over the calls, as counters:
// scenario_ms, hand_fill_ms, raw_fill_ms, scenario_x_hand_fill (goal <= 3),
// hand_fill_x_raw_fill.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e3 * static_cast<double>(ts.tv_sec) + 1e-6 * static_cast<double>(ts.tv_nsec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

void BM_TreeBuildRatios(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  std::vector<double> scenario, hand, raw;
  std::vector<RawNode> nodes;
  std::vector<double> payoffs;
  // Warm: the scenario loaded, the allocator's heap grown, once each.
  benchmark::DoNotOptimize(scenario_game(depth).game.num_nodes() + model_fill_by_hand(depth).num_nodes() +
                           raw_fill(depth, nodes, payoffs));
  for (auto _ : state) {
    double t0 = thread_cpu_ms();
    benchmark::DoNotOptimize(scenario_game(depth).game.num_nodes());
    double t1 = thread_cpu_ms();
    scenario.push_back(t1 - t0);
    benchmark::DoNotOptimize(model_fill_by_hand(depth).num_nodes());
    t0 = thread_cpu_ms();
    hand.push_back(t0 - t1);
    benchmark::DoNotOptimize(raw_fill(depth, nodes, payoffs));
    raw.push_back(thread_cpu_ms() - t0);
  }
  const double s = median(scenario), h = median(hand), r = median(raw);
  state.counters["scenario_ms"] = s;
  state.counters["hand_fill_ms"] = h;
  state.counters["raw_fill_ms"] = r;
  state.counters["scenario_x_hand_fill"] = s / h;
  state.counters["hand_fill_x_raw_fill"] = h / r;
}
BENCHMARK(BM_TreeBuildRatios)->DenseRange(8, 16, 4)->MinTime(2.0)->Unit(benchmark::kMillisecond);

}  // namespace
