// Long calls from Python: the GIL released (threads solve in parallel), a
// time limit, and Ctrl-C.
//
// Contract
//  - run_interruptibly(time_limit, work) calls work(deadline) without the
//    GIL. The deadline expires after time_limit seconds (<= 0: never) or when
//    the user presses Ctrl-C, whichever comes first (Deadline::with_cancel).
//  - Ctrl-C: a SIGINT handler of our own sits in front of Python's C handler
//    (installed at the first call from Python's main thread, and again
//    whenever signal.signal changed Python's handler). It sets the atomic
//    flag of the call running on the main thread, if any, then calls
//    Python's handler as before (async-signal-safe: Python's only sets
//    flags). If the flag was set, the call lets Python's handler act
//    (the default raises KeyboardInterrupt), and raises KeyboardInterrupt
//    itself if that did not raise, whatever the work returned or threw (a
//    solve cut short by the flag ends through its deadline checks, as with
//    --time-limit). Ctrl-C during a short call is Python's as usual. Work on
//    other threads is not interrupted by Ctrl-C (the signal goes to the main
//    thread, as in Python), only by its time limit. With Ctrl-C ignored
//    (SIG_IGN) nothing is interrupted.
//  - C++ exceptions pass through (module.cpp translates them).
// Cost: one signal.getsignal call and one GIL release per call (no system
// call after the first): see python/bench/overhead.py.
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

// run_interruptibly for work that reads an options struct with a `deadline`
// field: work(a copy of options whose deadline is the call's).
template <class Options, class Work>
auto run_with_options(double time_limit, const Options& options, Work&& work) {
  return run_interruptibly(time_limit, [&](const Deadline& deadline) {
    Options o = options;
    o.deadline = deadline;
    return work(o);
  });
}

}  // namespace negsim::python
