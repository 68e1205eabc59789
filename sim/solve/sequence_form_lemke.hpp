// Lemke's algorithm on the sequence form: one Nash equilibrium of a
// two-player extensive-form game with perfect recall, in behaviour strategies,
// in time polynomial in the size of the TREE per pivot (the reduced normal
// form can be exponentially larger).
//
// The LCP (Koller, Megiddo and von Stengel 1996, section 4; the form and
// start Gambit's gambit-lcp uses). Shift every terminal payoff to a cost
// K - u > 0 (K = the largest payoff of either player + 1) and let A', B' be
// the sequence-form cost matrices (sum over the terminals reached by a pair
// of sequences of chance probability times cost). With E x = e and F y = f
// the realization-plan constraints (models/game/extensive_form.hpp), find
// x, y, p, q >= 0 with
//     A' y - E^T p >= 0  complementary to x,
//     B'^T x - F^T q >= 0  complementary to y,
//     E x - e >= 0       complementary to p,
//     F y - f >= 0       complementary to q.
// With positive costs every solution is an equilibrium (x, y) (p, q are the
// players' best-response cost values per information set). Lemke's method
// with covering vector d = 1, first pivot at player 1's root row, then
// complementary pivoting with the lexicographic ratio test ("gambit start").
// Double mode above options.centroid_above_rows LCP rows (LemkeStart::
// automatic or restricted): Lemke's algorithm on restricted games grown by
// best responses from CFR+'s support (restricted_sequence_lemke.hpp), because
// the whole LCP's path is genuinely long on large trees; if that fails, or
// when the gambit start's double path fails: the centroid start of von Stengel, van den
// Elzen and Talman (2002) (sequence_form_lcp.hpp), the path followed for q
// plus a small geometric perturbation (RevisedLcp::perturb) because the
// gambit start is so degenerate that its lexicographic ties cost most of the
// time and its double path cycles on large trees; the final basis must solve
// the unperturbed LCP. Engines: exact mode, the integer tableau
// (lcp_tableau.hpp); double mode, the revised engine (lcp_revised.hpp:
// sparse LU of the basis kernel, eta updates, refactorisation; a failed path
// is retried from the centroid, then, up to exact_fallback_max rows, once
// with a fresh factorisation at every pivot), or the old dense double
// tableau when options.dense_double (gambit or centroid d, no perturbation).
//
// Contract
//  - Two players and perfect recall, else std::invalid_argument /
//    InputError (ExtensiveFormGame::require_perfect_recall).
//  - options.exact: the whole path in integer-pivoting GMP arithmetic, the
//    equilibrium exact (rational realization plans and behaviour).
//    Otherwise double precision; the final basis is then re-solved in exact
//    rationals (a k x k system, k = basic sequences and values) when
//    k <= options.exact_resolve_max, which makes the answer exact too; a basis
//    whose exact solution is not a solution (rounding chose a wrong pivot), or
//    a double path that fails (ray, cycle), is redone in exact arithmetic when
//    the LCP has at most options.exact_fallback_max rows. Notes say which.
//  - Behaviour at an information set the player's own plan does not reach is
//    uniform (Gambit's convention, ExtensiveFormGame::behavior_from_sequence_weights).
//  - Up to centroid_above_rows rows (and always in exact mode): the same
//    LCP, covering vector, first pivot and lexicographic order as
//    gambit-lcp 16.7 (src/solvers/lcp/efglcp.cc): on every 2-player game of
//    ../shared/games/gambit-efg the first equilibrium is Gambit's line, digit
//    for digit (tests/sim/solve/sequence_form_lemke_test.cpp).
//  - The deadline is checked every 64 pivots: LimitError.
//  - The result is a candidate: the caller verifies it independently
//    (sim/solve/behavior_verify.hpp) before printing it.
// References: D. Koller, N. Megiddo, B. von Stengel, "Efficient computation of
// equilibria for extensive two-person games", Games and Economic Behavior 14
// (1996) 247-259; B. von Stengel, "Efficient computation of behavior
// strategies", GEB 14 (1996) 220-246; B. von Stengel, "Computing equilibria
// for two-person games", Handbook of Game Theory 3 (2002), ch. 45; C. E.
// Lemke, "Bimatrix equilibrium points and mathematical programming",
// Management Science 11 (1965) 681-689.
// Complexity: the LCP has n = sequences + information sets + 2 rows; the
// number of pivots is typically a small multiple of n (gambit start about 3n,
// centroid start 1n to 2n on random trees), exponential in the worst case.
// Double: memory O(n + factors), a pivot costs a sparse FTRAN
// (lcp_revised.hpp); dense_double O(n^2) memory and per pivot. Exact: O(n^2)
// big-integer operations per pivot.
// Limits: double precision on random trees (docs/benchmarks.md): the
// centroid start's whole-LCP path solves 413 / 853 sequences (1,900 rows,
// 2.1n pivots) but not 767 / 1,903 (over 10n pivots, unfinished); the
// restricted games solve both and 2,103 / 4,441 sequences (9,817 rows) in
// 7,805 pivots over 3 rounds, 0.8 to 0.9 s of CPU (1.3 s at load 13). The gambit start's double path cycles
// at 413 / 853. The exact re-solve is O(k^3) rationals.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

// Lemke's start: gambit-lcp's covering vector d = 1 (Gambit's path and
// answer), or the centroid prior of von Stengel, van den Elzen and Talman
// (sequence_form_lcp.hpp), whose path is usually shorter on large trees.
// automatic: gambit up to centroid_above_rows LCP rows, centroid above
// (where gambit-lcp's degenerate start makes the double path cycle or crawl).
// restricted: Lemke on restricted games grown by best responses, from
// CFR+'s support (restricted_sequence_lemke.hpp), the centroid path on the
// whole LCP if that fails. automatic: restricted above centroid_above_rows.
enum class LemkeStart { automatic, gambit, centroid, restricted };

struct SequenceFormLemkeOptions {
  bool exact = false;
  LemkeStart start = LemkeStart::automatic;  // double mode; the exact path always starts as gambit-lcp does
  std::size_t centroid_above_rows = 1000;
  bool centroid_fallback = true;          // double mode: a failed gambit-start path is retried from the centroid
  std::size_t exact_resolve_max = 400;    // double mode: re-solve the final basis exactly up to this k
  std::size_t exact_fallback_max = 1500;  // double mode: redo a failed path exactly up to this many LCP rows
  Deadline deadline{};
  bool dense_double = false;  // double mode on the old dense tableau (lcp_tableau.hpp): the benchmark's baseline
  std::size_t restricted_cfr_iterations = 1000;  // LemkeStart::restricted (restricted_sequence_lemke.hpp)
  double restricted_support_threshold = 0.01;
};

struct SequenceFormLemkeResult {
  BehaviorProfile profile;                      // players' rows; chance rows hold chance probabilities
  std::optional<ExactBehaviorProfile> exact;    // set when the answer is exact
  std::vector<double> plan[2];                  // realization plans x, y (double)
  std::size_t lcp_rows = 0;
  std::size_t pivots = 0;
  std::size_t factorizations = 0;               // basis factorisations of the double path (lcp_revised.hpp)
  bool exact_path = false;                      // the path was followed in exact arithmetic
  std::size_t rounds = 0;                       // restricted games solved (LemkeStart::restricted)
  std::size_t restricted_rows = 0;              // the last restricted LCP's rows
  std::vector<std::string> notes;
};

SequenceFormLemkeResult sequence_form_lemke(const ExtensiveFormGame& game,
                                            const SequenceFormLemkeOptions& options = {});

// `negsim solve GAME.efg --method lcp` (--exact: the exact path): the one
// equilibrium, verified (exactly when it is exact) by make_verified_equilibrium.
ExtensiveSolveResult solve_sequence_form_lemke(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
