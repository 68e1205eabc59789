#include "sim/solve/cfr_plus.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "sim/solve/behavior_verify.hpp"

namespace negsim {

namespace {

// Each player's gain from a best response, relative to its payoff range
// (the independent verifier, behavior_verify.hpp).
std::vector<double> relative_exploitability(const ExtensiveFormGame& game, const BehaviorProfile& profile) {
  const BehaviorCheck check = verify_behavior(game, profile);
  std::vector<double> out(game.num_players());
  for (std::size_t p = 0; p < out.size(); ++p) {
    const double range = game.max_payoff(p) - game.min_payoff(p);
    out[p] = check.gain[p] / (range > 0 ? range : 1.0);
  }
  return out;
}

constexpr std::int32_t kTerminal = -1;
constexpr std::int32_t kChance = -2;

// The tree in flat arrays (struct of arrays, preorder indices as in the game).
struct FlatTree {
  std::size_t players = 0;
  std::vector<std::int32_t> owner;        // player, kTerminal or kChance
  std::vector<std::uint32_t> first_child, children;
  std::vector<std::uint32_t> offset;      // decision nodes: first action slot of its infoset
  std::vector<double> chance;             // chance nodes' children: probability of the edge
  std::vector<double> payoff;             // terminals: players payoffs at node * players
};

FlatTree flatten(const ExtensiveFormGame& game, const std::vector<std::uint32_t>& infoset_offset) {
  FlatTree t;
  t.players = game.num_players();
  const std::size_t n = game.num_nodes();
  t.owner.assign(n, kTerminal);
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
      t.owner[v] = kChance;
      for (std::size_t a = 0; a < info.num_actions(); ++a) t.chance[node.first_child + a] = info.chance_probs_d[a];
    } else {
      t.owner[v] = static_cast<std::int32_t>(info.player);
      t.offset[v] = infoset_offset[node.infoset];
    }
  }
  return t;
}

class Solver {
 public:
  Solver(const ExtensiveFormGame& game) : game_(game) {
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
    if (owner == kTerminal) return tree_.payoff[v * tree_.players + static_cast<std::size_t>(player_)];
    const std::uint32_t first = tree_.first_child[v], k = tree_.children[v];
    if (owner == kChance) {
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
};

}  // namespace

CfrPlusResult cfr_plus(const ExtensiveFormGame& game, const CfrPlusOptions& options) {
  game.require_perfect_recall("CFR+ (cfr)");
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  Solver solver(game);
  CfrPlusResult out;
  auto check = [&](std::size_t t) {
    const BehaviorProfile average = solver.profile(true);
    const std::vector<double> gaps = relative_exploitability(game, average);
    out.player_exploitability = gaps;
    out.exploitability = gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end());
    out.trace.push_back({t, out.exploitability, seconds()});
    return out.exploitability <= options.target;
  };
  std::size_t next_check = 1;
  std::size_t t = 0;
  while (t < options.iterations) {
    if (options.deadline.expired()) {
      out.time_limit_reached = true;
      break;
    }
    ++t;
    solver.iterate(t, options.delay);
    if (t == next_check && t < options.iterations) {
      if (check(t) && options.target > 0) {
        out.target_reached = true;
        break;
      }
      next_check = std::max(t + 10, t + t / 4);
    }
  }
  out.iterations = t;
  if (!out.target_reached && (out.trace.empty() || out.trace.back().iteration != t))
    out.target_reached = check(t) && options.target > 0;
  out.average = solver.profile(true);
  out.current = solver.profile(false);
  return out;
}

}  // namespace negsim

#include <cstdio>

#include "models/errors.hpp"
#include "sim/solve/sequence_form_lp.hpp"

namespace negsim {

ExtensiveSolveResult solve_cfr_plus(const ExtensiveFormGame& game, const SolveOptions& options) {
  CfrPlusOptions cfr;
  cfr.iterations = 1000000;
  cfr.target = std::max(kCfrCliTarget, options.rel_tol);
  cfr.deadline = solve_deadline(options);
  const CfrPlusResult r = cfr_plus(game, cfr);
  // The verifier's own epsilon (relative to each payoff range), rounded up.
  const double epsilon = std::max(options.rel_tol, r.exploitability * (1 + 1e-9) + 1e-15);
  std::optional<BehaviorEquilibrium> eq = make_verified_equilibrium(game, r.average, std::nullopt, "cfr", epsilon);
  if (!eq) throw std::logic_error("CFR+: the average failed the check at its own measured exploitability (a bug)");
  char eps[32];
  std::snprintf(eps, sizeof eps, "%.3g", r.exploitability);
  ExtensiveSolveResult out;
  out.method = "cfr";
  out.form = r.exploitability <= options.rel_tol ? "strategic-form" : std::string("epsilon-Nash (epsilon = ") + eps + ")";
  out.form_note = std::string("the CFR+ average strategy; no player gains more than ") + eps +
                  " of its payoff range by deviating (verified); " +
                  (game.num_players() == 2 && is_constant_sum(game)
                       ? "CFR+ converges to equilibrium in two-player zero-sum games"
                       : "outside two-player zero-sum games CFR+ has no convergence guarantee");
  out.equilibria.push_back(std::move(*eq));
  out.complete = false;
  out.note = std::to_string(r.iterations) + " iterations" +
             (r.target_reached ? "; target reached" : r.time_limit_reached ? "; stopped by the time limit" : "");
  return out;
}

}  // namespace negsim
