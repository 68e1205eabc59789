#include "sim/solve/quasi_perfect.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/sequence_form_lemke.hpp"

using namespace negsim;

namespace {

std::string efg_dir() { return std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/"; }

// Player 1 picks T or B, player 2 picks L or R without seeing it:
// (T,L) = (1,1), everything else (0,0). Both (T,L) and (B,R) are Nash and
// sequential (every set is reached), but B and R are weakly dominated.
const char* kWeaklyDominated = R"(EFG 2 R "weakly dominated" { "P1" "P2" }
""
p "" 1 1 "" { "T" "B" } 0
p "" 2 1 "" { "L" "R" } 0
t "" 1 "" { 1, 1 }
t "" 2 "" { 0, 0 }
p "" 2 1 "" { "L" "R" } 0
t "" 3 "" { 0, 0 }
t "" 4 "" { 0, 0 }
)";

// Entry: Out gives (1,2); after In, player 2 fights (0,0) or accommodates (2,1).
// (Out, Fight) is Nash on an incredible threat.
const char* kEntry = R"(EFG 2 R "entry" { "Entrant" "Incumbent" }
""
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "" { 1, 2 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "" { 0, 0 }
t "" 3 "" { 2, 1 }
)";

// Player 1 takes Out (3,0) or moves L or R; player 2 sees only "not Out".
// After L: u (1,1), d (0,0); after R: u (0,0), d (2,2). Player 2's set is off
// the path; any move of player 2 there is Nash. Trembles to L and R are
// equally likely (both at the bound eps), so the consistent belief is 1/2 each
// and d is the only sequentially rational move.
const char* kOffPath = R"(EFG 2 R "off-path beliefs" { "P1" "P2" }
""
p "" 1 1 "" { "Out" "L" "R" } 0
t "" 1 "" { 3, 0 }
p "" 2 1 "" { "u" "d" } 0
t "" 2 "" { 1, 1 }
t "" 3 "" { 0, 0 }
p "" 2 1 "" { "u" "d" } 0
t "" 4 "" { 0, 0 }
t "" 5 "" { 2, 2 }
)";

ExactBehaviorProfile pure(const ExtensiveFormGame& g, const std::vector<std::size_t>& actions) {
  ExactBehaviorProfile b = g.exact_uniform_behavior();
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    if (g.infoset(i).is_chance()) continue;
    for (std::size_t a = 0; a < b[i].size(); ++a) b[i][a] = a == actions[i] ? 1 : 0;
  }
  return b;
}

}  // namespace

TEST_CASE("quasi-perfect: a weakly dominated Nash and sequential equilibrium is refined away") {
  const ExtensiveFormGame g = read_efg(kWeaklyDominated);
  // (B,R) with the Bayes beliefs of that profile passes Nash and the one-shot check ...
  const ExactBehaviorProfile bad = pure(g, {1, 1});
  CHECK(verify_exact_behavior(g, bad).is_equilibrium);
  CHECK(is_sequentially_rational(g, bad, {{mpq_class(1)}, {mpq_class(0), mpq_class(1)}}));
  // ... but the quasi-perfect equilibrium is (T,L).
  const auto r = quasi_perfect_equilibrium(g);
  REQUIRE(r);
  CHECK(r->behavior == pure(g, {0, 0}));
  CHECK(verify_exact_behavior(g, r->behavior).is_equilibrium);
  CHECK(is_sequentially_rational(g, r->behavior, r->beliefs));
  CHECK(r->certified_epsilon > 0);
  CHECK(r->certified_epsilon < r->epsilon);
}

TEST_CASE("quasi-perfect: the incredible threat of an entry game is not quasi-perfect") {
  const ExtensiveFormGame g = read_efg(kEntry);
  CHECK(verify_exact_behavior(g, pure(g, {0, 0})).is_equilibrium);  // (Out, Fight) is Nash
  const auto r = quasi_perfect_equilibrium(g);
  REQUIRE(r);
  CHECK(r->behavior == pure(g, {1, 1}));  // (In, Accommodate)
  REQUIRE(r->beliefs[1].size() == 1);
  CHECK(r->beliefs[1][0] == 1);
}

TEST_CASE("quasi-perfect: beliefs off the path are the limit of the trembles") {
  const ExtensiveFormGame g = read_efg(kOffPath);
  const auto r = quasi_perfect_equilibrium(g);
  REQUIRE(r);
  CHECK(r->behavior[0] == std::vector<mpq_class>{1, 0, 0});
  CHECK(r->behavior[1] == std::vector<mpq_class>{0, 1});
  CHECK(r->beliefs[1] == std::vector<mpq_class>{mpq_class(1, 2), mpq_class(1, 2)});
  CHECK(g.exact_reach_probabilities(r->behavior)[g.infoset(1).nodes[0]] == 0);  // really off the path
  // Player 2 playing u there is still Nash, but not sequentially rational under these beliefs.
  ExactBehaviorProfile u = r->behavior;
  u[1] = {1, 0};
  CHECK(verify_exact_behavior(g, u).is_equilibrium);
  CHECK_FALSE(is_sequentially_rational(g, u, r->beliefs));
}

TEST_CASE("quasi-perfect: van Damme's game (vd.efg) and the result contract of solve") {
  const ExtensiveFormGame g = read_efg_file(efg_dir() + "vd.efg");
  const ExtensiveSolveResult res = solve_quasi_perfect(g, SolveOptions{});
  REQUIRE(res.equilibria.size() == 1);
  const BehaviorEquilibrium& eq = res.equilibria[0];
  REQUIRE(eq.exact);
  CHECK(verify_exact_behavior(g, *eq.exact).is_equilibrium);
  CHECK(res.form == "quasi-perfect");
  REQUIRE(eq.beliefs.size() == g.num_infosets());
  for (std::size_t i = 0; i < g.num_infosets(); ++i) {
    if (g.infoset(i).is_chance()) continue;
    double sum = 0;
    for (double b : eq.beliefs[i]) sum += b;
    CHECK(sum == doctest::Approx(1.0));
  }
  require_verified(g, res);
}

TEST_CASE("quasi-perfect: every 2-player Gambit example gives a verified quasi-perfect equilibrium") {
  std::size_t solved = 0;
  for (const auto& entry : std::filesystem::directory_iterator(efg_dir())) {
    if (entry.path().extension() != ".efg") continue;
    ExtensiveFormGame g;
    try {
      g = read_efg_file(entry.path().string());
    } catch (const InputError&) {
      continue;  // EXPECTED.md: files no reader accepts
    }
    if (g.num_players() != 2 || !g.has_perfect_recall()) continue;
    const std::string name = entry.path().stem().string();
    CAPTURE(name);
    const auto r = quasi_perfect_equilibrium(g);
    REQUIRE(r);
    CHECK(verify_exact_behavior(g, r->behavior).is_equilibrium);
    CHECK(is_sequentially_rational(g, r->behavior, r->beliefs, r->zero_chance_sets));
    ++solved;
  }
  CHECK(solved >= 60);
}

TEST_CASE("quasi-perfect: refuses games that are not 2-player") {
  const ExtensiveFormGame g = read_efg_file(efg_dir() + "2x2x2.efg");
  REQUIRE(g.num_players() == 3);
  CHECK_THROWS_AS(quasi_perfect_equilibrium(g), std::invalid_argument);
}
