#include "models/deadline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/errors.hpp"

namespace negsim {

Deadline Deadline::after_seconds(double seconds) {
  Deadline d;
  if (!(seconds > 0) || !std::isfinite(seconds)) return d;  // NaN, <= 0, inf: no limit
  d.limited_ = true;
  d.seconds_ = seconds;
  // Limits beyond a century are as good as none, and would overflow the clock.
  const double capped = std::min(seconds, 3.2e9);
  d.end_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(capped));
  return d;
}

void Deadline::check(const std::string& what_was_done) const {
  if (expired()) fail(what_was_done);
}

void Deadline::fail(const std::string& what_was_done) const {
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", seconds_);
  throw LimitError(std::string("time limit of ") + limit + " s reached while " + what_was_done +
                   "\n  hint: raise --time-limit, or make the game smaller");
}

}  // namespace negsim
