// Extensive-form core: the behaviour-profile verifier (double and exact),
// pure-equilibrium enumeration, over sizes, and CFR+ on a game with 10^4
// information sets. Building trees: bench/bench_tree_build.cpp.
// Gambit is not installable here (not in Debian), so no gambit-enumpure
// anchor is measured in this run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>
#include <map>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/cfr_plus.hpp"
#include "sim/solve/efg_pure_equilibria.hpp"
#include "tests/support/extensive_games.hpp"
#include "tests/support/random_trees.hpp"

namespace {

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

// ---- CFR+ ------------------------------------------------------------------
// A random two-player zero-sum game with 10,241 information sets (10 private
// types each, 5 rounds of 2 moves, everything observed but the types;
// 204,711 nodes; payoffs uniform on [0, 1)). Every CFR variant runs for one
// second of this thread's CPU time (the machine is shared, so wall time would
// measure the neighbours); exploitability (max over players of the
// best-response gain over the payoff range) is measured by the independent
// verifier with the clock stopped. Counters: iterations done in the second,
// iterations per second, the exploitability after 1 s, at fixed iteration
// counts, and the CPU seconds at which it first fell below 1e-3 (checked
// every ~5% of iterations; 0 = not within the second).

const negsim::ExtensiveFormGame& cfr_game() {
  static const negsim::ExtensiveFormGame game = [] {
    negsim::testing::RandomTreeSpec spec;
    spec.seed = 7;
    spec.types = 10;
    spec.rounds = 5;
    spec.actions = 2;
    spec.hide = 0.0;
    spec.stop = 0.0;
    spec.payoff_range = 0;
    spec.zero_sum = true;
    return negsim::testing::random_tree(spec);
  }();
  return game;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double max_exploitability(const negsim::ExtensiveFormGame& game, const negsim::BehaviorProfile& profile) {
  const std::vector<double> gaps = negsim::relative_exploitability(game, profile);
  return *std::max_element(gaps.begin(), gaps.end());
}

// The CFR+ of the previous version, verbatim (recursive walk over a flat copy
// of the game's preorder node array), kept as the baseline: the same algorithm
// (alternating updates, regret matching+, linear averaging).
namespace legacy {
using namespace negsim;
constexpr std::int32_t kLegacyTerminal = -1;
constexpr std::int32_t kLegacyChance = -2;

// The tree in flat arrays (struct of arrays, preorder indices as in the game).
struct FlatTree {
  std::size_t players = 0;
  std::vector<std::int32_t> owner;        // player, kLegacyTerminal or kChance
  std::vector<std::uint32_t> first_child, children;
  std::vector<std::uint32_t> offset;      // decision nodes: first action slot of its infoset
  std::vector<double> chance;             // chance nodes' children: probability of the edge
  std::vector<double> payoff;             // terminals: players payoffs at node * players
};

FlatTree flatten(const ExtensiveFormGame& game, const std::vector<std::uint32_t>& infoset_offset) {
  FlatTree t;
  t.players = game.num_players();
  const std::size_t n = game.num_nodes();
  t.owner.assign(n, kLegacyTerminal);
  t.first_child.assign(n, 0);
  t.children.assign(n, 0);
  t.offset.assign(n, 0);
  t.chance.assign(n, 1.0);
  t.payoff.assign(n * t.players, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    const EfgNode& node = game.node(v);
    if (node.kind == NodeKind::terminal) {
      const std::vector<double>& u = game.terminal_payoffs(v);
      std::copy(u.begin(), u.end(), t.payoff.begin() + static_cast<std::ptrdiff_t>(v * t.players));
      continue;
    }
    const EfgInfoset& info = game.infoset(node.infoset);
    t.first_child[v] = static_cast<std::uint32_t>(node.first_child);
    t.children[v] = static_cast<std::uint32_t>(info.num_actions());
    if (info.is_chance()) {
      t.owner[v] = kLegacyChance;
      for (std::size_t a = 0; a < info.num_actions(); ++a) t.chance[node.first_child + a] = info.chance_probs_d[a];
    } else {
      t.owner[v] = static_cast<std::int32_t>(info.player);
      t.offset[v] = infoset_offset[node.infoset];
    }
  }
  return t;
}

class LegacyCfrPlus {
 public:
  explicit LegacyCfrPlus(const ExtensiveFormGame& game) : game_(game) {
    offset_.assign(game.num_infosets(), 0);
    std::uint32_t slots = 0;
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      offset_[i] = slots;
      slots += static_cast<std::uint32_t>(game.infoset(i).num_actions());
    }
    tree_ = flatten(game, offset_);
    regret_.assign(slots, 0.0);
    sigma_.assign(slots, 0.0);
    average_.assign(slots, 0.0);
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      const std::size_t k = game.infoset(i).num_actions();
      for (std::size_t a = 0; a < k; ++a) sigma_[offset_[i] + a] = 1.0 / static_cast<double>(k);
    }
  }

  void iterate() { iterate(++t_, 0); }
  std::size_t iterations() const { return t_; }
  BehaviorProfile average() const { return profile(true); }

  void iterate(std::size_t t, std::size_t delay) {
    for (std::size_t p = 0; p < tree_.players; ++p) {
      player_ = static_cast<std::int32_t>(p);
      walk(0, 1.0);
      const double weight = t > delay ? static_cast<double>(t - delay) : 0.0;
      if (weight > 0) accumulate_average(p, weight);  // sigma_p^t, before its update
      for (std::size_t i : game_.player_infosets(p)) update_strategy(i);
    }
  }

  BehaviorProfile profile(bool average) const {
    BehaviorProfile out = game_.uniform_behavior();
    const std::vector<double>& src = average ? average_ : sigma_;
    for (std::size_t p = 0; p < tree_.players; ++p)
      for (std::size_t i : game_.player_infosets(p)) {
        const std::size_t k = game_.infoset(i).num_actions();
        double sum = 0;
        for (std::size_t a = 0; a < k; ++a) sum += src[offset_[i] + a];
        if (sum <= 0) continue;  // never reached by the player's own average: uniform
        for (std::size_t a = 0; a < k; ++a) out[i][a] = src[offset_[i] + a] / sum;
      }
    return out;
  }

 private:
  // Counterfactual value to player_ of node v, reached by the others and
  // chance with probability reach; accumulates player_'s regrets.
  double walk(std::uint32_t v, double reach) {
    const std::int32_t owner = tree_.owner[v];
    if (owner == kLegacyTerminal) return tree_.payoff[v * tree_.players + static_cast<std::size_t>(player_)];
    const std::uint32_t first = tree_.first_child[v], k = tree_.children[v];
    if (owner == kLegacyChance) {
      double value = 0;
      for (std::uint32_t a = 0; a < k; ++a) {
        const double p = tree_.chance[first + a];
        if (p > 0) value += p * walk(first + a, reach * p);
      }
      return value;
    }
    const double* s = &sigma_[tree_.offset[v]];
    if (owner != player_) {
      double value = 0;
      for (std::uint32_t a = 0; a < k; ++a)
        if (s[a] > 0) value += s[a] * walk(first + a, reach * s[a]);
      return value;
    }
    double values[64];
    std::vector<double> big;
    double* q = values;
    if (k > 64) {
      big.resize(k);
      q = big.data();
    }
    double value = 0;
    for (std::uint32_t a = 0; a < k; ++a) {
      q[a] = walk(first + a, reach);
      value += s[a] * q[a];
    }
    double* r = &regret_[tree_.offset[v]];
    for (std::uint32_t a = 0; a < k; ++a) r[a] += reach * (q[a] - value);
    return value;
  }

  // average += weight * realization plan of player p's current strategy.
  void accumulate_average(std::size_t p, double weight) {
    plan_.assign(game_.num_sequences(p), 0.0);
    plan_[0] = 1.0;
    for (std::size_t i : game_.player_infosets(p)) {  // parents come first
      const double parent = plan_[game_.parent_sequence(i)];
      const std::size_t k = game_.infoset(i).num_actions();
      for (std::size_t a = 0; a < k; ++a) {
        const double x = parent * sigma_[offset_[i] + a];
        plan_[game_.sequence(i, a)] = x;
        average_[offset_[i] + a] += weight * x;
      }
    }
  }

  // Regret matching+: clip the regrets at 0, play them normalized.
  void update_strategy(std::size_t i) {
    const std::size_t k = game_.infoset(i).num_actions();
    double* r = &regret_[offset_[i]];
    double* s = &sigma_[offset_[i]];
    double sum = 0;
    for (std::size_t a = 0; a < k; ++a) {
      r[a] = std::max(r[a], 0.0);
      sum += r[a];
    }
    for (std::size_t a = 0; a < k; ++a) s[a] = sum > 0 ? r[a] / sum : 1.0 / static_cast<double>(k);
  }

  const ExtensiveFormGame& game_;
  std::vector<std::uint32_t> offset_;
  FlatTree tree_;
  std::vector<double> regret_, sigma_, average_, plan_;
  std::int32_t player_ = 0;
  std::size_t t_ = 0;
};

}  // namespace legacy
using legacy::LegacyCfrPlus;

template <class Solver>
void run_one_cpu_second(benchmark::State& state, Solver& solver) {
  const negsim::ExtensiveFormGame& game = cfr_game();
  double cpu = 0;
  double below_target_at = 0;
  std::size_t next_check = 10;
  while (cpu < 1.0) {
    const double t0 = thread_cpu_seconds();
    solver.iterate();
    cpu += thread_cpu_seconds() - t0;
    const std::size_t t = solver.iterations();
    if (t == 10 || t == 100 || t == 300 || t == 1000 || t == 3000)
      state.counters["expl_at_" + std::to_string(t)] = max_exploitability(game, solver.average());
    if (below_target_at == 0 && t == next_check) {
      if (max_exploitability(game, solver.average()) <= 1e-3) below_target_at = cpu;
      next_check = t + std::max<std::size_t>(5, t / 20);
    }
  }
  state.counters["iterations"] = static_cast<double>(solver.iterations());
  state.counters["iter_per_s"] = static_cast<double>(solver.iterations()) / cpu;
  state.counters["expl_1s"] = max_exploitability(game, solver.average());
  state.counters["below_1e-3_at_s"] = below_target_at;
  state.counters["infosets"] = static_cast<double>(game.num_infosets());
}

void BM_CfrOneCpuSecond(benchmark::State& state) {
  negsim::CfrPlusOptions options;
  const int which = static_cast<int>(state.range(0));
  const char* names[] = {"CFR+ linear", "CFR+ quadratic", "predictive CFR+ quadratic", "DCFR(1.5,0,2)", "CFR (vanilla)"};
  switch (which) {
    case 0: break;
    case 1: options.averaging_power = 2; break;
    case 2: options.variant = negsim::CfrVariant::predictive_plus; options.averaging_power = 2; break;
    case 3: options.variant = negsim::CfrVariant::discounted; options.averaging_power = 2; break;
    default: options.variant = negsim::CfrVariant::vanilla; options.averaging_power = 0; break;
  }
  state.SetLabel(names[which]);
  for (auto _ : state) {
    negsim::CfrPlusSolver solver(cfr_game(), options);
    run_one_cpu_second(state, solver);
  }
}
BENCHMARK(BM_CfrOneCpuSecond)->DenseRange(0, 4)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_CfrOneCpuSecondLegacyBaseline(benchmark::State& state) {
  state.SetLabel("previous recursive CFR+ (linear)");
  for (auto _ : state) {
    LegacyCfrPlus solver(cfr_game());
    run_one_cpu_second(state, solver);
  }
}
BENCHMARK(BM_CfrOneCpuSecondLegacyBaseline)->Iterations(1)->Unit(benchmark::kMillisecond);

// The library entry point with its own verified checks, target 1e-3, as the
// CLI runs it (wall clock; includes the checks).
void BM_CfrPlusToTarget(benchmark::State& state) {
  negsim::CfrPlusResult last;
  for (auto _ : state) {
    negsim::CfrPlusOptions options;
    options.iterations = 100000;
    options.target = 1e-3;
    last = negsim::cfr_plus(cfr_game(), options);
  }
  state.counters["iterations"] = static_cast<double>(last.iterations);
  state.counters["exploitability"] = last.exploitability;
  state.counters["checks"] = static_cast<double>(last.trace.size());
}
BENCHMARK(BM_CfrPlusToTarget)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
