#include "sim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/errors.hpp"
#include "sim/sweep/refine_outcome.hpp"
#include "sim/sweep/refine_plan.hpp"

namespace negsim {

unsigned default_sweep_jobs() {
  // The cores this process may run on (affinity mask, cgroup quota), not the
  // machine's: under mpirun each rank is usually bound to its own cores.
  const int cores = tbb::info::default_concurrency();
  return cores < 1 ? 1u : static_cast<unsigned>(cores);
}

struct SweepEngine::ThreadState {
  explicit ThreadState(const SweepEngine& engine)
      : workspaces([&engine] { return engine.make_workspace(); }) {}
  tbb::enumerable_thread_specific<SweepWorkspace> workspaces;
  std::optional<SweepWorkspace> serial;
  std::unique_ptr<tbb::task_arena> arena;
  unsigned arena_threads = 0;
};

SweepEngine::SweepEngine(const Scenario& base, const SweepSpec& spec, std::vector<SweepAnalysis> analyses,
                         SweepFormat format, BuildOptions build)
    : base_(base),
      spec_(spec),
      analyses_(std::move(analyses)),
      layout_(spec_, analyses_, format),
      build_(build),
      threads_(std::make_unique<ThreadState>(*this)) {}

SweepEngine::~SweepEngine() = default;

SweepWorkspace SweepEngine::make_workspace() const {
  SweepWorkspace workspace;
  workspace.scenario = spec_.prepare(base_);
  return workspace;
}

namespace {
std::string error_text(const std::exception& e) { return e.what(); }
// The sweep's --time-limit (in build_.deadline) stopped a point: the batch is
// abandoned, not written with error rows, and drive_sweep reports the limit.
bool stopped_by_deadline(const std::exception& e, const Deadline& deadline) {
  return dynamic_cast<const LimitError*>(&e) != nullptr && deadline.expired();
}
}  // namespace

bool SweepEngine::run_point(std::size_t index, SweepWorkspace& workspace, std::string& out) const {
  constexpr std::size_t kBuild = static_cast<std::size_t>(-1);
  // Checked per point and per analysis, not only between batches: a batch of
  // slow points (the first one is sized before any point is timed) stops
  // within one analysis of the deadline. The batch is dropped (drive_sweep),
  // so the file stays a prefix of whole points.
  auto check_deadline = [&] {
    if (build_.deadline.expired())
      build_.deadline.fail("sweeping: point " + std::to_string(index) +
                           " not finished; its batch is not written");
  };
  check_deadline();
  spec_.apply_point(index, base_, workspace.scenario);
  auto& rows = workspace.rows;
  rows.clear();
  bool error = false;
  const ScenarioGame* game = nullptr;
  try {
    build_normal_form(workspace.scenario, workspace.program, build_, workspace.game);
    game = &workspace.game;
  } catch (const std::exception& e) {
    if (stopped_by_deadline(e, build_.deadline)) throw;  // the point is not written
    SweepRow row;
    row.status = "error";
    row.message = error_text(e);
    rows.emplace_back(kBuild, std::move(row));
    error = true;
  }
  if (game) {
    const std::uint64_t seed = spec_.point_seed(index);
    for (std::size_t a = 0; a < analyses_.size(); ++a) {
      check_deadline();
      RowSink& sink = workspace.sink;
      sink.reset(analyses_[a].columns.size());
      try {
        analyses_[a].run(workspace.scenario, *game, seed, sink);
        if (sink.rows().empty()) sink.add_row("none");
      } catch (const std::exception& e) {
        if (stopped_by_deadline(e, build_.deadline)) throw;  // the point is not written
        sink.rows().clear();
        sink.add_row("error").message = error_text(e);
      }
      for (SweepRow& row : sink.rows()) {
        error = error || row.status == "error";
        rows.emplace_back(a, std::move(row));
      }
    }
  }
  const std::string prefix = layout_.line_prefix(index);
  for (std::size_t r = 0; r < rows.size(); ++r)
    layout_.append_row(out, prefix, rows[r].first, r, rows.size(), rows[r].second);
  return error;
}

std::size_t SweepEngine::run_points(const PointSequence& sequence, std::size_t first, std::size_t count,
                                    unsigned jobs, std::vector<std::string>& per_point, SweepRunStats* stats) const {
  return run_points([&sequence, first](std::size_t i) { return sequence.at(first + i); }, count, jobs, per_point,
                    stats);
}

std::size_t SweepEngine::run_points(const std::vector<std::size_t>& indices, std::size_t first, std::size_t count,
                                    unsigned jobs, std::vector<std::string>& per_point) const {
  return run_points([&indices, first](std::size_t i) { return indices.at(first + i); }, count, jobs, per_point);
}

namespace {

double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Collects SweepRunStats from the threads' pieces (only when asked for).
class PieceRecorder {
 public:
  using Clock = std::chrono::steady_clock;
  explicit PieceRecorder(SweepRunStats* stats) : stats_(stats), start_(Clock::now()) {}
  struct Piece {
    double cpu;
    Clock::time_point wall;
  };
  Piece begin() const { return stats_ ? Piece{thread_cpu_seconds(), Clock::now()} : Piece{}; }
  void end(const Piece& piece) {
    if (!stats_) return;
    const double cpu = thread_cpu_seconds() - piece.cpu;
    const Clock::time_point now = Clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    PerThread& mine = threads_[std::this_thread::get_id()];
    if (mine.pieces == 0) mine.first = piece.wall;
    mine.last = now;
    ++mine.pieces;
    stats_->piece_cpu_seconds += cpu;
    stats_->piece_wall_seconds += std::chrono::duration<double>(now - piece.wall).count();
  }
  void finish() {
    if (!stats_) return;
    stats_->threads = static_cast<unsigned>(threads_.size());
    if (threads_.empty()) return;
    Clock::time_point last_first = start_, first_last = Clock::time_point::max(), last_last = start_;
    for (const auto& item : threads_) {
      stats_->pieces += item.second.pieces;
      last_first = std::max(last_first, item.second.first);
      first_last = std::min(first_last, item.second.last);
      last_last = std::max(last_last, item.second.last);
    }
    stats_->start_delay_seconds = std::chrono::duration<double>(last_first - start_).count();
    stats_->tail_seconds = std::chrono::duration<double>(last_last - first_last).count();
  }

 private:
  struct PerThread {
    std::size_t pieces = 0;
    Clock::time_point first, last;
  };
  SweepRunStats* stats_;
  Clock::time_point start_;
  std::mutex mutex_;
  std::unordered_map<std::thread::id, PerThread> threads_;
};

}  // namespace

std::size_t SweepEngine::run_points(const std::function<std::size_t(std::size_t)>& index_of, std::size_t count,
                                    unsigned jobs, std::vector<std::string>& per_point, SweepRunStats* stats) const {
  if (stats) *stats = SweepRunStats{};
  PieceRecorder recorder(stats);
  if (per_point.size() < count) per_point.resize(count);
  for (std::size_t i = 0; i < count; ++i) per_point[i].clear();
  // More threads than usable cores only adds switching (and a TBB warning).
  jobs = std::min(jobs, default_sweep_jobs());
  if (jobs <= 1) {
    ThreadState& state = *threads_;
    if (!state.serial) state.serial.emplace(make_workspace());
    std::size_t errors = 0;
    const PieceRecorder::Piece piece = recorder.begin();
    for (std::size_t i = 0; i < count; ++i)
      errors += run_point(index_of(i), *state.serial, per_point[i]);
    recorder.end(piece);
    recorder.finish();
    return errors;
  }
  ThreadState& state = *threads_;
  if (!state.arena || state.arena_threads != jobs) {
    state.arena = std::make_unique<tbb::task_arena>(static_cast<int>(jobs));
    state.arena_threads = jobs;
  }
  std::vector<unsigned char> error_flags(count, 0);
  state.arena->execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 4), [&](const tbb::blocked_range<std::size_t>& range) {
      const PieceRecorder::Piece piece = recorder.begin();
      SweepWorkspace& workspace = state.workspaces.local();
      for (std::size_t i = range.begin(); i != range.end(); ++i)
        error_flags[i] = run_point(index_of(i), workspace, per_point[i]);
      recorder.end(piece);
    });
  });
  recorder.finish();
  return static_cast<std::size_t>(std::count(error_flags.begin(), error_flags.end(), 1));
}

PointSequence shard_points(const SweepSpec& spec, const SweepOptions& options) {
  PointSequence sequence;
  sequence.first = options.shard_index;
  sequence.step = std::max<std::size_t>(1, options.shard_count);
  sequence.end = spec.num_points();
  return sequence;
}

namespace {

using Clock = std::chrono::steady_clock;

// A one-line progress bar with rate and ETA, on stderr, only on a terminal.
class ProgressBar {
 public:
  ProgressBar(bool wanted, std::size_t total, std::size_t already)
      : on_(wanted && ::isatty(STDERR_FILENO)), total_(total), already_(already), start_(Clock::now()) {}
  void update(std::size_t done) {
    if (!on_) return;
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done - already_) / seconds : 0;
    const double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    char eta[32] = "--:--:--";
    if (rate > 0) {
      const long left = static_cast<long>(std::ceil(static_cast<double>(total_ - done) / rate));
      std::snprintf(eta, sizeof eta, "%02ld:%02ld:%02ld", left / 3600, (left / 60) % 60, left % 60);
    }
    std::fprintf(stderr, "\r[%.*s%.*s] %zu/%zu points %5.1f%%  %.0f points/s  ETA %s ", filled,
                 "##############################", width - filled, "..............................", done,
                 total_, 100.0 * fraction, rate, eta);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    if (on_ && drawn_) std::fputc('\n', stderr);
  }
  void set_total(std::size_t total) { total_ = total; }

 private:
  bool on_;
  bool drawn_ = false;
  std::size_t total_, already_;
  Clock::time_point start_;
};

void write_all(int fd, const std::string& path, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      throw InputError(path, 0, 0, std::string("cannot write: ") + std::strerror(errno));
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

// Makes the appended bytes durable (regular files only; pipes and terminals
// have nothing to sync).
void make_durable(int fd, bool regular, const std::string& path) {
  if (!regular) return;
  if (::fdatasync(fd) != 0 && errno != EINVAL)
    throw InputError(path, 0, 0, std::string("cannot sync: ") + std::strerror(errno));
}

std::string read_all(int fd, const std::string& path) {
  std::string content;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputError(path, 0, 0, std::string("cannot read: ") + std::strerror(errno));
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
  }
  return content;
}

class OutputFile {
 public:
  // start: the description line and the CSV header; scan: checks an
  // existing file for --resume (scan_for_resume).
  OutputFile(const SweepOptions& options, const std::string& start,
             const std::function<ResumeScan(std::string_view content)>& scan_existing, std::size_t& points_done)
      : path_(options.out) {
    points_done = 0;
    if (path_.empty() || path_ == "-") {
      if (options.resume) throw UsageError("--resume needs --out FILE");
      fd_ = STDOUT_FILENO;
      path_ = "<stdout>";
      write_all(fd_, path_, start.data(), start.size());
      return;
    }
    const int flags = options.resume ? (O_RDWR | O_CREAT) : (O_WRONLY | O_CREAT | O_TRUNC);
    fd_ = ::open(path_.c_str(), flags | O_CLOEXEC, 0644);
    if (fd_ < 0) throw InputError(path_, 0, 0, std::string("cannot open for writing: ") + std::strerror(errno));
    owned_ = true;
    struct stat info {};
    regular_ = ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode);
    bool header_present = false;
    if (options.resume) {
      const std::string content = read_all(fd_, path_);
      const ResumeScan scan = scan_existing(content);
      points_done = scan.points_done;
      header_present = scan.header_present;
      if (scan.keep_bytes != content.size() && ::ftruncate(fd_, static_cast<off_t>(scan.keep_bytes)) != 0)
        throw InputError(path_, 0, 0, std::string("cannot truncate: ") + std::strerror(errno));
      if (::lseek(fd_, static_cast<off_t>(scan.keep_bytes), SEEK_SET) < 0)
        throw InputError(path_, 0, 0, std::string("cannot seek: ") + std::strerror(errno));
    }
    if (!header_present) {
      write_all(fd_, path_, start.data(), start.size());
    }
    make_durable(fd_, regular_, path_);
  }
  ~OutputFile() {
    if (owned_) ::close(fd_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void append(const std::string& bytes) {
    write_all(fd_, path_, bytes.data(), bytes.size());
    make_durable(fd_, regular_, path_);
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool owned_ = false;
  bool regular_ = false;
};

// The points one process writes, in order, when they are known only as the
// sweep goes (--refine): known() are known now; extend() learns more from the
// points written so far and returns false once there are no more.
struct PointOrder {
  std::function<std::size_t()> known;
  std::function<bool()> extend;
};

// The batch loop shared by plain and refined sweeps: batches of whole points
// appended durably, the deadline, the progress bar, adaptive batch sizes.
// compute(first, count, per_point) gives the lines of points first.. of the
// order.
SweepSummary drive_points(const SweepOptions& options, const std::string& start_text,
                          const std::function<ResumeScan(std::string_view)>& scan, const PointOrder& order,
                          const SweepBatchFunction& compute) {
  const auto start = Clock::now();
  SweepSummary summary;
  std::size_t done = 0;
  OutputFile file(options, start_text, scan, done);
  summary.points_resumed = done;

  const unsigned jobs = options.jobs == 0 ? default_sweep_jobs() : options.jobs;
  std::size_t batch = options.batch_points ? options.batch_points : std::max<std::size_t>(32, 16 * std::size_t{jobs});
  const std::size_t max_batch = options.batch_points ? options.batch_points : 1 << 16;
  ProgressBar progress(options.progress, order.known(), done);
  std::vector<std::string> per_point;
  std::string buffer;
  std::size_t batches = 0;
  while (true) {
    if (done == order.known()) {
      if (!order.extend()) break;
      progress.set_total(order.known());
      continue;
    }
    if (options.deadline.expired()) {
      progress.finish();
      throw LimitError(options.deadline.message(
                           "sweeping: " + std::to_string(done) + " of " + std::to_string(order.known()) +
                           " points of this shard are in the output (" + std::to_string(summary.points_run) +
                           " computed by this run), whole points only") +
                       "\n  hint: the output is a valid prefix of the sweep; with --out FILE, run again with "
                       "--resume to continue");
    }
    const std::size_t count = std::min(batch, order.known() - done);
    const auto batch_start = Clock::now();
    try {
      summary.error_points += compute(done, count, per_point);
    } catch (const LimitError&) {
      if (!options.deadline.expired()) throw;
      continue;  // a point's analysis hit the deadline: nothing of this batch is written
    }
    buffer.clear();
    for (std::size_t i = 0; i < count; ++i) buffer += per_point[i];
    summary.rows += static_cast<std::size_t>(std::count(buffer.begin(), buffer.end(), '\n'));
    file.append(buffer);
    done += count;
    summary.points_run += count;
    progress.update(done);
    if (!options.batch_points) {
      // Aim at about a quarter of a second per batch: frequent durable
      // checkpoints and progress updates, negligible sync overhead.
      const double seconds = std::chrono::duration<double>(Clock::now() - batch_start).count();
      const double factor = seconds > 0 ? std::clamp(0.25 / seconds, 0.5, 4.0) : 4.0;
      batch = std::clamp<std::size_t>(static_cast<std::size_t>(static_cast<double>(batch) * factor),
                                      std::size_t{4} * jobs, max_batch);
    }
    if (options.stop_after_batches && ++batches >= options.stop_after_batches) break;
  }
  progress.finish();
  summary.points_total = summary.points_in_shard = order.known();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace

SweepSummary drive_sweep(const SweepEngine& engine, const SweepOptions& options, const SweepBatchFunction& compute) {
  const PointSequence points = shard_points(engine.spec(), options);
  PointOrder order;
  order.known = [&points] { return points.size(); };
  order.extend = [] { return false; };
  SweepSummary summary = drive_points(
      options, options.description + engine.layout().header(),
      [&](std::string_view content) {
        return scan_for_resume(content, options.out, engine.layout(), points, options.description);
      },
      order, compute);
  summary.points_total = engine.spec().num_points();
  return summary;
}

AnalysisOptions sweep_analysis_options(const SweepOptions& options) {
  AnalysisOptions analysis;
  analysis.build = options.build;
  analysis.build.deadline = options.deadline;
  analysis.select = options.select;
  return analysis;
}

SweepSpec refined_sweep_spec(const SweepSpec& spec, const SweepOptions& options) {
  if (options.refine_levels < 0 || options.refine_levels > 52) throw UsageError("--refine L needs 0 <= L <= 52");
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    throw UsageError("--shard I/N needs 0 <= I < N");
  return spec.refined(static_cast<unsigned>(options.refine_levels));
}

SweepSummary run_refined_sweep(const Scenario& base, const SweepSpec& spec, const SweepOptions& options) {
  const SweepSpec fine = refined_sweep_spec(spec, options);
  const AnalysisOptions analysis = sweep_analysis_options(options);
  SweepEngine engine(base, fine, make_sweep_analyses(options.analyses, base, analysis), options.format,
                     analysis.build);
  const unsigned jobs = options.jobs == 0 ? default_sweep_jobs() : options.jobs;
  return drive_refined_sweep(engine, options,
                             [&](const std::vector<std::size_t>& order, std::size_t first, std::size_t count,
                                 std::vector<std::string>& per_point) {
                               return engine.run_points(order, first, count, jobs, per_point);
                             });
}

SweepSummary drive_refined_sweep(const SweepEngine& engine, const SweepOptions& options,
                                 const RefineBatchFunction& compute) {
  const unsigned levels = static_cast<unsigned>(options.refine_levels);
  const SweepSpec& fine = engine.spec();
  const SweepLayout& layout = engine.layout();
  for (const std::string& column : layout.columns())
    if (column == "level")
      throw UsageError("--refine adds a column 'level', and this sweep already has one (an axis or analysis column)");
  const RefineOutcome outcome(layout, options.refine_by);
  const bool json = options.format == SweepFormat::JsonLines;
  std::string header = layout.header();
  if (!json) header.insert(header.size() - 1, ",level");

  RefinePlan plan(fine, levels, options.shard_index, options.shard_count);
  std::vector<std::size_t> order = plan.start();
  std::vector<std::size_t> level_start{0};  // position in `order` where each level starts
  std::unordered_map<std::size_t, std::uint32_t> point_outcome;
  std::unordered_map<std::string, std::uint32_t> outcome_ids;
  auto record = [&](std::size_t point, std::string_view lines) {
    const auto id = outcome_ids.emplace(outcome.key(lines), static_cast<std::uint32_t>(outcome_ids.size()));
    point_outcome[point] = id.first->second;
  };
  auto outcome_of = [&](std::size_t point) {
    const auto it = point_outcome.find(point);
    if (it == point_outcome.end())
      throw std::logic_error("--refine: the outcome of point " + std::to_string(point) + " is needed before it is known");
    return it->second;
  };
  auto level_of = [&](std::size_t position) {
    return static_cast<std::size_t>(std::upper_bound(level_start.begin(), level_start.end(), position) -
                                    level_start.begin()) - 1;
  };
  // The end of every line of level k: ",k" before the newline (CSV), or a
  // last key "level":k (JSON lines).
  auto level_suffix = [&](std::size_t level) {
    return json ? ",\"level\":" + std::to_string(level) + "}\n" : "," + std::to_string(level) + "\n";
  };
  PointOrder points;
  points.known = [&] { return order.size(); };
  points.extend = [&] {
    const std::vector<std::size_t> more = plan.next(outcome_of);
    if (more.empty()) return false;
    level_start.push_back(order.size());
    order.insert(order.end(), more.begin(), more.end());
    return true;
  };

  ResumePoints resume;
  resume.header = header;
  resume.at = [&](std::size_t k) -> std::optional<std::size_t> {
    while (k >= order.size())
      if (!points.extend()) return std::nullopt;
    return order[k];
  };
  resume.completed = [&](std::size_t k, std::string_view lines) {
    const std::string suffix = level_suffix(level_of(k));
    for (std::size_t pos = 0; pos < lines.size();) {
      const std::size_t end = lines.find('\n', pos) + 1;
      const std::string_view line = lines.substr(pos, end - pos);
      if (line.size() < suffix.size() || line.substr(line.size() - suffix.size()) != suffix)
        throw std::runtime_error("a row of point " + std::to_string(order[k]) + " does not end with its level " +
                                 std::to_string(level_of(k)));
      pos = end;
    }
    record(order[k], lines);
  };

  std::string text;
  return drive_points(
      options, options.description + header,
      [&](std::string_view content) { return scan_for_resume(content, options.out, layout, resume, options.description); },
      points,
      [&](std::size_t first, std::size_t count, std::vector<std::string>& per_point) {
        const std::size_t errors = compute(order, first, count, per_point);
        for (std::size_t i = 0; i < count; ++i) {
          std::string& lines = per_point[i];
          record(order[first + i], lines);
          // Each line's end: '\n' (CSV) or "}\n" (JSON lines) becomes the suffix.
          const std::string suffix = level_suffix(level_of(first + i));
          text.clear();
          std::size_t pos = 0;
          while (pos < lines.size()) {
            const std::size_t end = lines.find('\n', pos);
            text.append(lines, pos, end - pos - (json ? 1 : 0));
            text += suffix;
            pos = end + 1;
          }
          lines.swap(text);
        }
        return errors;
      });
}

SweepSummary run_sweep(const Scenario& base, const SweepSpec& spec, const SweepOptions& options) {
  if (options.refine_levels >= 0) return run_refined_sweep(base, spec, options);
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    throw UsageError("--shard I/N needs 0 <= I < N");
  const AnalysisOptions analysis = sweep_analysis_options(options);
  SweepEngine engine(base, spec, make_sweep_analyses(options.analyses, base, analysis), options.format,
                     analysis.build);
  const PointSequence points = shard_points(spec, options);
  const unsigned jobs = options.jobs == 0 ? default_sweep_jobs() : options.jobs;
  return drive_sweep(engine, options, [&](std::size_t first, std::size_t count, std::vector<std::string>& out) {
    return engine.run_points(points, first, count, jobs, out);
  });
}

}  // namespace negsim
