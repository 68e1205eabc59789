// The rows a sweep writes (CSV or JSON lines) and how an existing output
// file is checked and cut back to whole points for --resume.
//
// Columns (stable; docs/sweeps.md):
//   point, <one per axis, named like the axis>, analysis, row, rows, status,
//   <the columns of the chosen analyses, shared by name, in order of first
//   appearance>, message
// `row` counts a point's rows from 0 across all its analyses and `rows` is
// how many the point has, so a reader (and --resume) can tell whether a
// point is complete. Every row is one line: text cells never contain a line
// break (control characters are written as spaces). CSV follows RFC 4180
// (fields with a comma or a quote are quoted, quotes doubled). JSON lines
// hold one object per row with the same keys in the same order; empty cells
// are left out; axis values that are single numbers are JSON numbers.
//
// Complexity: formatting is linear in the row's size; scanning for resume is
// linear in the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/sweep/sweep_analysis.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

enum class SweepFormat { Csv, JsonLines };

// The points one process writes, in order: first, first + step, ... below
// end (a shard I/N of P points is {I, N, P}).
struct PointSequence {
  std::size_t first = 0, step = 1, end = 0;
  std::size_t size() const { return first >= end ? 0 : (end - first + step - 1) / step; }
  std::size_t at(std::size_t k) const { return first + k * step; }
};

// The column layout of a sweep and the writer of its lines.
class SweepLayout {
 public:
  SweepLayout(const SweepSpec& spec, const std::vector<SweepAnalysis>& analyses, SweepFormat format);

  SweepFormat format() const { return format_; }
  const std::vector<std::string>& columns() const { return columns_; }
  // The first line of a CSV file (with its '\n'); empty for JSON lines.
  const std::string& header() const { return header_; }

  // The start of every line of point `index` up to the analysis name
  // (point and axis values), e.g. `12,0.5,tighten,` or `{"point":12,"x":0.5,`.
  std::string line_prefix(std::size_t index) const;

  // Appends one row: `prefix` from line_prefix(), then the analysis name
  // (analysis = index into the analyses, or npos for a build error row, named
  // "build"), row number, row count, status, cells and message, and '\n'.
  void append_row(std::string& out, std::string_view prefix, std::size_t analysis, std::size_t row,
                  std::size_t rows, const SweepRow& content) const;

 private:
  const SweepSpec* spec_;
  SweepFormat format_;
  std::vector<std::string> columns_;
  std::vector<std::string> analysis_names_;
  std::vector<std::vector<std::size_t>> cell_column_;  // [analysis][cell] -> index among shared columns
  std::vector<std::string> shared_columns_;
  std::vector<bool> axis_is_number_;
  std::string header_;
};

// The result of checking an existing output for --resume.
struct ResumeScan {
  std::size_t keep_bytes = 0;      // length of the valid prefix to keep (whole points)
  std::size_t points_done = 0;     // complete points in that prefix
  bool header_present = false;     // the description line (if any) and the CSV header are in the kept prefix
  std::size_t dropped_bytes = 0;   // torn or incomplete tail cut off
};

// Checks `content` (the existing file) against the sweep: the CSV header must
// be this sweep's header, and the points must be exactly the first ones of
// `points` (this process's points, in order), each complete with its rows
// numbered 0..rows-1 and its axis values as this sweep gives them. A torn
// last line and an incomplete last point are dropped. Anything else is an
// InputError naming `file` and the line: the file belongs to another sweep.
// With a `description` (the sweep's description line, sweep_identity.hpp),
// the file must start with that very line; a description of another sweep is
// an InputError saying what differs (the scenario file, --set, ...).
ResumeScan scan_for_resume(std::string_view content, const std::string& file, const SweepLayout& layout,
                           const PointSequence& points, std::string_view description = {});

// The same for a sweep whose points are known only as the file is read
// (--refine: a level's points follow from the outcomes of the levels before).
// at(k) is the k-th point this process writes, nullopt after the last; it is
// asked for k only after completed(j, lines) was called for every j < k with
// point j's lines (each with its '\n'). completed may throw std::runtime_error
// (the message becomes the InputError's). header: the CSV header line
// expected (with its '\n'); empty: the layout's.
struct ResumePoints {
  std::function<std::optional<std::size_t>(std::size_t k)> at;
  std::function<void(std::size_t k, std::string_view lines)> completed;
  std::string header;
};
ResumeScan scan_for_resume(std::string_view content, const std::string& file, const SweepLayout& layout,
                           const ResumePoints& points, std::string_view description = {});

}  // namespace negsim
