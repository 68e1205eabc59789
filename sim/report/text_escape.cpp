#include "sim/report/text_escape.hpp"

#include <charconv>
#include <cstdio>

#include "models/io/utf8.hpp"

namespace negsim {

namespace {

void append_hex(std::string& out, const char* prefix, unsigned value) {
  char buffer[12];
  std::snprintf(buffer, sizeof buffer, "%s%02X", prefix, value);
  out += buffer;
}

// Shared by text_line and text_block: `keep_newline` keeps '\n'.
std::string escape_text(std::string_view text, bool keep_newline) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      if ((c < 0x20 && !(keep_newline && c == '\n')) || c == 0x7F) append_hex(out, "\\x", c);
      else out += static_cast<char>(c);
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      append_hex(out, "\\x", c);  // not UTF-8: show the byte
      ++at;
      continue;
    }
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F (0x9B is a CSI).
    if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0)
      append_hex(out, "\\u00", static_cast<unsigned char>(text[at + 1]));
    else
      out.append(text.substr(at, length));
    at += length;
  }
  return out;
}

bool is_number(std::string_view text) {
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;  // from_chars takes no '+'
  const auto result = std::from_chars(first, last, value);
  return first != last && result.ec == std::errc() && result.ptr == last;
}

}  // namespace

std::string text_line(std::string_view text) { return escape_text(text, false); }

std::string text_block(std::string_view text) { return escape_text(text, true); }

std::string text_paragraph(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (char c : text) {
    const bool blank = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (blank) {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
    } else {
      folded += c;
    }
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return escape_text(folded, false);
}

std::string valid_utf8_copy(std::string_view text) {
  if (first_invalid_utf8(text) == kValidUtf8) return std::string(text);
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

void append_csv_cell(std::string& out, std::string_view raw) {
  const std::string text = valid_utf8_copy(raw);
  // A spreadsheet runs a cell that starts like a formula (OWASP "CSV
  // injection"); numbers such as -3.5 or +2 stay numbers.
  const bool formula = !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                                         text.front() == '@' || text.front() == '\t' || text.front() == '\r') &&
                       !is_number(text);
  const bool quote = formula || text.find_first_of(",\"") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (quote) out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) out += ' ';
    else if (c == '"') out += "\"\"";
    else out += c;
  }
  if (quote) out += '"';
}

std::string csv_cell(std::string_view text) {
  std::string out;
  append_csv_cell(out, text);
  return out;
}

CsvLineCells split_csv_line(std::string_view line) {
  CsvLineCells out;
  out.cells.emplace_back();
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    std::string& cell = out.cells.back();
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == ',') {
      out.cells.emplace_back();
    } else if (c != '\r') {
      cell += c;
    }
  }
  out.closed = !quoted;
  return out;
}

}  // namespace negsim
