#include "sim/solve/pivot_cycle_detector.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using negsim::detail::PivotCycleDetector;

namespace {

// A walk that goes through `lead_in` fresh states (the first polytope trades
// its basic id for a new one each time), then repeats with period 2 (the
// second polytope swaps ids 0 and 1 back and forth). Returns the pivot at
// which the detector reports a repeat (0 if it never does within `steps`).
std::size_t first_repeat(std::size_t lead_in, std::size_t steps) {
  PivotCycleDetector d(lead_in + 10);
  d.start_basic(true, 2);
  d.start_basic(false, 0);
  int first_basic = 2, second_basic = 0;
  for (std::size_t step = 1; step <= steps; ++step) {
    if (step <= lead_in) {
      const int fresh = static_cast<int>(step) + 2;
      if (d.repeats_after(true, fresh, first_basic)) return step;
      first_basic = fresh;
    } else {
      const int other = 1 - second_basic;
      if (d.repeats_after(false, other, second_basic)) return step;
      second_basic = other;
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("PivotCycleDetector: a walk through fresh states is never reported") {
  PivotCycleDetector d(2000);
  for (int id = 0; id < 1000; ++id) d.start_basic(true, id);
  // Each pivot brings in a new id (1000, 1001, ...) for an old one: every
  // basis is new.
  for (int step = 0; step < 1000; ++step) CHECK_FALSE(d.repeats_after(true, 1000 + step, step));
}

TEST_CASE("PivotCycleDetector: a periodic walk is reported within Brent's bound") {
  for (std::size_t lead_in : {0u, 3u, 10u, 37u, 200u}) {
    CAPTURE(lead_in);
    const std::size_t found = first_repeat(lead_in, 10000);
    CHECK(found > lead_in + 2);  // the first two periodic states are new
    CHECK(found <= 2 * std::max<std::size_t>(lead_in + 1, 2) + 2);  // 2 max(s + 1, L) + L
  }
}
