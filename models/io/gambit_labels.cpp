#include "models/io/gambit_labels.hpp"

#include <cstdio>

#include "models/io/utf8.hpp"

namespace negsim {

namespace {

// U+00C0..U+00FF.
const char* const kLatin1[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
    "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "/", "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F (Latin Extended-A), one base letter each, but the ligatures
// U+0132/0133 (IJ) and U+0152/0153 (OE), handled apart.
constexpr std::string_view kLatinExtendedA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUu"
    "UuWwYyYZzZzZzs";
static_assert(kLatinExtendedA.size() == 0x80);

std::string transliterate(char32_t c) {
  if (c >= 0xC0 && c <= 0xFF) return kLatin1[c - 0xC0];
  if (c == 0x132) return "IJ";
  if (c == 0x133) return "ij";
  if (c == 0x152) return "OE";
  if (c == 0x153) return "oe";
  if (c >= 0x100 && c <= 0x17F) return std::string(1, kLatinExtendedA[c - 0x100]);
  switch (c) {
    case 0xA0: return " ";
    case 0xAB: return "<<";
    case 0xBB: return ">>";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return "-";
    case 0x2018: case 0x2019: case 0x201A: return "'";
    case 0x201C: case 0x201D: case 0x201E: return "\"";
    case 0x2022: return "*";
    case 0x2026: return "...";
    case 0x20AC: return "EUR";
    default: break;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "<U+%04X>", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string ascii_label(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto b = static_cast<unsigned char>(text[at]);
    if (b < 0x80) {
      out += text[at++];
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "<0x%02X>", b);
      out += buffer;
      ++at;
      continue;
    }
    char32_t c = b & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (std::size_t i = 1; i < length; ++i) c = (c << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    out += transliterate(c);
    at += length;
  }
  return out;
}

std::string UniqueLabels::claim(std::string label) {
  if (label.empty()) return label;
  if (used_.insert(label).second) return label;
  // The next suffix to try for this label: k repeats cost O(k), not O(k^2).
  std::size_t& k = next_suffix_.try_emplace(label, 2).first->second;
  for (;; ++k) {
    std::string candidate = label + " (" + std::to_string(k) + ")";
    if (used_.insert(candidate).second) return candidate;
  }
}

}  // namespace negsim
