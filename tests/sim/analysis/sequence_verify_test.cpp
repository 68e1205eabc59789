#include "sim/analysis/sequence_verify.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/analysis/perfect_bayesian.hpp"
#include "tests/support/shipped_scenarios.hpp"

using namespace negsim;

namespace {

SequenceTree tree_of(const std::string& path) {
  return build_sequence_tree(load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path));
}

// Bit for bit (NaN equals NaN of the same bits; 0 and -0 differ).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

std::vector<std::size_t> random_profile(const SequenceTree& t, std::mt19937_64& rng) {
  std::vector<std::size_t> actions(t.infosets.size());
  for (std::size_t h = 0; h < actions.size(); ++h) actions[h] = rng() % t.infosets[h].action_labels.size();
  return actions;
}

SequenceNode terminal(std::vector<double> payoffs, std::size_t parent, std::size_t branch) {
  SequenceNode n;
  n.kind = SequenceNode::Kind::kTerminal;
  n.payoffs = std::move(payoffs);
  n.parent = parent;
  n.parent_branch = branch;
  return n;
}

SequenceNode chance(std::vector<std::size_t> children, std::vector<double> probabilities,
                    std::size_t parent = static_cast<std::size_t>(-1),
                    std::size_t branch = 0) {
  SequenceNode n;
  n.kind = SequenceNode::Kind::kChance;
  n.children = std::move(children);
  n.probabilities = std::move(probabilities);
  n.parent = parent;
  n.parent_branch = branch;
  return n;
}

SequenceNode decision(std::size_t player, std::size_t infoset, std::vector<std::size_t> children, std::size_t parent,
                      std::size_t branch) {
  SequenceNode n;
  n.kind = SequenceNode::Kind::kDecision;
  n.player = player;
  n.infoset = infoset;
  n.children = std::move(children);
  n.parent = parent;
  n.parent_branch = branch;
  return n;
}

SequenceInfoSet infoset(std::size_t player, std::vector<std::size_t> nodes) {
  SequenceInfoSet h;
  h.player = player;
  h.action_labels = ActionLabels{"first", "second"};
  h.nodes = std::move(nodes);
  return h;
}

}  // namespace

TEST_CASE("tree_regrets equals the every-node definition bit for bit on random profiles of the shipped trees") {
  // tree_regrets visits only what each player can reach; the definition
  // visits every node. Random profiles put many nodes at reach 0.
  std::mt19937_64 rng(14);
  std::vector<std::string> files = negsim::testing::shipped_scenarios();
  files.push_back("tests/data/deadline_credibility.yaml");
  files.push_back("tests/data/three_movers_mixed.yaml");
  std::size_t trees = 0, positive = 0;
  for (const std::string& file : files) {
    const Scenario s = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + file);
    if (!s.sequence.present) continue;  // no sequence tree
    const SequenceTree t = build_sequence_tree(s);
    if (t.infosets.empty()) continue;
    ++trees;
    for (int trial = 0; trial < 12; ++trial) {
      const std::vector<std::size_t> actions = random_profile(t, rng);
      const std::vector<double> fast = tree_regrets(t, actions);
      const std::vector<double> slow = tree_regrets_every_node(t, actions);
      INFO(file << " trial " << trial);
      CHECK(same_bits(fast, slow));
      for (double r : slow) positive += r > 0;
    }
  }
  CHECK(trees >= 3);
  CHECK(positive > 0);  // some profiles are not equilibria: the check is not vacuous
}

TEST_CASE("tree_regrets with a zero-probability chance branch and negative payoffs behind it, by hand") {
  // Chance (0 / 1) -> a leaf worth -5 / -7 that is never reached, or player 0
  // choosing 1 (first) or 2 (second). Playing `first`, player 0 gains 1 by
  // switching; player 1 never moves.
  SequenceTree t;
  t.player_ids = {"a", "b"};
  t.nodes = {chance({1, 2}, {0.0, 1.0}), terminal({-5, -7}, 0, 0), decision(0, 0, {3, 4}, 0, 1),
             terminal({1, 0}, 2, 0), terminal({2, 0}, 2, 1)};
  t.infosets = {infoset(0, {2})};
  const std::vector<double> r = tree_regrets(t, {0});
  CHECK(r == std::vector<double>{1.0, 0.0});
  CHECK(same_bits(r, tree_regrets_every_node(t, {0})));
  CHECK(tree_regrets(t, {1}) == std::vector<double>{0.0, 0.0});
  CHECK(tree_payoffs(t, {0}) == std::vector<double>{1.0, 0.0});
}

TEST_CASE("tree_regrets falls back to the definition: sets across depths, a NaN payoff, chance over 1") {
  // One information set of player 0 with a node at depth 1 and one at depth 2.
  SequenceTree t;
  t.player_ids = {"a", "b"};
  t.nodes = {chance({1, 2}, {0.5, 0.5}),       decision(0, 0, {3, 4}, 0, 0), chance({5}, {1.0}, 0, 1),
             terminal({1, 3}, 1, 0),            terminal({4, 1}, 1, 1),       decision(0, 0, {6, 7}, 2, 0),
             terminal({2, 2}, 5, 0),            terminal({0, 5}, 5, 1)};
  t.infosets = {infoset(0, {1, 5})};
  for (std::size_t a = 0; a < 2; ++a) CHECK(same_bits(tree_regrets(t, {a}), tree_regrets_every_node(t, {a})));

  SequenceTree beer = tree_of("scenarios/classic/beer_quiche.yaml");
  std::mt19937_64 rng(7);
  SequenceTree nan_tree = beer;
  for (SequenceNode& node : nan_tree.nodes)
    if (node.kind == SequenceNode::Kind::kTerminal) {
      node.payoffs[0] = std::numeric_limits<double>::quiet_NaN();
      break;
    }
  SequenceTree heavy = beer;  // a chance node whose probabilities sum to 2
  for (SequenceNode& node : heavy.nodes)
    if (node.kind == SequenceNode::Kind::kChance) {
      for (double& q : node.probabilities) q = 1;
      break;
    }
  for (int trial = 0; trial < 8; ++trial) {
    const std::vector<std::size_t> actions = random_profile(beer, rng);
    CHECK(same_bits(tree_regrets(nan_tree, actions), tree_regrets_every_node(nan_tree, actions)));
    CHECK(same_bits(tree_regrets(heavy, actions), tree_regrets_every_node(heavy, actions)));
  }
}

TEST_CASE("beer-quiche with the weak type ruled out: every profile's regrets as the definition's") {
  // A zero prior puts half the tree at reach 0 for everyone.
  SequenceTree t = tree_of("scenarios/classic/beer_quiche.yaml");
  REQUIRE(t.nodes[0].kind == SequenceNode::Kind::kChance);
  std::vector<double>& prior = t.nodes[0].probabilities;
  std::fill(prior.begin(), prior.end(), 0.0);
  prior.back() = 1;
  std::vector<std::size_t> actions(t.infosets.size(), 0);
  std::size_t profiles = 0;
  while (true) {
    CHECK(same_bits(tree_regrets(t, actions), tree_regrets_every_node(t, actions)));
    ++profiles;
    std::size_t h = 0;
    while (h < actions.size() && ++actions[h] == t.infosets[h].action_labels.size()) actions[h++] = 0;
    if (h == actions.size()) break;
  }
  CHECK(profiles == 16);
}

TEST_CASE("the solver's payoffs and assessment are a fresh computation's, bit for bit") {
  // The best-response iteration keeps values and reach up to date move by
  // move and hands them to the final check; a fresh assess_profile and
  // tree_payoffs must give the same numbers.
  for (const char* file : {"scenarios/tiktok_2025.yaml", "tests/data/deadline_credibility.yaml"}) {
    const SequenceTree t = tree_of(file);
    PerfectBayesianOptions options;
    options.max_equilibria = 2;
    const PerfectBayesianResult r = solve_perfect_bayesian(t, options);
    INFO(file << ": " << r.method);
    REQUIRE_FALSE(r.equilibria.empty());
    for (const TreeEquilibrium& eq : r.equilibria) {
      CHECK(same_bits(eq.payoffs, tree_payoffs(t, eq.actions)));
      CHECK(same_bits(eq.regrets, tree_regrets_every_node(t, eq.actions)));
      const AssessmentCheck fresh = assess_profile(t, eq.actions, eq.tolerances);
      CHECK(fresh.rational);
      CHECK(fresh.sequential == eq.sequential);
      REQUIRE(fresh.assessment.size() == eq.assessment.size());
      for (std::size_t h = 0; h < eq.assessment.size(); ++h) {
        CHECK(same_bits(fresh.assessment[h].belief, eq.assessment[h].belief));
        CHECK(same_bits(fresh.assessment[h].action_values, eq.assessment[h].action_values));
        CHECK(fresh.assessment[h].source == eq.assessment[h].source);
      }
    }
  }
}

TEST_CASE("tree_regrets on a node listed before its parent: the definition's numbers") {
  // Numbered children first (node 1's parent is node 2): not the builder's
  // order, so the definition runs; the answer is the same as the definition's.
  SequenceTree t;
  t.player_ids = {"a", "b"};
  t.nodes = {chance({2, 3}, {0.5, 0.5}), terminal({1, 0}, 2, 0), decision(0, 0, {1, 4}, 0, 0),
             terminal({3, 1}, 0, 1),     terminal({2, 2}, 2, 1)};
  t.infosets = {infoset(0, {2})};
  for (std::size_t a = 0; a < 2; ++a) CHECK(same_bits(tree_regrets(t, {a}), tree_regrets_every_node(t, {a})));
}

TEST_CASE("best-response iteration on small trees, numbered parents first and not: numbers as a fresh check's") {
  // max_enumerated = 0 forces the iteration (its links, sweeps and the
  // fallback for a tree numbered children first); the equilibrium it reports
  // must carry the numbers a fresh assessment and the definition give.
  SequenceTree ordered;
  ordered.player_ids = {"a", "b"};
  ordered.nodes = {chance({1, 2}, {0.5, 0.5}),  decision(0, 0, {3, 4}, 0, 0), decision(0, 0, {5, 6}, 0, 1),
                   terminal({1, 0}, 1, 0),      terminal({0, 1}, 1, 1),       terminal({0, 2}, 2, 0),
                   terminal({3, 1}, 2, 1)};
  ordered.infosets = {infoset(0, {1, 2})};
  SequenceTree shuffled;  // node 1's parent is node 2
  shuffled.player_ids = {"a", "b"};
  shuffled.nodes = {chance({2, 3}, {0.5, 0.5}), terminal({1, 0}, 2, 0), decision(0, 0, {1, 4}, 0, 0),
                    terminal({3, 1}, 0, 1),     terminal({2, 2}, 2, 1)};
  shuffled.infosets = {infoset(0, {2})};
  for (const SequenceTree* t : {&ordered, &shuffled}) {
    PerfectBayesianOptions options;
    options.max_enumerated = 0;
    const PerfectBayesianResult r = solve_perfect_bayesian(*t, options);
    REQUIRE(r.equilibria.size() == 1);
    const TreeEquilibrium& eq = r.equilibria.front();
    CHECK(eq.actions == std::vector<std::size_t>{1});  // 0.5 * 0 + 0.5 * 3 beats 0.5 * 1; 2 beats 1
    CHECK(same_bits(eq.payoffs, tree_payoffs(*t, eq.actions)));
    CHECK(same_bits(eq.regrets, tree_regrets_every_node(*t, eq.actions)));
    const AssessmentCheck fresh = assess_profile(*t, eq.actions, eq.tolerances);
    REQUIRE(fresh.assessment.size() == 1);
    CHECK(same_bits(fresh.assessment[0].belief, eq.assessment[0].belief));
    CHECK(same_bits(fresh.assessment[0].action_values, eq.assessment[0].action_values));
  }
}
