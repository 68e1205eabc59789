// Making user text (titles, names, labels, file names) safe to print.
//
// A scenario or .nfg file is text from anyone: a title may hold a line break
// that forges a report line ("NE,1,0,0,1"), an escape sequence that moves the
// terminal's cursor or retitles its window, or bytes that are not UTF-8. The
// loaders refuse invalid UTF-8 (models/io/utf8.hpp); everything printed as
// text goes through one of these functions, and every CSV cell through
// csv_cell.
//
//  - text_line: one line. Every control character (C0 including line breaks
//    and tabs, DEL, and the C1 range U+0080..U+009F, which terminals read as
//    escapes too) becomes a visible `\xNN` / `\u00NN`; invalid UTF-8 bytes
//    become `\xNN`. Printable text, including non-ASCII letters, is unchanged.
//  - text_paragraph: free text from the file (a description, a lever's or
//    parameter's doc) printed inside a report line: line breaks, CRs and tabs
//    (a YAML block scalar's lines) fold into single spaces, so the text
//    continues the line it is printed in and can never start a line of its
//    own ("\nNE,1,0" cannot forge an NE line); then as text_line.
//  - text_block: a whole report. Like text_line but keeps '\n' (the report's
//    own line breaks). Applied by the CLI to every text output (cli::emit), so
//    no writer can let an escape through.
//  - csv_cell: one RFC 4180 field. Quoted when it holds a comma, quote, or
//    leading/trailing blank; control characters become spaces (a row stays one
//    line); invalid UTF-8 bytes become U+FFFD; and text that a spreadsheet
//    would run as a formula (first character = + - @, tab or CR) gets a
//    leading apostrophe, unless the whole cell is a number such as -3.5.
//  - valid_utf8_copy: invalid bytes replaced by U+FFFD (for JSON writers).
//  - split_csv_line: the inverse of csv_cell over one line: the cells of a CSV
//    line as the sweep writes it (a cell is quoted only from its first
//    character; "" inside quotes is one quote; a CR outside quotes is
//    dropped). The sweep's readers (resume, merge, refine, report) all use it.
//
// Complexity: linear in the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negsim {

std::string text_line(std::string_view text);
std::string text_paragraph(std::string_view text);
std::string text_block(std::string_view text);
void append_csv_cell(std::string& out, std::string_view text);
std::string csv_cell(std::string_view text);
std::string valid_utf8_copy(std::string_view text);

struct CsvLineCells {
  std::vector<std::string> cells;  // at least one (an empty line is one empty cell)
  bool closed = true;              // false: a quoted cell runs to the end of the line
};
CsvLineCells split_csv_line(std::string_view line);

}  // namespace negsim
