// Helpers for tests of limits (--time-limit, budgets): a deadline that has
// certainly passed, and the message of the LimitError some work throws.
#pragma once

#include <functional>
#include <string>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "tests/support/thrown.hpp"

namespace negsim::testing {

// A deadline that has certainly passed (no wall-clock race): every check sees it.
inline Deadline expired_deadline() {
  const Deadline d = Deadline::after_seconds(1e-9);
  while (!d.expired()) {
  }
  return d;
}

// The what() of the LimitError that `work` throws; fails the test if it throws none.
inline std::string limit_message(const std::function<void()>& work) {
  return thrown_by<LimitError>(work).what();
}

}  // namespace negsim::testing
