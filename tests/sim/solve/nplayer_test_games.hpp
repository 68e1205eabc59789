// Shared helpers for the N-player solver tests: Gambit example games read in
// place from ../shared/games/gambit/, and small games built in code.
#pragma once

#include <string>
#include <vector>

#include <cstdint>
#include <random>

#include <doctest/doctest.h>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"
#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "tests/support/tolerance.hpp"

namespace negsim::test {

// Seeded random game with payoffs uniform on [0, 1).
inline NormalFormGame random_game(std::vector<std::size_t> sizes, std::uint64_t seed) {
  NormalFormGame game(std::move(sizes));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : game.payoff_table(p)) v = u(rng);
  return game;
}

// Independent check of every result: valid, regret within tolerance, pairwise distinct.
inline void check_results(const NormalFormGame& game, const SolveResult& result) {
  CHECK(result.rejected == 0);
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    CHECK(game.is_valid_mixed(eq.profile));
    CHECK(negsim::testing::regrets_within_tolerance(game, eq.profile));
    for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(same_profile(eq.profile, result.equilibria[j].profile, 1e-6));
  }
}

inline bool contains(const SolveResult& result, const MixedProfile& profile, double tol) {
  for (const Equilibrium& eq : result.equilibria)
    if (same_profile(eq.profile, profile, tol)) return true;
  return false;
}

inline std::string gambit_path(const std::string& name) {
  return std::string(NEGSIM_SHARED_DIR) + "/games/gambit/" + name;
}

inline NormalFormGame gambit_game(const std::string& name) {
  return read_nfg_file(gambit_path(name + ".nfg"));
}

inline std::vector<MixedProfile> gambit_pure(const std::string& name, const NormalFormGame& game) {
  std::vector<MixedProfile> result;
  for (const auto& exact : read_ne_file(gambit_path("expected/" + name + ".pure"), game))
    result.push_back(to_double_profile(exact));
  return result;
}

// Two-player bimatrix game from row-major payoff matrices.
inline NormalFormGame bimatrix(const std::vector<std::vector<double>>& a,
                               const std::vector<std::vector<double>>& b) {
  NormalFormGame game({a.size(), a[0].size()});
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[0].size(); ++j) {
      const std::size_t index = game.profile_index(std::vector<std::size_t>{i, j});
      game.set_payoff(0, index, a[i][j]);
      game.set_payoff(1, index, b[i][j]);
    }
  return game;
}

inline NormalFormGame rock_paper_scissors() {
  return bimatrix({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
}

// Chicken (ORACLES.md): actions (dare, chicken); DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3).
inline NormalFormGame chicken() { return bimatrix({{0, 4}, {1, 3}}, {{0, 1}, {4, 3}}); }

// The 3+ player games of ../shared/games/gambit/ with the "known" counts of EXPECTED.md.
// continuum: the game has non-isolated equilibria (perfect3 per EXPECTED.md;
// in coord333 the six pure profiles with three different actions lie on
// continua), so counts of distinct points and pure lists are not exact there.
struct KnownCount {
  const char* name;
  std::size_t known;
  bool continuum;
};
inline const std::vector<KnownCount>& n_player_games() {
  static const std::vector<KnownCount> games = {
      {"2x2x2", 9, false},    {"g1", 1, false},       {"3x3x3", 5, false},
      {"g2", 1, false},       {"coord333", 13, true}, {"5x4x3", 3, false},
      {"8x2x2", 5, false},    {"perfect3", 3, true},  {"2x2x2x2", 3, false},
      {"g3", 5, false},       {"2x2x2x2x2", 5, false}};
  return games;
}

// The two totally mixed equilibria of 2x2x2 (EXPECTED.md).
inline std::vector<MixedProfile> totally_mixed_2x2x2() {
  return {{{0.5, 0.5}, {0.4, 0.6}, {0.25, 0.75}}, {{0.4, 0.6}, {0.5, 0.5}, {1.0 / 3, 2.0 / 3}}};
}

}  // namespace negsim::test
