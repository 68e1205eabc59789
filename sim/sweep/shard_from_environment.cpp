#include "sim/sweep/shard_from_environment.hpp"

#include <charconv>
#include <cstdlib>

#include "models/errors.hpp"

namespace negsim {

namespace {

std::size_t whole_number(const std::string& name, const std::string& value) {
  std::size_t out = 0;
  const auto result = std::from_chars(value.data(), value.data() + value.size(), out);
  if (value.empty() || result.ec != std::errc() || result.ptr != value.data() + value.size())
    throw UsageError("--shard auto: " + name + "='" + value + "' is not a whole number");
  return out;
}

ShardChoice checked(std::size_t index, std::size_t count, std::optional<std::size_t> wanted, std::string source) {
  if (wanted && *wanted != count)
    throw UsageError("--shard auto/" + std::to_string(*wanted) + ": the scheduler says " + std::to_string(count) +
                     " tasks (" + source + ")");
  if (count == 0 || index >= count)
    throw UsageError("--shard auto: index " + std::to_string(index) + " is not below the count " +
                     std::to_string(count) + " (" + source + ")");
  return {index, count, std::move(source)};
}

}  // namespace

ShardChoice shard_from_environment(const EnvironmentLookup& lookup, std::optional<std::size_t> count) {
  const auto number = [&](const std::string& name) -> std::optional<std::size_t> {
    const std::optional<std::string> value = lookup(name);
    if (!value) return std::nullopt;
    return whole_number(name, *value);
  };
  if (const auto id = number("SLURM_ARRAY_TASK_ID")) {
    const auto min = number("SLURM_ARRAY_TASK_MIN"), max = number("SLURM_ARRAY_TASK_MAX");
    const auto step = number("SLURM_ARRAY_TASK_STEP");
    if (step && *step != 1)
      throw UsageError("--shard auto: the Slurm array has a step of " + std::to_string(*step) +
                       "; use --array=0-(N-1) without a step, or give --shard I/N");
    const std::size_t first = min ? *min : 0;
    if (*id < first) throw UsageError("--shard auto: SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN");
    std::optional<std::size_t> tasks = number("SLURM_ARRAY_TASK_COUNT");
    if (!tasks && min && max && *max >= *min) tasks = *max - *min + 1;
    if (!tasks) tasks = count;
    if (!tasks)
      throw UsageError("--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor "
                       "SLURM_ARRAY_TASK_MIN/MAX; give the count: --shard auto/N");
    return checked(*id - first, *tasks, count, "Slurm array task " + std::to_string(*id));
  }
  if (const auto index = number("JOB_COMPLETION_INDEX")) {
    std::optional<std::size_t> tasks = number("NEGSIM_SHARD_COUNT");
    if (!tasks) tasks = count;
    if (!tasks)
      throw UsageError("--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes indexed Job) but not the count; "
                       "give --shard auto/N with N = the Job's completions, or set NEGSIM_SHARD_COUNT");
    return checked(*index, *tasks, count, "JOB_COMPLETION_INDEX=" + std::to_string(*index));
  }
  if (const auto index = number("NEGSIM_SHARD_INDEX")) {
    std::optional<std::size_t> tasks = number("NEGSIM_SHARD_COUNT");
    if (!tasks) tasks = count;
    if (!tasks) throw UsageError("--shard auto: NEGSIM_SHARD_INDEX is set but not NEGSIM_SHARD_COUNT");
    return checked(*index, *tasks, count, "NEGSIM_SHARD_INDEX=" + std::to_string(*index));
  }
  throw UsageError(
      "--shard auto: no scheduler task index in the environment (looked for SLURM_ARRAY_TASK_ID, "
      "JOB_COMPLETION_INDEX, NEGSIM_SHARD_INDEX); give the shard explicitly: --shard I/N");
}

ShardChoice shard_from_environment(std::optional<std::size_t> count) {
  return shard_from_environment(
      [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
      },
      count);
}

}  // namespace negsim
