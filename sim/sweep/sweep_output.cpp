#include "sim/sweep/sweep_output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "models/errors.hpp"
#include "models/io/utf8.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/sweep/sweep_identity.hpp"

namespace negsim {

namespace {

const char* const kFixedColumns[] = {"point", "analysis", "row", "rows", "status", "message"};

void append_integer(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_signed(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_number(std::string& out, double value, bool json) {
  if (!std::isfinite(value)) {
    out += json ? "null" : (std::isnan(value) ? "nan" : value > 0 ? "inf" : "-inf");
    return;
  }
  if (value == 0) {
    out += '0';
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// One CSV field: quoted as RFC 4180 needs, control characters as spaces,
// invalid UTF-8 as U+FFFD, and formula-like text (=, +, -, @ first) defused;
// numbers stay numbers (sim/report/text_escape.hpp).
void append_csv_text(std::string& out, std::string_view text) { append_csv_cell(out, text); }

// A JSON string: control characters as spaces (one row, one line), and bytes
// that are not UTF-8 as U+FFFD, so that a JSON lines file is always valid.
void append_json_text(std::string& out, std::string_view text) {
  out += '"';
  // Multi-byte sequences are copied whole (they hold no ASCII byte).
  for (const char c : valid_utf8_copy(text)) {
    if (is_control(c)) out += ' ';
    else if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  out += '"';
}

void append_cell(std::string& out, const SweepCell& cell, bool json) {
  switch (cell.index()) {
    case 0: break;
    case 1: append_signed(out, std::get<std::int64_t>(cell)); break;
    case 2: append_number(out, std::get<double>(cell), json); break;
    case 3:
      if (json) append_json_text(out, std::get<std::string>(cell));
      else append_csv_text(out, std::get<std::string>(cell));
      break;
  }
}

// Reads an unsigned decimal at text[pos...] up to `stop`; advances pos past it.
bool read_count(std::string_view text, std::size_t& pos, char stop, std::size_t& value) {
  const std::size_t end = text.find(stop, pos);
  if (end == std::string_view::npos || end == pos) return false;
  const auto result = std::from_chars(text.data() + pos, text.data() + end, value);
  if (result.ec != std::errc() || result.ptr != text.data() + end) return false;
  pos = end + 1;
  return true;
}

bool consume(std::string_view text, std::size_t& pos, std::string_view expected) {
  if (text.substr(pos, expected.size()) != expected) return false;
  pos += expected.size();
  return true;
}

}  // namespace

SweepLayout::SweepLayout(const SweepSpec& spec, const std::vector<SweepAnalysis>& analyses, SweepFormat format)
    : spec_(&spec), format_(format) {
  std::vector<std::string> reserved(std::begin(kFixedColumns), std::end(kFixedColumns));
  columns_.push_back("point");
  for (const SweepAxis& axis : spec.axes()) {
    if (std::find(reserved.begin(), reserved.end(), axis.name) != reserved.end())
      throw UsageError(axis.argument + ": '" + axis.name + "' clashes with a fixed output column");
    columns_.push_back(axis.name);
    reserved.push_back(axis.name);
    bool single = !axis.label_lever;
    for (const auto& level : axis.values) single = single && level.size() == 1;
    axis_is_number_.push_back(single);
  }
  columns_.insert(columns_.end(), {"analysis", "row", "rows", "status"});
  for (const SweepAnalysis& analysis : analyses) {
    analysis_names_.push_back(analysis.name);
    std::vector<std::size_t> mapping;
    for (const std::string& column : analysis.columns) {
      auto at = std::find(shared_columns_.begin(), shared_columns_.end(), column);
      if (at == shared_columns_.end()) {
        if (std::find(reserved.begin(), reserved.end(), column) != reserved.end())
          throw UsageError("analysis '" + analysis.name + "': column '" + column +
                           "' clashes with a fixed or swept column");
        shared_columns_.push_back(column);
        at = shared_columns_.end() - 1;
      }
      mapping.push_back(static_cast<std::size_t>(at - shared_columns_.begin()));
    }
    cell_column_.push_back(std::move(mapping));
  }
  columns_.insert(columns_.end(), shared_columns_.begin(), shared_columns_.end());
  columns_.push_back("message");
  if (format_ == SweepFormat::Csv) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c) header_ += ',';
      append_csv_text(header_, columns_[c]);
    }
    header_ += '\n';
  }
}

std::string SweepLayout::line_prefix(std::size_t index) const {
  std::string out;
  const bool json = format_ == SweepFormat::JsonLines;
  out += json ? "{\"point\":" : "";
  append_integer(out, index);
  out += ',';
  for (std::size_t a = 0; a < spec_->axes().size(); ++a) {
    const std::string text = spec_->text(a, index);
    if (json) {
      append_json_text(out, spec_->axes()[a].name);
      out += ':';
      if (axis_is_number_[a]) out += text;
      else append_json_text(out, text);
    } else {
      append_csv_text(out, text);
    }
    out += ',';
  }
  return out;
}

void SweepLayout::append_row(std::string& out, std::string_view prefix, std::size_t analysis, std::size_t row,
                             std::size_t rows, const SweepRow& content) const {
  const bool json = format_ == SweepFormat::JsonLines;
  const std::string& name = analysis < analysis_names_.size() ? analysis_names_[analysis] : "build";
  out += prefix;
  if (json) {
    out += "\"analysis\":";
    append_json_text(out, name);
    out += ",\"row\":";
    append_integer(out, row);
    out += ",\"rows\":";
    append_integer(out, rows);
    out += ",\"status\":";
    append_json_text(out, content.status);
    if (analysis < cell_column_.size()) {
      const auto& mapping = cell_column_[analysis];
      for (std::size_t c = 0; c < content.cells.size() && c < mapping.size(); ++c) {
        if (content.cells[c].index() == 0) continue;
        out += ',';
        append_json_text(out, shared_columns_[mapping[c]]);
        out += ':';
        append_cell(out, content.cells[c], true);
      }
    }
    if (!content.message.empty()) {
      out += ",\"message\":";
      append_json_text(out, content.message);
    }
    out += "}\n";
    return;
  }
  append_csv_text(out, name);
  out += ',';
  append_integer(out, row);
  out += ',';
  append_integer(out, rows);
  out += ',';
  append_csv_text(out, content.status);
  // Shared columns: place this analysis's cells, the others empty.
  if (analysis < cell_column_.size()) {
    const auto& mapping = cell_column_[analysis];
    // mapping is usually increasing and dense; handle the general case.
    std::size_t next = 0;  // next shared column to write
    std::vector<const SweepCell*> placed;
    bool monotone = true;
    for (std::size_t c = 1; c < mapping.size(); ++c) monotone = monotone && mapping[c] > mapping[c - 1];
    if (monotone) {
      for (std::size_t c = 0; c < mapping.size(); ++c) {
        for (; next < mapping[c]; ++next) out += ',';
        out += ',';
        if (c < content.cells.size()) append_cell(out, content.cells[c], false);
        ++next;
      }
    } else {
      placed.assign(shared_columns_.size(), nullptr);
      for (std::size_t c = 0; c < mapping.size() && c < content.cells.size(); ++c)
        placed[mapping[c]] = &content.cells[c];
      for (const SweepCell* cell : placed) {
        out += ',';
        if (cell) append_cell(out, *cell, false);
      }
      next = shared_columns_.size();
    }
    for (; next < shared_columns_.size(); ++next) out += ',';
  } else {
    for (std::size_t c = 0; c < shared_columns_.size(); ++c) out += ',';
  }
  out += ',';
  append_csv_text(out, content.message);
  out += '\n';
}

ResumeScan scan_for_resume(std::string_view content, const std::string& file, const SweepLayout& layout,
                           const PointSequence& points, std::string_view description) {
  ResumePoints expected;
  expected.at = [&points](std::size_t k) -> std::optional<std::size_t> {
    if (k >= points.size()) return std::nullopt;
    return points.at(k);
  };
  return scan_for_resume(content, file, layout, expected, description);
}

ResumeScan scan_for_resume(std::string_view content, const std::string& file, const SweepLayout& layout,
                           const ResumePoints& points, std::string_view description) {
  ResumeScan scan;
  const bool json = layout.format() == SweepFormat::JsonLines;
  std::size_t pos = 0;
  std::size_t line_number = 0;
  auto fail = [&](const std::string& message) -> InputError {
    return InputError(file, static_cast<int>(line_number), 0, message,
                      "--resume continues the same sweep (same scenario, axes, analyses, format and shard); "
                      "start a new file to run a different one");
  };
  if (!description.empty()) {
    const std::size_t newline = content.find('\n');
    if (newline == std::string_view::npos) {
      scan.dropped_bytes = content.size();  // torn description: start over
      return scan;
    }
    line_number = 1;
    const std::string_view first = content.substr(0, newline + 1);
    if (first != description) {
      const auto theirs = SweepIdentity::parse(first.substr(0, first.size() - 1));
      const auto ours = SweepIdentity::parse(description.substr(0, description.size() - 1));
      if (!theirs || !ours)
        throw fail("the first line is not this sweep's description line: expected '" +
                   std::string(description.substr(0, description.size() - 1)) + "'");
      const std::string what = ours->difference(*theirs);
      if (!what.empty()) throw fail("the file was written by another sweep: " + what + " changed");
      throw fail("the file is shard " + std::to_string(theirs->shard_index) + "/" +
                 std::to_string(theirs->shard_count) + " of this sweep, not shard " +
                 std::to_string(ours->shard_index) + "/" + std::to_string(ours->shard_count));
    }
    pos = newline + 1;
  }
  if (!json) {
    const std::size_t newline = content.find('\n', pos);
    if (newline == std::string_view::npos) {
      scan.dropped_bytes = content.size();  // torn header: start over
      return scan;
    }
    ++line_number;
    const std::string& header = points.header.empty() ? layout.header() : points.header;
    if (content.substr(pos, newline + 1 - pos) != header)
      throw fail("the header differs from this sweep's columns: expected '" +
                 header.substr(0, header.size() - 1) + "'");
    pos = newline + 1;
  }
  scan.header_present = pos > 0;
  scan.keep_bytes = pos;

  std::size_t k = 0;         // next point of the sequence
  bool in_point = false;     // inside a point whose rows are not all read
  std::size_t expected_row = 0, row_count = 0;
  std::string prefix;
  std::size_t point = 0, point_start = pos;
  while (pos < content.size()) {
    const std::size_t newline = content.find('\n', pos);
    if (newline == std::string_view::npos) break;  // torn last line
    ++line_number;
    const std::string_view line = content.substr(pos, newline - pos);
    if (line.find('\0') != std::string_view::npos) break;  // unsynced tail after a crash
    if (!in_point) {
      const std::optional<std::size_t> next = points.at(k);
      if (!next) throw fail("more points than this sweep has");
      point = *next;
      point_start = pos;
      prefix = layout.line_prefix(point);
      expected_row = 0;
    }
    if (line.substr(0, prefix.size()) != prefix)
      throw fail("expected a row of point " + std::to_string(point) + " starting '" + prefix + "'");
    std::size_t at = prefix.size(), row = 0, rows = 0;
    bool ok;
    if (json) {
      ok = consume(line, at, "\"analysis\":\"");
      const std::size_t close = ok ? line.find('"', at) : std::string_view::npos;
      ok = close != std::string_view::npos;
      if (ok) at = close;
      ok = ok && consume(line, at, "\",\"row\":") && read_count(line, at, ',', row) &&
           consume(line, at, "\"rows\":") && read_count(line, at, ',', rows);
    } else {
      const std::size_t comma = line.find(',', at);
      ok = comma != std::string_view::npos;
      if (ok) at = comma + 1;
      ok = ok && read_count(line, at, ',', row) && read_count(line, at, ',', rows);
    }
    if (!ok) throw fail("cannot read the analysis, row and rows fields");
    if (row != expected_row || rows == 0 || row >= rows || (in_point && rows != row_count))
      throw fail("row numbers of point " + std::to_string(point) + " are out of order");
    in_point = true;
    row_count = rows;
    expected_row = row + 1;
    pos = newline + 1;
    if (expected_row == row_count) {
      in_point = false;
      if (points.completed) {
        try {
          points.completed(k, content.substr(point_start, pos - point_start));
        } catch (const std::runtime_error& e) {
          throw fail(e.what());
        }
      }
      ++k;
      scan.keep_bytes = pos;
    }
  }
  scan.points_done = k;
  scan.dropped_bytes = content.size() - scan.keep_bytes;
  return scan;
}

}  // namespace negsim
