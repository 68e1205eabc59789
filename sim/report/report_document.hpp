// A report as structured content (sections of paragraphs, lists, tables and
// charts), written out by the HTML and Markdown writers
// (sim/report/html_report.hpp, markdown_report.hpp). Building the document
// formats results; it computes nothing a solver or an analysis computes.
#pragma once

#include <string>
#include <vector>

namespace negsim {

struct ReportTable {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as header
  std::vector<bool> numeric;                   // per column: right-aligned (optional)
};

// A picture with its text alternative: `title` and `desc` are also inside
// the SVG (<title>, <desc>); `data` is the table a reader (or a screen
// reader) can use instead of the picture.
struct ReportChart {
  std::string name;   // file stem in Markdown output ("sequential_tree"), unique per document
  std::string title;
  std::string desc;
  std::string svg;    // a complete <svg> element
  ReportTable data;
};

struct ReportBlock {
  enum class Kind { Paragraph, List, Table, Chart, Note };
  Kind kind = Kind::Paragraph;
  std::string text;                // Paragraph, Note
  std::vector<std::string> items;  // List
  ReportTable table;
  ReportChart chart;

  static ReportBlock paragraph(std::string text);
  static ReportBlock note(std::string text);
  static ReportBlock list(std::vector<std::string> items);
  static ReportBlock of(ReportTable table);
  static ReportBlock of(ReportChart chart);
};

struct ReportSection {
  std::string id;       // anchor ("bottom-line")
  std::string heading;
  std::vector<ReportBlock> blocks;
};

struct ReportDocument {
  std::string title;
  std::vector<std::string> subtitle;  // lines under the title (scenario file, overrides)
  std::vector<ReportSection> sections;
  std::string generator;              // "negsim 0.x" (a footer line)
};

// Writes `document` to `path` as "html" (html_report.hpp) or "markdown"
// (markdown_report.hpp: the pictures beside it), atomically.
void write_report_document(const ReportDocument& document, const std::string& path, const std::string& format);

}  // namespace negsim
