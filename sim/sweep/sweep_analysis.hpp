// What a sweep computes at each point: named analyses producing rows.
//
// Contract
//  - An analysis is made once per sweep from the base scenario (after --set)
//    by its factory, which fixes its columns (they may depend on the players,
//    e.g. `action_us`). run() is then called at every point with the point's
//    scenario, its stage game and its seed, possibly from several threads at
//    once: it must only read shared state and must give the same rows for the
//    same inputs (use `seed` for any randomness).
//  - run() adds rows to the sink: status "ok" for a result, "none" when the
//    analysis found nothing (for example no pure equilibrium; the runner adds
//    such a row itself if run() adds none), "error" when it failed. An
//    exception thrown by run() becomes one "error" row carrying its message;
//    the rows it added before are dropped.
//  - Cells are set by column position (0-based in `columns`); unset cells are
//    written empty (CSV) or left out (JSON lines).
//  - Analyses with the same column name share the CSV column (so `payoff_us`
//    means the same thing whichever analysis wrote it).
//
// The registry maps names to factories. `stage` (the pure Nash equilibria of
// the stage game, verified) is built in; others register with
// register_sweep_analysis() before the sweep starts (for example from main()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

// A cell: empty, an integer, a number (written in shortest round-trip form),
// or text.
using SweepCell = std::variant<std::monostate, std::int64_t, double, std::string>;

struct SweepRow {
  std::string status = "ok";  // ok | none | error
  std::vector<SweepCell> cells;  // one per column of the analysis
  std::string message;           // free text; empty if none
};

// Collects the rows of one analysis at one point.
class RowSink {
 public:
  explicit RowSink(std::size_t num_columns = 0) : num_columns_(num_columns) {}
  // A new row with `status` and every cell empty.
  SweepRow& add_row(std::string status = "ok");
  std::vector<SweepRow>& rows() { return rows_; }
  std::size_t num_columns() const { return num_columns_; }
  void reset(std::size_t num_columns) {
    num_columns_ = num_columns;
    rows_.clear();
  }

 private:
  std::size_t num_columns_;
  std::vector<SweepRow> rows_;
};

struct SweepAnalysis {
  std::string name;
  std::vector<std::string> columns;
  std::function<void(const Scenario& scenario, const ScenarioGame& game, std::uint64_t seed, RowSink& rows)> run;
};

// Makes an analysis for a sweep of `base` (the scenario after --set), with
// the sweep's analysis options (--select, the deadline, the mixed method;
// `parts` is for the factory to set: each analysis asks for its own part).
using SweepAnalysisFactory = std::function<SweepAnalysis(const Scenario& base, const AnalysisOptions& options)>;

// Adds or replaces an analysis in the registry (thread-safe).
void register_sweep_analysis(const std::string& name, const std::string& description,
                             SweepAnalysisFactory factory);
// The same for a factory that needs no options.
void register_sweep_analysis(const std::string& name, const std::string& description,
                             std::function<SweepAnalysis(const Scenario& base)> factory);
// Registered names in registration order, with their descriptions.
std::vector<std::pair<std::string, std::string>> sweep_analysis_names();
// Makes the named analyses; an unknown name is a UsageError with did-you-mean.
std::vector<SweepAnalysis> make_sweep_analyses(const std::vector<std::string>& names, const Scenario& base,
                                               const AnalysisOptions& options = {});

// The columns of an analysis with one equilibrium per row (`stage`, `spe`):
// equilibrium (0-based), action_<player> for each player, payoff_<player> for
// each player, max_regret.
std::vector<std::string> equilibrium_row_columns(const Scenario& base);

// The built-in `stage` analysis: every pure Nash equilibrium of the stage
// game (the scenario analysis's pure part: solve_pure_nash, each one
// verified), one row each in Gambit profile order. Columns: equilibrium (0-based), action_<player> (lever settings
// like `tariff=20,chips=hold`) for each player, payoff_<player> for each
// player, max_regret. No equilibrium: one row with status "none".
SweepAnalysis make_stage_analysis(const Scenario& base, const AnalysisOptions& options = {});

}  // namespace negsim
