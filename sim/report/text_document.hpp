// A ReportDocument as plain text for the terminal (`negsim report SWEEP.csv
// --format text`): the title and its lines, each section under its heading,
// paragraphs and notes as lines, lists as "  - " items, tables with their
// caption in aligned columns (numbers right-aligned), and each picture as its
// title, its description in words and the table of its numbers (the text
// alternative the HTML and Markdown carry too). Same content as the HTML and
// Markdown writers (html_report.hpp, markdown_report.hpp), no pictures.
// The CLI escapes control characters of the whole output (text_escape.hpp).
// Complexity: linear in the document's text.
#pragma once

#include <string>

#include "sim/report/report_document.hpp"

namespace negsim {

std::string text_report(const ReportDocument& document);

}  // namespace negsim
