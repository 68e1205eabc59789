// Sweeps distributed over MPI ranks (built only with -DNEGSIM_MPI=ON).
//
// Contract: `mpirun -n K negsim sweep ...` writes, on rank 0, exactly the
// bytes a single process writes. Rank 0 drives the sweep (output file,
// resume, progress) batch by batch; for each batch it broadcasts (first,
// count) and every rank computes the batch's points i with i % K == rank on
// its own oneTBB threads; rank 0 gathers the point texts (MPI_Gatherv) and
// interleaves them back into point order. Points are cheap and uniform, so a
// static round-robin split balances well. With --refine, rank 0 also plans
// the levels (drive_refined_sweep: only it has the outcomes) and broadcasts
// each batch's point indices after its header; the file is again the single
// process's (with --shard, that shard's). Every rank loads the scenario and
// parses the arguments itself (no broadcast of the scenario): an error there
// happens on every rank alike; rank 0 reports it, the others return the same
// exit code silently. An error of rank 0 alone (the output file) is sent to
// the other ranks with the stop message.
// Complexity: per batch, one broadcast (two with --refine) and two gathers;
// bytes sent = output size (+ 8 bytes per point with --refine).
#pragma once

#ifdef NEGSIM_MPI

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

// True if this process was started by an MPI launcher (mpirun, srun).
bool mpi_launched();

// The sweep command under MPI (see sweep_command.hpp for the arguments;
// force: --force). Rank 0 makes the output checks of the single-process
// sweep (claim_sweep_output: not the scenario, the lock, an existing file
// refused without --resume/--force) before any rank does any work, and
// broadcasts the outcome; on a refusal every rank returns its exit code.
int run_sweep_command_mpi(const std::string& scenario_path, const std::vector<std::pair<std::string, double>>& sets,
                          const std::vector<SweepAxisArgument>& axes, std::size_t samples, std::uint64_t seed,
                          const SweepOptions& options, bool force);

}  // namespace negsim

#endif  // NEGSIM_MPI
