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
// current strategies weighted by max(t - delay, 0)^averaging_power (1:
// linear, as Tammelin; 2: quadratic), taken over realization plans, so that
// it is the average strategy of the game.
//
// Variants (CfrVariant), all on the same passes:
//  - cfr_plus (default): as above.
//  - predictive_plus: predictive CFR+ (G. Farina, C. Kroer, T. Sandholm,
//    "Faster game solving via predictive Blackwell approachability", AAAI
//    2021): the same clipped regrets, but the strategy played is
//    [R + r_last]^+ normalized, predicting that the next instantaneous regret
//    equals the last one.
//  - discounted: DCFR(alpha, beta) (N. Brown, T. Sandholm, "Solving
//    imperfect-information games via discounted regret minimization", AAAI
//    2019): after each update positive regrets are multiplied by
//    t^alpha / (t^alpha + 1), negative ones by t^beta / (t^beta + 1); with
//    averaging_power 2 this is DCFR(1.5, 0, 2).
//  - vanilla: CFR as Zinkevich et al. (regret matching, no clipping); with
//    averaging_power 0 the plain uniform average. The baseline.
//
// Data layout (why it is fast): the tree is copied once into flat arrays in
// breadth-first order (children contiguous, parents before children), with
// every edge's probability slot (an information set's action or a chance
// outcome) precomputed. An update of player i is two loops over those arrays
// and no recursion or allocation: forward, the reach probability of each node
// through chance and the others; backward, counterfactual values, skipping
// nodes the others never reach, and player i's instantaneous regrets summed
// per information set. Memory: O(nodes * (players + 4)) words.
//
// Contract
//  - Any number of players; perfect recall required (InputError otherwise).
//  - Stops after options.iterations, at the deadline (the iterations done so
//    far count; the result says time_limit_reached), or as soon as a check
//    of the average profile's exploitability is <= options.target (then
//    target_reached). Checks happen at geometrically spaced iterations
//    (options.check_growth apart, at least every 10 iterations, and at the
//    end).
//  - exploitability here = max over players of (best-response payoff - payoff)
//    / that player's payoff range, computed by the independent verifier
//    (behavior_verify.hpp) on the average profile, never by the solver;
//    trace lists (iteration, exploitability, seconds) at every check. The
//    result is an epsilon-Nash equilibrium with that epsilon; it is an exact
//    Nash equilibrium only in the limit, and the guarantee that epsilon -> 0
//    (as O(1/sqrt(T)) or faster) holds for two-player zero-sum games only.
//    For other games CFR+ is a heuristic whose average may not converge: the
//    printed exploitability says how far it is.
// Complexity: one iteration is N updates, each two passes over the tree,
// O(N * nodes). Deterministic (no sampling).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

enum class CfrVariant { cfr_plus, predictive_plus, discounted, vanilla };

struct CfrPlusOptions {
  std::size_t iterations = 100000;
  double target = 0.0;          // stop when exploitability (relative to the payoff range) is at most this
  std::size_t delay = 0;        // averaging weight max(t - delay, 0)^averaging_power
  double averaging_power = 1;   // 0 uniform, 1 linear, 2 quadratic
  CfrVariant variant = CfrVariant::cfr_plus;
  double dcfr_alpha = 1.5, dcfr_beta = 0.0;  // CfrVariant::discounted only
  double check_growth = 0.25;   // the next check after max(10, check_growth * t) more iterations
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

// The iteration engine, for callers that drive the loop themselves (the
// benchmarks time iterations apart from verification). No checks, no
// deadline: iterate() does one iteration (every player updated once).
class CfrPlusSolver {
 public:
  // The game must outlive the solver. Throws InputError without perfect recall.
  CfrPlusSolver(const ExtensiveFormGame& game, const CfrPlusOptions& options = {});
  ~CfrPlusSolver();
  CfrPlusSolver(const CfrPlusSolver&) = delete;
  CfrPlusSolver& operator=(const CfrPlusSolver&) = delete;

  void iterate();
  std::size_t iterations() const;
  BehaviorProfile average() const;  // normalized; uniform where the player's average never reaches
  BehaviorProfile current() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Each player's gain from a best response (the independent verifier,
// behavior_verify.hpp), relative to its payoff range (range 0 -> 1).
std::vector<double> relative_exploitability(const ExtensiveFormGame& game, const BehaviorProfile& profile);

CfrPlusResult cfr_plus(const ExtensiveFormGame& game, const CfrPlusOptions& options = {});

// `negsim solve GAME.efg --method cfr [--iterations N] [--target EPS]`: CFR+
// until the average's exploitability is <= the target (default kCfrCliTarget)
// of every payoff range, --iterations (default kCfrCliIterations) or
// --time-limit; the average is reported as an epsilon-Nash equilibrium with the
// epsilon the verifier measured (the form says so), never as an exact one.
inline constexpr double kCfrCliTarget = 1e-6;
inline constexpr std::size_t kCfrCliIterations = 1000000;
ExtensiveSolveResult solve_cfr_plus(const ExtensiveFormGame& game, const SolveOptions& options);

}  // namespace negsim
