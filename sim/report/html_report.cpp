#include "sim/report/html_report.hpp"

#include "sim/report/svg/svg_canvas.hpp"

namespace negsim {

namespace {

using svg::escape_xml;

constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1a1a1a; background: #ffffff; max-width: 1100px; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; }
.subtitle { color: #555555; margin: 0; }
nav ol { columns: 2; padding-left: 1.2rem; }
#bottom-line ul { font-size: 1.05rem; background: #f3f8fc; border-left: 4px solid #0072B2; padding: .8rem 1rem .8rem 2rem; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid #cccccc; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #eeeeee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1rem 0 1.5rem; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
.chart-desc { font-size: .85rem; color: #444444; }
.note { font-size: .9rem; color: #444444; border-left: 3px solid #E69F00; padding-left: .6rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #666666; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure.chart, table { break-inside: avoid; }
  figure.chart { overflow: visible; }
}
)";

std::string table_html(const ReportTable& table) {
  std::string out = "<table>\n";
  if (!table.caption.empty()) out += "<caption>" + escape_xml(table.caption) + "</caption>\n";
  out += "<thead><tr>";
  for (const std::string& h : table.header) out += "<th scope=\"col\">" + escape_xml(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool numeric = c < table.numeric.size() && table.numeric[c];
      out += std::string(numeric ? "<td class=\"num\">" : "<td>") + escape_xml(row[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

std::string block_html(const ReportBlock& block) {
  switch (block.kind) {
    case ReportBlock::Kind::Paragraph: return "<p>" + escape_xml(block.text) + "</p>\n";
    case ReportBlock::Kind::Note: return "<p class=\"note\">" + escape_xml(block.text) + "</p>\n";
    case ReportBlock::Kind::List: {
      std::string out = "<ul>\n";
      for (const std::string& item : block.items) out += "<li>" + escape_xml(item) + "</li>\n";
      return out + "</ul>\n";
    }
    case ReportBlock::Kind::Table: return table_html(block.table);
    case ReportBlock::Kind::Chart: {
      const ReportChart& c = block.chart;
      std::string out = "<figure class=\"chart\" id=\"figure-" + escape_xml(c.name) + "\">\n";
      out += "<figcaption>" + escape_xml(c.title) + "</figcaption>\n";
      out += c.svg;
      out += "<p class=\"chart-desc\">" + escape_xml(c.desc) + "</p>\n";
      out += "</figure>\n";
      if (!c.data.rows.empty()) out += table_html(c.data);
      return out;
    }
  }
  return "";
}

}  // namespace

std::string html_report(const ReportDocument& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + kReportContentSecurityPolicy + "\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<meta name=\"generator\" content=\"negsim\"/>\n";
  out += "<title>" + escape_xml(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + escape_xml(doc.title) + "</h1>\n";
  for (const std::string& line : doc.subtitle) out += "<p class=\"subtitle\">" + escape_xml(line) + "</p>\n";
  out += "</header>\n";
  if (doc.sections.size() > 2) {
    out += "<nav aria-label=\"Contents\">\n<ol>\n";
    for (const ReportSection& s : doc.sections)
      out += "<li><a href=\"#" + escape_xml(s.id) + "\">" + escape_xml(s.heading) + "</a></li>\n";
    out += "</ol>\n</nav>\n";
  }
  out += "<main>\n";
  for (const ReportSection& s : doc.sections) {
    out += "<section id=\"" + escape_xml(s.id) + "\">\n<h2>" + escape_xml(s.heading) + "</h2>\n";
    for (const ReportBlock& b : s.blocks) out += block_html(b);
    out += "</section>\n";
  }
  out += "</main>\n<footer>\n<p>Written by negsim" + (doc.generator.empty() ? "" : " (" + escape_xml(doc.generator) + ")") +
         ". Every equilibrium shown was verified independently of the method that found it.</p>\n</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace negsim
