#include "sim/report/markdown_report.hpp"

#include <filesystem>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"

namespace negsim {

namespace {

std::string escape_markdown(std::string_view text, bool in_table) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += ' ';
      continue;
    }
    if (c == '\\' || c == '`' || c == '*' || c == '[' || c == ']' || c == '<' || (in_table && c == '|'))
      out += '\\';
    out += c;
  }
  return out;
}

std::string table_markdown(const ReportTable& table) {
  std::string out;
  if (!table.caption.empty()) out += "**" + escape_markdown(table.caption, false) + "**\n\n";
  out += "|";
  for (const std::string& h : table.header) out += " " + escape_markdown(h, true) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < table.header.size(); ++c)
    out += (c < table.numeric.size() && table.numeric[c]) ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + escape_markdown(cell, true) + " |";
    out += "\n";
  }
  return out + "\n";
}

}  // namespace

MarkdownReport markdown_report(const ReportDocument& doc, const std::string& folder) {
  MarkdownReport report;
  std::string& out = report.text;
  out += "# " + escape_markdown(doc.title, false) + "\n\n";
  for (const std::string& line : doc.subtitle) out += escape_markdown(line, false) + "  \n";
  out += "\n";
  for (const ReportSection& s : doc.sections) {
    out += "## " + escape_markdown(s.heading, false) + "\n\n";
    for (const ReportBlock& b : s.blocks) {
      switch (b.kind) {
        case ReportBlock::Kind::Paragraph: out += escape_markdown(b.text, false) + "\n\n"; break;
        case ReportBlock::Kind::Note: out += "> " + escape_markdown(b.text, false) + "\n\n"; break;
        case ReportBlock::Kind::List:
          for (const std::string& item : b.items) out += "- " + escape_markdown(item, false) + "\n";
          out += "\n";
          break;
        case ReportBlock::Kind::Table: out += table_markdown(b.table); break;
        case ReportBlock::Kind::Chart: {
          const ReportChart& c = b.chart;
          if (!folder.empty()) {
            const std::string file = folder + "/" + c.name + ".svg";
            out += "![" + escape_markdown(c.title, false) + "](" + file + ")\n\n";
            report.files.push_back({file, c.svg});
          } else {
            out += "**" + escape_markdown(c.title, false) + "**\n\n";
          }
          out += "*" + escape_markdown(c.desc, false) + "*\n\n";
          if (!c.data.rows.empty()) out += table_markdown(c.data);
          break;
        }
      }
    }
  }
  out += "---\nWritten by negsim. Every equilibrium shown was verified independently of the method that found it.\n";
  return report;
}

std::string markdown_picture_folder(const std::string& markdown_path) {
  return std::filesystem::path(markdown_path).stem().string() + "_files";
}

void write_markdown_report(const ReportDocument& document, const std::string& path) {
  const MarkdownReport report = markdown_report(document, markdown_picture_folder(path));
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  if (!report.files.empty()) {
    const std::filesystem::path folder = base / markdown_picture_folder(path);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder))
      throw InputError(folder.string(), 0, 0, "cannot create the folder for the report's pictures",
                       "check that the folder of --out is writable");
  }
  for (const auto& [file, content] : report.files) write_file_atomically((base / file).string(), content);
  write_file_atomically(path, report.text);
}

}  // namespace negsim
