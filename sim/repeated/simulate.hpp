// Monte Carlo simulation of repeated play between strategy automata, and
// Axelrod-style round-robin tournaments.
//
// Contract
//  - One automaton per player (check_automata_profile). Each run plays
//    `rounds` rounds, or, when continuation < 1, stops after each round with
//    probability 1 - continuation (capped at `rounds`, or at 10^6 if rounds = 0).
//  - A tremble replaces a player's intended action, with probability `tremble`,
//    by a uniformly drawn different action (a flip when there are two).
//  - Run r uses its own generator seeded from (seed, r), so results are the same
//    whatever the number of threads. Runs execute in parallel with oneTBB.
//  - Reported per player: the mean discounted total sum_t delta^t u_t and the
//    mean normalised value total / sum_t delta^t (the average payoff when
//    delta = 1), each with a 95% normal confidence half-width 1.96 s / sqrt(M).
//  - Histories (profile index per round) are kept for the first history_runs runs.
//
// Complexity: O(rounds * players) per run, no allocation inside a run.
// Reference for tournaments: Axelrod (1980) "Effective choice in the prisoner's
// dilemma", J. Conflict Resolution 24(1).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "models/game/repeated.hpp"
#include "models/game/automaton.hpp"

namespace negsim {

struct SimulationOptions {
  std::size_t rounds = 100;
  double continuation = 1.0;
  double discount = 1.0;
  double tremble = 0.0;
  std::size_t runs = 1;
  std::uint64_t seed = 0;
  std::size_t history_runs = 1;
  // Checked every 4096 rounds played (within a run, or summed over the short
  // runs of a block) and before each block; when it passes, LimitError
  // saying how many runs were done (a Monte Carlo estimate over fewer runs
  // than asked is not reported).
  Deadline deadline;
};

// Options taken from a spec (rounds, continuation, discount); the rest default.
SimulationOptions simulation_options(const RepeatedGameSpec& spec);

struct History {
  std::size_t run = 0;
  std::vector<std::uint32_t> profiles;  // profile index of each round
  std::vector<std::uint8_t> trembled;   // bit p set when player p trembled that round
};

struct SimulationResult {
  std::size_t runs = 0;
  std::vector<double> mean_total, ci_total;      // discounted totals, per player
  std::vector<double> mean_average, ci_average;  // normalised values, per player
  double mean_rounds = 0;
  std::uint64_t player_rounds = 0;               // sum over runs of rounds * players
  std::vector<History> histories;
};

SimulationResult simulate(const NormalFormGame& game, std::span<const Automaton> automata,
                          const SimulationOptions& options);

// The generator a run uses (exposed for tests): SplitMix64 of (seed, run).
std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run);

// ---- Tournaments --------------------------------------------------------

using StrategyFactory =
    std::function<Automaton(const NormalFormGame& game, std::size_t player, const PureProfile& target)>;

struct TournamentEntry {
  std::string name;
  StrategyFactory make;
};

// An entry for a library strategy or YAML file, by spec (see make_strategy_from_spec).
TournamentEntry library_entry(const std::string& spec);

struct TournamentOptions {
  std::size_t rounds = 200;
  double continuation = 1.0;
  double discount = 1.0;
  double tremble = 0.0;
  std::size_t repetitions = 1;
  std::uint64_t seed = 0;
  bool self_play = false;
  Deadline deadline;  // passed to every simulation
};

struct TournamentResult {
  std::vector<std::string> names;
  // scores[i]: mean (over repetitions) of i's discounted totals summed over opponents.
  std::vector<double> scores;
  // matrix[i][j]: mean total of i against j (seat-averaged for asymmetric games).
  std::vector<std::vector<double>> matrix;
  std::vector<std::size_t> ranking;  // entries by score, best first (ties by name)
};

// Round robin for 2-player stage games: every pair once (both seatings, averaged,
// when the stage game is not symmetric), self-play if asked.
TournamentResult run_tournament(const NormalFormGame& stage, const PureProfile& target,
                                const std::vector<TournamentEntry>& entries,
                                const TournamentOptions& options);

}  // namespace negsim
