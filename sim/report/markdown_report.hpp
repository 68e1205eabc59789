// A ReportDocument as Markdown (GitHub-flavoured: pipe tables), for pasting
// into briefs; each chart is a separate SVG file beside the Markdown file,
// referenced by a relative link, with its data table under it.
//
// Contract
//  - markdown_report(doc, folder) returns the Markdown text and the chart
//    files as (path relative to the Markdown file, content): folder/NAME.svg.
//    With an empty folder (output to standard output) no picture is linked
//    and none is returned; the data tables stay.
//  - Text is escaped where Markdown would read it as markup (\ ` * [ ] <
//    and | in tables); line breaks in cells become spaces.
//  - write_markdown_report writes the SVG files first, each atomically, then
//    the Markdown file atomically, so the Markdown never links a picture that
//    is not there. The folder is `<stem>_files` beside `path`.
// Complexity: linear in the document's size.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/report/report_document.hpp"

namespace negsim {

struct MarkdownReport {
  std::string text;
  std::vector<std::pair<std::string, std::string>> files;  // relative path, content
};

MarkdownReport markdown_report(const ReportDocument& document, const std::string& picture_folder);

// "report_files" for "out/report.md".
std::string markdown_picture_folder(const std::string& markdown_path);

void write_markdown_report(const ReportDocument& document, const std::string& path);

}  // namespace negsim
