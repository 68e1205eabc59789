// Logit quantal-response equilibrium (QRE) path following for N-player games.
//
// Reference: R. McKelvey and T. Palfrey, "Quantal response equilibria for
// normal form games", GEB 10 (1995); T. Turocy, "A dynamic homotopy
// interpretation of the logistic quantal response equilibrium
// correspondence", GEB 51 (2005). Gambit's `gambit-logit` follows the same
// system.
//
// Method. The logit QRE at precision lambda solves, for every player p and
// action a (w = log probabilities, a = 0 the reference action),
//     w_p(a) - w_p(0) - c_p(a) - lambda (v_p(a) - v_p(0)) = 0,
//     sum_a exp(w_p(a)) = 1,
// where v_p(a) is the expected payoff of action a against the others and
// c_p(a) = log pi_p(a) - log pi_p(0) for a prior pi (uniform: c = 0, the
// classical principal branch from the centroid). The solutions form a curve
// that starts at (w = log pi, lambda = 0) and, for generic games, reaches
// lambda -> infinity at a Nash equilibrium. It is followed by
// predictor-corrector continuation (sim/solve/path_following) in (w, lambda);
// the branch is that of unit_range_game(game) (each player's payoffs mapped
// affinely onto [0, 1], equilibrium.hpp), so lambda, step sizes and the
// polishing target mean the same for every player and every payoff scaling.
// Along the way, once the point is close to a best response profile, the
// support is guessed and polish_equilibrium (Newton on the support's
// indifference system) finishes the job: the path stops as soon as the
// polished profile has regret <= 1e-10 (of each player's payoff range) and is
// within 0.05 of the path point. If polishing never succeeds the path runs to
// lambda = 1e9 and the point there is verified as is.
//
// Several starts (options.starts > 1, options.seed): start 0 is the centroid;
// each further start uses a random prior pi drawn from Dirichlet(0.3) per
// player (floored at 1e-4). A prior changes where the branch starts without
// perturbing the game, so every branch still ends at an equilibrium of the
// game itself (no mapping back from a perturbed game), and concentrated
// priors steer branches into different equilibria's basins. Payoff
// perturbations would need a second continuation back to the original game
// and small ones mostly reproduce the principal equilibrium.
//
// Contract: every returned equilibrium passed verify_equilibrium with
// regret_tolerances(game, options.rel_tol) (per player); the same profile
// (same_profile) is listed once; complete is false (one equilibrium per start, and
// only equilibria that are limits of logit branches, i.e. generically of
// index +1, can be reached). If trace is not null it receives the points of
// start 0's branch (lambda in units of each player's payoff range). When no
// branch gives a verified equilibrium (and the time limit did not stop it),
// the result is marked none_verified (equilibrium.hpp): solve() then exits
// with a limit error (3) rather than print nothing as if that were an answer.
//
// Cost per path step: one or two PayoffJacobian evaluations (2 passes over the
// payoff tables each) and one QR of a (K+1) x K matrix, K = total strategies.
// Limits: dense K x K Jacobians. The time limit (solve_deadline(options))
// is checked once per path step; when it passes, the branch being followed
// ends where it is (its last point is verified like any other and kept only
// if it passes), no further start is tried, and the result says so in
// limit_reached (see equilibrium.hpp). The path's own step limit (100000
// steps) is reported in notes ("path ended early (step limit ...)").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

struct QrePoint {
  double lambda;
  MixedProfile profile;
};

SolveResult logit_qre(const NormalFormGame& game, const SolveOptions& options,
                      std::vector<QrePoint>* trace = nullptr);

// Lower-level: follows one branch from the prior (empty = centroid) and
// returns its terminal profile (polished when possible), or nothing if the
// path failed. passes, if given, receives the payoff-table passes used;
// failure, why the path ended early (empty if it did not); record, the
// path's steps and (if it ended early) typed reason.
std::optional<MixedProfile> logit_branch(const NormalFormGame& game, const MixedProfile& prior,
                                         const Deadline& deadline,
                                         std::vector<QrePoint>* trace = nullptr,
                                         std::uint64_t* passes = nullptr,
                                         std::string* failure = nullptr,
                                         PathRecord* record = nullptr);

}  // namespace negsim
