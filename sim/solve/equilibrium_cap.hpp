// --max-equilibria for every method: one rule, applied to whatever a method
// returns.
//
// Contract: a result with more than `max_equilibria` equilibria keeps the
// first max_equilibria (in the method's order), is marked incomplete
// (complete = false) and gets the note "stopped listing after N equilibria
// (--max-equilibria); the list is incomplete". Fewer or equal: unchanged.
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
