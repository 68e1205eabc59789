// The result contract of every extensive-form method: verified behaviour
// profiles.
//
// Contract
//  - A method returns candidates; make_verified_equilibrium() passes each
//    through the one independent verifier (behavior_verify.hpp) and keeps the
//    gains it computed. Exact candidates must have every gain exactly 0;
//    double ones every gain within the player's own tolerance (rel_tol times
//    the player's payoff range plus rounding: docs/solvers/tolerances.md).
//    A candidate that fails is never printed (nullopt; the method decides
//    whether that is a bug or a limit).
//  - `form` says what kind of equilibrium the method promises, in words a
//    Gambit user recognises: "strategic-form" (Nash: no better plan of
//    moves), "agent-form" (no better single move), "subgame-perfect".
//  - no_action[i] marks information sets printed as all zeros (Gambit's
//    convention for sets a player's own pure strategy cannot reach); the
//    profile itself is complete (those rows hold an arbitrary action) so that
//    beliefs and payoffs can be computed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_verify.hpp"

namespace negsim {

struct BehaviorEquilibrium {
  BehaviorProfile profile;                   // complete (every row a distribution)
  std::optional<ExactBehaviorProfile> exact;  // exact methods; then gains are exactly 0
  std::vector<bool> no_action;               // per infoset: print as zeros
  std::vector<double> payoffs;
  std::vector<double> gains;        // per player, from the verifier
  double max_relative_gain = 0.0;   // max over players of gain / payoff range
  std::string method;
  // Optional (qpe): consistent beliefs at EVERY information set, over
  // infoset(i).nodes, off the path too; empty: reports use Bayes' rule on the path.
  std::vector<std::vector<double>> beliefs;
};

struct ExtensiveSolveResult {
  std::string method;
  std::string form;         // "strategic-form", "agent-form", "subgame-perfect (...)"
  std::string form_note;    // one sentence: what the form means
  std::vector<BehaviorEquilibrium> equilibria;
  bool complete = false;    // every equilibrium of the promised kind is listed
  std::string note;         // e.g. why the list is cut
};

// Verifies a candidate (exact when `exact` is given, else double with
// rel_tol) as a Nash equilibrium of the whole game; nullopt if it is not one.
std::optional<BehaviorEquilibrium> make_verified_equilibrium(const ExtensiveFormGame& game,
                                                             const BehaviorProfile& profile,
                                                             const std::optional<ExactBehaviorProfile>& exact,
                                                             const std::string& method, double rel_tol = 1e-9);

// The last gate before printing, for every extensive-form method: re-checks
// each equilibrium of `result` with the verifier in the sense its form
// claims (agent-form: one-set deviations, exactly; otherwise Nash, exactly
// for exact results, else within rel_tol of each player's payoff range).
// Throws std::logic_error (an internal bug, exit 4) if one fails.
void require_verified(const ExtensiveFormGame& game, const ExtensiveSolveResult& result, double rel_tol = 1e-9);

}  // namespace negsim
