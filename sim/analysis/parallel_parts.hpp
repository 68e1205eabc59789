// Independent parts of one analysis, run at once (oneTBB task_group: on the
// caller's arena, so a sweep's or the tipping points' thread budget holds).
//
// Contract
//  - Every part runs to its end (or its exception), even when another part
//    failed; then the first failure in list order is rethrown, so the error a
//    user sees does not depend on which thread finished first (the same error
//    the parts would have raised one after another, in this order).
//  - The parts must not write shared state: each fills its own result.
#pragma once

#include <exception>
#include <functional>
#include <vector>

#include <tbb/task_group.h>

namespace negsim {

inline void run_parts_in_parallel(const std::vector<std::function<void()>>& parts) {
  std::vector<std::exception_ptr> failed(parts.size());
  tbb::task_group group;
  for (std::size_t i = 1; i < parts.size(); ++i)
    group.run([&parts, &failed, i] {
      try {
        parts[i]();
      } catch (...) {
        failed[i] = std::current_exception();
      }
    });
  // The first part on this thread: it often needs no other thread at all.
  if (!parts.empty()) {
    try {
      parts[0]();
    } catch (...) {
      failed[0] = std::current_exception();
    }
  }
  group.wait();
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
}

}  // namespace negsim
