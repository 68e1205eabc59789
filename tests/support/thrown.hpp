// The exception a piece of work throws, for tests that check error messages
// and positions: thrown_by<InputError>([&] { load(text); }, text).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

namespace negsim::testing {

// The exception of type E that `work` throws. If it throws none, the test
// fails, naming `tried` (e.g. the input) when given.
template <class E>
E thrown_by(const std::function<void()>& work, const std::string& tried = "") {
  try {
    work();
  } catch (const E& e) {
    return e;
  }
  FAIL("expected an exception, none was thrown" << (tried.empty() ? "" : " for:\n" + tried));
  throw std::logic_error("unreachable: FAIL ends the test case");
}

}  // namespace negsim::testing
