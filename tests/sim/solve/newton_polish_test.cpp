#include "sim/solve/newton_polish.hpp"

#include <doctest/doctest.h>

#include <random>

#include "sim/solve/equilibrium.hpp"
#include "tests/support/gambit_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

MixedProfile perturb(MixedProfile profile, double size, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, size);
  for (auto& row : profile) {
    double total = 0.0;
    for (double& x : row) total += (x += u(rng));
    for (double& x : row) x /= total;
  }
  return profile;
}

}  // namespace

TEST_CASE("newton_polish: recovers 2x2x2's totally mixed equilibria to 1e-12") {
  const NormalFormGame game = testing::gambit_game("2x2x2");
  std::mt19937_64 rng(1);
  for (const MixedProfile& exact : testing::totally_mixed_2x2x2()) {
    const MixedProfile start = perturb(exact, 1e-3, rng);
    const auto polished = polish_equilibrium(game, start);
    REQUIRE(polished);
    CHECK(same_profile(*polished, exact, 1e-12));
    CHECK(game.max_regret(*polished) <= 1e-12);
  }
}

TEST_CASE("newton_polish: rock-paper-scissors and a pure equilibrium") {
  std::mt19937_64 rng(2);
  const auto rps = testing::rock_paper_scissors();
  const MixedProfile centroid = {{1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}};
  const auto polished = polish_equilibrium(rps, perturb(centroid, 1e-2, rng));
  REQUIRE(polished);
  CHECK(same_profile(*polished, centroid, 1e-14));
  // Nothing to do at an exact equilibrium.
  CHECK_FALSE(polish_equilibrium(rps, centroid));

  // 3x3x3's pure equilibrium (2,2,1) from a nearby mixed profile.
  const NormalFormGame game = testing::gambit_game("3x3x3");
  const MixedProfile pure = {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}};
  REQUIRE(game.max_regret(pure) == 0.0);
  const auto back = polish_equilibrium(game, perturb(pure, 1e-5, rng));
  REQUIRE(back);
  CHECK(same_profile(*back, pure, 0.0));
}

TEST_CASE("newton_polish: seeded random profiles: a result is always valid and strictly better") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::size_t improved = 0;
  for (int trial = 0; trial < 40; ++trial) {
    NormalFormGame game({3, 3, 2});
    for (std::size_t p = 0; p < 3; ++p)
      for (double& v : game.payoff_table(p)) v = std::floor(u(rng) * 5);  // degenerate on purpose
    MixedProfile profile(3);
    for (std::size_t p = 0; p < 3; ++p) {
      double total = 0;
      for (std::size_t a = 0; a < game.num_actions(p); ++a) total += profile[p].emplace_back(u(rng));
      for (double& x : profile[p]) x /= total;
    }
    const double before = game.max_regret(profile);
    const auto polished = polish_equilibrium(game, profile);
    if (!polished) continue;
    ++improved;
    CHECK(game.is_valid_mixed(*polished, 1e-12));
    CHECK(game.max_regret(*polished) < before);
  }
  CHECK(improved > 0);
}
