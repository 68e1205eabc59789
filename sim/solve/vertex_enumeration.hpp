// All extreme Nash equilibria of a two-player game by vertex enumeration.
//
// Contract
//  - enumerate_extreme_equilibria(game, options) returns every extreme
//    equilibrium: every pair (x, y) of vertices of the best-response polytopes
//    P and Q (bimatrix.hpp) that is completely labeled, normalized. Every
//    equilibrium component of the game is the convex hull of products of such
//    points, so the list is complete; result.complete is true unless the time
//    limit (solve_deadline(options)) stops the search: then the equilibria
//    found so far are verified and returned, result.complete is false and
//    result.limit_reached says how many bases were visited (the clock is
//    read every 256 bases).
//  - Double mode (default): the enumeration pivots in floating point, and every
//    equilibrium found is re-solved from its labels in exact rationals and
//    checked with verify_exact_equilibrium before it is returned (as doubles);
//    candidates that fail are counted in result.rejected. Exact mode
//    (options.exact): the same set with Equilibrium::exact holding the
//    rational profile, by the hybrid engine (hybrid_vertex_enumeration.hpp:
//    double-precision pivoting whose every decision is either certain or
//    taken in exact arithmetic, every vertex re-solved in rationals), which
//    hands games it cannot decide (degenerate ones) to integer-preserving
//    pivoting on GMP integers throughout; a note says which engine ran.
//    enumerate_extreme_equilibria_with_engine(game, options,
//    ExactEngine::rational_pivoting) forces the latter (the baseline of tests
//    and benchmarks).
//  - When double precision cannot decide (a candidate fails the exact check,
//    no equilibrium survives, or a pure equilibrium that holds exactly is not
//    listed: every pure equilibrium is extreme), the whole enumeration is
//    redone in exact mode within the same time budget, and a note says why
//    (docs/solvers/tolerances.md). So a finite game never gets an empty list.
//  - Distinct equilibria only, sorted by profile (higher probability on
//    earlier strategies first, player 1 then player 2).
//  - Throws std::invalid_argument for games that are not 2-player.
//
// Method (in the spirit of Avis, Rosenberg, Savani and von Stengel,
// "Enumeration of Nash equilibria for two-player games", Economic Theory 42
// (2010), and lrsnash): depth-first search over the lexicographically feasible
// bases of the polytope of the player with fewer actions, with a hash set of
// visited bases instead of reverse search (each basis costs one ratio test per
// column and one pivot). For each vertex x with support S and best-response
// set T (|S| = |T| when x is nondegenerate), the matching y solves the square
// system A[S,T] y = 1, y = 0 off T; it is accepted if y >= 0 and A y <= 1.
// Vertices where that system is not square and nonsingular (degenerate games)
// are matched against the vertices of the other polytope, enumerated the same
// way, by label sets. Exact mode: the hybrid engine (see its header); its
// fallback, integer pivoting, enumerates both polytopes and pairs vertices
// with complementary label sets through a hash table.
//
// Complexity: O(V (m n + k^3)) in double mode, V the number of vertices of the
// smaller polytope (up to exponential in min(m, n); about 2e4 for random 14x14
// and 1.6e5 for 16x16 games), k <= min(m, n). Memory: one bit mask per basis.
#pragma once

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

enum class ExactEngine { hybrid, rational_pivoting };

SolveResult enumerate_extreme_equilibria(const NormalFormGame& game, const SolveOptions& options);
SolveResult enumerate_extreme_equilibria_with_engine(const NormalFormGame& game, const SolveOptions& options,
                                                     ExactEngine engine);

}  // namespace negsim
