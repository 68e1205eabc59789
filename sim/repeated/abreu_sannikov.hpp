// Pure-strategy subgame-perfect equilibrium payoffs with public randomization
// of a two-player repeated game with perfect monitoring, by the algorithm of
// Abreu & Sannikov (2014), "An algorithm for two-player repeated games with
// perfect monitoring", Theoretical Economics 9(2): 313-338.
//
// Method. Start from W = co(stage payoffs) (which contains the equilibrium set
// V) and iterate the AS operator: with punishments p_i = min_{w in W} w_i, an
// action profile a needs continuations w with
//     w_i >= p_i + (1 - delta)/delta * (max_{a_i'} g_i(a_i', a_-i) - g_i(a))
// (a quadrant Q(a)). If g(a) itself is in W and in Q(a), a contributes g(a);
// otherwise it contributes (1 - delta) g(a) + delta w for the at most four
// extreme points w of W intersected with Q(a) on the boundary of Q(a). W' is the
// convex hull; the sequence decreases to V (AS, Theorem 1 and Proposition 2).
// Values are normalised: (1 - delta) sum_t delta^t g_t.
//
// Tolerances: the iteration runs in per-player normalised coordinates (each
// player's stage payoffs mapped to [0, 1], payoff_units.hpp), so the set is
// equivariant under a separate positive affine change of each player's payoffs
// and every tolerance is relative to each player's own payoff range.
//
// Output: the vertices of V counter-clockwise. Throws NoPureSpeError when no
// action profile can be enforced (then no pure-strategy SPE exists).
// Complexity: per iteration O(|A| * m) for m hull vertices (m <= 4|A|), plus a
// hull of <= 4|A| points; the number of iterations grows like
// log(tol) / log(delta). Limits: 2 players only.
#pragma once

#include <stdexcept>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim {

class NoPureSpeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PayoffSetOptions {
  double tol = 1e-12;           // convergence: each coordinate moves less than tol * that player's range
  std::size_t max_iter = 100000;
  Deadline deadline;  // checked every iteration; LimitError (an unconverged set is not reported)
};

struct PayoffSetResult {
  std::vector<Point2> vertices;  // counter-clockwise, from the lowest-then-leftmost
  Point2 punishment{};           // min over the set of each player's payoff
  std::size_t iterations = 0;
  bool converged = false;
};

PayoffSetResult abreu_sannikov(const NormalFormGame& stage, double delta,
                               const PayoffSetOptions& options = {});

}  // namespace negsim
