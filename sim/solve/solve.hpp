// One entry point for every normal-form equilibrium method, chosen by name
// (SolveOptions::method) from the registry (method_registry.hpp). The CLI,
// `negsim run` and sweeps call this; each method lives in its own file pair
// beside it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

// Names accepted by solve() and the CLI (the registry's, in its order), for
// help texts and did-you-mean hints.
std::vector<std::string> solve_method_names();

// Runs the method named in options.method. Throws UsageError for an unknown
// method, one that does not apply to the game (e.g. `lh` on 3 players), or
// one that gives a distribution rather than Nash equilibria (ce, cce: use
// solve_correlated).
// Time limit (solve_deadline(options), one deadline for the whole call):
// methods with one answer throw LimitError; methods that collect several
// equilibria return the verified ones found so far with limit_reached set
// (LimitKind::time, complete = false). If none was verified yet, solve()
// throws LimitError itself, so a result cut by time always has equilibria to
// show. options.max_equilibria: a longer list is cut to that many, with
// limit_reached {LimitKind::equilibria_cap} (methods that stream, like pure,
// stop there themselves).
SolveResult solve(const NormalFormGame& game, const SolveOptions& options);

// `auto` enumerates all extreme equilibria of 2-player games up to this many
// actions for the smaller player (16x16 takes about a second), else runs the
// Lemke-Howson label race; 3+ players: logit. Pure equilibria first, always.
inline constexpr std::size_t kAutoEnumMaxActions = 12;
bool auto_enumerates(const NormalFormGame& game);
SolveResult solve_auto(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
