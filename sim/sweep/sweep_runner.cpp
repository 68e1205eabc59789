#include "sim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/errors.hpp"

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
  std::optional<ScenarioGame> game;
  try {
    game.emplace(build_normal_form(workspace.scenario, workspace.program, build_));
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
                                    unsigned jobs, std::vector<std::string>& per_point) const {
  if (per_point.size() < count) per_point.resize(count);
  for (std::size_t i = 0; i < count; ++i) per_point[i].clear();
  // More threads than usable cores only adds switching (and a TBB warning).
  jobs = std::min(jobs, default_sweep_jobs());
  if (jobs <= 1) {
    ThreadState& state = *threads_;
    if (!state.serial) state.serial.emplace(make_workspace());
    std::size_t errors = 0;
    for (std::size_t i = 0; i < count; ++i)
      errors += run_point(sequence.at(first + i), *state.serial, per_point[i]);
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
      SweepWorkspace& workspace = state.workspaces.local();
      for (std::size_t i = range.begin(); i != range.end(); ++i)
        error_flags[i] = run_point(sequence.at(first + i), workspace, per_point[i]);
    });
  });
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
  OutputFile(const SweepOptions& options, const SweepLayout& layout, const PointSequence& points,
             std::size_t& points_done)
      : path_(options.out) {
    points_done = 0;
    if (path_.empty() || path_ == "-") {
      if (options.resume) throw UsageError("--resume needs --out FILE");
      fd_ = STDOUT_FILENO;
      path_ = "<stdout>";
      const std::string start = options.description + layout.header();
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
      const ResumeScan scan = scan_for_resume(content, path_, layout, points, options.description);
      points_done = scan.points_done;
      header_present = scan.header_present;
      if (scan.keep_bytes != content.size() && ::ftruncate(fd_, static_cast<off_t>(scan.keep_bytes)) != 0)
        throw InputError(path_, 0, 0, std::string("cannot truncate: ") + std::strerror(errno));
      if (::lseek(fd_, static_cast<off_t>(scan.keep_bytes), SEEK_SET) < 0)
        throw InputError(path_, 0, 0, std::string("cannot seek: ") + std::strerror(errno));
    }
    if (!header_present) {
      const std::string start = options.description + layout.header();
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

}  // namespace

SweepSummary drive_sweep(const SweepEngine& engine, const SweepOptions& options, const SweepBatchFunction& compute) {
  const auto start = Clock::now();
  const PointSequence points = shard_points(engine.spec(), options);
  SweepSummary summary;
  summary.points_total = engine.spec().num_points();
  summary.points_in_shard = points.size();
  std::size_t done = 0;
  OutputFile file(options, engine.layout(), points, done);
  summary.points_resumed = done;

  const unsigned jobs = options.jobs == 0 ? default_sweep_jobs() : options.jobs;
  std::size_t batch = options.batch_points ? options.batch_points : std::max<std::size_t>(32, 16 * std::size_t{jobs});
  const std::size_t max_batch = options.batch_points ? options.batch_points : 1 << 16;
  ProgressBar progress(options.progress, points.size(), done);
  std::vector<std::string> per_point;
  std::string buffer;
  std::size_t batches = 0;
  while (done < points.size()) {
    if (options.deadline.expired()) {
      progress.finish();
      throw LimitError(options.deadline.message(
                           "sweeping: " + std::to_string(done) + " of " + std::to_string(points.size()) +
                           " points of this shard are in the output (" + std::to_string(summary.points_run) +
                           " computed by this run), whole points only") +
                       "\n  hint: the output is a valid prefix of the sweep; with --out FILE, run again with "
                       "--resume to continue");
    }
    const std::size_t count = std::min(batch, points.size() - done);
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
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

AnalysisOptions sweep_analysis_options(const SweepOptions& options) {
  AnalysisOptions analysis;
  analysis.build = options.build;
  analysis.build.deadline = options.deadline;
  analysis.select = options.select;
  return analysis;
}

SweepSummary run_sweep(const Scenario& base, const SweepSpec& spec, const SweepOptions& options) {
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
