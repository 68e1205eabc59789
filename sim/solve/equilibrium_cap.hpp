// --max-equilibria for every method: one rule, applied to whatever a method
// returns.
//
// Contract: a result with more than `max_equilibria` equilibria keeps the
// first max_equilibria (in the method's order), is marked incomplete
// (mark_limit_reached with LimitKind::equilibria_cap, so complete = false and
// the note "stopped after N equilibria (--max-equilibria)", once). Fewer or
// equal: unchanged.
// This is not a limit error: the exit code stays 0, as for `pure`, which
// stops its own search at the cap. solve() applies it after every method, so
// no method (enum, lh --all-labels, logit/gnm with starts, auto) can list more.
//
// Complexity: O(number of equilibria removed).
#pragma once

#include <cstddef>

#include "sim/solve/equilibrium.hpp"

namespace negsim {

// True if the cap cut the list.
bool apply_equilibrium_cap(SolveResult& result, std::size_t max_equilibria);

}  // namespace negsim
