// `--shard auto`: this task's shard from the scheduler that started it.
//
// Looked up in this order:
//  1. Slurm job arrays: SLURM_ARRAY_TASK_ID, with SLURM_ARRAY_TASK_COUNT, or
//     SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX (index = ID - MIN, count
//     = MAX - MIN + 1; an array 0-15 gives shards 0/16 .. 15/16). Arrays with
//     a step (--array=0-15:2) are refused: their IDs are not 0..N-1.
//  2. Kubernetes indexed Jobs: JOB_COMPLETION_INDEX, with the count from
//     `--shard auto/N` or NEGSIM_SHARD_COUNT (Kubernetes does not export the
//     Job's completions; the manifest sets it, docs/sweeps.md).
//  3. NEGSIM_SHARD_INDEX and NEGSIM_SHARD_COUNT (any other launcher; GNU
//     parallel passes its sequence number explicitly instead: --shard I/N).
// `--shard auto/N` fixes the count: a scheduler count that disagrees is an
// error. Nothing found, or values that are not whole numbers with
// 0 <= index < count: UsageError naming the variables it looked for.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace negsim {

struct ShardChoice {
  std::size_t index = 0, count = 1;
  std::string source;  // "SLURM_ARRAY_TASK_ID", ... (for messages)
};

// `lookup` returns an environment variable's value, or nullopt if unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// `count` is N of `--shard auto/N`, or nullopt for `--shard auto`.
ShardChoice shard_from_environment(const EnvironmentLookup& lookup, std::optional<std::size_t> count);
// The same with the process's environment.
ShardChoice shard_from_environment(std::optional<std::size_t> count);

}  // namespace negsim
