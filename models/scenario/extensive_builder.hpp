// A scenario's sequence tree (models/scenario/sequence_builder.hpp) as the
// project's extensive-form game (models/game/extensive_form.hpp), so that the
// extensive-form solvers, the independent behaviour verifier and the Gambit
// .efg writer apply to scenarios with types, chance and information.
//
// Contract
//  - Players are the scenario's players (display names), in order. The type
//    draw at the root and every chance step become chance information sets
//    (one per chance node; actions: the type profiles and the outcomes;
//    labels: "types" and sequence_chance_label, unique);
//    terminal payoffs are outcomes on the leaves. Each information set of the
//    tree becomes one information set (same order of first appearance in
//    preorder, which is the tree's), labelled with what the mover knows (the
//    tree's SequenceKnowledge, put in words only when the game's
//    infoset_label() is read: a writer or a report) and with the tree's action
//    labels (shared tables, not copies). Leaf payoffs are kept as the doubles
//    they are (their exact values are made when an exact method asks).
//  - infoset_of[h] is the game's information set of tree information set h;
//    node_of[x] the game's node of tree node x.
//  - The game is finalized and has perfect recall (the builder guarantees it;
//    a failure is a bug and throws std::logic_error naming the set).
//  - behavior_of(pure actions per tree information set) gives the behaviour
//    profile over the game's information sets (chance rows hold the chance
//    probabilities).
// Complexity: O(nodes * players); no information set is put in words.
#pragma once

#include <cstddef>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "models/scenario/sequence_builder.hpp"

namespace negsim {

struct ScenarioExtensiveForm {
  ExtensiveFormGame game;
  std::vector<std::size_t> infoset_of;  // tree information set -> game information set
  std::vector<std::size_t> node_of;     // tree node -> game node

  BehaviorProfile behavior_of(const std::vector<std::size_t>& actions) const;
};

ScenarioExtensiveForm build_extensive_form(const SequenceTree& tree, const std::string& title = "");

// The same game straight from the scenario, in one pass: the walk that builds
// the sequence tree fills the model as it goes (no tree, no copies). node_of
// is empty; infoset_of numbers the tree's sets as build_sequence_tree would.
// Its .efg is byte-identical to build_extensive_form(build_sequence_tree(
// scenario, options), title)'s. Errors and budgets: build_sequence_tree's.
ScenarioExtensiveForm build_scenario_extensive_form(const Scenario& scenario, const SequenceBuildOptions& options = {},
                                                    const std::string& title = "");
// Both in one pass: the tree is written to `tree` (for analyses reading both).
ScenarioExtensiveForm build_scenario_extensive_form(const Scenario& scenario, const SequenceBuildOptions& options,
                                                    const std::string& title, SequenceTree& tree);

// The label of a sequence's chance information set: the event, its round and
// the node's number among that event's nodes of that round in preorder
// ("moment in round 2, #3"), so that no two chance sets share a label
// (Gambit 16.7 refuses repeated labels; the root's type draw is "types").
std::string sequence_chance_label(const std::string& event, std::size_t round, std::size_t number);

// Exact chance probabilities from a scenario's doubles: the short decimals the
// scenario wrote (0.1, not its binary neighbour; 12 significant digits), the
// last one 1 minus the others so that they sum to exactly 1 (the doubles sum
// to 1 within 1e-9).
std::vector<mpq_class> exact_chance_probabilities(const std::vector<double>& probabilities);

}  // namespace negsim
