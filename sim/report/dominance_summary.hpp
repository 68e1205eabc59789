// Iterated dominance summarised per lever, in words: instead of one line per
// removed move ("United States would never play tariff 0%, chips ease,
// deadline enforce" ... 28 times), a few sentences such as "United States
// never plays chips ease or hold" and "... never plays tariff below 30%
// while chips tighten", computed from the removal list.
//
// Contract
//  - For each player, the removed moves (every DominanceStep of that player)
//    are covered exactly by "blocks": products of a set of values per lever.
//    A block contains removed moves and moves the constraints exclude (which
//    do not exist), never a surviving move, so each sentence is true as
//    written and together they say which moves were removed, no more.
//  - Method: every block that holds no surviving move is a candidate; only
//    maximal ones are kept (no candidate strictly contains them); a greedy
//    cover then takes the block covering the most removed moves not yet
//    covered (ties: fewer restricted levers, then the first in lever order).
//    Greedy is not always the smallest cover; it is exact and short on
//    scenario-sized lever sets.
//  - Sentences: levers with every value in the block are not mentioned; a
//    numeric lever's values read as a range when they are contiguous
//    ("tariff below 30%", "tariff 10% to 20%", "tariff at least 20%"); the
//    labelled levers are what the player "never plays", numeric ones the
//    condition ("while ..."), unless all restricted levers are numeric.
//  - `rounds` lists the dominance rounds whose steps the block covers, for
//    "(after round 1's removals)" style notes.
// Complexity: per player, O(B * A) with B = prod_l (2^|values_l| - 1)
// candidate blocks and A moves; refuses (falls back to one block per removed
// move) when B exceeds 2^16.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/solve/dominance.hpp"

namespace negsim {

struct DominanceBlock {
  std::size_t player = 0;
  // values[l]: the value indices of lever l in the block (all of them when
  // the lever is not restricted).
  std::vector<std::vector<std::size_t>> values;
  std::size_t removed = 0;          // removed moves it covers (not counting excluded ones)
  std::vector<std::size_t> rounds;  // dominance rounds of those removals, ascending
  std::string text;                 // "United States never plays chips ease or hold"
};

struct DominanceSummary {
  std::vector<DominanceBlock> blocks;  // by player, then as the cover chose them
  // Per player: the surviving moves in words when there are at most 3 of
  // them, else "k of n moves"; "" for a player with nothing removed.
  std::vector<std::string> surviving;
  std::size_t steps = 0;  // removals summarised
};

DominanceSummary summarize_dominance(const Scenario& scenario, const ScenarioGame& built,
                                     const DominanceResult& dominance);

}  // namespace negsim
