#ifdef NEGSIM_MPI

#include "sim/sweep/mpi_sweep.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <optional>

#include <mpi.h>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/loader.hpp"
#include "sim/sweep/sweep_command.hpp"

namespace negsim {

bool mpi_launched() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name)) return true;
  return false;
}

namespace {

// The exit code of an error (see models/errors.hpp).
int exit_code_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError&) {
    return 1;
  } catch (const UsageError&) {
    return 2;
  } catch (const LimitError&) {
    return 3;
  } catch (...) {
    return 4;
  }
}

class MpiSession {
 public:
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      int provided = 0;
      // Only the main thread calls MPI; oneTBB threads never do.
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
      owner_ = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSession() {
    if (owner_) MPI_Finalize();
  }
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  bool owner_ = false;
  int rank_ = 0, size_ = 1;
};

// Batch header broadcast by rank 0: first, count, stop code (count 0 =
// stop), and whether the batch's point indices follow in a second broadcast
// (--refine: only rank 0 knows a level's points).
struct BatchHeader {
  std::uint64_t first = 0, count = 0, code = 0, listed = 0;
};
constexpr int kHeaderWords = 4;

// How many of a batch's `count` points rank `rank` of `size` computes: the
// batch positions i with i % size == rank.
std::size_t rank_share(std::size_t count, int rank, int size) {
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(size);
  return r >= count ? 0 : (count - r + n - 1) / n;
}

// Computes this rank's share of a batch (position i is point index_of(i))
// and sends it to rank 0; on rank 0 also gathers everything into per_point
// (batch order). Returns the batch's error count (on rank 0).
std::size_t compute_and_gather(const SweepEngine& engine, const std::function<std::size_t(std::size_t)>& index_of,
                               std::size_t count, unsigned jobs, int rank, int size,
                               std::vector<std::string>& local, std::vector<std::string>* per_point) {
  const std::size_t mine = rank_share(count, rank, size);
  std::vector<std::size_t> indices(mine);
  for (std::size_t k = 0; k < mine; ++k) indices[k] = index_of(static_cast<std::size_t>(rank) + k * static_cast<std::size_t>(size));
  std::uint64_t errors = engine.run_points(indices, 0, mine, jobs, local);
  std::vector<std::uint64_t> lengths(mine);
  std::string bytes;
  for (std::size_t i = 0; i < mine; ++i) {
    lengths[i] = local[i].size();
    bytes += local[i];
  }
  std::uint64_t total_errors = 0;
  MPI_Reduce(&errors, &total_errors, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);

  // Lengths: rank r sends share(r).size() of them.
  std::vector<int> counts, offsets;
  std::vector<std::uint64_t> all_lengths;
  if (rank == 0) {
    counts.resize(static_cast<std::size_t>(size));
    offsets.resize(static_cast<std::size_t>(size));
    int at = 0;
    for (int r = 0; r < size; ++r) {
      counts[r] = static_cast<int>(rank_share(count, r, size));
      offsets[r] = at;
      at += counts[r];
    }
    all_lengths.resize(static_cast<std::size_t>(at));
  }
  MPI_Gatherv(lengths.data(), static_cast<int>(mine), MPI_UINT64_T, all_lengths.data(), counts.data(),
              offsets.data(), MPI_UINT64_T, 0, MPI_COMM_WORLD);
  // Bytes: rank r sends the sum of its lengths.
  std::vector<int> byte_counts, byte_offsets;
  std::string all_bytes;
  if (rank == 0) {
    byte_counts.assign(static_cast<std::size_t>(size), 0);
    byte_offsets.assign(static_cast<std::size_t>(size), 0);
    std::uint64_t at = 0;
    for (int r = 0; r < size; ++r) {
      std::uint64_t sum = 0;
      for (int i = 0; i < counts[r]; ++i) sum += all_lengths[static_cast<std::size_t>(offsets[r] + i)];
      if (sum > 0x7fffffff || at > 0x7fffffff) throw LimitError("sweep batch too large for MPI_Gatherv; use --batch");
      byte_counts[r] = static_cast<int>(sum);
      byte_offsets[r] = static_cast<int>(at);
      at += sum;
    }
    all_bytes.resize(at);
  }
  MPI_Gatherv(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, all_bytes.data(), byte_counts.data(),
              byte_offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank != 0) return 0;
  // Interleave: batch point i was computed by rank i % size as its (i / size)-th.
  if (per_point->size() < count) per_point->resize(count);
  std::vector<std::size_t> cursor(static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) cursor[r] = static_cast<std::size_t>(byte_offsets[r]);
  for (std::size_t i = 0; i < count; ++i) {
    const int r = static_cast<int>(i % static_cast<std::size_t>(size));
    const std::size_t k = i / static_cast<std::size_t>(size);
    const std::size_t length = all_lengths[static_cast<std::size_t>(offsets[r]) + k];
    (*per_point)[i].assign(all_bytes, cursor[r], length);
    cursor[r] += length;
  }
  return total_errors;
}

}  // namespace

int run_sweep_command_mpi(const std::string& scenario_path, const std::vector<std::pair<std::string, double>>& sets,
                          const std::vector<SweepAxisArgument>& axes, std::size_t samples, std::uint64_t seed,
                          const SweepOptions& given, bool force) {
  MpiSession session;
  const int rank = session.rank(), size = session.size();
  SweepOptions options = given;
  if (rank != 0) options.progress = false;

  // Rank 0 claims the output before anyone works, as a single process does;
  // the others wait for the verdict.
  std::optional<OutputLock> lock;
  {
    std::exception_ptr refused;
    int code = 0;
    if (rank == 0) {
      try {
        require_scenario_file(scenario_path, "sweep");
        claim_sweep_output(lock, scenario_path, options.out, options.resume, force);
      } catch (...) {
        refused = std::current_exception();
        code = exit_code_of(refused);
      }
    }
    MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (refused) std::rethrow_exception(refused);
    if (code != 0) return code;
  }

  // Every rank builds the same engine; errors here are the same everywhere.
  std::unique_ptr<SweepEngine> engine;
  const bool refined = options.refine_levels >= 0;
  try {
    Scenario scenario = load_scenario_file(scenario_path);
    apply_overrides(scenario, sets);
    const SweepSpec spec(scenario, axes, samples, seed);
    if (options.shard_count == 0 || options.shard_index >= options.shard_count)
      throw UsageError("--shard I/N needs 0 <= I < N");
    engine = std::make_unique<SweepEngine>(scenario, refined ? refined_sweep_spec(spec, options) : spec,
                                           make_sweep_analyses(options.analyses, scenario, [&] {
      AnalysisOptions analysis = sweep_analysis_options(options);
      analysis.build.deadline = Deadline{};  // checked between batches only (ranks must agree on every point)
      return analysis;
    }()),
                                           options.format, options.build);
  } catch (...) {
    if (rank == 0) throw;
    return exit_code_of(std::current_exception());
  }
  const PointSequence sequence = shard_points(engine->spec(), options);
  const unsigned jobs = options.jobs == 0 ? default_sweep_jobs() : options.jobs;
  std::vector<std::string> local;

  if (rank != 0) {
    std::vector<std::uint64_t> listed;
    while (true) {
      BatchHeader header;
      MPI_Bcast(&header, kHeaderWords, MPI_UINT64_T, 0, MPI_COMM_WORLD);
      if (header.count == 0) return static_cast<int>(header.code);
      if (header.listed) {
        listed.resize(header.count);
        MPI_Bcast(listed.data(), static_cast<int>(header.count), MPI_UINT64_T, 0, MPI_COMM_WORLD);
        compute_and_gather(*engine, [&listed](std::size_t i) { return static_cast<std::size_t>(listed[i]); },
                           header.count, jobs, rank, size, local, nullptr);
      } else {
        const std::size_t first = header.first;
        compute_and_gather(*engine, [&sequence, first](std::size_t i) { return sequence.at(first + i); },
                           header.count, jobs, rank, size, local, nullptr);
      }
    }
  }

  auto stop = [&](int code) {
    BatchHeader header;
    header.code = static_cast<std::uint64_t>(code);
    MPI_Bcast(&header, kHeaderWords, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  };
  // Rank 0's side of a batch; the other ranks are inside its collective
  // calls, so a failure here aborts them all.
  auto gather = [&](const std::function<std::size_t(std::size_t)>& index_of, std::size_t count,
                    std::vector<std::string>& per_point) -> std::size_t {
    try {
      return compute_and_gather(*engine, index_of, count, jobs, rank, size, local, &per_point);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "negsim sweep: rank 0 failed during a batch: %s\n", e.what());
      MPI_Abort(MPI_COMM_WORLD, 4);
      throw;
    }
  };
  try {
    if (refined) {
      // --refine: rank 0 plans the levels (drive_refined_sweep) and sends
      // each batch's point indices; the file is the single process's.
      std::vector<std::uint64_t> listed;
      drive_refined_sweep(*engine, options,
                          [&](const std::vector<std::size_t>& order, std::size_t first, std::size_t count,
                              std::vector<std::string>& per_point) {
                            BatchHeader header{first, count, 0, 1};
                            MPI_Bcast(&header, kHeaderWords, MPI_UINT64_T, 0, MPI_COMM_WORLD);
                            listed.assign(order.begin() + static_cast<std::ptrdiff_t>(first),
                                          order.begin() + static_cast<std::ptrdiff_t>(first + count));
                            MPI_Bcast(listed.data(), static_cast<int>(count), MPI_UINT64_T, 0, MPI_COMM_WORLD);
                            return gather([&](std::size_t i) { return order[first + i]; }, count, per_point);
                          });
    } else {
      drive_sweep(*engine, options, [&](std::size_t first, std::size_t count, std::vector<std::string>& per_point) {
        BatchHeader header{first, count, 0, 0};
        MPI_Bcast(&header, kHeaderWords, MPI_UINT64_T, 0, MPI_COMM_WORLD);
        return gather([&](std::size_t i) { return sequence.at(first + i); }, count, per_point);
      });
    }
  } catch (...) {
    stop(exit_code_of(std::current_exception()));
    throw;
  }
  stop(0);
  if (lock) lock->keep();  // an empty result is still the result
  return 0;
}

}  // namespace negsim

#endif  // NEGSIM_MPI
