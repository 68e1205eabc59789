#include "sim/solve/efg_pure_equilibria.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "models/errors.hpp"
#include "sim/solve/behavior_verify.hpp"

namespace negsim {

namespace {

// Each player's payoff in the subgame rooted at `root` when everyone plays
// the pure actions (every player set has an action), exactly.
std::vector<mpq_class> pure_payoffs_at(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions,
                                       std::size_t root) {
  std::vector<mpq_class> out(g.num_players(), mpq_class(0));
  std::vector<std::pair<std::size_t, mpq_class>> stack;
  stack.emplace_back(root, mpq_class(1));
  while (!stack.empty()) {
    std::pair<std::size_t, mpq_class> top = std::move(stack.back());
    stack.pop_back();
    const EfgNode& x = g.node(top.first);
    if (x.kind == NodeKind::terminal) {
      const auto& pay = g.exact_terminal_payoffs(top.first);
      for (std::size_t p = 0; p < g.num_players(); ++p) out[p] += top.second * pay[p];
    } else if (x.kind == NodeKind::chance) {
      const EfgInfoset& s = g.infoset(x.infoset);
      for (std::size_t a = 0; a < s.num_actions(); ++a)
        if (s.chance_probs[a] != 0) stack.emplace_back(x.first_child + a, top.second * s.chance_probs[a]);
    } else {
      stack.emplace_back(x.first_child + actions[x.infoset], std::move(top.second));
    }
  }
  return out;
}

// Information sets reached with positive probability from `root` under pure actions.
std::vector<bool> reached_sets(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions,
                               std::size_t root) {
  std::vector<bool> reached(g.num_infosets(), false);
  std::vector<std::size_t> stack{root};
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    const EfgNode& x = g.node(n);
    if (x.kind == NodeKind::terminal) continue;
    reached[x.infoset] = true;
    const EfgInfoset& s = g.infoset(x.infoset);
    if (x.kind == NodeKind::chance) {
      for (std::size_t a = 0; a < s.num_actions(); ++a)
        if (s.chance_probs[a] != 0) stack.push_back(x.first_child + a);
    } else {
      stack.push_back(x.first_child + actions[x.infoset]);
    }
  }
  return reached;
}

// Agent form, pure actions: no player gains by changing one set's action.
bool agent_equilibrium_pure(const ExtensiveFormGame& g, std::vector<std::size_t> actions, std::size_t root) {
  const std::vector<mpq_class> base = pure_payoffs_at(g, actions, root);
  const std::vector<bool> reached = reached_sets(g, actions, root);
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    const EfgInfoset& s = g.infoset(i);
    if (s.is_chance() || !reached[i]) continue;  // unreached: a switch changes nothing
    const std::size_t own = actions[i];
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      if (a == own) continue;
      actions[i] = a;
      const bool gains = pure_payoffs_at(g, actions, root)[s.player] > base[s.player];
      actions[i] = own;
      if (gains) return false;
    }
  }
  return true;
}

// Gambit-style result profile: 0/1 rows, all-zero rows without an action.
ExactBehaviorProfile gambit_profile(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions) {
  ExactBehaviorProfile b = g.exact_uniform_behavior();
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    if (g.infoset(i).is_chance()) continue;
    std::fill(b[i].begin(), b[i].end(), mpq_class(0));
    if (actions[i] != kNoIndex) b[i][actions[i]] = 1;
  }
  return b;
}

// Nash in the subgame at `root`: a double-precision screen first (an exact
// equilibrium's gains there are rounding, within tolerance), then the exact
// check decides.
bool nash_at(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions, std::size_t root) {
  BehaviorProfile screen = g.uniform_behavior();
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    if (g.infoset(i).is_chance()) continue;
    std::fill(screen[i].begin(), screen[i].end(), 0.0);
    screen[i][actions[i] == kNoIndex ? 0 : actions[i]] = 1.0;
  }
  if (!verify_behavior_at(g, screen, root).is_equilibrium) return false;
  return verify_exact_behavior_at(g, completed_pure_behavior(g, actions), root).is_equilibrium;
}

bool equilibrium_at(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions, std::size_t root,
                    EfgEquilibriumForm form) {
  return form == EfgEquilibriumForm::agent ? agent_equilibrium_pure(g, actions, root) : nash_at(g, actions, root);
}

void check_profile_count(double count, double max_profiles, const std::string& what) {
  if (!(count <= max_profiles))
    throw LimitError(what + ": " + std::to_string(static_cast<long double>(count)).substr(0, 12) +
                     " profiles to enumerate, more than the limit of " +
                     std::to_string(static_cast<long long>(max_profiles)) +
                     "\n  hint: use a method that does not enumerate (lcp, cfr+, agent logit), "
                     "or the strategic form without --subgame-perfect");
}

// Player p's optimal actions at each of its information sets against the
// others' pure actions (every other player's set has an action): the actions
// whose sequence value equals the best, exactly. A reduced strategy of p is a
// best response iff it picks an optimal action at every set it reaches
// (values add up over sets; a non-optimal pick at a reached set loses).
std::vector<std::vector<bool>> optimal_actions(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions,
                                               std::size_t p) {
  std::vector<mpq_class> others(g.num_nodes(), mpq_class(0));
  others[0] = 1;
  for (std::size_t n = 0; n < g.num_nodes(); ++n) {
    const EfgNode& x = g.node(n);
    if (x.kind == NodeKind::terminal || others[n] == 0) continue;
    const EfgInfoset& s = g.infoset(x.infoset);
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      const std::size_t c = x.first_child + a;
      if (s.is_chance())
        others[c] = others[n] * s.chance_probs[a];
      else if (s.player == p || actions[x.infoset] == a)
        others[c] = others[n];
    }
  }
  std::vector<mpq_class> value(g.num_sequences(p), mpq_class(0));
  for (std::size_t z : g.terminals())
    if (others[z] != 0) value[g.node_sequence(z, p)] += others[z] * g.exact_terminal_payoffs(z)[p];
  std::vector<std::vector<bool>> optimal(g.num_infosets());
  const auto& list = g.player_infosets(p);
  for (std::size_t k = list.size(); k-- > 0;) {
    const std::size_t i = list[k];
    const std::size_t count = g.infoset(i).num_actions();
    std::size_t best = 0;
    for (std::size_t a = 1; a < count; ++a)
      if (value[g.sequence(i, a)] > value[g.sequence(i, best)]) best = a;
    optimal[i].resize(count);
    for (std::size_t a = 0; a < count; ++a) optimal[i][a] = value[g.sequence(i, a)] == value[g.sequence(i, best)];
    value[g.parent_sequence(i)] += value[g.sequence(i, best)];
  }
  return optimal;
}

// Strategic form: pure Nash equilibria of the reduced normal form, without
// building it. The player with the most reduced strategies ("last") is not
// enumerated: against each profile of the others, only its best responses
// (optimal_actions) are generated, and each candidate is then checked for
// every player by the independent verifier.
void strategic(const ExtensiveFormGame& g, const EfgPureOptions& options, EfgPureResult& result) {
  const std::size_t np = g.num_players();
  std::size_t last = 0;
  for (std::size_t p = 1; p < np; ++p)
    if (g.count_reduced_strategies(p) > g.count_reduced_strategies(last)) last = p;
  double others_count = 1;
  for (std::size_t p = 0; p < np; ++p)
    if (p != last) others_count *= g.count_reduced_strategies(p);
  check_profile_count(others_count, options.max_profiles, "the others' reduced strategy profiles");
  std::vector<std::vector<ReducedStrategy>> strategies(np);
  for (std::size_t p = 0; p < np; ++p)
    if (p != last) strategies[p] = g.reduced_strategies(p);
  const auto& last_sets = g.player_infosets(last);

  std::vector<std::size_t> order;  // the others, for a mixed-radix counter
  for (std::size_t p = 0; p < np; ++p)
    if (p != last) order.push_back(p);
  std::vector<std::size_t> choice(np, 0);
  std::vector<std::size_t> actions(g.num_infosets(), kNoIndex);
  double work = 0;
  while (true) {
    for (std::size_t p = 0; p < np; ++p) {
      if (p == last) continue;
      const ReducedStrategy& s = strategies[p][choice[p]];
      for (std::size_t k = 0; k < s.size(); ++k) actions[g.player_infosets(p)[k]] = s[k];
    }
    std::vector<std::size_t> completed = actions;
    for (std::size_t i = 0; i < completed.size(); ++i)
      if (completed[i] == kNoIndex && !g.infoset(i).is_chance()) completed[i] = 0;
    const auto optimal = optimal_actions(g, completed, last);
    // Every reduced best response of `last`, depth-first over its sets.
    ReducedStrategy current(last_sets.size(), kNoIndex);
    auto active = [&](std::size_t k) {
      const std::size_t ps = g.parent_sequence(last_sets[k]);
      if (ps == 0) return true;
      const std::size_t pi = g.sequence_infoset(last, ps);
      return current[g.infoset_position(pi)] == g.sequence_action(last, ps);
    };
    auto visit = [&](auto&& self, std::size_t k) -> void {
      if (k == last_sets.size()) {
        if (++work > options.max_profiles)
          check_profile_count(work, options.max_profiles, "the candidate profiles");
        if (static_cast<std::uint64_t>(work) % 256 == 0)
          options.deadline.check("enumerating pure strategy profiles (" + std::to_string(result.equilibria.size()) +
                                 " equilibria so far)");
        std::vector<std::size_t> candidate = actions;
        for (std::size_t j = 0; j < current.size(); ++j) candidate[last_sets[j]] = current[j];
        if (!nash_at(g, candidate, 0)) return;  // the independent check, every player
        EfgPureEquilibrium e;
        std::vector<std::size_t> full = candidate;
        for (std::size_t i = 0; i < full.size(); ++i)
          if (full[i] == kNoIndex && !g.infoset(i).is_chance()) full[i] = 0;
        e.payoffs = pure_payoffs_at(g, full, 0);
        e.profile = gambit_profile(g, candidate);
        e.actions = std::move(candidate);
        result.equilibria.push_back(std::move(e));
        return;
      }
      if (!active(k)) {
        current[k] = kNoIndex;
        self(self, k + 1);
        return;
      }
      const std::size_t i = last_sets[k];
      for (std::size_t a = 0; a < g.infoset(i).num_actions(); ++a) {
        if (!optimal[i][a]) continue;
        current[k] = a;
        self(self, k + 1);
      }
      current[k] = kNoIndex;
    };
    visit(visit, 0);
    bool done = true;
    for (std::size_t k = order.size(); k-- > 0;) {
      const std::size_t p = order[k];
      if (++choice[p] < strategies[p].size()) {
        done = false;
        break;
      }
      choice[p] = 0;
    }
    if (done) break;
  }
  result.profiles_enumerated = work;
}

// Full pure behaviour profiles (agent form, or subgame perfection).
void behavioural(const ExtensiveFormGame& g, const EfgPureOptions& options, EfgPureResult& result) {
  std::vector<std::size_t> player_sets;
  double profiles = 1;
  for (std::size_t p = 0; p < g.num_players(); ++p)
    for (std::size_t i : g.player_infosets(p)) {
      player_sets.push_back(i);
      profiles *= static_cast<double>(g.infoset(i).num_actions());
    }
  check_profile_count(profiles, options.max_profiles, "the pure behaviour profiles");
  result.profiles_enumerated = profiles;
  const std::vector<std::size_t> roots =
      options.subgame_perfect ? g.subgame_roots() : std::vector<std::size_t>{0};
  std::vector<std::size_t> actions(g.num_infosets(), kNoIndex);
  for (std::size_t i : player_sets) actions[i] = 0;
  // Mixed-radix counter over the sets, the last set fastest. Deeper subgame
  // roots are checked first: they fail most often and are cheapest.
  std::uint64_t visited = 0;
  while (true) {
    if (++visited % 256 == 0)
      options.deadline.check("enumerating pure behaviour profiles (" + std::to_string(result.equilibria.size()) +
                             " equilibria so far)");
    bool ok = true;
    for (std::size_t k = roots.size(); ok && k-- > 0;) ok = equilibrium_at(g, actions, roots[k], options.form);
    if (ok) {
      EfgPureEquilibrium e;
      e.payoffs = pure_payoffs_at(g, actions, 0);
      e.profile = gambit_profile(g, actions);
      e.actions = actions;
      result.equilibria.push_back(std::move(e));
    }
    std::size_t k = player_sets.size();
    while (k > 0) {
      const std::size_t i = player_sets[k - 1];
      if (++actions[i] < g.infoset(i).num_actions()) break;
      actions[i] = 0;
      --k;
    }
    if (k == 0) break;
  }
}

}  // namespace

const char* efg_form_name(EfgEquilibriumForm form) {
  return form == EfgEquilibriumForm::agent ? "agent-form" : "strategic-form";
}

std::string efg_form_explanation(EfgEquilibriumForm form) {
  return form == EfgEquilibriumForm::agent
             ? "agent-form equilibria: no player gains by changing its move at any ONE information "
               "set (a player may still gain by changing several moves together)"
             : "strategic-form (Nash) equilibria: no player gains by switching to any other plan of "
               "moves; information sets a player's own plan cannot reach have no move (0,...,0)";
}

ExactBehaviorProfile completed_pure_behavior(const ExtensiveFormGame& game,
                                             const std::vector<std::size_t>& actions, std::size_t fill) {
  ExactBehaviorProfile b = game.exact_uniform_behavior();
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    if (game.infoset(i).is_chance()) continue;
    std::fill(b[i].begin(), b[i].end(), mpq_class(0));
    b[i][actions[i] == kNoIndex ? fill : actions[i]] = 1;
  }
  return b;
}

EfgPureResult efg_pure_equilibria(const ExtensiveFormGame& game, const EfgPureOptions& options) {
  game.require_perfect_recall(std::string("pure ") + efg_form_name(options.form) + " equilibria");
  EfgPureResult result;
  result.form = options.form;
  result.subgame_perfect = options.subgame_perfect;
  if (options.form == EfgEquilibriumForm::strategic && !options.subgame_perfect)
    strategic(game, options, result);
  else
    behavioural(game, options, result);
  return result;
}

}  // namespace negsim

namespace negsim {

ExtensiveSolveResult solve_efg_pure(const ExtensiveFormGame& game, const SolveOptions& options,
                                    EfgEquilibriumForm form, bool subgame_perfect) {
  EfgPureOptions pure;
  pure.form = form;
  pure.subgame_perfect = subgame_perfect;
  pure.deadline = solve_deadline(options);
  const EfgPureResult found = efg_pure_equilibria(game, pure);
  ExtensiveSolveResult out;
  out.method = subgame_perfect ? "pure-spe" : form == EfgEquilibriumForm::agent ? "pure-agent" : "pure";
  out.form = subgame_perfect ? std::string("subgame-perfect (") + efg_form_name(form) + " in every subgame)"
                             : efg_form_name(form);
  out.form_note = subgame_perfect
                      ? "subgame-perfect equilibria: a move at every information set, and no player gains by "
                        "changing its plan in any subgame"
                      : efg_form_explanation(form);
  out.complete = true;
  const std::vector<std::size_t> roots = subgame_perfect ? game.subgame_roots() : std::vector<std::size_t>{0};
  for (const EfgPureEquilibrium& e : found.equilibria) {
    if (out.equilibria.size() >= options.max_equilibria) {
      out.complete = false;
      out.note = "listing stopped at --max-equilibria " + std::to_string(options.max_equilibria) + " of " +
                 std::to_string(found.equilibria.size());
      break;
    }
    const ExactBehaviorProfile completed = completed_pure_behavior(game, e.actions);
    // The independent re-check, in the promised sense.
    bool verified = true;
    if (form == EfgEquilibriumForm::agent) {
      for (std::size_t root : roots) verified = verified && is_agent_form_equilibrium(game, completed, root);
    } else {
      for (std::size_t root : roots) verified = verified && verify_exact_behavior_at(game, completed, root).is_equilibrium;
    }
    if (!verified) throw std::logic_error("pure enumeration returned a profile the verifier rejects");
    BehaviorEquilibrium b;
    b.method = out.method;
    b.exact = completed;
    b.profile = to_double_behavior(completed);
    b.no_action.assign(game.num_infosets(), false);
    for (std::size_t i = 0; i < game.num_infosets(); ++i)
      b.no_action[i] = !game.infoset(i).is_chance() && e.actions[i] == kNoIndex;
    for (const mpq_class& v : e.payoffs) b.payoffs.push_back(nearest_double(v));
    const ExactBehaviorCheck check = verify_exact_behavior(game, completed);
    for (const mpq_class& g : check.gain) b.gains.push_back(nearest_double(g));
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      const double range = game.max_payoff(p) - game.min_payoff(p);
      b.max_relative_gain = std::max(b.max_relative_gain, b.gains[p] / (range > 0 ? range : 1.0));
    }
    out.equilibria.push_back(std::move(b));
  }
  return out;
}

}  // namespace negsim
