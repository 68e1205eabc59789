// The example games of ../shared/games/gambit/, read in place, with the
// answers their EXPECTED.md records; shared by the N-player solver tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim::testing {

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

}  // namespace negsim::testing
