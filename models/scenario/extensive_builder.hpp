// A scenario's sequence tree (models/scenario/sequence_builder.hpp) as the
// project's extensive-form game (models/game/extensive_form.hpp), so that the
// extensive-form solvers, the independent behaviour verifier and the Gambit
// .efg writer apply to scenarios with types, chance and information.
//
// Contract
//  - Players are the scenario's players (display names), in order. The type
//    draw at the root and every chance step become chance information sets
//    (one per chance node; labels: the type profiles and the outcomes);
//    terminal payoffs are outcomes on the leaves. Each information set of the
//    tree becomes one information set (same order of first appearance in
//    preorder, which is the tree's), labelled with what the mover knows and
//    with the tree's action labels.
//  - infoset_of[h] is the game's information set of tree information set h;
//    node_of[x] the game's node of tree node x.
//  - The game is finalized and has perfect recall (the builder guarantees it;
//    a failure is a bug and throws std::logic_error naming the set).
//  - behavior_of(pure actions per tree information set) gives the behaviour
//    profile over the game's information sets (chance rows hold the chance
//    probabilities).
// Complexity: O(nodes * players).
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

}  // namespace negsim
