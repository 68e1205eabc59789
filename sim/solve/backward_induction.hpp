// Subgame-perfect equilibria of multi-stage games with observed actions by
// backward induction (Kuhn 1953; Selten 1965/1975; Fudenberg and Tirole 1991,
// ch. 3.2 and 4.2 for the one-shot deviation principle).
//
// Contract
//  - Works on a MultiStageGame (models/game/multistage.hpp). Processing the
//    stages from last to first, every decision node's stage game is the game
//    among that stage's movers whose payoffs are the continuation values of the
//    children. A stage with one mover is an argmax; a stage with several
//    movers is solved for its equilibria: the pure ones (all, by enumeration)
//    where one exists, mixed ones otherwise (options.mixed_solver if set, else
//    the built-in support enumeration for 2 movers; 3+ movers with no pure
//    equilibrium and no mixed solver is an error).
//  - Selection (options.select): `first` = the first equilibrium of the stage
//    game (pure ones in Gambit profile order, then mixed ones in solver order;
//    for a single mover: the lowest-numbered maximiser); `welfare` = the one
//    with the largest sum of ALL players' continuation values (an
//    interpersonal comparison: a change of one player's units can change it);
//    `risk-dominant` = the pure equilibrium with the largest Nash product of
//    deviation losses prod_i (u_i(e) - max_{a != e_i} u_i(a, e_-i)), each loss
//    divided by player i's payoff range (so units do not matter); in a 2x2 stage game with two
//    strict equilibria this is exactly Harsanyi and Selten's (1988) risk
//    dominance, and it generalises it to more actions and movers in the
//    simplest way (a documented choice, not Harsanyi-Selten's tracing
//    procedure). Remaining ties go to `first`. `all` lists every SPE (every
//    combination of stage equilibria over all nodes, i.e. full behaviour
//    strategies, including off-path choices) up to options.max_equilibria;
//    `complete` is false when the cap cut the list or a stage game's
//    equilibrium list is not known to be complete (mixed equilibria of
//    degenerate stage games, 3+ movers).
//  - Every returned SPE is verified independently: its continuation values are
//    recomputed from the leaf payoffs and the strategy alone, and the one-shot
//    deviation regret (largest gain of any mover from a different stage action
//    at any node, given continuation play) must be within tolerance
//    (per player: rel_tol times that player's payoff range plus a rounding
//    floor, the rule of equilibrium.hpp). Rejected
//    candidates are counted, never returned.
//  - Each SPE carries the equilibrium path (the stages up to the first mixed
//    stage, then the distribution of the reached leaves), each player's
//    payoff, and the off-path threats: for every path stage and every single
//    mover's alternative action, the continuation path and payoffs that would
//    follow the deviation.
//  - Unit-free: `first`, `all` and `risk-dominant` give the same SPEs under a
//    separate a_p * u_p + b_p of each player's leaf payoffs (support
//    enumeration runs on the stage game mapped onto [0, 1] per mover;
//    tests/robustness/affine_invariance_test.cpp).
// Complexity: the selected-SPE modes are O(leaves * players) plus, per node
// with several movers, the stage game (pure: O(profiles * sum actions);
// 2-mover support enumeration: O(sum_k C(m,k) C(n,k) k^3)). `all` is
// exponential in the number of tied/multiple nodes, bounded by the cap.
// Limits: leaves bounded by MultiStageGame; memory O(leaves + nodes * players);
// options.deadline (LimitError).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/multistage.hpp"
#include "models/game/normal_form.hpp"

namespace negsim {

enum class StageSelection { kFirst, kWelfare, kRiskDominant, kAll };

// "first" | "welfare" | "risk-dominant" | "all"; UsageError otherwise.
StageSelection parse_stage_selection(const std::string& text);
std::string to_string(StageSelection selection);

// A mixed solver for a stage game (its players are the stage's movers).
// Returns candidate equilibria; each is verified before use.
using StageGameSolver = std::function<std::vector<MixedProfile>(const NormalFormGame&)>;

struct BackwardInductionOptions {
  StageSelection select = StageSelection::kFirst;
  std::size_t max_equilibria = 100;  // cap for `all`
  StageGameSolver mixed_solver;      // optional; else built-in 2-mover support enumeration
  double rel_tol = 1e-9;
  std::size_t max_outcomes = 64;     // reached leaves listed per SPE
  // Checked at every stage and every 1024 decision nodes (and passed on to
  // no one else: mixed_solver should capture it if it can run long). Nothing
  // is verified until the root is reached, so when it passes: LimitError
  // saying how many stages and nodes were done; nothing partial is returned.
  Deadline deadline;
};

// Behaviour strategy profile: play[node_id] >= 0 is the pure stage profile
// chosen at that decision node; play[node_id] = -1 - i means mixed[i] (one
// probability row per mover of the stage). node_id = depth_offset(k) + node.
struct StageStrategyProfile {
  std::vector<std::int64_t> play;
  std::vector<MixedProfile> mixed;
};

// One stage along a path.
struct PathStep {
  std::size_t stage = 0;
  std::size_t node = 0;              // node at depth `stage`
  bool pure = true;
  std::size_t profile = 0;           // stage profile if pure
  MixedProfile strategy;             // per mover of the stage
  std::string description;           // "United States=enforce, China=deny" (pure only)
};

// What would follow if `player` alone played `action` instead at a path stage.
struct Threat {
  std::size_t stage = 0;
  std::size_t node = 0;
  std::size_t player = 0;
  std::size_t action = 0;
  std::string action_label;
  std::size_t deviation_profile = 0;  // stage profile after the deviation (others on path)
  std::vector<PathStep> continuation; // from the next stage on (up to the first mixed stage)
  std::vector<double> payoffs;        // expected payoffs after the deviation
  double deviation_gain = 0;          // payoffs[player] - equilibrium payoff (<= tol)
};

struct SubgamePerfectEquilibrium {
  StageStrategyProfile strategy;
  std::vector<double> payoffs;
  std::vector<PathStep> path;          // deterministic prefix of the path
  // Distribution of the reached leaves: (leaf, probability), at most
  // options.max_outcomes entries, most likely first.
  std::vector<std::pair<std::size_t, double>> outcomes;
  bool outcomes_truncated = false;
  std::vector<Threat> threats;
  double max_regret = 0;  // one-shot deviation regret over all nodes
  bool pure = true;       // no mixed stage anywhere
};

struct BackwardInductionResult {
  std::vector<SubgamePerfectEquilibrium> equilibria;
  bool complete = true;
  std::vector<std::string> notes;
  std::size_t rejected = 0;
  std::size_t tied_nodes = 0;   // nodes with several stage equilibria (selected modes)
  std::size_t mixed_nodes = 0;  // nodes whose chosen stage play is mixed (first SPE)
};

BackwardInductionResult solve_backward_induction(const MultiStageGame& game,
                                                 const BackwardInductionOptions& options = {});

// Offsets of each depth in the global decision-node numbering.
std::vector<std::size_t> decision_node_offsets(const MultiStageGame& game);

// Continuation values of a strategy profile at every node, computed from the
// leaf payoffs only: values[k][p * nodes_at_depth(k) + node] for the decision
// depths k = 0..K-1 (the leaves' values are game.payoffs()).
std::vector<std::vector<double>> continuation_values(const MultiStageGame& game,
                                                     const StageStrategyProfile& strategy);

// The one-shot deviation check: the largest gain any mover can get at any
// decision node by a different stage action, given the strategy's own
// continuation play (Fudenberg-Tirole, Theorem 4.2). 0 for an SPE.
double one_shot_deviation_regret(const MultiStageGame& game, const StageStrategyProfile& strategy);

// Equilibria of a small 2-player game by support enumeration over supports of
// equal size (complete for nondegenerate games; in degenerate games it finds a
// subset). Every returned profile is verified (max regret <= tol).
std::vector<MixedProfile> support_enumeration_equilibria(const NormalFormGame& game, double tol);
// With a tolerance per player (regret_tolerances in equilibrium.hpp).
std::vector<MixedProfile> support_enumeration_equilibria(const NormalFormGame& game,
                                                         const std::vector<double>& tol);


}  // namespace negsim
