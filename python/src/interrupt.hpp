// Long calls from Python: the GIL released (threads solve in parallel), a
// time limit, and Ctrl-C.
//
// Contract
//  - run_interruptibly(time_limit, work) calls work(deadline) without the
//    GIL. The deadline expires after time_limit seconds (<= 0: never) or when
//    the user presses Ctrl-C, whichever comes first (Deadline::with_cancel).
//  - Ctrl-C: while the work runs on Python's main thread, a SIGINT handler of
//    our own (async-signal-safe: it sets an atomic flag) replaces Python's;
//    the old handler is restored afterwards. If the flag was set, the call
//    raises KeyboardInterrupt, whatever the work returned or threw (a solve
//    cut short by the flag ends through its deadline checks, as with
//    --time-limit). Work on other threads is not interrupted by Ctrl-C (the
//    signal goes to the main thread, as in Python), only by its time limit.
//  - C++ exceptions pass through (module.cpp translates them).
// Cost: two sigaction calls and one GIL release (about 1 us): see
// python/bench/overhead.py.
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include <pybind11/pybind11.h>

#include "models/deadline.hpp"

namespace negsim::python {

class SigintGuard {
 public:
  explicit SigintGuard(std::shared_ptr<std::atomic<bool>> flag);
  ~SigintGuard();
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  bool installed_ = false;
  std::shared_ptr<std::atomic<bool>> flag_;
  struct Saved;
  std::unique_ptr<Saved> saved_;
};

// The deadline of a call: after time_limit seconds (<= 0 or None: none), or when flag is set.
Deadline call_deadline(double time_limit, const std::shared_ptr<std::atomic<bool>>& flag);

[[noreturn]] void raise_keyboard_interrupt();

template <class Work>
auto run_interruptibly(double time_limit, Work&& work) {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  const Deadline deadline = call_deadline(time_limit, flag);
  SigintGuard guard(flag);
  try {
    pybind11::gil_scoped_release release;
    auto result = work(deadline);
    if (flag->load()) throw std::runtime_error("interrupted");
    return result;
  } catch (...) {
    if (flag->load()) raise_keyboard_interrupt();
    throw;
  }
}

}  // namespace negsim::python
