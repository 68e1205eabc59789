// Minmax (security) values of a stage game: the lowest payoff the other players
// can hold a player to when it best-responds. They bound every equilibrium
// payoff of the repeated game from below (the folk theorem's individually
// rational levels; Fudenberg & Maskin 1986).
//
//  - pure_minmax: punishers use pure actions. O(profiles).
//  - mixed_minmax: punishers mix independently. Two players: exact, one LP
//    (min v s.t. sum_b y_b u_i(a, b) <= v for all a, y in the simplex; GLPK).
//    N >= 3 players: the problem is not convex; lower bound = correlated_minmax,
//    upper bound = the best of a grid over all punishers but the last, the last
//    one's best mixture by LP. `exact` is set when the bounds meet (e.g. when a
//    pure punishment is optimal) or when the grid is complete.
//  - correlated_minmax: punishers may correlate (one LP over the others' joint
//    profiles); a lower bound on the independent value.
// The LPs are solve_matrix_game (sim/solve/zero_sum_lp.hpp), on the
// punished player's payoffs mapped onto [0, 1]; tolerances are in that
// player's payoff range, so values do not depend on payoff units.
// minmax_certificate_error checks any result independently.
// Limits: LPs have prod_{j != i} |A_j| + 1 columns; the grid is capped by
// MinmaxOptions::max_grid_points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"

namespace negsim {

struct MinmaxOptions {
  std::size_t grid = 24;               // grid denominators for N >= 3 (reduced to fit the cap)
  std::size_t max_grid_points = 4000;  // LPs solved at most
  Deadline deadline;  // N >= 3: checked before every grid point's LP; LimitError (no partial bound)
};

struct MinmaxValue {
  double value = 0;          // the punishment achieved by `punishers` (an upper bound)
  double lower = 0, upper = 0;
  bool exact = false;
  MixedProfile punishers;    // others' strategies; the player's own row is its best reply
  // The player's mixed strategy that secures `lower` against every profile
  // of the others (LP methods; empty for pure_minmax, where lower = upper).
  std::vector<double> guarantee;
  std::vector<double> correlated;  // correlated_minmax only: joint over others' profiles (Gambit order)
  std::string method;
};

MinmaxValue pure_minmax(const NormalFormGame& game, std::size_t player);
MinmaxValue mixed_minmax(const NormalFormGame& game, std::size_t player, const MinmaxOptions& options = {});
MinmaxValue correlated_minmax(const NormalFormGame& game, std::size_t player);

// Independent check of a minmax value, recomputed from the game alone (not
// from the LP): the punishers are distributions and the player's best reply
// to them pays `value` (= upper); the guarantee secures `lower` against every
// pure profile of the others; lower <= upper. Per player: within rel_tol of
// the player's own payoff range plus the rounding floor (equilibrium.hpp).
// Empty when it passes, else what failed.
std::optional<std::string> minmax_certificate_error(const NormalFormGame& game, std::size_t player,
                                                    const MinmaxValue& value, double rel_tol = 1e-9);

}  // namespace negsim
