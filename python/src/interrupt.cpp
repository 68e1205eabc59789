#include "interrupt.hpp"

#include "models/errors.hpp"

#include <cmath>
#include <csignal>
#include <signal.h>
#include <pthread.h>

namespace negsim::python {

namespace {

// The flag the handler sets: one at a time (only the main thread registers).
std::atomic<std::atomic<bool>*> active_flag{nullptr};
// The action our handler replaced (Python's own C handler, normally), which
// it calls after setting the flag. Written only while ours is not installed.
struct sigaction next_action {};
// signal.getsignal(SIGINT) when ours was installed: when Python's handler
// changes (signal.signal re-installs Python's C handler over ours), ours is
// installed again in front of the new one.
PyObject* python_handler_seen = nullptr;

extern "C" void on_sigint(int sig, siginfo_t* info, void* context) {
  if ((next_action.sa_flags & SA_SIGINFO) == 0 && next_action.sa_handler == SIG_IGN) return;  // Ctrl-C ignored
  if (std::atomic<bool>* flag = active_flag.load()) flag->store(true);
  if (next_action.sa_flags & SA_SIGINFO) {
    next_action.sa_sigaction(sig, info, context);
  } else if (next_action.sa_handler == SIG_DFL) {
    std::signal(sig, SIG_DFL);  // what the default would have done: end the process
    std::raise(sig);
  } else {
    next_action.sa_handler(sig);
  }
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

// Installs on_sigint in front of Python's handler, once, and again after
// Python's handler changed. Main thread, GIL held. Costs one C call per
// solve, not two system calls (the previous install-and-restore per call
// was a third of the call overhead of a 2x2 solve). _signal.getsignal is the
// C function; signal.getsignal wraps it in Python and converts the handler
// to an enum through a caught ValueError, a microsecond per call.
bool ensure_installed() {
  static pybind11::handle getsignal =
      pybind11::object(pybind11::module_::import("_signal").attr("getsignal")).release();  // never released: no decref after finalization
  pybind11::object current = getsignal(SIGINT);
  if (python_handler_seen != nullptr && current.ptr() == python_handler_seen) return true;
  struct sigaction ours {}, previous {};
  ours.sa_sigaction = on_sigint;
  ours.sa_flags = SA_SIGINFO;
  sigemptyset(&ours.sa_mask);
  if (sigaction(SIGINT, nullptr, &previous) != 0) return false;
  if ((previous.sa_flags & SA_SIGINFO) == 0 && previous.sa_handler == SIG_IGN) {
    // Ctrl-C is ignored: nothing to interrupt, and the disposition stays
    // SIG_IGN (which, unlike a handler, child processes inherit).
    Py_XDECREF(python_handler_seen);
    python_handler_seen = nullptr;
    return false;
  }
  if (previous.sa_sigaction != on_sigint) {
    next_action = previous;
    if (sigaction(SIGINT, &ours, nullptr) != 0) return false;
  }
  // A strong reference, so that the identity is never a new object's.
  Py_XDECREF(python_handler_seen);
  python_handler_seen = current.release().ptr();
  return true;
}

}  // namespace

SigintGuard::SigintGuard(std::shared_ptr<std::atomic<bool>> flag) : flag_(std::move(flag)) {
  if (!on_python_main_thread() || !ensure_installed()) return;
  std::atomic<bool>* expected = nullptr;
  if (!active_flag.compare_exchange_strong(expected, flag_.get())) return;  // nested call: the outer guard is active
  installed_ = true;
}

SigintGuard::~SigintGuard() {
  if (installed_) active_flag.store(nullptr);
}

Deadline call_deadline(double time_limit, const std::shared_ptr<std::atomic<bool>>& flag) {
  if (std::isnan(time_limit) || time_limit < 0)
    throw UsageError("time_limit needs a number of seconds >= 0 (0 or None = no limit)");
  return Deadline::with_cancel(Deadline::after_seconds(time_limit), flag);
}

void raise_keyboard_interrupt() {
  // Python's handler ran too (ours chains to it): let it act now, as it
  // would have at the next bytecode (the default raises KeyboardInterrupt).
  if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
  PyErr_SetNone(PyExc_KeyboardInterrupt);
  throw pybind11::error_already_set();
}

}  // namespace negsim::python
