// The subgame-perfect payoff set of a two-player repeated game within a fixed
// iteration budget, for a report that draws it without being asked
// (`negsim run --format html|markdown`; `negsim repeated --payoff-set` runs
// to convergence instead).
//
// Method: Abreu-Sannikov (abreu_sannikov.hpp) stopped after `max_iterations`.
// Its iterates start at the feasible set and decrease to the set V, and each
// contains V (the operator is monotone and V is its fixed point), so an
// unconverged iterate is an OUTER BOUND: every subgame-perfect payoff lies in
// it, but not every point of it is one. `converged` says which; a report
// must say so when it is false.
// Complexity: at most max_iterations iterations of O(|A| m) (abreu_sannikov.hpp);
// the iterations to converge grow like log(tol) / log(delta), so a patient
// player (delta near 1) is where the budget binds.
// Limits: two players; pure strategies with public randomisation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim {

struct BoundedPayoffSet {
  std::vector<Point2> vertices;  // counter-clockwise; empty when there is none (`none` says why)
  double discount = 0;
  std::size_t iterations = 0;
  std::size_t max_iterations = 0;
  bool converged = false;  // false: `vertices` bound the set from outside
  std::string none;        // why no set: no pure-strategy SPE at this discount factor
};

// The budget of `negsim run`'s report, in iterations times action profiles
// (an iteration's cost grows with the profiles): 1,000 iterations of a 5 x 5
// game (the trade war: about 80 million instructions, some 25 ms), enough to
// converge there up to a discount factor of about 0.97; fewer for larger games,
// never under 10.
inline constexpr std::size_t kReportPayoffSetWork = 25000;
inline constexpr std::size_t kReportPayoffSetIterations = 1000;  // at 25 profiles
std::size_t report_payoff_set_iterations(const NormalFormGame& stage);

// Never throws for the game's sake: a discount factor outside (0, 1) or a game
// without a pure-strategy SPE gives `none`. Needs a two-player stage game.
BoundedPayoffSet bounded_payoff_set(const NormalFormGame& stage, double delta,
                                    std::size_t max_iterations = kReportPayoffSetIterations);

}  // namespace negsim
