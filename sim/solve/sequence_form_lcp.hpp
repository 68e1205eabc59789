// The sequence-form LCP of a two-player extensive-form game (Koller, Megiddo
// and von Stengel 1996; von Stengel 2002, section 3.11): w = q + M z with
// z = (x, y, p, q), x and y the realization plans, p and q the dual variables
// of the constraints E x = e and F y = f. The payoffs enter as costs K - u
// (K one more than the largest terminal payoff), so every cost is >= 1 and
// the LCP has Lemke's guarantee. Built exactly; O(terminals + nonzeros of E, F).
//
// Shared by Lemke's algorithm (sequence_form_lemke.cpp) and the quasi-perfect
// refinement (quasi_perfect.cpp), which perturbs q.
#pragma once

#include <cstddef>
#include <vector>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"

namespace negsim::detail {

struct SequenceLcpEntry {
  std::size_t row, col;
  mpq_class value;
};

struct SequenceLcp {
  std::size_t n1 = 0, n2 = 0, m1 = 0, m2 = 0, n = 0;
  std::vector<SequenceLcpEntry> m;  // nonzero entries of M
  std::vector<mpq_class> q;
  std::size_t x0() const { return 0; }
  std::size_t y0() const { return n1; }
  std::size_t p0() const { return n1 + n2; }
  std::size_t q0() const { return n1 + n2 + m1; }
};

// The game must have two players (the callers check).
SequenceLcp build_sequence_lcp(const ExtensiveFormGame& game);

// Lemke's covering vector d (w = q + M z + d z0) for the two starts.
// gambit_covering_vector: d = 1, gambit-lcp's start (sequence_form_lemke.hpp).
// centroid_covering_vector: von Stengel, van den Elzen and Talman's start
// from a prior, here the centroid (every player uniform at every information
// set, realization plans xbar, ybar): d = (A' ybar, B'^T xbar, e, f), so at
// z0 = 1 the basic solution is the prior itself and z0 is the prior's weight
// along the path (the tracing procedure). Built from lcp.m: O(nonzeros of M).
// Reference: B. von Stengel, A. van den Elzen, D. Talman, "Computing normal
// form perfect equilibria for extensive two-person games", Econometrica 70
// (2002) 693-715.
std::vector<mpq_class> gambit_covering_vector(const SequenceLcp& lcp);
std::vector<mpq_class> centroid_covering_vector(const ExtensiveFormGame& game, const SequenceLcp& lcp);

}  // namespace negsim::detail
