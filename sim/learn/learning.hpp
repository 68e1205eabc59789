// Common types of the learning dynamics in sim/learn/: each method repeatedly
// updates the players' strategies in a stage game and reports whether it
// settled (convergence) and where it ended (the final profile and its max
// regret, computed independently with NormalFormGame::max_regret).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"

namespace negsim {

struct LearningOptions {
  std::size_t max_iterations = 10000;
  double tol = 1e-6;          // convergence threshold; its meaning is per method (see headers)
  std::uint64_t seed = 0;     // for sampled dynamics (regret matching)
  MixedProfile initial;       // starting strategies; empty = uniform
  double step = 0.1;          // replicator (continuous): RK4 step; logit: mixing weight
  double lambda = 10.0;       // logit response precision
  bool simultaneous = false;  // best-response dynamics: all players at once
  std::size_t trace_every = 0;  // record the tracked profile every k iterations (0 = never)
  // Checked every iteration (every 256 for sampled regret matching, whose
  // iterations are cheap); when it passes, LimitError saying how many
  // iterations were done. A dynamic stopped halfway is not reported.
  Deadline deadline;
};

struct LearningResult {
  std::string method;
  std::size_t iterations = 0;
  bool converged = false;
  double final_change = 0;      // sup-norm change of the tracked profile in the last iteration
  MixedProfile final_profile;   // where the dynamic ends (see each method)
  MixedProfile empirical;       // time-average of play (fictitious play, regret matching)
  double max_regret = 0;        // of final_profile, by NormalFormGame::max_regret
  double cce_gap = NAN;         // regret matching: max average regret of the empirical joint play
  std::vector<double> joint;    // regret matching: empirical joint distribution over profiles
                                // (Gambit order), kept when there are <= 2^20 profiles
  std::vector<MixedProfile> trace;
  std::vector<std::size_t> trace_iterations;
};

// Throws LimitError through options.deadline if it has passed, saying
// `method` stopped after iterations_done of options.max_iterations.
void check_learning_deadline(const LearningOptions& options, const char* method, std::size_t iterations_done);

// Uniform profile, or options.initial after a validity check (throws std::invalid_argument).
MixedProfile starting_profile(const NormalFormGame& game, const LearningOptions& options);
// Each player's payoff unit: its payoff range (1 if all its payoffs are equal).
// Stopping rules compare regrets in these units (docs/solvers/tolerances.md), so
// a separate positive affine change of each player's payoffs changes no verdict.
std::vector<double> payoff_units(const NormalFormGame& game);
// max_i regret_i(profile) / unit_i.
double max_relative_regret(const NormalFormGame& game, const MixedProfile& profile,
                           const std::vector<double>& units);
// Sup-norm distance between two profiles of the same shape.
double profile_distance(const MixedProfile& a, const MixedProfile& b);

}  // namespace negsim
