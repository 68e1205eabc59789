// Gambit's equilibrium lines: "NE,p1,p2,...", one mixed profile per line, the
// probabilities in player-then-strategy order (player 1's strategies first).
//
// Contract
//  - parse_ne_line reads one line for a given game: exactly num_strategies()
//    probabilities, each a rational (1/2), integer or decimal (0.333333); all
//    >= 0; each player's probabilities sum to 1 within 1e-4 (Gambit's decimal
//    output is rounded, its rational output is exact). Decimals are kept as
//    exact rationals (0.25 is 1/4).
//  - read_ne_lines reads every non-blank line of a file such as
//    ../shared/games/gambit/expected/NAME.pure; errors give line and column.
//  - format_ne_line writes the same form: exact rationals ("1/2", "0", "1"),
//    or decimals with a fixed number of digits like Gambit's -d option.
// Complexity: linear in the length of the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/game/normal_form.hpp"

namespace negsim {

// file and line are for error messages (line 0: unknown).
ExactMixedProfile parse_ne_line(std::string_view line, const NormalFormGame& game,
                                const std::string& file = "", int line_number = 0);
std::vector<ExactMixedProfile> read_ne_lines(std::string_view text, const NormalFormGame& game,
                                             const std::string& file = "");
// Reads a file of NE lines (InputError if it cannot be read).
std::vector<ExactMixedProfile> read_ne_file(const std::string& path, const NormalFormGame& game);

std::string format_ne_line(const ExactMixedProfile& profile);
// Fixed-point decimals with `digits` digits after the point (Gambit's -d).
std::string format_ne_line(const MixedProfile& profile, int digits);

// Conversions between exact and floating profiles.
MixedProfile to_double_profile(const ExactMixedProfile& profile);

}  // namespace negsim
