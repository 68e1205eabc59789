// Outer approximation of the pure-strategy SPE payoff set with public
// randomization for N players, by hyperplane (support-function) iteration:
// Judd, Yeltekin & Conklin (2003), "Computing supergame equilibria",
// Econometrica 71(4): 1239-1254.
//
// W is kept as {w : d_k . w <= c_k} for fixed unit directions d_k (the
// coordinate axes both ways plus quasi-uniform directions on the sphere).
// Each round, with punishments p_i = min_{w in W} w_i (LP), every level becomes
//   c_k' = max_a max_w { d_k . ((1 - delta) u(a) + delta w) : w in W,
//                        w_i >= p_i + (1 - delta)/delta * dev_i(a) }
// (one LP per profile and direction, GLPK). Starting from the hull of stage
// payoffs (which contains V) the levels decrease and every iterate contains
// the true set V, so the result is an outer bound whatever the number of
// directions; more directions make it tighter.
//
// Tolerances: the directions are fixed, and the iteration runs, in per-player
// normalised coordinates (payoff_units.hpp); the result is mapped back, so it is
// equivariant under a separate positive affine change of each player's payoffs
// and tol is relative to each player's own range.
//
// Throws NoPureSpeError (abreu_sannikov.hpp) when no profile is enforceable.
// Complexity per iteration: P * K small LPs (P profiles, K directions).
// Limits: meant for small stage games (P * K LPs per round).
#pragma once

#include <span>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/repeated/payoff_units.hpp"

namespace negsim {

struct OuterApproximationOptions {
  std::size_t directions = 0;   // extra sphere directions beyond the 2N axes; 0 = 32 (2D) / 48 (N >= 3)
  double tol = 1e-8;            // stop when no level moves more than tol (normalised coordinates)
  std::size_t max_iter = 5000;
  Deadline deadline;  // checked every iteration; LimitError (an unconverged set is not reported)
};

struct OuterApproximation {
  std::vector<std::vector<double>> directions;  // unit vectors d_k (game coordinates)
  std::vector<double> levels;                   // c_k: the set is {w : d_k . w <= c_k}
  std::vector<double> punishment;               // min of each coordinate over the set
  std::size_t iterations = 0;
  bool converged = false;
  PayoffUnits units;                            // the normalisation
  std::vector<std::vector<double>> unit_directions;  // the same constraints in
  std::vector<double> unit_levels;                   // normalised coordinates
  // tol is relative to each player's payoff range (tested in normalised coordinates).
  bool contains(std::span<const double> w, double tol = 1e-7) const;
};

OuterApproximation outer_approximation(const NormalFormGame& stage, double delta,
                                       const OuterApproximationOptions& options = {});

}  // namespace negsim
