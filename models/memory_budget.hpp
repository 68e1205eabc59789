// A memory estimate before large allocations.
//
// Contract: check_memory_estimate(bytes, what) throws LimitError (exit code 3)
// when `bytes` exceeds three quarters of this machine's physical memory, with
// a message naming `what`, the estimate and the memory available, so that a
// game too large for the machine fails at once with a clear message instead
// of being killed by the kernel halfway through. Callers estimate before
// allocating (payoff tables, action lists, generated text).
// Complexity: O(1) (one sysconf call).
#pragma once

#include <cstdint>
#include <string>

namespace negsim {

// Physical memory in bytes (16 GiB if the system does not say).
std::uint64_t physical_memory_bytes();

// The most a single game may take: 3/4 of physical memory.
std::uint64_t memory_budget_bytes();

void check_memory_estimate(double bytes, const std::string& what);

}  // namespace negsim
