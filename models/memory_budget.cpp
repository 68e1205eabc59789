#include "models/memory_budget.hpp"

#include <unistd.h>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"  // human_bytes

namespace negsim {

std::uint64_t physical_memory_bytes() {
  // Asked once: sysconf(_SC_PHYS_PAGES) is a sysinfo() system call, and every
  // game build (every sweep point) checks its memory estimate.
  static const std::uint64_t bytes = [] {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0) return std::uint64_t{1} << 34;
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
  }();
  return bytes;
}

std::uint64_t memory_budget_bytes() { return physical_memory_bytes() / 4 * 3; }

void check_memory_estimate(double bytes, const std::string& what) {
  const std::uint64_t budget = memory_budget_bytes();
  if (!(bytes <= static_cast<double>(budget)))  // also catches NaN
    throw LimitError(what + " needs about " + human_bytes(bytes) + ", more than the " +
                     human_bytes(static_cast<double>(budget)) +
                     " this machine can give one game (3/4 of its memory)\n"
                     "  hint: make the game smaller (fewer players, actions or lever values)");
}

}  // namespace negsim
