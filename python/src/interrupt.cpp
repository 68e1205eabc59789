#include "interrupt.hpp"

#include "models/errors.hpp"

#include <cmath>
#include <csignal>
#include <pthread.h>

namespace negsim::python {

namespace {

// The flag the handler sets: one at a time (only the main thread installs).
std::atomic<std::atomic<bool>*> active_flag{nullptr};

extern "C" void on_sigint(int) {
  std::atomic<bool>* flag = active_flag.load();
  if (flag) flag->store(true);
}

bool on_python_main_thread() {
  // Python runs signal handlers on its main thread only; threading.main_thread()
  // is the thread that imported the interpreter. Compare with the ident
  // Python records (PyThread_get_thread_ident is this thread's).
  static const unsigned long main_ident = [] {
    pybind11::gil_scoped_acquire gil;
    return pybind11::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
  }();
  return PyThread_get_thread_ident() == main_ident;
}

}  // namespace

struct SigintGuard::Saved {
  struct sigaction old_action;
};

SigintGuard::SigintGuard(std::shared_ptr<std::atomic<bool>> flag) : flag_(std::move(flag)) {
  if (!on_python_main_thread()) return;
  std::atomic<bool>* expected = nullptr;
  if (!active_flag.compare_exchange_strong(expected, flag_.get())) return;  // nested call: the outer guard is active
  saved_ = std::make_unique<Saved>();
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  if (sigaction(SIGINT, &action, &saved_->old_action) != 0) {
    active_flag.store(nullptr);
    return;
  }
  installed_ = true;
}

SigintGuard::~SigintGuard() {
  if (!installed_) return;
  sigaction(SIGINT, &saved_->old_action, nullptr);
  active_flag.store(nullptr);
}

Deadline call_deadline(double time_limit, const std::shared_ptr<std::atomic<bool>>& flag) {
  if (std::isnan(time_limit) || time_limit < 0)
    throw UsageError("time_limit needs a number of seconds >= 0 (0 or None = no limit)");
  return Deadline::with_cancel(Deadline::after_seconds(time_limit), flag);
}

void raise_keyboard_interrupt() {
  PyErr_SetNone(PyExc_KeyboardInterrupt);
  throw pybind11::error_already_set();
}

}  // namespace negsim::python
