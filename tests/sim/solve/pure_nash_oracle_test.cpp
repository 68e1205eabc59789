// Oracle: the pure equilibria of every Gambit example game equal Gambit's
// enumpure output (../shared/games/gambit/expected/NAME.pure), compared as sets
// of exact rational profiles.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/pure_nash.hpp"

using namespace negsim;

TEST_CASE("pure equilibria of every shared Gambit game equal expected/NAME.pure") {
  const std::filesystem::path dir = std::filesystem::path(NEGSIM_SHARED_DIR) / "games" / "gambit";
  int games = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".nfg") continue;
    const std::string name = entry.path().stem().string();
    const std::filesystem::path expected_path = dir / "expected" / (name + ".pure");
    if (!std::filesystem::exists(expected_path)) continue;
    NfgReadOptions options;
    options.exact = ExactMode::Always;
    const NormalFormGame game = read_nfg_file(entry.path().string(), options);
    std::set<std::string> expected;
    for (const ExactMixedProfile& p : read_ne_file(expected_path.string(), game))
      expected.insert(format_ne_line(p));
    const SolveResult result = solve_pure_nash(game);
    std::set<std::string> found;
    for (const Equilibrium& eq : result.equilibria) {
      REQUIRE(eq.exact.has_value());
      CHECK(eq.max_regret == 0.0);
      found.insert(format_ne_line(*eq.exact));
    }
    CHECK_MESSAGE(found == expected, name);
    CHECK(result.equilibria.size() == found.size());  // no duplicates
    ++games;
  }
  CHECK(games >= 40);
}
