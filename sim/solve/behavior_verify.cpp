#include "sim/solve/behavior_verify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

#include "sim/solve/equilibrium.hpp"  // kRoundingUlps

namespace negsim {

namespace {

// Chance probabilities of an information set in the number type T.
const std::vector<double>& chance_probs(const EfgInfoset& s, double*) { return s.chance_probs_d; }
const std::vector<mpq_class>& chance_probs(const EfgInfoset& s, mpq_class*) { return s.chance_probs; }

const std::vector<double>& payoffs_of(const ExtensiveFormGame& g, std::size_t z, double*) {
  return g.terminal_payoffs(z);
}
const std::vector<mpq_class>& payoffs_of(const ExtensiveFormGame& g, std::size_t z, mpq_class*) {
  return g.exact_terminal_payoffs(z);
}

// Player p's payoff under the profile and its best-response value, in the
// subgame rooted at `root` (whose reach is taken as 1), and a best action at
// each of p's information sets (written into best_actions).
template <class T>
std::pair<T, T> payoff_and_best_response(const ExtensiveFormGame& g,
                                         const std::vector<std::vector<T>>& profile, std::size_t p,
                                         std::size_t root, std::vector<std::size_t>& best_actions) {
  // Reach of every node by everyone, and by chance and the other players
  // only. Parent-first index order: children are appended after their parent,
  // so every descendant of `root` has a larger index; nodes outside its
  // subtree get reach 0.
  std::vector<T> reach(g.num_nodes(), T(0)), others(g.num_nodes(), T(0));
  reach[root] = 1;
  others[root] = 1;
  for (std::size_t n = root; n < g.num_nodes(); ++n) {
    const EfgNode& x = g.node(n);
    if (x.kind == NodeKind::terminal || others[n] == 0) continue;
    const EfgInfoset& s = g.infoset(x.infoset);
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      const std::size_t c = x.first_child + a;
      if (s.is_chance()) {
        const T& q = chance_probs(s, static_cast<T*>(nullptr))[a];
        reach[c] = reach[n] * q;
        others[c] = others[n] * q;
      } else if (s.player == p) {
        reach[c] = reach[n] * profile[x.infoset][a];
        others[c] = others[n];
      } else {
        reach[c] = reach[n] * profile[x.infoset][a];
        others[c] = others[n] * profile[x.infoset][a];
      }
    }
  }
  // Information sets inside the subtree (all of them when root is 0). p's
  // moves before the root are not p's to change in the subgame: values of
  // sequences that end outside the subtree go straight into the total.
  std::vector<bool> inside(g.num_nodes(), false), set_inside(g.num_infosets(), root == 0);
  inside[root] = true;
  for (std::size_t n = root; n < g.num_nodes(); ++n) {
    const EfgNode& x = g.node(n);
    if (!inside[n] || x.kind == NodeKind::terminal) continue;
    set_inside[x.infoset] = true;
    for (std::size_t a = 0; a < g.num_children(n); ++a) inside[x.first_child + a] = true;
  }
  auto sequence_inside = [&](std::size_t s) {
    return s != 0 && set_inside[g.sequence_infoset(p, s)];
  };
  T payoff = 0;
  T total = 0;
  std::vector<T> value(g.num_sequences(p), T(0));
  for (std::size_t z : g.terminals()) {
    if (others[z] == 0) continue;
    const T& u = payoffs_of(g, z, static_cast<T*>(nullptr))[p];
    const std::size_t s = g.node_sequence(z, p);
    if (sequence_inside(s))
      value[s] += others[z] * u;
    else
      total += others[z] * u;
    if (reach[z] != 0) payoff += reach[z] * u;
  }
  const auto& list = g.player_infosets(p);
  for (std::size_t k = list.size(); k-- > 0;) {  // later infosets first: children before parents
    const std::size_t i = list[k];
    if (!set_inside[i]) continue;
    std::size_t best = 0;
    for (std::size_t a = 1; a < g.infoset(i).num_actions(); ++a)
      if (value[g.sequence(i, a)] > value[g.sequence(i, best)]) best = a;
    best_actions[i] = best;
    if (sequence_inside(g.parent_sequence(i)))
      value[g.parent_sequence(i)] += value[g.sequence(i, best)];
    else
      total += value[g.sequence(i, best)];
  }
  return {std::move(payoff), std::move(total)};
}

}  // namespace

std::vector<double> behavior_tolerances(const ExtensiveFormGame& game, double rel_tol) {
  std::vector<double> tol(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const double magnitude = std::max(std::abs(game.min_payoff(p)), std::abs(game.max_payoff(p)));
    tol[p] = rel_tol * (game.max_payoff(p) - game.min_payoff(p)) +
             kRoundingUlps * std::numeric_limits<double>::epsilon() * magnitude;
  }
  return tol;
}

BehaviorCheck verify_behavior(const ExtensiveFormGame& game, const BehaviorProfile& profile,
                              double rel_tol) {
  return verify_behavior_at(game, profile, 0, rel_tol);
}

ExactBehaviorCheck verify_exact_behavior(const ExtensiveFormGame& game,
                                         const ExactBehaviorProfile& profile) {
  return verify_exact_behavior_at(game, profile, 0);
}

BehaviorCheck verify_behavior_at(const ExtensiveFormGame& game, const BehaviorProfile& profile,
                                 std::size_t root, double rel_tol) {
  game.require_perfect_recall("verifying a behaviour profile");
  if (!game.is_valid_behavior(profile, 1e-6))
    throw std::invalid_argument("verify_behavior: not a behaviour profile of this game");
  BehaviorCheck check;
  const std::size_t np = game.num_players();
  check.payoffs.resize(np);
  check.best_response.resize(np);
  check.gain.resize(np);
  check.tolerance = behavior_tolerances(game, rel_tol);
  check.best_actions.assign(game.num_infosets(), kNoIndex);
  check.is_equilibrium = true;
  for (std::size_t p = 0; p < np; ++p) {
    std::tie(check.payoffs[p], check.best_response[p]) =
        payoff_and_best_response(game, profile, p, root, check.best_actions);
    check.gain[p] = std::max(0.0, check.best_response[p] - check.payoffs[p]);
    const double range = game.max_payoff(p) - game.min_payoff(p);
    check.max_relative_gain =
        std::max(check.max_relative_gain, check.gain[p] / (range > 0 ? range : 1.0));
    if (!(check.gain[p] <= check.tolerance[p])) check.is_equilibrium = false;
  }
  return check;
}

ExactBehaviorCheck verify_exact_behavior_at(const ExtensiveFormGame& game,
                                            const ExactBehaviorProfile& profile, std::size_t root) {
  game.require_perfect_recall("verifying a behaviour profile");
  ExactBehaviorCheck check;
  const std::size_t np = game.num_players();
  check.payoffs.resize(np);
  check.best_response.resize(np);
  check.gain.resize(np);
  check.best_actions.assign(game.num_infosets(), kNoIndex);
  check.is_equilibrium = true;
  for (std::size_t p = 0; p < np; ++p) {
    std::tie(check.payoffs[p], check.best_response[p]) =
        payoff_and_best_response(game, profile, p, root, check.best_actions);
    check.gain[p] = check.best_response[p] - check.payoffs[p];
    if (check.gain[p] < 0) throw std::logic_error("verify_exact_behavior: negative gain");
    if (check.gain[p] != 0) check.is_equilibrium = false;
  }
  return check;
}

bool is_agent_form_equilibrium(const ExtensiveFormGame& game, const ExactBehaviorProfile& profile,
                               std::size_t root) {
  game.require_perfect_recall("the agent-form check");
  // Linear in each set's row: the best one-set deviation is pure, so compare
  // each pure replacement of one row with the profile's own payoff.
  auto payoff_at = [&](const ExactBehaviorProfile& b, std::size_t player) {
    return verify_exact_behavior_at(game, b, root).payoffs[player];
  };
  ExactBehaviorProfile b = profile;
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    const EfgInfoset& s = game.infoset(i);
    if (s.is_chance()) continue;
    const mpq_class base = payoff_at(b, s.player);
    const std::vector<mpq_class> own = b[i];
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      std::fill(b[i].begin(), b[i].end(), mpq_class(0));
      b[i][a] = 1;
      const bool gains = payoff_at(b, s.player) > base;
      b[i] = own;
      if (gains) return false;
    }
  }
  return true;
}

ExactBehaviorProfile to_exact_behavior(const BehaviorProfile& profile) {
  ExactBehaviorProfile out(profile.size());
  for (std::size_t i = 0; i < profile.size(); ++i)
    for (double v : profile[i]) out[i].emplace_back(v);
  return out;
}

BehaviorProfile to_double_behavior(const ExactBehaviorProfile& profile) {
  BehaviorProfile out(profile.size());
  for (std::size_t i = 0; i < profile.size(); ++i)
    for (const mpq_class& v : profile[i]) out[i].push_back(nearest_double(v));
  return out;
}

}  // namespace negsim
