#include "sim/analysis/sequence_verify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace negsim {

namespace {

// Scratch buffers of this thread's checks, sized once and reused: the
// tipping-point probes check trees of one shape hundreds of times, and
// allocating and zeroing nodes x players doubles per call cost more than the
// arithmetic. Every entry a call reads is written by that call first.
struct VerifyScratch {
  std::vector<std::size_t> depth;         // per node
  // regrets_over_reached: this player's reached nodes (a list, then by
  // depth), their reach, best and own values; stamps mark the player's
  // reached nodes and decided sets without clearing per call.
  std::vector<std::size_t> reached, by_level, level_begin;
  std::vector<double> reach, best, own;
  std::vector<std::size_t> live, choice, decided_at;
  std::size_t stamp = 0;
  std::vector<std::size_t> seen;  // tree_facts: == seen_stamp once a node's depth is set
  std::size_t seen_stamp = 0;
};

VerifyScratch& scratch() {
  thread_local VerifyScratch s;
  return s;
}

template <class T>
T* at_least(std::vector<T>& v, std::size_t size) {
  if (v.size() < size) v.resize(size);
  return v.data();
}

// tree_node_values into value[0 .. nodes * n) (zeroed by the caller: a node
// numbered before its parent reads 0 for unvisited children, as defined).
void node_values_into(const SequenceTree& tree, const std::vector<std::size_t>& actions, double* value) {
  const std::size_t n = tree.num_players();
  for (std::size_t x = tree.nodes.size(); x-- > 0;) {
    const SequenceNode& node = tree.nodes[x];
    double* v = value + x * n;
    if (node.kind == SequenceNode::Kind::kTerminal) {
      std::copy(node.payoffs.begin(), node.payoffs.end(), v);
    } else if (node.kind == SequenceNode::Kind::kChance) {
      std::fill(v, v + n, 0.0);
      for (std::size_t k = 0; k < node.children.size(); ++k)
        for (std::size_t p = 0; p < n; ++p) v[p] += node.probabilities[k] * value[node.children[k] * n + p];
    } else {
      const double* from = value + node.children[actions[node.infoset]] * n;
      std::copy(from, from + n, v);
    }
  }
}

}  // namespace

std::vector<std::size_t> node_depths(const SequenceTree& tree) {
  std::vector<std::size_t> depth(tree.nodes.size(), 0);
  for (std::size_t x = 0; x < tree.nodes.size(); ++x)  // preorder: parents come first
    for (std::size_t c : tree.nodes[x].children) depth[c] = depth[x] + 1;
  return depth;
}

std::vector<double> tree_node_values(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  std::vector<double> value(tree.nodes.size() * tree.num_players());
  node_values_into(tree, actions, value.data());
  return value;
}

std::vector<double> tree_payoffs(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  const std::vector<double> value = tree_node_values(tree, actions);
  return std::vector<double>(value.begin(), value.begin() + static_cast<long>(tree.num_players()));
}

namespace {

// The shape facts the faster pass needs, from one walk over the tree: depths,
// whether it is a tree numbered parents first, whether every information
// set's nodes share one depth, and whether the
// numbers are tame (payoffs at most 1e300 in size, chance probabilities in
// [0, 1] summing to at most 1 + 1e-6 at each node), so that every reach and
// value is finite.
struct TreeFacts {
  std::size_t max_depth = 0;
  bool ordered = true;  // every child after its parent, no node the child of two
  bool one_level = true;
  bool tame = true;
};

TreeFacts tree_facts(const SequenceTree& tree, std::size_t* depth) {
  TreeFacts f;
  VerifyScratch& s = scratch();
  std::size_t* seen = at_least(s.seen, tree.nodes.size());
  const std::size_t stamp = ++s.seen_stamp;
  depth[0] = 0;
  seen[0] = stamp;
  bool tame = true;
  for (std::size_t x = 0; x < tree.nodes.size(); ++x) {  // preorder: parents come first
    const SequenceNode& node = tree.nodes[x];
    if (seen[x] != stamp) depth[x] = 0, seen[x] = stamp;  // as node_depths: 0 where no parent reaches
    const std::size_t d = depth[x] + 1;
    for (std::size_t c : node.children) {
      f.ordered &= (c > x) & (seen[c] != stamp);
      depth[c] = d, seen[c] = stamp;
    }
    if (!node.children.empty()) f.max_depth = std::max(f.max_depth, d);
    if (node.kind == SequenceNode::Kind::kTerminal) {
      for (double u : node.payoffs) tame &= std::abs(u) <= 1e300;  // false for NaN too
    } else if (node.kind == SequenceNode::Kind::kChance) {
      double sum = 0;
      for (double q : node.probabilities) tame &= q >= 0 && q <= 1, sum += q;
      tame &= sum <= 1 + 1e-6;
    }
  }
  f.tame = tame;
  for (const SequenceInfoSet& h : tree.infosets)
    for (std::size_t y : h.nodes) f.one_level = f.one_level && depth[y] == depth[h.nodes.front()];
  return f;
}

// The same numbers over the part of the tree p can reach when the others
// keep their choices: from the root, every child of p's nodes, the chosen
// child of the others' nodes, the children of chance nodes with positive
// probability. Every other node has reach exactly 0 and enters the
// definition only as a term 0 * (finite value) = +-0 of a sum that starts at
// +0 (a choice's sum, a chance node's value), and such a term never changes
// a sum that starts at +0; so with tame numbers and one depth per
// information set the values, choices and regrets are the definition's, bit
// for bit. p's payoff under the profile comes from the same nodes.
std::vector<double> regrets_over_reached(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                                         const std::size_t* depth, std::size_t max_depth) {
  const std::size_t n = tree.num_players();
  const std::size_t nodes = tree.nodes.size();
  std::vector<double> regrets(n, 0.0);
  VerifyScratch& s = scratch();
  std::size_t* live = at_least(s.live, nodes);
  std::size_t* decided_at = at_least(s.decided_at, tree.infosets.size());
  if (s.stamp > std::numeric_limits<std::size_t>::max() - n - 1) {  // never in practice
    std::fill(live, live + nodes, 0);
    std::fill(decided_at, decided_at + tree.infosets.size(), 0);
    s.stamp = 0;
  }
  double* reach = at_least(s.reach, nodes);
  double* best = at_least(s.best, nodes);
  double* own = at_least(s.own, nodes);
  std::size_t* choice = at_least(s.choice, tree.infosets.size());
  std::size_t* reached = at_least(s.reached, nodes);
  std::size_t* by_level = at_least(s.by_level, nodes);
  std::size_t* level_begin = at_least(s.level_begin, max_depth + 2);
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t stamp = ++s.stamp;
    // The reached nodes, parents before children, with their reach.
    std::size_t count = 0, top = 0;
    reached[top++] = 0;  // a queue, then the list of reached nodes
    reach[0] = 1;
    live[0] = stamp;
    std::fill(level_begin, level_begin + max_depth + 2, 0);
    while (top > count) {
      const std::size_t x = reached[count++];
      ++level_begin[depth[x] + 1];
      const SequenceNode& node = tree.nodes[x];
      const std::size_t* children = node.children.data();
      if (node.kind == SequenceNode::Kind::kChance) {
        for (std::size_t k = 0; k < node.children.size(); ++k) {
          if (node.probabilities[k] == 0) continue;
          const std::size_t c = children[k];
          reach[c] = reach[x] * node.probabilities[k];
          live[c] = stamp;
          reached[top++] = c;
        }
      } else if (node.kind == SequenceNode::Kind::kDecision) {
        if (node.player == p) {
          for (std::size_t k = 0; k < node.children.size(); ++k) {
            const std::size_t c = children[k];
            reach[c] = reach[x] * 1.0;
            live[c] = stamp;
            reached[top++] = c;
          }
        } else {
          const std::size_t c = children[actions[node.infoset]];
          reach[c] = reach[x] * 1.0;
          live[c] = stamp;
          reached[top++] = c;
        }
      }
    }
    // Level by level, deepest first (a counting sort by depth).
    for (std::size_t d = 0; d <= max_depth; ++d) level_begin[d + 1] += level_begin[d];
    for (std::size_t i = 0; i < count; ++i) by_level[level_begin[depth[reached[i]]]++] = reached[i];
    for (std::size_t d = max_depth + 1; d-- > 0;) level_begin[d + 1] = level_begin[d];
    level_begin[0] = 0;
    for (std::size_t d = max_depth + 1; d-- > 0;) {
      const std::size_t* first = by_level + level_begin[d];
      const std::size_t* last = by_level + level_begin[d + 1];
      for (const std::size_t* it = first; it != last; ++it) {
        const SequenceNode& node = tree.nodes[*it];
        if (node.kind != SequenceNode::Kind::kDecision || node.player != p || decided_at[node.infoset] == stamp) continue;
        const SequenceInfoSet& h = tree.infosets[node.infoset];
        double top_sum = -std::numeric_limits<double>::infinity();
        choice[node.infoset] = 0;
        for (std::size_t a = 0; a < h.action_labels.size(); ++a) {
          double sum = 0;
          for (std::size_t y : h.nodes)
            if (live[y] == stamp) sum += reach[y] * best[tree.nodes[y].children[a]];
          if (sum > top_sum) top_sum = sum, choice[node.infoset] = a;
        }
        decided_at[node.infoset] = stamp;
      }
      for (const std::size_t* it = first; it != last; ++it) {
        const std::size_t x = *it;
        const SequenceNode& node = tree.nodes[x];
        if (node.kind == SequenceNode::Kind::kTerminal) {
          best[x] = own[x] = node.payoffs[p];
        } else if (node.kind == SequenceNode::Kind::kChance) {
          double v = 0, u = 0;
          for (std::size_t k = 0; k < node.children.size(); ++k) {
            if (node.probabilities[k] == 0) continue;
            v += node.probabilities[k] * best[node.children[k]];
            u += node.probabilities[k] * own[node.children[k]];
          }
          best[x] = v;
          own[x] = u;
        } else {
          const std::size_t played = node.children[actions[node.infoset]];
          best[x] = best[node.player == p ? node.children[choice[node.infoset]] : played];
          own[x] = own[played];
        }
      }
    }
    regrets[p] = std::max(0.0, best[0] - own[0]);
  }
  return regrets;
}

}  // namespace

std::vector<double> tree_regrets_every_node(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  const std::size_t n = tree.num_players();
  const std::vector<double> own = tree_payoffs(tree, actions);
  const std::vector<std::size_t> depth = node_depths(tree);
  const std::size_t max_depth = depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
  std::vector<std::vector<std::size_t>> by_depth(max_depth + 1);
  for (std::size_t x = 0; x < tree.nodes.size(); ++x) by_depth[depth[x]].push_back(x);
  std::vector<double> regrets(n, 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    // Reach by chance and the other players (p's own choices count as 1).
    std::vector<double> reach(tree.nodes.size(), 0.0);
    reach[0] = 1;
    for (std::size_t x = 0; x < tree.nodes.size(); ++x) {
      const SequenceNode& node = tree.nodes[x];
      for (std::size_t k = 0; k < node.children.size(); ++k) {
        double factor = 1;
        if (node.kind == SequenceNode::Kind::kChance) factor = node.probabilities[k];
        else if (node.player != p) factor = k == actions[node.infoset] ? 1.0 : 0.0;
        reach[node.children[k]] = reach[x] * factor;
      }
    }
    std::vector<double> best(tree.nodes.size(), 0.0);
    std::vector<std::size_t> choice(tree.infosets.size(), 0);
    std::vector<char> decided(tree.infosets.size(), 0);
    for (std::size_t d = max_depth + 1; d-- > 0;) {
      // p's information sets at this level choose first (their children are done).
      for (std::size_t x : by_depth[d]) {
        const SequenceNode& node = tree.nodes[x];
        if (node.kind != SequenceNode::Kind::kDecision || node.player != p || decided[node.infoset]) continue;
        const SequenceInfoSet& h = tree.infosets[node.infoset];
        double top = -std::numeric_limits<double>::infinity();
        for (std::size_t a = 0; a < h.action_labels.size(); ++a) {
          double sum = 0;
          for (std::size_t y : h.nodes) sum += reach[y] * best[tree.nodes[y].children[a]];
          if (sum > top) top = sum, choice[node.infoset] = a;
        }
        decided[node.infoset] = 1;
      }
      for (std::size_t x : by_depth[d]) {
        const SequenceNode& node = tree.nodes[x];
        if (node.kind == SequenceNode::Kind::kTerminal) {
          best[x] = node.payoffs[p];
        } else if (node.kind == SequenceNode::Kind::kChance) {
          double v = 0;
          for (std::size_t k = 0; k < node.children.size(); ++k) v += node.probabilities[k] * best[node.children[k]];
          best[x] = v;
        } else {
          const std::size_t a = node.player == p ? choice[node.infoset] : actions[node.infoset];
          best[x] = best[node.children[a]];
        }
      }
    }
    regrets[p] = std::max(0.0, best[0] - own[p]);
  }
  return regrets;
}

std::vector<double> tree_regrets(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  if (tree.nodes.empty()) return std::vector<double>(tree.num_players(), 0.0);
  std::size_t* depth = at_least(scratch().depth, tree.nodes.size());
  const TreeFacts facts = tree_facts(tree, depth);
  if (facts.ordered && facts.one_level && facts.tame) return regrets_over_reached(tree, actions, depth, facts.max_depth);
  return tree_regrets_every_node(tree, actions);
}

std::vector<double> tree_tolerances(const SequenceTree& tree, double rel_tol) {
  const std::size_t n = tree.num_players();
  std::vector<double> lo(n, std::numeric_limits<double>::infinity()), hi(n, -std::numeric_limits<double>::infinity());
  for (const SequenceNode& node : tree.nodes)
    if (node.kind == SequenceNode::Kind::kTerminal)
      for (std::size_t p = 0; p < n; ++p) lo[p] = std::min(lo[p], node.payoffs[p]), hi[p] = std::max(hi[p], node.payoffs[p]);
  std::vector<double> tol(n, 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    if (!(hi[p] >= lo[p])) continue;
    const double magnitude = std::max(std::abs(lo[p]), std::abs(hi[p]));
    tol[p] = rel_tol * (hi[p] - lo[p]) + 64 * std::numeric_limits<double>::epsilon() * std::max(magnitude, 1e-300);
  }
  return tol;
}

}  // namespace negsim
