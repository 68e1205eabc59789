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
//  - message(what_was_done) is the same text without throwing, for methods
//    that collect several verified answers and return those found so far
//    (SolveResult::limit_reached; see docs/reliability.md, "Limits").
//  - A Deadline is a value: copies share the same end time, so one deadline
//    made when a command starts bounds every stage of it (building the game,
//    solving, reporting).
//  - Cancellation (the Python module's Ctrl-C): a deadline made by
//    with_cancel(base, flag) also expires once *flag is set, from any thread
//    (a signal handler may set it). Its messages then say "interrupted while
//    ..." instead of naming a time limit. One relaxed atomic load per check.
// Complexity: O(1).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace negsim {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  Deadline() = default;  // no limit
  static Deadline after_seconds(double seconds);
  // For `--time-limit SECONDS`: UsageError (exit 2) for a NaN or negative
  // value; 0 means no limit, as in after_seconds.
  static Deadline from_option(double seconds);
  // `base`, which also expires as soon as *flag becomes true.
  static Deadline with_cancel(Deadline base, std::shared_ptr<const std::atomic<bool>> flag);

  bool unlimited() const { return !limited_ && !cancel_; }
  double limit_seconds() const { return seconds_; }
  bool expired() const {
    return (limited_ && Clock::now() >= end_) || (cancel_ && cancel_->load(std::memory_order_relaxed));
  }
  // True once the cancel flag (with_cancel) is set.
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  // Seconds left: +infinity without a limit, 0 once expired. For handing the
  // rest of the budget to a library with its own timer (GLPK's tm_lim).
  double remaining_seconds() const;
  // GLPK's glp_smcp::tm_lim for the time left: INT_MAX without a limit, else
  // the milliseconds left, at least 1 (tm_lim <= 0 would mean "none").
  int milliseconds_left_for_glpk() const;
  // Throws LimitError "time limit of S s reached while <what_was_done>" if expired.
  void check(const std::string& what_was_done) const;
  // "time limit of S s reached while <what_was_done>".
  std::string message(const std::string& what_was_done) const;
  [[noreturn]] void fail(const std::string& what_was_done) const;

 private:
  bool limited_ = false;
  double seconds_ = 0;
  Clock::time_point end_{};
  std::shared_ptr<const std::atomic<bool>> cancel_;  // with_cancel; null: none
};

}  // namespace negsim
