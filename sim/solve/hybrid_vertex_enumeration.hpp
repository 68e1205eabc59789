// Exact vertex enumeration at double-precision speed: the engine of
// `enum --exact` (vertex_enumeration.hpp).
//
// Contract
//  - hybrid_equilibrium_candidates(g, deadline) enumerates the vertices of
//    the row player's best-response polytope P of the positive integer
//    bimatrix g (bimatrix.hpp) and returns, for every extreme equilibrium,
//    the label sets of its pair of vertices (x, y): exactly the label pairs
//    the rational-pivoting enumeration finds, each once. The caller re-solves
//    both points from their labels in rationals and verifies them
//    (verify_exact_equilibrium), as for every other candidate.
//  - decided is false when the double path cannot decide the game and the
//    caller must use rational pivoting instead (undecided_reason says why):
//    a basis that is numerically singular in double precision, or near-ties
//    and degenerate
//    bases at more than 1 in 16 of the bases (decided exactly one by one,
//    they would cost more than rational pivoting throughout).
//  - stopped: the deadline passed (read every 256 bases); candidates found so
//    far are returned, and the list may be incomplete.
//
// Method (Avis, Rosenberg, Savani and von Stengel, "Enumeration of Nash
// equilibria for two-player games", Economic Theory 42 (2010) 9-37, and
// lrsnash): depth-first search over the lexicographically feasible bases of
// P, from the slack basis, by lexicographic minimum-ratio pivots, with a hash
// set of visited bases (basis_mask_set.hpp) rather than Avis-Fukuda reverse
// search. Every combinatorial decision the search makes - the sign of each
// right-hand side (which decides a vertex's labels) and, per entering column,
// the leaving row of the minimum-ratio test - is taken in double precision
// only when its margin exceeds a guard band (kEntryGuard, kRhsGuard,
// kRatioGuard in the .cpp) that is many orders of magnitude above the
// rounding error of the tableau; the tableau is refactored from the original
// integers every kRefactorEvery pivots and after any pivot on an entry small
// against its column, so that error stays that of a fresh factorisation plus
// a few pivots. At a basis where any decision falls inside the guard band,
// the tableau of that basis is rebuilt exactly (integer-preserving pivots
// from the last basis decided exactly, LexTableau::pivot_to_basis) and all
// of that basis's decisions are taken in exact arithmetic, including the
// lexicographic tie-breaking; the search then continues in double from a
// refactored tableau. The double data are the integer payoffs times a power
// of two (exact up to 53 bits, else rounded by at most 2^-53 relative, far
// inside the guard bands), so both arithmetics decide on the same perturbed
// polytope.
// The vertex's labels are its nonbasic ids plus the basic ids that are
// exactly 0 (known exactly: a right-hand side inside the guard band sends the
// basis to exact arithmetic). For a nondegenerate vertex x (support S, best
// responses T, |S| = |T|) the matching y solves A[S,T] y_T = 1; y is accepted
// or rejected in double when every y_j and every slack 1 - (A y)_i off S is
// outside kPointGuard, otherwise it is solved and checked in rationals. A
// degenerate vertex (more labels), or one whose system is singular, has as
// partners the vertices of the face of Q with the complementary labels C:
// with C' a maximal independent subset of C, each solves C' plus n - |C'| of
// x's own labels, so every such subset is solved in rationals (up to 256 per
// vertex); beyond that, Q's vertices are enumerated by the same hybrid search
// and paired with x by label sets, as the rational enumeration does.
//
// Why this is exact: every vertex of P is reached by the lexicographic
// search, and a search whose every decision agrees with exact arithmetic
// visits exactly the bases (hence the vertices, with their exact labels) that
// the rational enumeration visits; every extreme equilibrium pairs a vertex x
// with a vertex y of the face above, found either as the unique solution or
// among the subsets, so none is missed; the exact verification removes any
// spurious pair. The guard bands are a forward-error argument, not a proof
// carried per basis: a basis with condition number above about 1e7 could in
// principle defeat them (refactor() refusing a basis, pivot below 1e-13,
// makes the game undecided). Tests compare with the rational path on random,
// integer, degenerate and badly scaled games and the shared Gambit games.
//
// Complexity: O(V (m n + k^3)) double operations for V bases of P (as the
// double-precision enumeration), plus big-integer pivots for the bases
// decided exactly (each costs as many pivots as its basis differs from the
// previous exact one) and one rational (m + n)^3 solve per candidate partner
// system; a game with large degenerate partner faces also enumerates Q.
// Memory O(V) bit masks plus the DFS stack. On random 16x16 integer games
// (payoffs 0..99, which have ties): about 1.4e5-2e5 bases, 80-300 of them
// decided exactly.
// Limits: as above; very degenerate games fall back to rational pivoting
// and keep its cost.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "models/deadline.hpp"
#include "sim/solve/bimatrix.hpp"

namespace negsim::detail {

struct HybridEnumeration {
  bool decided = false;
  std::string undecided_reason;
  bool stopped = false;
  // Label sets (ids as in bimatrix.hpp) of x in P and y in Q, per candidate.
  std::vector<std::pair<std::vector<int>, std::vector<int>>> candidates;
  std::size_t bases = 0;         // bases of P visited
  std::size_t exact_bases = 0;   // bases whose decisions were taken exactly
  std::size_t exact_points = 0;  // points y solved in rationals to decide feasibility
  std::size_t degenerate_vertices = 0;  // of P, or with a singular partner system
  std::size_t matched_against_q = 0;    // of those, matched against Q's vertices
};

HybridEnumeration hybrid_equilibrium_candidates(const BimatrixExact& g, const Deadline& deadline);

}  // namespace negsim::detail
