// Test helpers for the one tolerance rule (sim/solve/equilibrium.hpp): the
// rule is per player, so there is no single number for a whole game; tests
// that check a quantity mixing players (a correlated gain, a max regret) use
// the largest player's tolerance, tests of profiles check every player.
#pragma once

#include <algorithm>
#include <vector>

#include "sim/solve/equilibrium.hpp"

namespace negsim::testing {

// True if every player's regret is within its own tolerance.
inline bool regrets_within_tolerance(const NormalFormGame& game, const MixedProfile& profile,
                                     double rel_tol = kDefaultRegretTolerance) {
  const std::vector<double> tol = regret_tolerances(game, rel_tol);
  const std::vector<double> regrets = game.regrets(profile);
  for (std::size_t p = 0; p < regrets.size(); ++p)
    if (!(regrets[p] <= tol[p])) return false;
  return true;
}

// The largest player's tolerance.
inline double largest_tolerance(const NormalFormGame& game, double rel_tol = kDefaultRegretTolerance) {
  const std::vector<double> tol = regret_tolerances(game, rel_tol);
  return tol.empty() ? 0.0 : *std::max_element(tol.begin(), tol.end());
}

}  // namespace negsim::testing
