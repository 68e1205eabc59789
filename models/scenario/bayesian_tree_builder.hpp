// A Bayesian game without sequence (a scenario with `types:` and no
// `sequence:`) as an extensive-form game (Harsanyi 1967-68): what
// `negsim export SCENARIO --efg FILE` writes for it, so Gambit and
// `negsim solve FILE.efg` see the types instead of the prior-averaged game.
//
// Contract
//  - The root is a chance move over the type profiles of positive prior
//    probability (TypePrior::profiles, in order, labelled like "weak" or
//    "committed, hardline"), its probabilities the shortest decimals of the
//    prior's doubles (0.1 is 1/10), the last 1 minus the others, so they sum
//    to exactly 1 (as the sequence export does).
//  - Below it each player moves once, in player order, knowing only its own
//    type: one information set per (player, type) of positive probability,
//    labelled "NAME, knowing its type (TYPE)" ("NAME" for an untyped player);
//    later movers do not see earlier moves (the one-shot game is
//    simultaneous). Actions as in build_normal_form (`lever=value,...`).
//  - The leaf payoffs are the complete-information game at the drawn type
//    profile (TypeAgentGame::per_type, exact when it has exact payoffs), so
//    the tree's agent form is the type-agent form: a pure profile of the
//    agents is a Bayesian Nash equilibrium iff it is one of the tree.
//  - Perfect recall by construction (each player moves once).
//  - Memory: the node count (profiles x (1 + n1 + n1 n2 + ...)) is checked
//    against the memory budget before building (LimitError).
// Complexity: O(type profiles * action profiles * players).
#pragma once

#include <string>

#include "models/game/extensive_form.hpp"
#include "models/scenario/type_agent_builder.hpp"

namespace negsim {

ExtensiveFormGame bayesian_extensive_form(const TypeAgentGame& game, const std::string& title = "");

}  // namespace negsim
