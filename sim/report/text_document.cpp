#include "sim/report/text_document.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/report/text_escape.hpp"

namespace negsim {

namespace {

// Width on a terminal: UTF-8 code points (continuation bytes do not count).
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void table(std::string& out, const ReportTable& source) {
  ReportTable t = source;  // cells folded to one line each (a source's text may hold line breaks)
  for (std::string& h : t.header) h = text_paragraph(h);
  for (auto& row : t.rows)
    for (std::string& cell : row) cell = text_paragraph(cell);
  if (!t.caption.empty()) out += text_paragraph(t.caption) + "\n";
  const std::size_t columns = t.header.size();
  std::vector<std::size_t> widths(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) widths[c] = width(t.header[c]);
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      const std::size_t pad = widths[c] - width(cell);
      const bool right = c < t.numeric.size() && t.numeric[c];
      text.push_back(' ');
      if (right) text.append(pad, ' ');
      text.append(cell);
      if (!right) text.append(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  line(t.header);
  std::string rule = " ";
  for (std::size_t c = 0; c < columns; ++c) rule.append(1, ' ').append(widths[c], '-');
  out.append(rule).append(1, '\n');
  for (const auto& row : t.rows) line(row);
}

}  // namespace

std::string text_report(const ReportDocument& document) {
  std::string out = text_paragraph(document.title) + "\n";
  for (const std::string& s : document.subtitle) out += text_paragraph(s) + "\n";
  for (const ReportSection& section : document.sections) {
    out += "\n" + section.heading + "\n" + std::string(width(section.heading), '=') + "\n";
    bool first = true;
    for (const ReportBlock& block : section.blocks) {
      if (!first) out += "\n";
      first = false;
      switch (block.kind) {
        case ReportBlock::Kind::Paragraph: out += text_paragraph(block.text) + "\n"; break;
        case ReportBlock::Kind::Note: out += "Note: " + text_paragraph(block.text) + "\n"; break;
        case ReportBlock::Kind::List:
          for (const std::string& item : block.items) out += "  - " + text_paragraph(item) + "\n";
          break;
        case ReportBlock::Kind::Table: table(out, block.table); break;
        case ReportBlock::Kind::Chart:
          out += "Picture (in the HTML and Markdown reports): " + text_paragraph(block.chart.title) + "\n" +
                 text_paragraph(block.chart.desc) + "\n\n";
          table(out, block.chart.data);
          break;
      }
    }
  }
  out += "\nWritten by negsim" + (document.generator.empty() ? std::string() : " (" + document.generator + ")") +
         ". Every equilibrium shown was verified independently of the method that found it.\n";
  return out;
}

}  // namespace negsim
