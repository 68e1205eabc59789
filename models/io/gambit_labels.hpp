// Labels that Gambit 16.7 accepts, made from any labels (what write_efg uses;
// the rules: models/io/gambit_acceptance.hpp).
//
//  - ascii_label: ASCII text stays as it is. Otherwise each non-ASCII
//    character is transliterated: Latin letters lose their accents (é -> e,
//    Ł -> L, ß -> ss, æ -> ae, Œ -> OE, þ -> th), typographic punctuation
//    becomes its ASCII look-alike (dashes and the minus sign -> "-", curly
//    quotes -> ' and ", ellipsis -> "...", no-break space -> " ", « » -> << >>,
//    × -> x, € -> EUR, bullet -> *), and any other character becomes
//    <U+XXXX> (its code point, upper-case hex, at least four digits: 美 ->
//    <U+7F8E>). Bytes that are not UTF-8 become <0xNN>. Not reversible: the
//    reader keeps what it reads.
//  - UniqueLabels::claim: the label itself the first time; a non-empty label
//    already claimed gets the first free suffix " (2)", " (3)", ... . Empty
//    labels are never changed. So a game whose labels are unique and ASCII
//    is written unchanged.
// Complexity: O(length) per label (expected; hash set).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace negsim {

std::string ascii_label(std::string_view text);
bool is_ascii(std::string_view text);

class UniqueLabels {
 public:
  std::string claim(std::string label);

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, std::size_t> next_suffix_;
};

}  // namespace negsim
