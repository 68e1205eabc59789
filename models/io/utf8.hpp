// UTF-8 checking for text that enters negsim (scenario files, .nfg files).
//
// Every string negsim reads may end up in a JSON report, and JSON is UTF-8:
// a title in Latin-1 would make the JSON writer fail at the very end of a run.
// So the loaders check their whole input once, where it enters, and report
// the first bad byte as file:line:col. Well-formed means RFC 3629: no
// overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
//
// Complexity: one pass, O(bytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace negsim {

inline constexpr std::size_t kValidUtf8 = static_cast<std::size_t>(-1);

// The offset of the first byte that does not start a well-formed UTF-8
// sequence, or kValidUtf8.
std::size_t first_invalid_utf8(std::string_view text);

// Length of the well-formed sequence starting at text[at] (1..4), or 0 if
// the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// Throws InputError "FILE:LINE:COL: the file is not valid UTF-8 (byte 0xNN)"
// with a hint to convert it, if `text` is not well-formed.
void require_utf8(std::string_view text, const std::string& file);

}  // namespace negsim
