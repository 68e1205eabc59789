// Gambit strategic-game (.nfg) files: reading, writing and a random generator.
//
// Contract
//  - read_nfg accepts Gambit's format, version 1, both headers (`NFG 1 R` and
//    the older `NFG 1 D`) and both bodies:
//      NFG 1 R "title" { "P1" "P2" ... }  { 2 3 ... }            (action counts)
//      NFG 1 R "title" { "P1" ... }  { { "a" "b" } { "c" "d" "e" } }  (labels)
//    then an optional comment string, then either
//      a payoff list: num_profiles * num_players numbers, profile by profile in
//        Gambit order (player 1's action changes fastest), all players' payoffs
//        for one profile before the next profile; or
//      an outcome list: { { "name" u1, u2, ... } ... } followed by one outcome
//        number per profile (1-based; 0 is the null outcome, all payoffs zero).
//    Commas between numbers are optional. Numbers: integers, decimals,
//    exponents (1e-3, 2.5E+4), rationals p/q, each with an optional sign.
//    Strings: "..." with backslash escapes (\" and \\), newlines allowed.
//  - Title, comment, player names and action labels go to the NormalFormGame
//    fields; action counts without labels give labels "1", "2", ...
//  - Doubles are correctly rounded from the text. Exact rationals are also
//    kept when NfgReadOptions::exact says so (Auto: when the game has at most
//    kAutoExactLimit payoff entries = players * profiles): as the doubles
//    alone when every payoff is a short decimal (DecimalPayoffs, no work per
//    payoff), else as 64-bit fractions (ExactPayoffTable: from the first
//    payoff that is not one, those before it recovered from their doubles;
//    the body is read once either way).
//  - Every error is an InputError "file:line:col: what was expected" with a
//    hint; nothing is allocated for the payoff table before the header has
//    been checked against the size of the remaining text.
//  - write_nfg writes Gambit's `NFG 1 R` form that Gambit itself reads back;
//    payoffs are the exact rationals when the game has them, else the
//    shortest decimal that reads back to the same double. read(write(g))
//    gives g again (players, labels, title, comment, payoffs).
//
// Complexity: one pass over the text, O(bytes); no per-token allocation on the
// payoff-list path (hand-written scanner, Clinger's fast path for decimals with
// std::from_chars as the correctly-rounded fallback). See docs/solvers/nfg_format.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim {

enum class ExactMode { Never, Auto, Always };

// Auto keeps exact payoffs up to this many payoff entries (players * profiles).
inline constexpr std::size_t kAutoExactLimit = 1'000'000;

struct NfgReadOptions {
  std::string file_name;  // used in error messages only
  ExactMode exact = ExactMode::Auto;
};

NormalFormGame read_nfg(std::string_view text, const NfgReadOptions& options = {});
// Reads the whole file with one read. A missing or unreadable file is an
// InputError naming the path. options.file_name defaults to path.
NormalFormGame read_nfg_file(const std::string& path, NfgReadOptions options = {});

enum class NfgBodyStyle { PayoffList, OutcomeList };

std::string write_nfg(const NormalFormGame& game, NfgBodyStyle style = NfgBodyStyle::PayoffList);
// Writes to a temporary file in the same folder, then renames it over path, so
// a failure never leaves a half-written file. Throws InputError on failure.
void write_nfg_file(const std::string& path, const NormalFormGame& game,
                    NfgBodyStyle style = NfgBodyStyle::PayoffList);

// Gambit's quoting of a label: "..." with " and \ escaped by a backslash.
std::string quote_nfg_string(std::string_view text);

// Generator for tests and benchmarks: a payoff-list .nfg with the given
// action counts and payoffs uniform on [0, 1) printed with `decimals` digits
// after the point (0 gives integers 0..9). Deterministic for a given seed.
// A 3-player 100x100x100 game with 6 decimals is about 27 MB.
std::string random_nfg_text(const std::vector<std::size_t>& sizes, std::uint64_t seed,
                            int decimals);
void write_random_nfg_file(const std::string& path, std::vector<std::size_t> sizes,
                           std::uint64_t seed, int decimals);

}  // namespace negsim
