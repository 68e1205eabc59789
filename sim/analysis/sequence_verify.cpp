#include "sim/analysis/sequence_verify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace negsim {

std::vector<std::size_t> node_depths(const SequenceTree& tree) {
  std::vector<std::size_t> depth(tree.nodes.size(), 0);
  for (std::size_t x = 0; x < tree.nodes.size(); ++x)  // preorder: parents come first
    for (std::size_t c : tree.nodes[x].children) depth[c] = depth[x] + 1;
  return depth;
}

std::vector<double> tree_node_values(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  const std::size_t n = tree.num_players();
  std::vector<double> value(tree.nodes.size() * n, 0.0);
  for (std::size_t x = tree.nodes.size(); x-- > 0;) {
    const SequenceNode& node = tree.nodes[x];
    double* v = &value[x * n];
    if (node.kind == SequenceNode::Kind::kTerminal) {
      std::copy(node.payoffs.begin(), node.payoffs.end(), v);
    } else if (node.kind == SequenceNode::Kind::kChance) {
      for (std::size_t k = 0; k < node.children.size(); ++k)
        for (std::size_t p = 0; p < n; ++p) v[p] += node.probabilities[k] * value[node.children[k] * n + p];
    } else {
      const std::size_t c = node.children[actions[node.infoset]];
      std::copy(&value[c * n], &value[c * n] + n, v);
    }
  }
  return value;
}

std::vector<double> tree_payoffs(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  const std::vector<double> value = tree_node_values(tree, actions);
  return std::vector<double>(value.begin(), value.begin() + static_cast<long>(tree.num_players()));
}

std::vector<double> tree_regrets(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
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
