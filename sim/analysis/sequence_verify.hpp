// The independent check of a pure behaviour profile of a scenario's sequence
// tree (models/scenario/sequence_builder.hpp): each player's gain from its
// best deviation over the whole tree (its exploitability), computed by a
// best response over its information sets, knowing nothing of how the
// profile was found.
//
// Contract
//  - tree_node_values(tree, actions)[x * n + p]: player p's expected payoff
//    from node x on under the profile (actions[h] = the action chosen at
//    information set h); tree_payoffs(tree, actions) is the root's.
//  - tree_regrets(tree, actions)[p] = (best-response value of p against the
//    others' choices) - (p's payoff). With perfect recall (which the builder
//    guarantees) a best response is computed bottom-up: level by level from
//    the leaves, p's information sets at a level take the action maximizing
//    the sum over their nodes of (chance and others' reach) x (value of the
//    child), so one choice per information set, never per node.
//  - tree_tolerances(tree, rel_tol)[p] = rel_tol * (p's payoff range over
//    the leaves) + a rounding floor, as regret_tolerances does for
//    normal-form games (docs/solvers/tolerances.md).
// Method: tree_regrets_every_node is the definition above run over every
// node. tree_regrets gives the same numbers bit for bit while visiting, per
// player, only the nodes that player can reach against the others' choices
// (a node of reach 0 only adds +-0 to sums that start at +0, which changes
// nothing while every value is finite); it falls back to the definition
// when the tree is not numbered parents first, payoffs are huge or not
// finite, chance probabilities are outside [0, 1] or sum to more than
// 1 + 1e-6 at a node, or an information set's nodes lie at different
// depths. Buffers are per thread and reused across calls.
// Complexity: tree_regrets O(nodes) plus O(reached nodes * actions) per
// player; tree_regrets_every_node O(nodes * players) per player.
#pragma once

#include <cstddef>
#include <vector>

#include "models/scenario/sequence_builder.hpp"

namespace negsim {

std::vector<double> tree_node_values(const SequenceTree& tree, const std::vector<std::size_t>& actions);
std::vector<double> tree_payoffs(const SequenceTree& tree, const std::vector<std::size_t>& actions);
std::vector<double> tree_regrets(const SequenceTree& tree, const std::vector<std::size_t>& actions);
std::vector<double> tree_regrets_every_node(const SequenceTree& tree, const std::vector<std::size_t>& actions);
std::vector<double> tree_tolerances(const SequenceTree& tree, double rel_tol);

// Depth of every node (root 0).
std::vector<std::size_t> node_depths(const SequenceTree& tree);

}  // namespace negsim
