// negsim's C++ errors as the Python exceptions of negsim/errors.py, with the
// same message (what the CLI prints after "negsim: "), the file:line:col of
// an InputError, and the CLI's exit code (InputError 1, UsageError 2,
// LimitError 3).
#pragma once

#include <string>

#include <pybind11/pybind11.h>

namespace negsim::python {

void register_error_translators();

// Raises negsim.LimitError(message) with `.result` set (a partial result).
[[noreturn]] void raise_limit_with_result(const std::string& message, pybind11::object result);

}  // namespace negsim::python
