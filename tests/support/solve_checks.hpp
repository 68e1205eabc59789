// Independent checks of a SolveResult shared by the solver tests.
#pragma once

#include <cstddef>

#include <doctest/doctest.h>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "tests/support/tolerance.hpp"

namespace negsim::testing {

// Every result valid, regret within tolerance, pairwise distinct, none rejected.
inline void check_results(const NormalFormGame& game, const SolveResult& result) {
  CHECK(result.rejected == 0);
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    CHECK(game.is_valid_mixed(eq.profile));
    CHECK(regrets_within_tolerance(game, eq.profile));
    for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(same_profile(eq.profile, result.equilibria[j].profile, 1e-6));
  }
}

inline bool contains(const SolveResult& result, const MixedProfile& profile, double tol) {
  for (const Equilibrium& eq : result.equilibria)
    if (same_profile(eq.profile, profile, tol)) return true;
  return false;
}

}  // namespace negsim::testing
