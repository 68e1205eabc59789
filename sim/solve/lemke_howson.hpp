// Lemke-Howson for two-player games.
//
// Contract
//  - lemke_howson(game, options) follows the Lemke-Howson path from the
//    artificial equilibrium (0, 0) by dropping label options.label (0-based:
//    0..m-1 are player 1's actions, m..m+n-1 player 2's), and returns the
//    equilibrium at its end. With options.all_labels it runs from every label
//    and returns the distinct equilibria reached. With options.label_race it
//    advances the paths of up to 32 labels (all when m + n <= 32, else spread
//    over both players' labels) 32 pivots a turn and returns the first
//    verified end (replayed exactly with options.exact). Always at least one
//    equilibrium for a valid 2-player game; result.complete is false (the
//    method does not promise every equilibrium).
//  - result.paths records every path followed: its label (0-based), its
//    pivots, whether it was exact, and why it ended (PathEndReason: an
//    equilibrium; a floating-point failure, then redone exactly as a second
//    record; the time limit; in the race, overtaken by the winner, which is
//    first_equilibrium_path(result)). Notes say the same for people.
//  - Every returned equilibrium is verified: verify_equilibrium in double
//    mode (if the floating-point path fails verification it is redone in
//    exact arithmetic, with a note), verify_exact_equilibrium with
//    options.exact (then Equilibrium::exact holds the rational profile).
//  - Throws std::invalid_argument for games that are not 2-player or a label
//    out of range. Time limit (solve_deadline(options)), checked every 64
//    pivots: one label or the race throw LimitError; all_labels returns the
//    verified ends so far with limit_reached set (LimitKind::time).
//
// Method: complementary pivoting on the two best-response polytopes. Double
// mode keeps each polytope as a compact basis (compact_basis.hpp): the
// inverse of the k x k block of tight constraints and basic strategies, k the
// current support size, with payoffs mapped to [1, 2]. Exact mode keeps two
// condensed tableaux (lex_tableau.hpp) on positive integers with integer-
// preserving pivoting on GMP integers. Both use the same lexicographic
// minimum-ratio test, so they follow the same path, and it never cycles in
// degenerate games.
//
// References: C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix
// games", SIAM J. Appl. Math. 12 (1964); L. S. Shapley, "A note on the
// Lemke-Howson algorithm", Math. Programming Study 1 (1974); B. von Stengel,
// "Computing equilibria for two-person games", Handbook of Game Theory
// vol. 3 ch. 45 (2002), sections 2-3.
//
// Complexity: a double pivot costs O(k (m + n) + k^2) (k <= min(m, n); on
// random 200x200 games k averages 6 to 27 along the path), an exact one O(m n)
// big-integer operations; the number of pivots is small on most random games
// but can be exponential in m + n (Savani and von Stengel 2006).
#pragma once

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

SolveResult lemke_howson(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
