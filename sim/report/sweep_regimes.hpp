// What a sweep's output says, grouped for pictures: each point's "regime"
// (the set of equilibria at that point, described by whole actions or by a
// few levers), from a `negsim sweep` CSV file (docs/sweeps.md, "Output").
//
// Contract
//  - read_sweep_csv parses RFC 4180 CSV as the sweep writes it (header
//    `point, <axes>, analysis, row, rows, status, ..., message`); a file
//    without the point/analysis columns, or a row with the wrong number of
//    cells, is an InputError naming the file and line.
//  - sweep_regimes: for each point, the rows of `analysis` (default: the
//    first analysis in the file). ok rows are equilibria, each described by
//    its action_<player> cells (whole actions, "United States: tariff=0,...")
//    or, with `levers` ("bytedance.divest"), by those levers' settings
//    ("bytedance.divest=sale"). A point's regime is its distinct descriptions,
//    sorted and joined by " | "; a point with only `none` rows is "no
//    equilibrium", one with an error or build row is "error". Regimes are
//    numbered by how many points they hold (most first, ties by name; in a
//    refined sweep by their points at level 0 first).
//  - The sweep's description line (`# negsim sweep ...` or
//    `{"negsim_sweep": ...}`, sim/sweep/sweep_identity.hpp) is kept verbatim
//    in `description`: it names the scenario by a fingerprint only.
//  - A refined sweep's `level` column (sweep --refine) is read into
//    point_level; its points are not a full grid, and the pictures fill the
//    cells between them (svg_sweep.hpp).
//  - Counting and grouping only: nothing is solved.
// Complexity: O(cells) to read; O(rows log rows) to group.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negsim {

struct SweepTable {
  std::string file;
  std::string description;  // the sweep's description line as written (sweep_identity.hpp); empty if none
  std::vector<std::string> columns;
  std::vector<std::string> axes;                // the columns between point and analysis
  std::vector<std::vector<std::string>> rows;   // each as wide as columns
  std::size_t column(const std::string& name) const;  // npos when absent
};

SweepTable read_sweep_csv(std::string_view content, const std::string& file);
// JSON lines as `negsim sweep --format jsonl` writes them (one object per row,
// the description line `{"negsim_sweep": ...}` skipped): the columns are the
// first row's keys, then keys first seen later; a missing key is an empty
// cell; numbers read back as the CSV writes them. InputError naming the line.
SweepTable read_sweep_jsonl(std::string_view content, const std::string& file);
// Either format, by the first character of the content ('{': JSON lines).
SweepTable read_sweep_file(std::string_view content, const std::string& file);

struct SweepRegimes {
  std::string analysis;
  std::vector<std::string> axes;
  std::vector<std::vector<std::string>> point_values;  // per point (in file order): its axis values
  std::vector<std::size_t> point_regime;               // per point: index into regimes
  // A refined sweep (--refine, sim/sweep/refine_plan.hpp) has a `level`
  // column: per point its level (0 = the grid given); refined is false and
  // the levels are 0 without one.
  bool refined = false;
  std::vector<unsigned> point_level;
  std::vector<std::string> regimes;                    // most points first
  std::vector<std::size_t> regime_points;              // points per regime
};

SweepRegimes sweep_regimes(const SweepTable& table, const std::string& analysis = "",
                           const std::vector<std::string>& levers = {});

}  // namespace negsim
