// A wall-clock budget for long computations (`--time-limit SECONDS`).
//
// Contract
//  - Deadline{} and Deadline::after_seconds(s) with s <= 0 never expire.
//    A NaN or negative limit is a caller error (UsageError from the CLI);
//    here it means "no limit" too, so a deadline can never cut work short by
//    accident.
//  - expired() reads std::chrono::steady_clock (monotonic, ~20 ns): callers
//    check it once per chunk of work (e.g. every few thousand profiles), not
//    per element.
//  - check(what_was_done) throws LimitError (exit code 3) when expired, with
//    the limit and the caller's account of the work done so far, e.g.
//    "time limit of 2 s reached while building the payoff tables: 1024 of
//    65536 profiles done". Nothing partial is returned: callers that hold
//    unverified partial results discard them.
// Complexity: O(1).
#pragma once

#include <chrono>
#include <string>

namespace negsim {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  Deadline() = default;  // no limit
  static Deadline after_seconds(double seconds);

  bool unlimited() const { return !limited_; }
  double limit_seconds() const { return seconds_; }
  bool expired() const { return limited_ && Clock::now() >= end_; }
  // Throws LimitError "time limit of S s reached while <what_was_done>" if expired.
  void check(const std::string& what_was_done) const;
  [[noreturn]] void fail(const std::string& what_was_done) const;

 private:
  bool limited_ = false;
  double seconds_ = 0;
  Clock::time_point end_{};
};

}  // namespace negsim
