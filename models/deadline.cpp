#include "models/deadline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

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

Deadline Deadline::from_option(double seconds) {
  if (std::isnan(seconds) || seconds < 0)
    throw UsageError("--time-limit needs a number of seconds >= 0 (0 = no limit)");
  return after_seconds(seconds);
}

Deadline Deadline::with_cancel(Deadline base, std::shared_ptr<const std::atomic<bool>> flag) {
  base.cancel_ = std::move(flag);
  return base;
}

double Deadline::remaining_seconds() const {
  if (!limited_) return std::numeric_limits<double>::infinity();
  const double left = std::chrono::duration<double>(end_ - Clock::now()).count();
  return std::max(left, 0.0);
}

int Deadline::milliseconds_left_for_glpk() const {
  const double ms = remaining_seconds() * 1000.0;
  if (!(ms < 2e9)) return std::numeric_limits<int>::max();
  // Rounded up, so that GLPK never stops before the deadline has passed.
  return std::max(1, static_cast<int>(std::ceil(ms)) + 1);
}

void Deadline::check(const std::string& what_was_done) const {
  if (expired()) fail(what_was_done);
}

std::string Deadline::message(const std::string& what_was_done) const {
  if (cancelled()) return "interrupted while " + what_was_done;
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", seconds_);
  return std::string("time limit of ") + limit + " s reached while " + what_was_done;
}

void Deadline::fail(const std::string& what_was_done) const {
  if (cancelled()) throw LimitError(message(what_was_done));
  throw LimitError(message(what_was_done) + "\n  hint: raise --time-limit, or make the game smaller");
}

}  // namespace negsim
