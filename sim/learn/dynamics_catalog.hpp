// The learning dynamics of sim/learn/ by name, as `negsim learn --dynamics`
// and the sweep analysis `learn` reach them, and one run of a dynamic with
// its trajectory and an independent verdict on where it ended.
//
// Contract
//  - dynamics_catalog(): every dynamic once, canonical names in a stable
//    order, with the options that apply to it (an option that does not apply
//    is a usage error in the CLI) and what its trajectory tracks.
//  - run_learning(): runs the named dynamic (options.trace_every > 0 records
//    the trajectory), then
//      * trajectory: the starting profile at iteration 0, each recorded
//        profile with every player's expected payoff, and, when the tracked
//        profile is the final profile (every dynamic but regret matching,
//        whose final profile is the empirical marginals while it tracks the
//        current strategy), the final profile at the last iteration;
//      * verdict: each player's regret at the final profile, recomputed from
//        the game (NormalFormGame::regrets), its tolerance
//        (regret_tolerances(game, rel_tol): rel_tol times the player's payoff
//        range) and whether verify_equilibrium (sim/solve/equilibrium.hpp)
//        accepts the final profile as a Nash equilibrium. A dynamic's own
//        `converged` flag is its stopping rule, not a claim of equilibrium:
//        only the verdict says that.
//  - Unknown name: UsageError with a did-you-mean hint. Invalid initial
//    profile (or a mixed one for a dynamic that starts pure): UsageError. Time limit: LimitError (through options.deadline).
// Complexity: the dynamic's (see its header) plus O(trace points * profiles * players)
// for the trajectory's payoffs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/learn/learning.hpp"

namespace negsim {

struct DynamicsInfo {
  std::string name;         // e.g. "fictitious-play"
  std::string description;  // one line
  std::string tracked;      // what a trajectory row holds, e.g. "empirical frequencies of play"
  std::string stopping;     // the dynamic's own convergence rule, for reports
  bool uses_step = false;         // --step
  bool uses_lambda = false;       // --lambda
  bool uses_seed = false;         // --seed
  bool uses_simultaneous = false; // --simultaneous
  bool pure_initial = false;      // --initial must be pure
  bool tracks_final = true;       // the tracked profile is the final profile
};

const std::vector<DynamicsInfo>& dynamics_catalog();
// The entry of `name`; UsageError with did-you-mean if there is none.
const DynamicsInfo& find_dynamics(const std::string& name);

struct TrajectoryPoint {
  std::size_t iteration = 0;
  MixedProfile profile;
  std::vector<double> payoffs;  // expected payoff of each player
};

struct LearningVerdict {
  std::vector<double> regrets;     // per player, at the final profile
  std::vector<double> tolerances;  // per player: rel_tol * payoff range (+ rounding floor)
  std::vector<double> payoffs;     // per player, at the final profile
  double max_regret = 0;
  double rel_tol = 0;
  bool is_equilibrium = false;     // verify_equilibrium accepted the final profile
};

struct LearningRun {
  DynamicsInfo dynamics;
  LearningOptions options;  // as run (deadline aside)
  LearningResult result;
  std::vector<TrajectoryPoint> trajectory;
  LearningVerdict verdict;
};

// rel_tol: the verdict's tolerance relative to each player's payoff range.
LearningRun run_learning(const NormalFormGame& game, const std::string& dynamics, const LearningOptions& options,
                         double rel_tol);

}  // namespace negsim
