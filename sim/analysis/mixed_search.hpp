// The search for a game's mixed equilibria that the scenario analysis uses,
// for the stage game and for every stage game of a timeline (so `run`,
// `bargain` and every sweep analysis find the same equilibria).
//
// Method
//  - 2 players: the solver's `auto` (all pure equilibria, then every extreme
//    equilibrium by vertex enumeration up to 12 actions for the smaller
//    player, else Lemke-Howson's label race). Complete when `auto` says so.
//  - N > 2 players: every pure equilibrium (enumeration), the logit QRE
//    principal branch (McKelvey-Palfrey 1995; reaches index +1 equilibria
//    only), and the global Newton method (Govindan-Wilson 2003) along
//    options.gnm_starts random rays drawn from options.seed (rays reach
//    equilibria of either index). On the 3-player TikTok stage game logit
//    alone finds no mixed equilibrium and four rays find four.
//    These are heuristics: `complete` is false; no method in the project
//    lists every equilibrium of an N-player game.
//  - Results are merged in that order (pure in Gambit order, then logit, then
//    the rays in order), duplicates (every probability within 1e-6) dropped,
//    and every one re-verified here with per-player tolerances
//    (regret_tolerances: rel_tol times each player's payoff range), whatever
//    the method said. Deterministic: same game and options, same list.
//
// Limits: the deadline. A method cut short makes the whole search cut short:
// the result has limit_reached set (via mark_limit_reached); callers that
// print one document (the analysis) turn that into a LimitError.
// Complexity: pure O(profiles * sum of actions); logit and each ray a path
// of O(path steps) Jacobian evaluations, each O(profiles * K), K = total
// actions, plus an O(K^3) LU; 2-player enum O(C(m+n, min(m,n))) supports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

// The mixed-equilibrium method of an analysis.
struct MixedSearchOptions {
  int gnm_starts = 4;      // global Newton rays for N > 2 players (0: none)
  bool logit = true;       // the logit principal branch for N > 2 players
  std::uint64_t seed = 0;  // seed of the rays
  double rel_tol = kDefaultRegretTolerance;
  Deadline deadline;
};

struct MixedSearchResult {
  // Every verified equilibrium found, pure ones included; method says which
  // methods ran ("pure + logit + gnm (4 rays, seed 0)").
  SolveResult found;
  std::vector<std::string> methods;  // each method run, in order ("pure", "logit", "gnm")
  // True only when the methods guarantee the list holds every equilibrium of
  // their kind (2 players, vertex enumeration); always false for N > 2.
  bool complete = false;
};

// `pure`, if given, is the game's pure equilibria already found
// (solve_pure_nash): for N > 2 players they are merged instead of being
// enumerated again (2 players: `auto` enumerates them itself).
MixedSearchResult search_mixed_equilibria(const NormalFormGame& game, const MixedSearchOptions& options,
                                          const SolveResult* pure = nullptr);

// True when a limit (the deadline) cut `result` short.
bool cut_short(const SolveResult& result);

}  // namespace negsim
