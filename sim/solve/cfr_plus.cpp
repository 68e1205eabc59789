#include "sim/solve/cfr_plus.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "sim/solve/behavior_verify.hpp"

namespace negsim {

std::vector<double> relative_exploitability(const ExtensiveFormGame& game, const BehaviorProfile& profile) {
  const BehaviorCheck check = verify_behavior(game, profile);
  std::vector<double> out(game.num_players());
  for (std::size_t p = 0; p < out.size(); ++p) {
    const double range = game.max_payoff(p) - game.min_payoff(p);
    out[p] = check.gain[p] / (range > 0 ? range : 1.0);
  }
  return out;
}

namespace {

constexpr std::int32_t kTerminal = -1;
constexpr std::int32_t kChance = -2;
constexpr std::uint32_t kRoot = UINT32_MAX;  // parent slot of a first move: the empty sequence

// One information set of a player, as the updates see it.
struct SetSlots {
  std::uint32_t base = 0;         // first action slot
  std::uint32_t actions = 0;
  std::uint32_t parent = kRoot;   // slot of the player's last action before it
  std::uint32_t global = 0;       // the game's information set index
};

}  // namespace

struct CfrPlusSolver::Impl {
  const ExtensiveFormGame& game;
  CfrPlusOptions options;
  std::size_t players = 0;
  std::size_t t = 0;
  // The tree, breadth-first (index 0 the root; a node's children contiguous).
  std::vector<std::int32_t> owner;      // player, kTerminal or kChance
  std::vector<std::uint32_t> first;     // first child
  std::vector<std::uint32_t> arity;     // number of children
  std::vector<std::uint32_t> base;      // first slot of the node's actions in `weight`
  std::vector<std::vector<double>> payoff;  // per player, per node (terminals only)
  // Slots: every player action (set by set), then every chance outcome.
  // weight[s] is the current strategy's probability of a player action or a
  // chance probability.
  std::vector<double> weight, regret, instant, average, plan;
  std::vector<std::vector<SetSlots>> sets;  // per player, canonical order (parents first)
  // Scratch per node.
  std::vector<double> reach, value;

  Impl(const ExtensiveFormGame& g, const CfrPlusOptions& o) : game(g), options(o), players(g.num_players()) {
    game.require_perfect_recall("CFR+ (cfr)");
    // Slots of the players' information sets, per player in canonical order.
    std::vector<std::uint32_t> set_base(game.num_infosets(), 0);
    std::uint32_t slots = 0;
    sets.resize(players);
    for (std::size_t p = 0; p < players; ++p)
      for (std::size_t i : game.player_infosets(p)) {
        set_base[i] = slots;
        slots += static_cast<std::uint32_t>(game.infoset(i).num_actions());
      }
    const std::uint32_t player_slots = slots;
    for (std::size_t p = 0; p < players; ++p)
      for (std::size_t i : game.player_infosets(p)) {
        SetSlots s;
        s.base = set_base[i];
        s.actions = static_cast<std::uint32_t>(game.infoset(i).num_actions());
        s.global = static_cast<std::uint32_t>(i);
        const std::size_t parent_seq = game.parent_sequence(i);
        if (parent_seq != 0) {
          const std::size_t pi = game.sequence_infoset(p, parent_seq);
          s.parent = set_base[pi] + static_cast<std::uint32_t>(game.sequence_action(p, parent_seq));
        }
        sets[p].push_back(s);
      }
    // Breadth-first renumbering; chance nodes get their own slots.
    const std::size_t n = game.num_nodes();
    if (n >= UINT32_MAX / 2) throw std::length_error("CFR+: the tree has too many nodes for 32-bit indices");
    owner.assign(n, kTerminal);
    first.assign(n, 0);
    arity.assign(n, 0);
    base.assign(n, 0);
    payoff.assign(players, std::vector<double>(n, 0.0));
    std::vector<double> chance_probs;
    std::vector<std::size_t> order{0};
    order.reserve(n);
    for (std::size_t at = 0; at < order.size(); ++at) {
      const std::size_t v = order[at];
      const EfgNode& node = game.node(v);
      if (node.kind == NodeKind::terminal) {
        const std::vector<double>& u = game.terminal_payoffs(v);
        for (std::size_t p = 0; p < players; ++p) payoff[p][at] = u[p];
        continue;
      }
      const EfgInfoset& info = game.infoset(node.infoset);
      first[at] = static_cast<std::uint32_t>(order.size());
      arity[at] = static_cast<std::uint32_t>(info.num_actions());
      if (info.is_chance()) {
        owner[at] = kChance;
        base[at] = player_slots + static_cast<std::uint32_t>(chance_probs.size());
        chance_probs.insert(chance_probs.end(), info.chance_probs_d.begin(), info.chance_probs_d.end());
      } else {
        owner[at] = static_cast<std::int32_t>(info.player);
        base[at] = set_base[node.infoset];
      }
      for (std::size_t a = 0; a < info.num_actions(); ++a) order.push_back(node.first_child + a);
    }
    weight.assign(player_slots, 0.0);
    weight.insert(weight.end(), chance_probs.begin(), chance_probs.end());
    for (const std::vector<SetSlots>& list : sets)
      for (const SetSlots& s : list)
        for (std::uint32_t a = 0; a < s.actions; ++a) weight[s.base + a] = 1.0 / s.actions;
    regret.assign(player_slots, 0.0);
    instant.assign(player_slots, 0.0);
    average.assign(player_slots, 0.0);
    plan.assign(player_slots, 0.0);
    reach.assign(n, 0.0);
    value.assign(n, 0.0);
  }

  // Forward: reach[v] = chance and the other players' probability of v.
  void forward(std::int32_t player) {
    const std::size_t n = owner.size();
    reach[0] = 1.0;
    const double* w = weight.data();
    for (std::size_t v = 0; v < n; ++v) {
      const std::int32_t o = owner[v];
      if (o == kTerminal) continue;
      const double r = reach[v];
      double* out = &reach[first[v]];
      const std::uint32_t k = arity[v];
      if (o == player || r == 0.0) {
        for (std::uint32_t a = 0; a < k; ++a) out[a] = r;
      } else {
        const double* p = w + base[v];
        for (std::uint32_t a = 0; a < k; ++a) out[a] = r * p[a];
      }
    }
  }

  // Backward: value[v] = player's counterfactual value (per unit of reach);
  // instant[] += the player's regrets weighted by reach.
  void backward(std::int32_t player) {
    const double* u = payoff[static_cast<std::size_t>(player)].data();
    const double* w = weight.data();
    double* q = value.data();
    for (std::size_t v = owner.size(); v-- > 0;) {
      const std::int32_t o = owner[v];
      if (o == kTerminal) {
        q[v] = u[v];
        continue;
      }
      const double r = reach[v];
      if (r == 0.0) {  // the others never come here: nothing to learn, value unused
        q[v] = 0.0;
        continue;
      }
      const double* c = q + first[v];
      const double* p = w + base[v];
      const std::uint32_t k = arity[v];
      double total = 0;
      for (std::uint32_t a = 0; a < k; ++a) total += p[a] * c[a];
      q[v] = total;
      if (o == player) {
        double* g = &instant[base[v]];
        for (std::uint32_t a = 0; a < k; ++a) g[a] += r * (c[a] - total);
      }
    }
  }

  // average += weight_t * realization plan of player p's current strategy.
  void accumulate_average(std::size_t p, double w) {
    for (const SetSlots& s : sets[p]) {
      const double parent = s.parent == kRoot ? 1.0 : plan[s.parent];
      for (std::uint32_t a = 0; a < s.actions; ++a) {
        const double x = parent * weight[s.base + a];
        plan[s.base + a] = x;
        average[s.base + a] += w * x;
      }
    }
  }

  void update_regrets(std::size_t p) {
    const CfrVariant variant = options.variant;
    double positive_scale = 1, negative_scale = 1;
    if (variant == CfrVariant::discounted) {
      const double ta = std::pow(static_cast<double>(t), options.dcfr_alpha);
      const double tb = std::pow(static_cast<double>(t), options.dcfr_beta);
      positive_scale = ta / (ta + 1);
      negative_scale = tb / (tb + 1);
    }
    for (const SetSlots& s : sets[p]) {
      double* r = &regret[s.base];
      double* g = &instant[s.base];
      double* sigma = &weight[s.base];
      double sum = 0;
      for (std::uint32_t a = 0; a < s.actions; ++a) {
        double x = r[a] + g[a];
        switch (variant) {
          case CfrVariant::cfr_plus:
            x = std::max(x, 0.0);
            r[a] = x;
            break;
          case CfrVariant::predictive_plus:
            r[a] = std::max(x, 0.0);
            x = std::max(r[a] + g[a], 0.0);  // the prediction: the last regret again
            break;
          case CfrVariant::discounted:
            x *= x > 0 ? positive_scale : negative_scale;
            r[a] = x;
            x = std::max(x, 0.0);
            break;
          case CfrVariant::vanilla:
            r[a] = x;
            x = std::max(x, 0.0);
            break;
        }
        sigma[a] = x;  // unnormalized for now
        sum += x;
        g[a] = 0.0;
      }
      if (sum > 0)
        for (std::uint32_t a = 0; a < s.actions; ++a) sigma[a] /= sum;
      else
        for (std::uint32_t a = 0; a < s.actions; ++a) sigma[a] = 1.0 / s.actions;
    }
  }

  void iterate() {
    ++t;
    const double shifted = t > options.delay ? static_cast<double>(t - options.delay) : 0.0;
    const double avg_weight = shifted > 0 ? std::pow(shifted, options.averaging_power) : 0.0;
    for (std::size_t p = 0; p < players; ++p) {
      const auto player = static_cast<std::int32_t>(p);
      forward(player);
      backward(player);
      if (avg_weight > 0) accumulate_average(p, avg_weight);  // sigma_p^t, before its update
      update_regrets(p);
    }
  }

  BehaviorProfile profile(const std::vector<double>& src) const {
    BehaviorProfile out = game.uniform_behavior();
    for (const std::vector<SetSlots>& list : sets)
      for (const SetSlots& s : list) {
        double sum = 0;
        for (std::uint32_t a = 0; a < s.actions; ++a) sum += src[s.base + a];
        if (!(sum > 0)) continue;  // never reached by the player's own average: uniform
        for (std::uint32_t a = 0; a < s.actions; ++a) out[s.global][a] = src[s.base + a] / sum;
      }
    return out;
  }
};

CfrPlusSolver::CfrPlusSolver(const ExtensiveFormGame& game, const CfrPlusOptions& options)
    : impl_(std::make_unique<Impl>(game, options)) {}
CfrPlusSolver::~CfrPlusSolver() = default;
void CfrPlusSolver::iterate() { impl_->iterate(); }
std::size_t CfrPlusSolver::iterations() const { return impl_->t; }
BehaviorProfile CfrPlusSolver::average() const { return impl_->profile(impl_->average); }
BehaviorProfile CfrPlusSolver::current() const {
  std::vector<double> sigma(impl_->weight.begin(), impl_->weight.begin() + static_cast<std::ptrdiff_t>(impl_->regret.size()));
  return impl_->profile(sigma);
}

CfrPlusResult cfr_plus(const ExtensiveFormGame& game, const CfrPlusOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  CfrPlusSolver solver(game, options);
  CfrPlusResult out;
  auto check = [&](std::size_t t) {
    const std::vector<double> gaps = relative_exploitability(game, solver.average());
    out.player_exploitability = gaps;
    out.exploitability = gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end());
    out.trace.push_back({t, out.exploitability, seconds()});
    return out.exploitability <= options.target;
  };
  const double growth = std::max(options.check_growth, 0.0);
  std::size_t next_check = 1;
  std::size_t t = 0;
  while (t < options.iterations) {
    if (options.deadline.expired()) {
      out.time_limit_reached = true;
      break;
    }
    solver.iterate();
    ++t;
    if (t == next_check && t < options.iterations) {
      if (check(t) && options.target > 0) {
        out.target_reached = true;
        break;
      }
      next_check = t + std::max<std::size_t>(10, static_cast<std::size_t>(growth * static_cast<double>(t)));
    }
  }
  out.iterations = t;
  if (!out.target_reached && (out.trace.empty() || out.trace.back().iteration != t))
    out.target_reached = check(t) && options.target > 0;
  out.average = solver.average();
  out.current = solver.current();
  return out;
}

}  // namespace negsim

#include <cstdio>

#include "models/errors.hpp"
#include "sim/solve/sequence_form_lp.hpp"

namespace negsim {

ExtensiveSolveResult solve_cfr_plus(const ExtensiveFormGame& game, const SolveOptions& options) {
  CfrPlusOptions cfr;
  cfr.iterations = options.iterations > 0 ? options.iterations : kCfrCliIterations;
  cfr.target = options.target > 0 ? options.target : std::max(kCfrCliTarget, options.rel_tol);
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
