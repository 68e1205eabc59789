// What "the same outcome" means for --refine: the cells whose corners differ
// in it are split (refine_plan.hpp).
//
// A point's outcome is the set of its rows' (analysis, status, cells of the
// chosen columns), over every analysis of the sweep: two points have the
// same outcome when they have the same set. The columns are --refine-by's
// (COLUMN[,COLUMN...], any analysis column of the sweep); the default,
// `regime`, is every action_<player> column: the set of equilibria by whole
// actions that the regime map colours by (sim/report/sweep_regimes.hpp; a
// point with only `none` rows and a point with an error are outcomes of their
// own too, as on the map). The messages, the row numbers and any numeric
// column not chosen (payoffs, regrets) do not count.
// The key is read back from the point's lines as written (CSV or JSON lines),
// so a point read from the file by --resume gets the key it got when computed.
// Complexity: linear in the point's text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/sweep/sweep_output.hpp"

namespace negsim {

class RefineOutcome {
 public:
  // UsageError naming the sweep's columns when a column is not one of its
  // analysis columns, or when `regime` is asked for and no analysis writes
  // an action_<player> column.
  RefineOutcome(const SweepLayout& layout, const std::vector<std::string>& by);
  // The same from a CSV file's columns (header cells; `negsim merge` has no
  // layout).
  RefineOutcome(const std::vector<std::string>& csv_columns, const std::vector<std::string>& by);
  // JSON lines, from the keys `names` that decide (`negsim merge`: the
  // action_<player> keys present in the rows, or the --refine-by columns);
  // no check: a key absent from a row counts as empty, as the writer leaves
  // empty cells out.
  static RefineOutcome json_keys(std::vector<std::string> names);

  // The columns that decide (action_<player>... for `regime`).
  const std::vector<std::string>& columns() const { return names_; }
  // The outcome of a point from its lines (each ending in '\n'); throws
  // std::runtime_error on a line it cannot read.
  std::string key(std::string_view lines) const;

 private:
  RefineOutcome() = default;
  void choose(const std::vector<std::string>& columns, const std::vector<std::string>& by);
  SweepFormat format_ = SweepFormat::Csv;
  std::vector<std::string> names_;
  std::vector<std::size_t> indices_;  // CSV: column positions
  std::size_t analysis_ = 0, status_ = 0;
};

}  // namespace negsim
