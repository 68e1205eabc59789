// Correlated (CE) and coarse correlated (CCE) equilibria of N-player games by
// linear programming over the distribution mu on pure profiles (GLPK simplex).
//
// Contract
//  - CE (Aumann 1974, 1987): for every player p and every pair of actions
//    a != b,  sum_{s : s_p = a} mu(s) [u_p(b, s_-p) - u_p(s)] <= 0, i.e. no
//    player gains by swapping a recommendation a for b.
//  - CCE (Hannan 1957; Moulin and Vial 1978): for every player p and action b,
//    sum_s mu(s) [u_p(b, s_-p) - u_p(s)] <= 0, i.e. no player gains by
//    committing to a fixed action before seeing the recommendation.
//    Every CE is a CCE, and every Nash equilibrium (as a product
//    distribution) is a CE, so on any game
//        max welfare over CCE >= max welfare over CE >= best Nash welfare.
//  - Objectives: any feasible point (the first vertex the simplex reaches),
//    maximum total welfare sum_p u_p, or maximum payoff of one player.
//  - The returned distribution is cleaned (negative and < 1e-12 entries
//    dropped, renormalized) and then VERIFIED independently of the LP:
//    max_gain is recomputed from the game's payoff tables and must be at most
//    rel_tol * max(1, max |payoff|). If the floating-point simplex answer fails,
//    a scaled primal simplex with tighter tolerances is run from its basis,
//    then (LPs up to kMaxExactNonzeros) GLPK's exact rational simplex; if all
//    fail, std::runtime_error is thrown. Nothing unverified is returned.
//  - Optimality of the objective is GLPK's claim (not re-proved here).
//
// References: R. Aumann, Subjectivity and correlation in randomized
// strategies, J. Math. Econ. 1 (1974); Correlated equilibrium as an expression
// of Bayesian rationality, Econometrica 55 (1987). J. Hannan, Approximation to
// Bayes risk in repeated play (1957). H. Moulin and J.-P. Vial, Strategically
// zero-sum games, Int. J. Game Theory 7 (1978). Existence via LP duality:
// S. Hart and D. Schmeidler, Math. Oper. Res. 14 (1989).
//
// Complexity: the LP has P = prod n_p columns. CE: sum_p n_p (n_p - 1) + 1 rows
// and sum_p (n_p - 1) P + P nonzeros; CCE: sum_p n_p + 1 rows and about
// (n + 1) P nonzeros. Simplex time grows roughly like P^2 in practice.
// Limits: more than kMaxCorrelatedNonzeros constraint nonzeros -> LimitError.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

enum class CorrelationKind { Correlated, CoarseCorrelated };

struct CorrelatedObjective {
  enum Kind { Any, Welfare, Player } kind = Any;
  std::size_t player = 0;  // 0-based, for kind == Player
};

struct CorrelatedEquilibrium {
  CorrelationKind kind = CorrelationKind::Correlated;
  CorrelatedObjective objective;
  // Sparse: (profile index in Gambit order, probability), ascending index,
  // probabilities positive and summing to 1.
  std::vector<std::pair<std::size_t, double>> distribution;
  std::vector<double> payoffs;  // each player's expected payoff under the distribution
  // Largest gain from any deviation (CE: any recommendation-conditional swap
  // a -> b, weighted by the probability of a; CCE: any fixed action),
  // recomputed from the game independently of the LP. >= 0.
  double max_gain = 0.0;
  bool exact_fallback = false;  // true if glp_exact was needed to pass verification
  std::size_t lp_attempts = 0;  // simplex runs (1 normally; see the .cpp for the fallbacks)
};

// Upper limit on constraint-matrix nonzeros before anything is allocated.
inline constexpr std::size_t kMaxCorrelatedNonzeros = 20'000'000;
// glp_exact (the last fallback) is only tried up to this many nonzeros.
inline constexpr std::size_t kMaxExactNonzeros = 200'000;

CorrelatedEquilibrium solve_correlated(const NormalFormGame& game, CorrelationKind kind,
                                       CorrelatedObjective objective,
                                       double rel_tol = kDefaultRegretTolerance);

// `--method ce|cce` with `--objective`: kind from options.method, objective
// parsed by parse_objective(options.objective), tolerance options.rel_tol,
// solve_deadline(options): what is left of it is GLPK's tm_lim before each
// simplex attempt; when it runs out, LimitError (one answer: nothing partial).
CorrelatedEquilibrium solve_correlated(const NormalFormGame& game, const SolveOptions& options);

// "any", "welfare", "player:<index>" (0-based) or "player:<name>" (a player
// name, case-insensitive). UsageError with a did-you-mean hint otherwise.
CorrelatedObjective parse_objective(const std::string& text, const NormalFormGame& game);

// Independent checks used by the solver, and by tests on any distribution.
double correlated_max_gain(const NormalFormGame& game, CorrelationKind kind,
                           const std::vector<std::pair<std::size_t, double>>& distribution);
// The same gain for each player separately (verification compares gains[p]
// with regret_tolerances(game)[p]).
std::vector<double> correlated_gains(const NormalFormGame& game, CorrelationKind kind,
                                     const std::vector<std::pair<std::size_t, double>>& distribution);
std::vector<double> correlated_payoffs(const NormalFormGame& game,
                                       const std::vector<std::pair<std::size_t, double>>& distribution);
// The product distribution of a mixed profile (sparse, zero entries omitted).
std::vector<std::pair<std::size_t, double>> product_distribution(const NormalFormGame& game,
                                                                  const MixedProfile& profile);

// The LP's incentive-constraint matrix in GLPK's 1-based triplet form (entry 0
// unused), each player's rows divided by that player's payoff range, plus the sum-to-one row
// last. Exposed for the benchmark baseline (building without solving).
// `deadline` is checked before each constraint row (large games take seconds
// to build): LimitError, nothing partial.
struct CorrelatedLpMatrix {
  std::size_t num_rows = 0;
  std::size_t num_cols = 0;
  std::vector<int> rows, cols;
  std::vector<double> values;
};
CorrelatedLpMatrix correlated_constraint_matrix(const NormalFormGame& game, CorrelationKind kind,
                                                const Deadline& deadline = {});

const char* to_string(CorrelationKind kind);

}  // namespace negsim
