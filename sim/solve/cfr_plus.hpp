// CFR+ (counterfactual regret minimization, plus): an approximate Nash
// equilibrium of an N-player extensive-form game with perfect recall, in
// behaviour strategies, by self-play regret minimization over the tree.
//
// Method (O. Tammelin, "Solving large imperfect information games using
// CFR+", arXiv:1407.5042, 2014; O. Tammelin, N. Burch, M. Johanson, M.
// Bowling, "Solving heads-up limit Texas hold'em", IJCAI 2015; M. Zinkevich,
// M. Johanson, M. Bowling, C. Piccione, "Regret minimization in games with
// incomplete information", NIPS 2007). Every iteration t = 1, 2, ... updates
// the players in turn (alternating updates): one pass over the tree computes
// player i's counterfactual action values against the others' current
// strategies (chance and the others' reach probabilities), the regrets are
// accumulated and clipped at zero (regret matching+: R <- max(R + r, 0)),
// and the current strategy at each information set is the positive regrets
// normalized (uniform when all are 0). The output is the average of the
// current strategies weighted by max(t - delay, 0) (linear averaging), taken
// over realization plans, so that it is the average strategy of the game.
//
// Contract
//  - Any number of players; perfect recall required (InputError otherwise).
//  - Stops after options.iterations, at the deadline (the iterations done so
//    far count; the result says time_limit_reached), or as soon as a check
//    of the average profile's exploitability is <= options.target (then
//    target_reached). Checks happen at geometrically spaced iterations
//    (about 25% apart, at least every 10 iterations, and at the end).
//  - exploitability here = max over players of (best-response payoff - payoff)
//    / that player's payoff range, computed by the independent verifier
//    (behavior_verify.hpp) on the average profile; trace lists (iteration,
//    exploitability, seconds) at every check. The result is an epsilon-Nash
//    equilibrium with that epsilon; it is an exact Nash equilibrium only in the
//    limit, and the guarantee that epsilon -> 0 (as O(1/sqrt(T)) or faster)
//    holds for two-player zero-sum games only. For other games CFR+ is a
//    heuristic whose average may not converge: the printed exploitability
//    says how far it is.
// Complexity: one iteration is N passes over the tree, O(N * nodes); memory
// O(nodes + 3 * actions). Deterministic (no sampling).
#pragma once

#include <cstddef>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

struct CfrPlusOptions {
  std::size_t iterations = 100000;
  double target = 0.0;          // stop when exploitability (relative to the payoff range) is at most this
  std::size_t delay = 0;        // averaging weight max(t - delay, 0)
  Deadline deadline{};
};

struct CfrCheck {
  std::size_t iteration = 0;
  double exploitability = 0;  // max over players, relative to each player's payoff range
  double seconds = 0;
};

struct CfrPlusResult {
  BehaviorProfile average;   // chance rows hold the chance probabilities
  BehaviorProfile current;   // the last iterate
  std::size_t iterations = 0;
  double exploitability = 0;   // of `average`, at the last check
  std::vector<double> player_exploitability;  // per player, relative to its range
  std::vector<CfrCheck> trace;
  bool target_reached = false;
  bool time_limit_reached = false;
};

CfrPlusResult cfr_plus(const ExtensiveFormGame& game, const CfrPlusOptions& options = {});

// `negsim solve GAME.efg --method cfr`: CFR+ until the average's
// exploitability is <= kCfrCliTarget of every payoff range, 10^6 iterations or
// --time-limit; the average is reported as an epsilon-Nash equilibrium with the
// epsilon the verifier measured (the form says so), never as an exact one.
inline constexpr double kCfrCliTarget = 1e-6;
ExtensiveSolveResult solve_cfr_plus(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
