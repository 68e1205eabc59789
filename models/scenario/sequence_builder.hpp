// From a scenario's `sequence:` block (with its `types:`) to a game tree with
// chance, information sets and discounted payoffs (format: docs/scenario.md,
// "Sequences"). models/scenario/extensive_builder.hpp turns the tree into the
// project's extensive-form model; the analyses read the tree itself.
//
// Contract
//  - The root is a chance node over the type profiles of positive prior
//    probability (type_prior.hpp; a scenario without types has a root chance
//    node with one outcome of probability 1). Then the round's steps run in
//    order, `rounds` times: a chance step is a chance node (probabilities
//    from its expressions, evaluated at the node: in [0, 1] and summing to 1
//    within 1e-9, else InputError at the expression naming the history); a
//    move step is one decision node per mover (simultaneous movers in file
//    order, none seeing the others' choice of that step). A mover's actions
//    are the settings of the levers the step gives it (product, first lever
//    slowest), labelled `lever=value,...` as in build_normal_form; the
//    scenario's `constraints` do not apply to the sequence.
//  - After each round, every player gets its per-round payoff (the block's
//    `payoffs`, else the scenario's) times discount^(round-1); the game ends
//    after `rounds` rounds or at the end of the first round where `stop_when`
//    holds. A leaf's payoffs are the discounted sums.
//  - Information: a mover knows the clock (round and step), its own type, its
//    own earlier moves, and what it observed at this or any earlier move of
//    its own (perfect recall by construction): `observes: all` is every
//    earlier move and chance outcome (not other players' types); `none` is
//    nothing new; a list names players (all their levers), PLAYER.LEVER,
//    PLAYER.type, chance.EVENT. Decision nodes with the same player, clock
//    and knowledge form one information set, described in words by what the
//    mover knows (SequenceInfoSet::knows).
//  - SequenceBuildOptions::reveal_types: every mover also knows every type
//    (the complete-information games, one per type profile, under one root).
//  - SequenceBuildOptions::reveal_types_to = P: player P alone also knows
//    every type at each of its moves; the others keep their information
//    (P's value of learning the others' types, belief_analysis.hpp).
//  - Static checks (InputError at the expression): payoffs and stop_when read
//    only levers a move sets or `fixed` gives; chance probabilities read only
//    what is set before their step in round 1 (fixed levers, types, earlier
//    steps). rounds must be a whole number in [1, 1000]; discount in (0, 1].
//  - Budget before building: an upper bound on the nodes (no early stops)
//    must be at most BuildOptions::max_profiles, and its memory within the
//    machine's budget (models/memory_budget.hpp), else LimitError.
// Complexity: O(nodes * (players + expression size)).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/type_prior.hpp"

namespace negsim {

struct SequenceNode {
  enum class Kind : unsigned char { kChance, kDecision, kTerminal };
  Kind kind = Kind::kTerminal;
  std::size_t player = 0;   // decision: scenario player index
  std::size_t infoset = 0;  // decision: index into SequenceTree::infosets
  // Chance: index into the sequence's chance events, or kTypeDraw for the root.
  std::size_t chance_event = 0;
  std::vector<std::size_t> children;        // one per action / outcome
  std::vector<double> probabilities;        // chance: one per child
  std::vector<double> payoffs;              // terminal: per player, discounted sum
  std::size_t parent = static_cast<std::size_t>(-1);
  std::size_t parent_branch = 0;            // which child of the parent this is
  std::size_t round = 0;                    // 1-based; 0 at the root
  std::size_t type_profile = 0;             // index into SequenceTree::prior.profiles (0 at the root)

  static constexpr std::size_t kTypeDraw = static_cast<std::size_t>(-1);
};

struct SequenceInfoSet {
  std::size_t player = 0;
  std::size_t round = 0, step = 0;  // 1-based
  std::vector<std::size_t> levers;  // the levers the move sets
  std::vector<std::vector<std::size_t>> action_values;  // per action, the value index of each lever
  std::vector<std::string> action_labels;               // `deadline=extend`
  std::vector<std::size_t> nodes;                       // its decision nodes, in tree order
  std::string knows;  // "in round 2, knowing: ...; not knowing: ..."
};

struct SequenceTree {
  std::vector<std::string> player_ids, player_names;
  TypePrior prior;
  std::vector<SequenceNode> nodes;  // nodes[0] is the root
  std::vector<SequenceInfoSet> infosets;
  std::vector<std::string> chance_names;                  // per chance event
  std::vector<std::vector<std::string>> chance_outcomes;  // per chance event
  std::size_t rounds = 1;
  double discount = 1;

  // Labels of a node's branches ("committed", "open", "deadline=extend").
  std::vector<std::string> branch_labels(std::size_t node) const;
  std::size_t num_players() const { return player_ids.size(); }
};

struct SequenceBuildOptions {
  BuildOptions build;
  bool reveal_types = false;
  std::optional<std::size_t> reveal_types_to;  // a player index
};

// An upper bound on the tree's nodes (no early stop), for budgets and memory
// estimates before anything is built. Throws InputError on a bad `rounds`.
double sequence_node_bound(const Scenario& scenario);

// Throws InputError if the scenario has no `sequence:` block.
SequenceTree build_sequence_tree(const Scenario& scenario, const SequenceBuildOptions& options = {});

}  // namespace negsim
