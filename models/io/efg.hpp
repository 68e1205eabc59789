// Gambit extensive-game (.efg) files: reading and writing.
//
// Format (Gambit, "Game representation formats"):
//   EFG 2 R "title" { "Player 1" "Player 2" ... }
//   "optional comment"
//   then the nodes in depth-first preorder, one per line:
//   p "node" PLAYER INFOSET ["infoset" { "a1" "a2" ... }] OUTCOME ["outcome" { u1, u2, ... }]
//   c "node" INFOSET ["infoset" { "a1" p1 "a2" p2 ... }] OUTCOME ["outcome" { ... }]
//   t "node" OUTCOME ["outcome" { u1, u2, ... }]
// INFOSET numbers are per player (and for chance); the bracketed parts may be
// left out once the information set or outcome has been defined. OUTCOME 0 is
// no outcome. Numbers: integers, decimals, exponents, rationals p/q (exact).
// Commas between payoffs are optional; whitespace is not significant.
//
// Contract
//  - read_efg accepts `EFG 2 R` and `EFG 2 D`; labels may repeat and may be
//    any UTF-8 (Gambit 16.7 refuses repeated node labels and non-ASCII; the
//    format does not forbid them). Chance probabilities must sum to exactly 1.
//    An information set or outcome seen again must agree with its first
//    definition (action count, actions, probabilities, payoffs) when restated.
//  - Every error is an InputError "file:line:col: what was expected" with a hint.
//  - The game comes back finalized; imperfect recall is not a read error
//    (it is reported by the game: has_perfect_recall()).
//  - write_efg writes `EFG 2 R` as Gambit does (every node restates its
//    information set and outcome); numbers are exact: decimals when the
//    rational has a finite decimal expansion, else p/q. Information sets are
//    numbered by canonical order, outcomes by first use in preorder (unused
//    outcomes are dropped).
//  - By default the file is one Gambit 16.7 accepts, whatever the game's
//    labels (models/io/gambit_acceptance.hpp checks it): every string is
//    ASCII (non-ASCII transliterated, models/io/gambit_labels.hpp), and a
//    non-empty node label, or information-set label of one player (chance
//    included), that repeats gets a suffix " (2)", " (3)", ... in preorder.
//    read_efg(write_efg(g)) is the same game, labels included, when g's
//    labels already obey those rules (then nothing is renamed), and the same
//    game up to those renamed labels otherwise; write_efg(read_efg(write_efg(
//    g))) == write_efg(g) always. EfgWriteOptions::gambit_labels = false
//    writes the labels as they are.
//
// Complexity: O(bytes + nodes * players). Recursion-free (deep trees are fine).
#pragma once

#include <string>
#include <string_view>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"

namespace negsim {

ExtensiveFormGame read_efg(std::string_view text, const std::string& file_name = "");
// Reads the file; a missing or unreadable file is an InputError naming the path.
ExtensiveFormGame read_efg_file(const std::string& path);

struct EfgWriteOptions {
  // true: labels Gambit 16.7 accepts (models/io/gambit_labels.hpp); false:
  // every label exactly as the game has it (repeats and UTF-8 kept).
  bool gambit_labels = true;
};

std::string write_efg(const ExtensiveFormGame& game, const EfgWriteOptions& options = {});
// Atomic (models/io/atomic_file.hpp).
void write_efg_file(const std::string& path, const ExtensiveFormGame& game, const EfgWriteOptions& options = {});

// An exact number as text: "3", "-0.25", "1/3".
std::string exact_number_text(const mpq_class& value);

}  // namespace negsim
