// Runs a sweep: at every point, set the swept parameters and levers, build
// the stage game, run the chosen analyses, write their rows.
//
// Contract
//  - Output is a function of (scenario, spec, analyses, format, shard) only:
//    rows are written in point order, each point's randomness comes from its
//    own seed, so the file is byte-identical whatever --jobs, the batch sizes,
//    the number of MPI ranks, or how often the sweep was killed and resumed.
//  - A point whose game cannot be built (an expression error, a NaN payoff at
//    these values, over the profile budget) gets one row with analysis
//    `build` and status `error`; an analysis that throws gets one `error`
//    row. The sweep goes on.
//  - Crash safety: the file grows only by whole batches of whole points,
//    each appended with write() and made durable with fdatasync() before the
//    next batch starts; --resume cuts the file back to its last whole point
//    (scan_for_resume) and continues after it.
//  - Parallelism: points of a batch are spread over a oneTBB arena of `jobs`
//    threads (at most the cores this process may use); each thread keeps a
//    working copy of the scenario, its expressions parsed once (ScenarioProgram)
//    and the last point's game, so a point costs binding the point's values,
//    one game build over the last one's storage and the analyses (no copy, no
//    re-parsing, no allocation once warm). With jobs = 1 no TBB thread is used.
// Complexity: O(points * (build + analyses)); memory O(batch output).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/sweep/sweep_analysis.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

struct SweepOptions {
  std::vector<std::string> analyses = {"stage"};
  unsigned jobs = 0;  // threads; 0 = every core
  SweepFormat format = SweepFormat::Csv;
  std::string out;  // output file; "" or "-" = standard output
  bool resume = false;
  std::size_t shard_index = 0, shard_count = 1;  // --shard I/N
  BuildOptions build;
  bool progress = true;          // drawn only when stderr is a terminal
  std::size_t batch_points = 0;  // points per batch; 0 = adaptive (about 0.25 s each)
  // Test hook: stop (as if killed) after this many batches; 0 = never.
  std::size_t stop_after_batches = 0;
  // --time-limit: checked before each batch, before each point and each
  // analysis of a point (run_point), and inside the analyses (run_sweep
  // passes it on). A point is written whole or not at all: a stop inside a
  // batch abandons the whole batch (nothing of it is written), so the file
  // stays a valid prefix that --resume continues, and drive_sweep throws
  // LimitError saying how many points are in the file. The overrun is at
  // most one analysis step, even in the first batch of slow points.
  // (The MPI build checks it between batches only.)
  Deadline deadline;
  // --select: the selection rule of the `spe` analysis.
  StageSelection select = StageSelection::kFirst;
  // --refine L (refine_plan.hpp): compute the grid given, then split the
  // cells whose corners differ in outcome, L times; -1: a plain sweep.
  // --refine-by: the columns of the outcome (refine_outcome.hpp).
  int refine_levels = -1;
  std::vector<std::string> refine_by = {"regime"};
  // The sweep's description line (SweepIdentity::line, with its '\n'),
  // written first and required by --resume; empty: none (library callers).
  std::string description;
};

// The options every point's analyses get: --select, the profile budget and
// the deadline of `options`.
AnalysisOptions sweep_analysis_options(const SweepOptions& options);

struct SweepSummary {
  std::size_t points_total = 0;    // points of the whole sweep
  std::size_t points_in_shard = 0; // points this shard writes
  std::size_t points_resumed = 0;  // already in the file (--resume)
  std::size_t points_run = 0;      // computed by this run
  std::size_t error_points = 0;    // points with an error row (this run)
  std::size_t rows = 0;            // rows written by this run
  double seconds = 0;
};

// One working copy of the scenario and scratch buffers; one per thread.
// What the threads of one SweepEngine::run_points call did, to tell the
// causes of a parallel run's lost time apart: work outside the pieces
// (scheduling), threads waiting at the start or the end, or each point
// costing more while the other threads run (shared caches, memory, cores).
struct SweepRunStats {
  std::size_t pieces = 0;          // ranges of points the threads took
  double piece_cpu_seconds = 0;    // thread CPU time inside the pieces, summed over threads
  double piece_wall_seconds = 0;   // wall time inside the pieces, summed over threads
  double start_delay_seconds = 0;  // from the call to the last thread's first piece
  double tail_seconds = 0;         // from the first thread's last piece end to the last's
  unsigned threads = 0;            // threads that took a piece
};

struct SweepWorkspace {
  Scenario scenario;
  ScenarioProgram program;  // the scenario's expressions, parsed once
  ScenarioGame game;        // the point's game, built over the last point's storage
  RowSink sink;
  std::vector<std::pair<std::size_t, SweepRow>> rows;  // (analysis or npos, row)
};

// The per-point work of a sweep, shared by the threads (and MPI ranks).
class SweepEngine {
 public:
  SweepEngine(const Scenario& base, const SweepSpec& spec, std::vector<SweepAnalysis> analyses,
              SweepFormat format, BuildOptions build = {});
  ~SweepEngine();
  SweepEngine(const SweepEngine&) = delete;
  SweepEngine& operator=(const SweepEngine&) = delete;

  const SweepSpec& spec() const { return spec_; }
  const SweepLayout& layout() const { return layout_; }

  SweepWorkspace make_workspace() const;
  // Appends the lines of point `index` to `out`. Returns true if the point
  // has an error row. Safe to call concurrently with distinct workspaces.
  bool run_point(std::size_t index, SweepWorkspace& workspace, std::string& out) const;

  // The lines of points sequence.at(first) .. sequence.at(first + count - 1),
  // concatenated in order, computed on `jobs` threads (kept between calls).
  // per_point[i] receives the lines of the i-th of them. Returns the number
  // of points with an error row.
  // With `stats`, also what the threads did (for bench/bench_sweep.cpp;
  // two clock reads per piece of work).
  std::size_t run_points(const PointSequence& sequence, std::size_t first, std::size_t count,
                         unsigned jobs, std::vector<std::string>& per_point, SweepRunStats* stats = nullptr) const;
  // The same for the points indices[first .. first + count - 1].
  std::size_t run_points(const std::vector<std::size_t>& indices, std::size_t first, std::size_t count,
                         unsigned jobs, std::vector<std::string>& per_point) const;

 private:
  std::size_t run_points(const std::function<std::size_t(std::size_t)>& index_of, std::size_t count, unsigned jobs,
                         std::vector<std::string>& per_point, SweepRunStats* stats = nullptr) const;
  struct ThreadState;
  Scenario base_;
  SweepSpec spec_;
  std::vector<SweepAnalysis> analyses_;
  SweepLayout layout_;
  BuildOptions build_;
  std::unique_ptr<ThreadState> threads_;
};

// Runs the whole sweep (this shard), writing to options.out. Throws
// InputError (unwritable file, --resume of another sweep), UsageError.
// With options.refine_levels >= 0 it runs run_refined_sweep.
SweepSummary run_sweep(const Scenario& base, const SweepSpec& spec, const SweepOptions& options);

// --refine (refine_plan.hpp): the points of `spec` (the grid given) as level
// 0, then each level's new points of the grid 2^L times finer, level by
// level, in the order RefinePlan gives. Each row is the row the fine grid's
// sweep writes at that point (`point` is the fine grid's index), followed by
// a `level` column (CSV) or key (JSON lines). --jobs, batches and --resume
// keep the file's bytes. With --shard I/N the file holds the refinement of
// shard I's level-0 cells (refine_plan.hpp); `negsim merge` joins the shards
// into the unsharded file.
SweepSummary run_refined_sweep(const Scenario& base, const SweepSpec& spec, const SweepOptions& options);
// The fine spec a refined sweep's engine runs (UsageError on a bad level or shard).
SweepSpec refined_sweep_spec(const SweepSpec& spec, const SweepOptions& options);
// The driver behind run_refined_sweep, with the batch computation supplied
// (the MPI build distributes it): compute(order, first, count, per_point)
// fills per_point[0..count) with the lines of points order[first + i]
// (without the level) and returns the number of error points. `engine` runs
// the fine spec (refined_sweep_spec).
using RefineBatchFunction = std::function<std::size_t(const std::vector<std::size_t>& order, std::size_t first,
                                                      std::size_t count, std::vector<std::string>& per_point)>;
SweepSummary drive_refined_sweep(const SweepEngine& engine, const SweepOptions& options,
                                 const RefineBatchFunction& compute);

// The driver behind run_sweep, with the batch computation supplied (the MPI
// build distributes it over ranks): compute(first, count, per_point) fills
// per_point[0..count) with the lines of sequence.at(first + i) and returns the
// number of error points. Only the calling process writes the file.
using SweepBatchFunction =
    std::function<std::size_t(std::size_t first, std::size_t count, std::vector<std::string>& per_point)>;
SweepSummary drive_sweep(const SweepEngine& engine, const SweepOptions& options, const SweepBatchFunction& compute);

// The points this shard writes.
PointSequence shard_points(const SweepSpec& spec, const SweepOptions& options);

// Number of cores this process may use (at least 1).
unsigned default_sweep_jobs();

}  // namespace negsim
