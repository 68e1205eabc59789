#include "sim/solve/tremble_beliefs.hpp"

#include <algorithm>

namespace negsim {

const char* belief_origin_name(BeliefOrigin origin) {
  switch (origin) {
    case BeliefOrigin::bayes: return "bayes";
    case BeliefOrigin::uniform_trembles: return "uniform_trembles";
    case BeliefOrigin::zero_chance: return "zero_chance";
    case BeliefOrigin::solver: return "solver";
  }
  return "";
}

namespace {

const std::vector<double>& chance_of(const EfgInfoset& s, double) { return s.chance_probs_d; }
const std::vector<mpq_class>& chance_of(const EfgInfoset& s, const mpq_class&) { return s.chance_probs; }

template <class T>
TrembleAssessment<T> tremble_impl(const ExtensiveFormGame& g, const std::vector<std::vector<T>>& profile) {
  const std::size_t nodes = g.num_nodes();
  // Lowest order and its coefficient of each node's reach polynomial.
  std::vector<std::size_t> order(nodes, kNoIndex);
  std::vector<T> coef(nodes, T(0));
  order[0] = 0;
  coef[0] = 1;
  // Children are appended after their parent, so index order is parent-first.
  for (std::size_t n = 0; n < nodes; ++n) {
    const EfgNode& x = g.node(n);
    if (x.kind == NodeKind::terminal || order[n] == kNoIndex) continue;
    const EfgInfoset& s = g.infoset(x.infoset);
    if (s.is_chance()) {
      const std::vector<T>& probs = chance_of(s, T(0));
      for (std::size_t a = 0; a < s.num_actions(); ++a) {
        if (!(probs[a] > 0)) continue;  // unreachable for every e: order stays kNoIndex
        order[x.first_child + a] = order[n];
        coef[x.first_child + a] = coef[n] * probs[a];
      }
      continue;
    }
    const std::vector<T>& row = profile[x.infoset];
    const T tremble = T(coef[n]) / T(static_cast<long>(s.num_actions()));  // e / |A| of each unplayed action
    for (std::size_t a = 0; a < s.num_actions(); ++a) {
      const std::size_t c = x.first_child + a;
      if (row[a] > 0) {
        order[c] = order[n];
        coef[c] = coef[n] * row[a];
      } else {
        order[c] = order[n] + 1;
        coef[c] = tremble;
      }
    }
  }
  TrembleAssessment<T> out;
  out.belief.resize(g.num_infosets());
  out.origin.assign(g.num_infosets(), BeliefOrigin::bayes);
  out.trembles.assign(g.num_infosets(), 0);
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    const EfgInfoset& s = g.infoset(i);
    if (s.is_chance()) continue;
    std::size_t fewest = kNoIndex;
    for (std::size_t n : s.nodes) fewest = std::min(fewest, order[n]);
    std::vector<T>& b = out.belief[i];
    out.trembles[i] = fewest;
    if (fewest == kNoIndex) {
      b.assign(s.nodes.size(), T(1) / T(static_cast<long>(s.nodes.size())));
      out.origin[i] = BeliefOrigin::zero_chance;
      continue;
    }
    out.origin[i] = fewest == 0 ? BeliefOrigin::bayes : BeliefOrigin::uniform_trembles;
    T total = 0;
    for (std::size_t n : s.nodes)
      if (order[n] == fewest) total += coef[n];
    b.assign(s.nodes.size(), T(0));
    for (std::size_t k = 0; k < s.nodes.size(); ++k)
      if (order[s.nodes[k]] == fewest) b[k] = coef[s.nodes[k]] / total;
  }
  return out;
}

}  // namespace

TrembleBeliefs tremble_limit_beliefs(const ExtensiveFormGame& game, const BehaviorProfile& profile) {
  return tremble_impl<double>(game, profile);
}

ExactTrembleBeliefs exact_tremble_limit_beliefs(const ExtensiveFormGame& game, const ExactBehaviorProfile& profile) {
  return tremble_impl<mpq_class>(game, profile);
}

EquilibriumBeliefs equilibrium_beliefs(const ExtensiveFormGame& game, const BehaviorEquilibrium& eq) {
  EquilibriumBeliefs out;
  if (!eq.beliefs.empty()) {
    // The method's own (consistent) beliefs; the tremble computation still
    // says which sets are on the path (order 0 is exactly positive reach).
    out.beliefs = tremble_limit_beliefs(game, eq.profile);
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      if (game.infoset(i).is_chance() || out.beliefs.origin[i] == BeliefOrigin::bayes) continue;
      out.beliefs.belief[i] = eq.beliefs[i];
      out.beliefs.origin[i] = BeliefOrigin::solver;
    }
    return out;
  }
  auto uniform_where_no_action = [&](auto profile, auto one) {
    for (std::size_t i = 0; i < eq.no_action.size() && i < profile.size(); ++i)
      if (eq.no_action[i]) {
        const std::size_t k = profile[i].size();
        for (auto& v : profile[i]) v = one / static_cast<long>(k);
      }
    return profile;
  };
  if (eq.exact) {
    ExactTrembleBeliefs exact = exact_tremble_limit_beliefs(game, uniform_where_no_action(*eq.exact, mpq_class(1)));
    out.beliefs.origin = exact.origin;
    out.beliefs.trembles = exact.trembles;
    out.beliefs.belief.resize(exact.belief.size());
    for (std::size_t i = 0; i < exact.belief.size(); ++i)
      for (const mpq_class& b : exact.belief[i]) out.beliefs.belief[i].push_back(b.get_d());
    out.exact = std::move(exact);
    return out;
  }
  out.beliefs = tremble_limit_beliefs(game, uniform_where_no_action(eq.profile, 1.0));
  return out;
}

}  // namespace negsim
