// What Gambit 16.7 refuses in an .efg file that the format itself allows, as
// an independent check of the text negsim writes (../shared/games/gambit-efg/
// EXPECTED.md and Gambit's GameNodeRep::SetLabel / CheckInfosetLabel):
//   1. a non-empty node label that repeats anywhere in the game
//      ("Node label must be unique within the game");
//   2. a non-empty information-set label that repeats among one player's
//      information sets, chance counting as one player
//      ("Infoset label must be unique for the player");
//   3. a quoted string (title, comment, player, node, information set,
//      action or outcome label) with a byte outside ASCII.
// Empty labels may repeat. An information set's label is the one at its
// first node (a restated label is Gambit's to ignore).
//
// This is a scanner of its own (a few tokens and the node-line grammar of
// models/io/efg.hpp), not read_efg: it checks what a file says, so it stays
// independent of the reader and the writer it checks. Text that is not an
// .efg node list is reported as a problem too. Imperfect recall, which Gambit
// reads but will not solve, is a property of the game, not of its labels:
// ExtensiveFormGame::has_perfect_recall().
//
// Complexity: O(bytes) expected (hash sets of labels).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace negsim {

struct GambitAcceptanceProblem {
  int line = 0, column = 0;  // 1-based, of the offending string (columns count bytes)
  std::string message;       // "node label \"x\" repeats (first at line 4)"
};

// The first thing Gambit 16.7 would refuse, in file order; nullopt if none.
std::optional<GambitAcceptanceProblem> gambit_acceptance_problem(std::string_view efg_text);

}  // namespace negsim
