#include "sim/report/report_document.hpp"

#include <utility>

#include "models/io/atomic_file.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/markdown_report.hpp"

namespace negsim {

ReportBlock ReportBlock::paragraph(std::string text) {
  ReportBlock b;
  b.kind = Kind::Paragraph;
  b.text = std::move(text);
  return b;
}

ReportBlock ReportBlock::note(std::string text) {
  ReportBlock b;
  b.kind = Kind::Note;
  b.text = std::move(text);
  return b;
}

ReportBlock ReportBlock::list(std::vector<std::string> items) {
  ReportBlock b;
  b.kind = Kind::List;
  b.items = std::move(items);
  return b;
}

ReportBlock ReportBlock::of(ReportTable table) {
  ReportBlock b;
  b.kind = Kind::Table;
  b.table = std::move(table);
  return b;
}

ReportBlock ReportBlock::of(ReportChart chart) {
  ReportBlock b;
  b.kind = Kind::Chart;
  b.chart = std::move(chart);
  return b;
}

void write_report_document(const ReportDocument& document, const std::string& path, const std::string& format) {
  if (format == "markdown") write_markdown_report(document, path);
  else write_file_atomically(path, html_report(document));
}

}  // namespace negsim
