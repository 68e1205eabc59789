// Multi-stage games with observed actions (Osborne and Rubinstein 1994, ch. 6;
// Fudenberg and Tirole 1991, ch. 3.2).
//
// Contract
//  - Stages are played in order 0..K-1. In stage k the players in
//    stage(k).movers choose simultaneously, mover i from stage(k).num_actions[i]
//    actions (>= 1). Every later stage observes every earlier choice, so each
//    history (sequence of earlier stage profiles) is a node, and the subgame
//    starting at a node is a multi-stage game of the remaining stages.
//  - Action sets do not depend on the history (a move that no longer matters,
//    such as a responder's move after the proposer has left, has payoffs that
//    do not depend on it).
//  - A player may move in several stages; a stage needs at least one mover.
//  - Stage profiles are numbered in Gambit's order within the stage: the first
//    mover's action changes fastest (as in NormalFormGame).
//  - Histories are numbered in mixed radix with the FIRST stage most
//    significant: the node reached at depth k by stage profiles s_0..s_{k-1} is
//        node_k = (((s_0) * n_1 + s_1) * n_2 + ...) + s_{k-1},
//    so the children of node h at depth k are h * n_k + s for s < n_k, and
//    every subtree is a contiguous block of leaves. Leaves are depth K.
//  - Payoffs are stored player-major like NormalFormGame:
//    payoffs()[p * num_leaves() + leaf].
// Cheap queries only; solvers live in sim/solve/ (backward_induction.hpp).
// Memory: num_leaves * num_players doubles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace negsim {

struct GameStage {
  std::string name;                      // optional display name ("U.S. sets the deadline")
  std::vector<std::size_t> movers;       // player indices, distinct
  std::vector<std::size_t> num_actions;  // per mover
  // action_labels[i][a]: label of mover i's action a (defaults "1", "2", ...).
  std::vector<std::vector<std::string>> action_labels;
};

class MultiStageGame {
 public:
  MultiStageGame() = default;
  // Validates the stages (std::invalid_argument) and allocates zero payoffs.
  // std::length_error if the number of leaves overflows or exceeds max_leaves.
  MultiStageGame(std::size_t num_players, std::vector<GameStage> stages,
                 std::uint64_t max_leaves = std::uint64_t{1} << 32);

  std::size_t num_players() const { return num_players_; }
  std::size_t num_stages() const { return stages_.size(); }
  const GameStage& stage(std::size_t k) const { return stages_[k]; }
  // Number of stage profiles of stage k (product of its movers' action counts).
  std::size_t stage_profiles(std::size_t k) const { return stage_profiles_[k]; }
  // Number of nodes at depth k (k = num_stages() gives the leaves).
  std::size_t nodes_at_depth(std::size_t k) const { return nodes_at_depth_[k]; }
  std::size_t num_leaves() const { return nodes_at_depth_.back(); }
  // Number of decision nodes (all depths below num_stages()).
  std::size_t num_decision_nodes() const;

  std::vector<std::string> player_names;

  double payoff(std::size_t player, std::size_t leaf) const {
    return payoffs_[player * num_leaves() + leaf];
  }
  void set_payoff(std::size_t player, std::size_t leaf, double value) {
    payoffs_[player * num_leaves() + leaf] = value;
  }
  std::span<const double> payoff_table(std::size_t player) const {
    return {payoffs_.data() + player * num_leaves(), num_leaves()};
  }
  std::span<double> payoff_table(std::size_t player) {
    return {payoffs_.data() + player * num_leaves(), num_leaves()};
  }
  const std::vector<double>& payoffs() const { return payoffs_; }

  // Fills every leaf: fill(actions, out) gets actions[p] = the action each
  // player took in each stage flattened as actions[k][i] (stage k, mover i)
  // and writes out[p] for every player. Visits leaves in index order.
  using LeafFiller = std::function<void(const std::vector<std::vector<std::size_t>>& actions,
                                        std::span<double> out)>;
  void fill_payoffs(const LeafFiller& fill);

  // Stage profile index <-> the movers' actions (Gambit order within the stage).
  std::size_t stage_profile_index(std::size_t k, std::span<const std::size_t> actions) const;
  std::vector<std::size_t> stage_profile_actions(std::size_t k, std::size_t profile) const;
  std::size_t mover_action(std::size_t k, std::size_t profile, std::size_t mover_slot) const {
    return (profile / mover_strides_[k][mover_slot]) % stages_[k].num_actions[mover_slot];
  }
  std::size_t mover_stride(std::size_t k, std::size_t mover_slot) const {
    return mover_strides_[k][mover_slot];
  }
  // Slot of `player` among stage k's movers, or npos.
  std::size_t mover_slot(std::size_t k, std::size_t player) const;

  // Node navigation. child(k, node, s): node at depth k+1.
  std::size_t child(std::size_t k, std::size_t node, std::size_t stage_profile) const {
    return node * stage_profiles_[k] + stage_profile;
  }
  // Stage profiles leading from the root to `node` at depth k (k entries).
  std::vector<std::size_t> history(std::size_t k, std::size_t node) const;
  // Node at depth history.size() reached by the given stage profiles.
  std::size_t node_of(std::span<const std::size_t> history) const;

  // "label" of a stage profile: "mover=action" joined by ", ".
  std::string describe_stage_profile(std::size_t k, std::size_t profile) const;

 private:
  std::size_t num_players_ = 0;
  std::vector<GameStage> stages_;
  std::vector<std::size_t> stage_profiles_;
  std::vector<std::size_t> nodes_at_depth_;
  std::vector<std::vector<std::size_t>> mover_strides_;
  std::vector<double> payoffs_;
};

}  // namespace negsim
