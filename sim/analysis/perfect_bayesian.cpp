#include "sim/analysis/perfect_bayesian.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <random>
#include <utility>

#include "sim/analysis/sequence_verify.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/quasi_perfect.hpp"

namespace negsim {

const char* to_string(BeliefSource source) {
  switch (source) {
    case BeliefSource::kBayes: return "Bayes' rule";
    case BeliefSource::kTrembles: return "off the path: limit of uniform trembles";
    case BeliefSource::kSupporting: return "off the path: a belief that supports the move";
  }
  return "";
}

namespace {


struct Reach {
  std::vector<double> probability;        // under the profile
  std::vector<std::size_t> deviations;    // actions off the profile on the path
  std::vector<double> weight;             // chance probabilities on the path, times 1/|A| per deviation
};

// The reach of every node under the profile (the vectors keep their
// capacity from call to call).
void reach_into(const SequenceTree& tree, const std::vector<std::size_t>& actions, Reach& r) {
  r.probability.assign(tree.nodes.size(), 0.0);
  r.deviations.assign(tree.nodes.size(), 0);
  r.weight.assign(tree.nodes.size(), 0.0);
  if (tree.nodes.empty()) return;
  double* probability = r.probability.data();
  std::size_t* deviations = r.deviations.data();
  double* weight = r.weight.data();
  probability[0] = weight[0] = 1;
  deviations[0] = 0;
  for (std::size_t x = 0; x < tree.nodes.size(); ++x) {
    const SequenceNode& node = tree.nodes[x];
    const std::size_t* children = node.children.data();
    const std::size_t m = node.children.size();
    if (node.kind == SequenceNode::Kind::kChance) {
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t c = children[k];
        probability[c] = probability[x] * node.probabilities[k];
        weight[c] = weight[x] * node.probabilities[k];
        deviations[c] = deviations[x];
      }
    } else if (m > 0) {
      const std::size_t chosen = actions[node.infoset];
      const double tremble = 1.0 / static_cast<double>(m);  // each action's share of a tremble
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t c = children[k];
        const bool on = k == chosen;
        probability[c] = on ? probability[x] : 0.0;
        weight[c] = on ? weight[x] : weight[x] * tremble;
        deviations[c] = deviations[x] + (on ? 0 : 1);
      }
    }
  }
}

// tree_node_values (sequence_verify.hpp) into `value` by the same formula:
// the solver's own copy, so the independent check shares nothing with it.
// Zeroed first, as there, unless `ordered` (every child after its parent:
// then every entry is written before it is read).
void values_into(const SequenceTree& tree, const std::vector<std::size_t>& actions, std::vector<double>& value,
                 bool ordered = false) {
  const std::size_t n = tree.num_players();
  if (ordered) value.resize(tree.nodes.size() * n);
  else value.assign(tree.nodes.size() * n, 0.0);
  for (std::size_t x = tree.nodes.size(); x-- > 0;) {
    const SequenceNode& node = tree.nodes[x];
    double* v = &value[x * n];
    if (node.kind == SequenceNode::Kind::kTerminal) {
      std::copy(node.payoffs.begin(), node.payoffs.end(), v);
    } else if (node.kind == SequenceNode::Kind::kChance) {
      std::fill(v, v + n, 0.0);
      for (std::size_t k = 0; k < node.children.size(); ++k)
        for (std::size_t p = 0; p < n; ++p) v[p] += node.probabilities[k] * value[node.children[k] * n + p];
    } else {
      const double* from = &value[node.children[actions[node.infoset]] * n];
      std::copy(from, from + n, v);
    }
  }
}

// The belief at information set h: Bayes where reached, else the tremble limit.
void fill_belief(const SequenceTree& tree, const Reach& r, std::size_t h, InfoSetAssessment& a) {
  const SequenceInfoSet& info = tree.infosets[h];
  const std::size_t* nodes = info.nodes.data();
  const std::size_t m = info.nodes.size();
  const double* probability = r.probability.data();
  a.reach = 0;
  for (std::size_t i = 0; i < m; ++i) a.reach += probability[nodes[i]];
  a.belief.assign(m, 0.0);
  if (a.reach > 0) {
    for (std::size_t i = 0; i < m; ++i) a.belief[i] = probability[nodes[i]] / a.reach;
    a.source = BeliefSource::kBayes;
    return;
  }
  const double* weight = r.weight.data();
  const std::size_t* deviations = r.deviations.data();
  // The fewest deviations among nodes of positive weight, and the total
  // weight of those nodes (summed in node order from 0, restarted when a
  // smaller count turns up).
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  double total = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double w = weight[nodes[i]];
    if (!(w > 0)) continue;
    const std::size_t d = deviations[nodes[i]];
    if (d < fewest) fewest = d, total = 0;
    if (d == fewest) total += w;
  }
  for (std::size_t i = 0; i < m; ++i)
    if (weight[nodes[i]] > 0 && deviations[nodes[i]] == fewest) a.belief[i] = weight[nodes[i]] / total;
  a.source = BeliefSource::kTrembles;
}

// Beliefs of every information set.
void fill_beliefs(const SequenceTree& tree, const Reach& r, std::vector<InfoSetAssessment>& out) {
  out.assign(tree.infosets.size(), {});
  for (std::size_t h = 0; h < tree.infosets.size(); ++h) fill_belief(tree, r, h, out[h]);
}

// Scratch buffers of this thread's solves, sized once and reused: the
// tipping-point probes solve trees of one shape hundreds of times.
struct SolveScratch {
  std::vector<std::size_t> actions;
  Reach reach;
  std::vector<double> value;
  std::vector<char> mark;  // all 0 between calls of IncrementalProfile::set_action
  std::vector<std::size_t> touched, next, stack;
  std::vector<std::size_t> depth, level_count;
  // The tree's links from its children lists, per node: the parent (kNoParent
  // at the root), which child of it the node is, whether the parent is a
  // chance node, the parent's information set (decision) or the branch's
  // probability (chance), one past the largest index below it.
  std::vector<std::size_t> parent, branch, parent_infoset, end;
  std::vector<char> parent_chance;
  std::vector<double> edge_probability;
  std::vector<char> one_depth;     // per information set: its nodes share one depth
  std::vector<std::size_t> seen;   // == stamp: met as a child in this solve's pass
  std::size_t stamp = 0;
  Reach check_reach;               // accept() in the enumeration
  std::vector<double> check_value;
};

SolveScratch& solve_scratch() {
  thread_local SolveScratch s;
  return s;
}

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

// The profile of the best-response iteration with its node values and reach,
// kept up to date as single moves change: a change at h recomputes the
// values of h's nodes and their ancestors (children first) and the reach of
// their subtrees (parents first), each entry by the same formula from the
// same inputs as tree_node_values and reach_of, so the numbers are the ones
// a full recomputation gives, bit for bit, at a fraction of the cost.
// When every node but the root has one parent at a smaller index (as the
// builder makes trees), reach is recomputed by sweeps over index ranges, each
// node from its parent: the whole tree on reset, and [x + 1, end of x's
// subtree) below each node x of a changed set; and when a set's nodes share
// one depth their ancestors' values are recomputed level by level (no sort).
class IncrementalProfile {
 public:
  IncrementalProfile(const SequenceTree& tree, SolveScratch& s) : tree_(tree), n_(tree.num_players()), s_(s) {
    const std::size_t nodes = tree.nodes.size();
    if (s_.mark.size() < nodes) s_.mark.resize(nodes);  // stays all 0
    if (s_.seen.size() < nodes) s_.seen.resize(nodes);
    s_.parent.resize(nodes);
    s_.depth.resize(nodes);
    s_.branch.resize(nodes);
    s_.parent_infoset.resize(nodes);
    s_.parent_chance.resize(nodes);
    s_.edge_probability.resize(nodes);
    s_.end.resize(nodes);
    if (nodes == 0) return;
    std::size_t* parent = s_.parent.data();
    std::size_t* depth = s_.depth.data();
    std::size_t* end = s_.end.data();
    std::size_t* seen = s_.seen.data();
    std::size_t* branch = s_.branch.data();
    std::size_t* parent_infoset = s_.parent_infoset.data();
    char* parent_chance = s_.parent_chance.data();
    double* edge_probability = s_.edge_probability.data();
    const std::size_t stamp = ++s_.stamp;
    // One pass over the children lists. `ordered_`: every node but the root
    // is the child of exactly one node, at a smaller index (as the builder
    // makes trees): nodes - 1 children, each after its parent, none twice.
    parent[0] = kNoParent;
    depth[0] = 0;
    bool ordered = true;
    std::size_t edges = 0, max_depth = 0;
    for (std::size_t x = 0; x < nodes; ++x) {
      const SequenceNode& node = tree.nodes[x];
      const bool chance = node.kind == SequenceNode::Kind::kChance;
      const std::size_t d = depth[x] + 1;
      const std::size_t* children = node.children.data();
      const std::size_t m = node.children.size();
      const double* probabilities = chance ? node.probabilities.data() : nullptr;
      const std::size_t infoset = chance ? 0 : node.infoset;
      end[x] = x + 1;
      edges += m;
      if (m > 0) max_depth = std::max(max_depth, d);
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t c = children[k];
        ordered &= (c > x) & (seen[c] != stamp);
        seen[c] = stamp;
        parent[c] = x;
        depth[c] = d;
        branch[c] = k;
        parent_chance[c] = chance;
        parent_infoset[c] = infoset;
        edge_probability[c] = chance ? probabilities[k] : 1.0 / static_cast<double>(m);  // m: as reach_into's tremble
      }
    }
    max_depth_ = max_depth;
    ordered_ = ordered && edges == nodes - 1;
    if (ordered_) {
      // end[x]: one past the largest index below x (a range holding x's subtree).
      for (std::size_t c = nodes; c-- > 1;) end[parent[c]] = std::max(end[parent[c]], end[c]);
    } else {
      const std::vector<std::size_t> fresh = node_depths(tree);  // 0 where no parent reaches
      std::copy(fresh.begin(), fresh.end(), depth);
      max_depth_ = fresh.empty() ? 0 : *std::max_element(fresh.begin(), fresh.end());
    }
    s_.one_depth.resize(tree.infosets.size());
    for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
      bool same = true;
      for (std::size_t y : tree.infosets[h].nodes) same = same && depth[y] == depth[tree.infosets[h].nodes.front()];
      s_.one_depth[h] = same;
    }
  }

  // Every node's depth (root 0, as node_depths) and the largest.
  const std::size_t* depth() const { return s_.depth.data(); }
  std::size_t max_depth() const { return max_depth_; }

  void reset(const std::vector<std::size_t>& actions) {
    s_.actions = actions;
    values_into(tree_, s_.actions, s_.value, ordered_);
    if (!ordered_) {
      reach_into(tree_, s_.actions, s_.reach);
      return;
    }
    // reach_into's numbers, each node from its parent in index order.
    const std::size_t nodes = tree_.nodes.size();
    s_.reach.probability.resize(nodes);
    s_.reach.deviations.resize(nodes);
    s_.reach.weight.resize(nodes);
    s_.reach.probability[0] = s_.reach.weight[0] = 1;
    s_.reach.deviations[0] = 0;
    sweep_reach(1, nodes);
  }

  void set_action(std::size_t h, std::size_t a) {
    s_.actions[h] = a;
    const SequenceInfoSet& info = tree_.infosets[h];
    update_values(h, info);
    // Reach: the subtrees below h's nodes, parents before children.
    if (ordered_) {
      for (std::size_t x : info.nodes) sweep_reach(x + 1, s_.end[x]);
      return;
    }
    double* probability = s_.reach.probability.data();
    double* weight = s_.reach.weight.data();
    std::size_t* deviations = s_.reach.deviations.data();
    std::vector<std::size_t>& stack = s_.stack;
    for (std::size_t x : info.nodes) {
      stack.assign(1, x);
      while (!stack.empty()) {
        const std::size_t y = stack.back();
        stack.pop_back();
        const SequenceNode& node = tree_.nodes[y];
        for (std::size_t k = 0; k < node.children.size(); ++k) {
          const std::size_t c = node.children[k];
          if (node.kind == SequenceNode::Kind::kChance) {
            probability[c] = probability[y] * node.probabilities[k];
            weight[c] = weight[y] * node.probabilities[k];
            deviations[c] = deviations[y];
          } else {
            const bool on = k == s_.actions[node.infoset];
            probability[c] = on ? probability[y] : 0.0;
            weight[c] = on ? weight[y] : weight[y] * (1.0 / static_cast<double>(node.children.size()));
            deviations[c] = deviations[y] + (on ? 0 : 1);
          }
          stack.push_back(c);
        }
      }
    }
  }

  const std::vector<std::size_t>& actions() const { return s_.actions; }
  const std::vector<double>& values() const { return s_.value; }
  const Reach& reach() const { return s_.reach; }

 private:
  // The reach of nodes first .. last - 1 from their parents', in index order
  // (parents first), by reach_into's formulas (the tremble weight too: it
  // depends on which moves are off the profile). A node in the range that is
  // not below the changed move gets its current numbers again.
  void sweep_reach(std::size_t first, std::size_t last) {
    double* probability = s_.reach.probability.data();
    double* weight = s_.reach.weight.data();
    std::size_t* deviations = s_.reach.deviations.data();
    const std::size_t* parent = s_.parent.data();
    const std::size_t* branch = s_.branch.data();
    const std::size_t* parent_infoset = s_.parent_infoset.data();
    const char* parent_chance = s_.parent_chance.data();
    const double* edge_probability = s_.edge_probability.data();
    const std::size_t* actions = s_.actions.data();
    for (std::size_t c = first; c < last; ++c) {
      const std::size_t y = parent[c];
      if (parent_chance[c]) {
        probability[c] = probability[y] * edge_probability[c];
        weight[c] = weight[y] * edge_probability[c];
        deviations[c] = deviations[y];
      } else {
        const bool on = branch[c] == actions[parent_infoset[c]];
        probability[c] = on ? probability[y] : 0.0;
        weight[c] = on ? weight[y] : weight[y] * edge_probability[c];
        deviations[c] = deviations[y] + (on ? 0 : 1);
      }
    }
  }

  // Values: the nodes of h and every ancestor, children before parents.
  void update_values(std::size_t h, const SequenceInfoSet& info) {
    std::vector<char>& mark = s_.mark;
    const std::size_t* parent = s_.parent.data();
    std::vector<std::size_t>& touched = s_.touched;
    if (ordered_ && s_.one_depth[h]) {
      // Level by level: the nodes of a level do not depend on each other.
      touched.assign(info.nodes.begin(), info.nodes.end());
      std::vector<std::size_t>& next = s_.next;
      while (!touched.empty()) {
        next.clear();
        for (std::size_t y : touched) {
          recompute_value(y);
          const std::size_t up = parent[y];
          if (up != kNoParent && !mark[up]) {
            mark[up] = 1;
            next.push_back(up);
          }
        }
        for (std::size_t y : next) mark[y] = 0;
        touched.swap(next);
      }
      return;
    }
    // (A child's index is larger than its parent's.)
    touched.clear();
    for (std::size_t x : info.nodes)
      for (std::size_t y = x; y != kNoParent && !mark[y]; y = tree_.nodes[y].parent) {
        mark[y] = 1;
        touched.push_back(y);
      }
    std::sort(touched.begin(), touched.end(), std::greater<>());
    for (std::size_t y : touched) {
      mark[y] = 0;
      recompute_value(y);
    }
  }

  void recompute_value(std::size_t x) {
    const SequenceNode& node = tree_.nodes[x];
    double* value = s_.value.data();
    double* v = value + x * n_;
    if (node.kind == SequenceNode::Kind::kTerminal) return;  // never changes
    if (node.kind == SequenceNode::Kind::kChance) {
      std::fill(v, v + n_, 0.0);
      for (std::size_t k = 0; k < node.children.size(); ++k)
        for (std::size_t p = 0; p < n_; ++p) v[p] += node.probabilities[k] * value[node.children[k] * n_ + p];
    } else {
      const double* from = value + node.children[s_.actions[node.infoset]] * n_;
      std::copy(from, from + n_, v);
    }
  }

  const SequenceTree& tree_;
  const std::size_t n_;
  SolveScratch& s_;
  bool ordered_ = false;
  std::size_t max_depth_ = 0;
};

// The mover's expected continuation payoff of each action under a.belief:
// action_values[k] sums belief[i] * value(child k of node i) over i in order
// (the nodes outer, each node's children read once).
void fill_action_values(const SequenceTree& tree, std::size_t h, const std::vector<double>& values,
                        InfoSetAssessment& a) {
  const SequenceInfoSet& info = tree.infosets[h];
  const std::size_t n = tree.num_players();
  const std::size_t actions = info.action_labels.size();
  a.action_values.assign(actions, 0.0);
  double* out = a.action_values.data();
  const double* value = values.data() + info.player;
  for (std::size_t i = 0; i < info.nodes.size(); ++i) {
    const double b = a.belief[i];
    const std::size_t* children = tree.nodes[info.nodes[i]].children.data();
    for (std::size_t k = 0; k < actions; ++k) out[k] += b * value[children[k] * n];
  }
}

// values[chosen] within tol of the largest (the first largest, as max_element).
bool best_within(const double* values, std::size_t size, std::size_t chosen, double tol) {
  double top = values[0];
  for (std::size_t k = 1; k < size; ++k)
    if (top < values[k]) top = values[k];
  return values[chosen] >= top - tol;
}

bool best_within(const std::vector<double>& values, std::size_t chosen, double tol) {
  return best_within(values.data(), values.size(), chosen, tol);
}

// True if `chosen` is best at some node of information set h (a belief
// concentrated there supports it).
bool point_mass_supports(const SequenceTree& tree, std::size_t h, const std::vector<double>& values,
                         std::size_t chosen, double tol) {
  const SequenceInfoSet& info = tree.infosets[h];
  const std::size_t n = tree.num_players();
  const std::size_t actions = info.action_labels.size();
  const double* value = values.data() + info.player;
  for (std::size_t x : info.nodes) {
    const std::size_t* children = tree.nodes[x].children.data();
    double top = value[children[0] * n];
    for (std::size_t k = 1; k < actions; ++k)
      if (top < value[children[k] * n]) top = value[children[k] * n];
    if (value[children[chosen] * n] >= top - tol) return true;
  }
  return false;
}

// assess_profile with the profile's reach and node values given.
AssessmentCheck assess_with(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                            const std::vector<double>& tolerances, const Reach& r, const std::vector<double>& values) {
  AssessmentCheck out;
  fill_beliefs(tree, r, out.assessment);
  out.rational = true;
  out.sequential = true;
  const std::size_t n = tree.num_players();
  for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
    InfoSetAssessment& a = out.assessment[h];
    const SequenceInfoSet& info = tree.infosets[h];
    const double tol = tolerances[info.player];
    fill_action_values(tree, h, values, a);
    if (best_within(a.action_values, actions[h], tol)) continue;
    if (a.source == BeliefSource::kBayes) {
      out.rational = false;
      continue;
    }
    // Off the path: a point mass on a node where the choice is best.
    bool supported = false;
    for (std::size_t i = 0; i < info.nodes.size() && !supported; ++i) {
      std::vector<double> at(info.action_labels.size());
      for (std::size_t k = 0; k < at.size(); ++k) at[k] = values[tree.nodes[info.nodes[i]].children[k] * n + info.player];
      if (best_within(at, actions[h], tol)) {
        std::fill(a.belief.begin(), a.belief.end(), 0.0);
        a.belief[i] = 1;
        a.action_values = at;
        a.source = BeliefSource::kSupporting;
        supported = true;
      }
    }
    if (!supported) {
      out.rational = false;
      continue;
    }
    out.sequential = false;
  }
  return out;
}

}  // namespace

AssessmentCheck assess_profile(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                               const std::vector<double>& tolerances) {
  Reach r;
  std::vector<double> values;
  reach_into(tree, actions, r);
  values_into(tree, actions, values);
  return assess_with(tree, actions, tolerances, r, values);
}

std::vector<double> threat_probabilities(const SequenceTree& tree, const std::vector<std::size_t>& actions,
                                         const std::vector<std::vector<char>>& threat_action) {
  // A pure profile is the behaviour profile that plays each chosen action with
  // probability 1; 1 * t + 0 * t' is t exactly, so the numbers are the same.
  std::vector<std::vector<double>> behavior(tree.infosets.size());
  for (std::size_t h = 0; h < behavior.size(); ++h) {
    behavior[h].assign(threat_action[h].size(), 0.0);
    behavior[h][actions[h]] = 1.0;
  }
  return threat_probabilities(tree, behavior, threat_action);
}

std::vector<double> threat_probabilities(const SequenceTree& tree, const std::vector<std::vector<double>>& behavior,
                                         const std::vector<std::vector<char>>& threat_action) {
  std::vector<double> t(tree.nodes.size(), 0.0);
  for (std::size_t x = tree.nodes.size(); x-- > 0;) {
    const SequenceNode& node = tree.nodes[x];
    if (node.kind == SequenceNode::Kind::kChance) {
      for (std::size_t k = 0; k < node.children.size(); ++k) t[x] += node.probabilities[k] * t[node.children[k]];
    } else if (node.kind == SequenceNode::Kind::kDecision) {
      for (std::size_t a = 0; a < node.children.size(); ++a)
        t[x] += behavior[node.infoset][a] * (threat_action[node.infoset][a] ? 1.0 : t[node.children[a]]);
    }
  }
  return t;
}

PerfectBayesianResult solve_perfect_bayesian(const SequenceTree& tree, const PerfectBayesianOptions& options) {
  PerfectBayesianResult out;
  const std::vector<double> tol = tree_tolerances(tree, options.rel_tol);
  const std::size_t hs = tree.infosets.size();
  const std::size_t n = tree.num_players();
  SolveScratch& scratch = solve_scratch();
  // A candidate with its reach and node values (as reach_into and values_into
  // give them): the solver's assessment and payoffs read them, the Nash check
  // (tree_regrets) computes its own.
  auto accept = [&](const std::vector<std::size_t>& actions, const Reach& r, const std::vector<double>& values) {
    ++out.checked;
    for (const TreeEquilibrium& e : out.equilibria)
      if (e.actions == actions) return;
    AssessmentCheck check = assess_with(tree, actions, tol, r, values);
    if (!check.rational) return;
    TreeEquilibrium eq;
    eq.actions = actions;
    eq.payoffs.assign(values.begin(), values.begin() + static_cast<long>(n));  // the root's
    eq.assessment = std::move(check.assessment);
    eq.sequential = check.sequential;
    eq.regrets = tree_regrets(tree, actions);
    eq.tolerances = tol;
    for (std::size_t p = 0; p < eq.regrets.size(); ++p)
      if (eq.regrets[p] > tol[p]) return;  // sequentially rational but not Nash cannot happen; never report it
    out.equilibria.push_back(std::move(eq));
  };
  // Profile count (saturating).
  double count = 1;
  for (const SequenceInfoSet& h : tree.infosets) count *= static_cast<double>(h.action_labels.size());
  std::vector<std::size_t> actions(hs, 0);
  if (count <= static_cast<double>(options.max_enumerated)) {
    out.complete = true;
    while (true) {
      if ((out.checked & 0x3FF) == 0 && out.checked > 0)
        options.deadline.check("checking pure profiles of the sequence (" + std::to_string(out.checked) + " done)");
      reach_into(tree, actions, scratch.check_reach);
      values_into(tree, actions, scratch.check_value);
      accept(actions, scratch.check_reach, scratch.check_value);
      if (out.equilibria.size() >= options.max_equilibria) {
        out.complete = false;
        break;
      }
      bool more = false;
      for (std::size_t h = hs; h-- > 0;) {
        if (++actions[h] < tree.infosets[h].action_labels.size()) {
          more = true;
          break;
        }
        actions[h] = 0;
      }
      if (!more) break;
    }
    out.method = "enumeration of " + std::to_string(out.checked) + " pure profiles";
    return out;
  }
  // Best-response iteration with beliefs, deepest information sets first
  // (deeper first, index order among equals: a counting sort by the depth of
  // each information set's first node).
  IncrementalProfile profile(tree, scratch);
  std::vector<std::size_t> order(hs);
  if (hs > 0) {
    const std::size_t* depth = profile.depth();
    const std::size_t max_depth = profile.max_depth();
    std::vector<std::size_t>& next = scratch.level_count;  // per depth, deepest first: where its sets go
    next.assign(max_depth + 1, 0);
    for (const SequenceInfoSet& h : tree.infosets) ++next[max_depth - depth[h.nodes.front()]];
    std::size_t at = 0;
    for (std::size_t& c : next) at += std::exchange(c, at);
    for (std::size_t h = 0; h < hs; ++h) order[next[max_depth - depth[tree.infosets[h].nodes.front()]]++] = h;
  }
  std::vector<std::vector<std::size_t>> starts;
  starts.push_back(std::vector<std::size_t>(hs, 0));
  std::vector<std::size_t> last(hs);
  for (std::size_t h = 0; h < hs; ++h) last[h] = tree.infosets[h].action_labels.size() - 1;
  starts.push_back(last);
  std::mt19937_64 rng(20251216);
  for (std::size_t s = 0; s < options.random_starts; ++s) {
    std::vector<std::size_t> start(hs);
    for (std::size_t h = 0; h < hs; ++h) start[h] = rng() % tree.infosets[h].action_labels.size();
    starts.push_back(std::move(start));
  }
  InfoSetAssessment at;  // the visited information set's belief and action values
  for (const std::vector<std::size_t>& start : starts) {
    profile.reset(start);
    for (std::size_t pass = 0; pass < 100; ++pass) {
      options.deadline.check("best-response iteration on the sequence tree");
      bool changed = false;
      for (std::size_t h : order) {
        // Beliefs and values follow each change at once (with beliefs fixed
        // for a whole pass the iteration can cycle).
        fill_belief(tree, profile.reach(), h, at);
        fill_action_values(tree, h, profile.values(), at);
        const std::vector<double>& v = at.action_values;
        const double t = tol[tree.infosets[h].player];
        const std::size_t chosen = profile.actions()[h];
        if (best_within(v, chosen, t)) continue;
        // Off the path a move some belief supports stays (as the final check
        // accepts it); switching there on tremble beliefs alone can cycle.
        if (at.reach <= 0 && point_mass_supports(tree, h, profile.values(), chosen, t)) continue;
        profile.set_action(h, static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin()));
        changed = true;
      }
      if (!changed) break;
    }
    // The profile's reach and values are a full recomputation's, bit for bit.
    accept(profile.actions(), profile.reach(), profile.values());
    if (out.equilibria.size() >= options.max_equilibria) break;
  }
  out.method = "best-response iteration with beliefs from " + std::to_string(starts.size()) + " starts";
  return out;
}

std::optional<BehaviorPerfectBayesian> solve_behavior_perfect_bayesian(const SequenceTree& tree,
                                                                       const ScenarioExtensiveForm& efg,
                                                                       const Deadline& deadline) {
  const ExtensiveFormGame& g = efg.game;
  if (g.num_players() != 2 || tree.num_players() != 2 || !g.has_perfect_recall()) return std::nullopt;
  for (std::size_t p = 0; p < 2; ++p)
    if (g.num_sequences(p) > kBehaviorPbeMaxSequences) return std::nullopt;
  QuasiPerfectOptions options;
  options.deadline = deadline;
  const std::optional<QuasiPerfectResult> r = quasi_perfect_equilibrium(g, options);
  if (!r) return std::nullopt;
  const ExactBehaviorCheck check = verify_exact_behavior(g, r->behavior);
  if (!check.is_equilibrium || !is_sequentially_rational(g, r->behavior, r->beliefs, r->zero_chance_sets))
    throw std::logic_error("the quasi-perfect equilibrium of a sequence tree fails its verification (a bug)");

  BehaviorPerfectBayesian out;
  const std::size_t hs = tree.infosets.size();
  out.behavior.resize(hs);
  out.assessment.resize(hs);
  out.pure = true;
  for (std::size_t h = 0; h < hs; ++h) {
    const std::size_t gi = efg.infoset_of[h];
    for (const mpq_class& b : r->behavior[gi]) {
      out.behavior[h].push_back(b.get_d());
      out.pure = out.pure && (b == 0 || b == 1);
    }
  }
  // The tree's node values under the behaviour, for the mover's action values.
  const std::size_t n = tree.num_players();
  std::vector<double> value(tree.nodes.size() * n, 0.0);
  for (std::size_t x = tree.nodes.size(); x-- > 0;) {  // children come after their parent
    const SequenceNode& node = tree.nodes[x];
    if (node.kind == SequenceNode::Kind::kTerminal) {
      for (std::size_t p = 0; p < n; ++p) value[x * n + p] = node.payoffs[p];
      continue;
    }
    for (std::size_t k = 0; k < node.children.size(); ++k) {
      const double pr = node.kind == SequenceNode::Kind::kChance ? node.probabilities[k] : out.behavior[node.infoset][k];
      for (std::size_t p = 0; p < n; ++p) value[x * n + p] += pr * value[node.children[k] * n + p];
    }
  }
  const std::vector<mpq_class> reach = g.exact_reach_probabilities(r->behavior);
  const std::vector<double> tol = tree_tolerances(tree, 1e-9);
  for (std::size_t h = 0; h < hs; ++h) {
    const SequenceInfoSet& info = tree.infosets[h];
    const std::size_t gi = efg.infoset_of[h];
    const std::vector<std::size_t>& members = g.infoset(gi).nodes;
    InfoSetAssessment& a = out.assessment[h];
    mpq_class set_reach = 0;
    for (std::size_t x : info.nodes) {
      const std::size_t gn = efg.node_of[x];
      set_reach += reach[gn];
      const std::size_t k = static_cast<std::size_t>(std::find(members.begin(), members.end(), gn) - members.begin());
      a.belief.push_back(k < members.size() ? r->beliefs[gi][k].get_d() : 0.0);
    }
    a.reach = set_reach.get_d();
    a.source = set_reach > 0 ? BeliefSource::kBayes : BeliefSource::kTrembles;
    a.action_values.assign(info.action_labels.size(), 0.0);
    for (std::size_t i = 0; i < info.nodes.size(); ++i)
      for (std::size_t k = 0; k < info.action_labels.size(); ++k)
        a.action_values[k] += a.belief[i] * value[tree.nodes[info.nodes[i]].children[k] * n + info.player];
    // The same check in the tree's own terms (doubles): the support is best.
    const double best = *std::max_element(a.action_values.begin(), a.action_values.end());
    for (std::size_t k = 0; k < info.action_labels.size(); ++k)
      if (out.behavior[h][k] > 0 && a.action_values[k] < best - tol[info.player])
        throw std::logic_error("the behaviour equilibrium of a sequence tree is not sequentially rational in the "
                               "tree's terms (a bug)");
  }
  for (const mpq_class& u : check.payoffs) out.payoffs.push_back(u.get_d());
  out.gains.assign(2, 0.0);
  out.note = "the quasi-perfect equilibrium of the tree's extensive form (Miltersen-Sorensen, exact; " +
             std::to_string(r->pivots) + " pivots)";
  return out;
}

}  // namespace negsim
