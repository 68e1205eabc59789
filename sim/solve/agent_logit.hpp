// Logit quantal-response equilibrium in behaviour strategies (agent form) for
// N-player extensive-form games, traced from the centroid to high precision
// lambda; its limit is a Nash equilibrium (in fact a sequential one).
//
// What it finds. The agent logit QRE at lambda: at every information set I
// of player i, sigma(I, a) is proportional to exp(lambda Q(I, a)), where
// Q(I, a) is i's expected payoff of a at I given the beliefs over I's nodes
// that Bayes' rule gives from sigma (all positive, so beliefs are always
// defined) and sigma afterwards (R. McKelvey and T. Palfrey, "Quantal
// response equilibria for extensive form games", Experimental Economics 1
// (1998) 9-41). At lambda = 0 it is the centroid; the branch from there is
// unique for generic games, and its limit as lambda -> infinity is a
// sequential equilibrium (same paper, and Turocy 2005 for the homotopy), so
// the profile found is one specific equilibrium: the "logit solution", the
// one Gambit's `gambit-logit` reports for an .efg.
//
// Method. Unknowns w = log sigma (one per player action) and lambda; per
// information set with reference action 0:
//     w(a) - w(0) - lambda (Q(I, a) - Q(I, 0)) = 0,   sum_a exp(w(a)) = 1,
// on each player's payoffs mapped onto [0, 1] (so lambda means the same for
// every player and scale). Q comes from one pass over the tree (top-down
// reach of everyone but the owner, bottom-up subtree values); the Jacobian by
// forward differences (one pass per unknown). The curve is followed by
// predictor-corrector continuation (path_following.hpp). Whenever lambda has
// doubled (from lambda = 2), the support is guessed (actions within a factor
// 1e-3 of the best at their information set) and Newton's method solves the
// indifference equations on that support at the information sets the
// guessed profile reaches (sigma fixed elsewhere); a polished profile is
// accepted if the independent verifier (behavior_verify.hpp) finds every
// player's exploitability <= options.tolerance of its payoff range.
//
// Contract
//  - Perfect recall required (InputError). Any number of players.
//  - result.verified: the profile passed the check above (a Nash equilibrium
//    within tolerance). Otherwise (the path reached options.max_lambda, or
//    the deadline) the profile is the last point of the branch and
//    result.exploitability says how far from equilibrium it is; it is not a
//    verified equilibrium and callers must not print it as one.
//  - trace (if asked) gets (lambda, profile) at every accepted step.
// Complexity: per path step O(K) tree passes (K = player actions) for the
// Jacobian plus a dense (K+1)^2 LU: for small and medium trees (K up to a few
// hundred). Use cfr for large games.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

struct AgentLogitOptions {
  double max_lambda = 1e7;     // in units of each player's payoff range
  double tolerance = 1e-9;     // accepted exploitability, relative to each player's payoff range
  bool keep_trace = false;
  Deadline deadline{};
};

struct AgentLogitPoint {
  double lambda = 0;
  BehaviorProfile profile;
};

struct AgentLogitResult {
  BehaviorProfile profile;          // chance rows hold the chance probabilities
  bool verified = false;            // exploitability <= tolerance for every player
  double lambda = 0;                // where the branch was when it stopped
  double exploitability = 0;        // max over players, relative to payoff range
  std::size_t steps = 0;
  std::vector<AgentLogitPoint> trace;
  std::vector<std::string> notes;
};

AgentLogitResult agent_logit(const ExtensiveFormGame& game, const AgentLogitOptions& options = {});

// `negsim solve GAME.efg --method logit`: the polished limit, verified with
// options.rel_tol; LimitError (exit 3) with the exploitability reached if the
// branch gives no verified equilibrium.
ExtensiveSolveResult solve_agent_logit(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
