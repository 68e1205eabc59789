// Options shared by the equilibrium methods of sim/solve/. Each method reads
// the fields it understands and ignores the rest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "models/deadline.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

struct SolveOptions {
  std::string method = "auto";  // pure|dominance|lh|enum|lp|logit|gnm|simpdiv|ce|cce|auto
  bool exact = false;           // rational arithmetic (2-player lh/enum)
  int label = 0;                // Lemke-Howson starting label, 0-based in 0..m+n-1
  bool all_labels = false;      // Lemke-Howson from every label, distinct results merged
  bool label_race = false;      // Lemke-Howson: race up to 32 labels' paths, return the first end
  int starts = 1;               // N-player methods: number of starts
  std::uint64_t seed = 0;       // seed for random starts
  bool trace = false;           // logit: report the whole branch
  std::string objective = "any";  // ce/cce: any|welfare|player:<index>
  double rel_tol = kDefaultRegretTolerance;  // regret tolerance relative to payoff scale
  // The time budget (see docs/reliability.md, "Limits"). `deadline`, when
  // set, wins: the CLI makes one when the command starts, so that building
  // the game and solving share the budget. Otherwise time_limit_seconds > 0
  // starts a deadline when solve() (or a method called directly) starts.
  double time_limit_seconds = 0;             // 0 = none
  Deadline deadline;                         // default: none
  std::size_t max_equilibria = 10000;        // stop listing beyond this many (result marked incomplete)
  std::size_t iterations = 0;                // cfr: iteration cap (0 = the method's default)
  double target = 0;                         // cfr: stop at this exploitability (0 = the method's default)
};

// options.deadline if it is set, else a deadline time_limit_seconds from now.
inline Deadline solve_deadline(const SolveOptions& options) {
  return options.deadline.unlimited() ? Deadline::after_seconds(options.time_limit_seconds)
                                      : options.deadline;
}

}  // namespace negsim
