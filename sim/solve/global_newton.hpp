// Global Newton method for N-player Nash equilibria.
//
// Reference: S. Govindan and R. Wilson, "A global Newton method to compute
// Nash equilibria", Journal of Economic Theory 110 (2003) 65-86; the
// structure theorem of E. Kohlberg and J.-F. Mertens, Econometrica 54 (1986).
// Gambit's `gambit-gnm` implements the same homotopy.
//
// Method. Give every player p a bonus lambda * g_p(a) for action a, for a
// random ray g. With the Kohlberg-Mertens coordinates z (one per strategy),
// sigma = r(z) the Euclidean projection of each player's block of z onto the
// simplex and v(sigma) the action values, the equilibria of the perturbed
// game are the solutions of
//     H(z, lambda) = z - r(z) - v(r(z)) - lambda g = 0.
// For large lambda the only solution is the pure profile that maximises g;
// the solution set over the ray is a curve (for generic g) that runs from
// lambda = +inf to lambda = -inf, and each of its crossings of lambda = 0 is
// an equilibrium of the game. H is smooth inside each support cell of r and
// continuous across cells; the curve is followed by the predictor-corrector
// of sim/solve/path_following with steps cut at cell boundaries and the
// orientation kept by the sign of det [J; t^T] (which stays valid across the
// kinks). Each crossing is refined by Newton on H(., 0) = 0, projected, then
// polished by polish_equilibrium. The curve is followed until it is in the
// pure cell of argmin g with lambda < 0 (from where it is a straight ray with
// no more crossings).
//
// Several rays (options.starts, options.seed): one random ray per start, g
// uniform on [0,1)^K, normalised. Different rays give different curves, which
// together reach equilibria of either index (unlike logit, which only reaches
// index +1 ones). The rays run on unit_range_game(game) (each player's payoffs
// mapped affinely onto [0, 1], equilibrium.hpp), so the method gives the same
// answers for every positive affine change of each player's payoffs.
//
// Contract: every returned equilibrium passed verify_equilibrium with
// regret_tolerances(game, options.rel_tol) (per player); the same profile
// (same_profile) is listed once; complete is false; if no ray gives a
// verified equilibrium the result is marked none_verified (exit 3 from solve()). Cost per path step: one PayoffJacobian evaluation and
// one LU of (K+1) x (K+1), K = total strategies, plus a few value evaluations.
// Limits: degenerate games (non-generic payoffs) may make the curve branch
// or stall; such rays end with a note (step limit/underflow) and whatever
// crossings were found so far are still reported.
#pragma once

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

SolveResult global_newton(const NormalFormGame& game, const SolveOptions& options);

}  // namespace negsim
