#include "sim/solve/zero_sum_lp.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "models/io/nfg.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using namespace negsim::testing;

TEST_CASE("zero-sum LP: rock-paper-scissors has value 0 and uniform optimal strategies") {
  const NormalFormGame g = rock_paper_scissors();
  CHECK(is_constant_sum(g));
  const ZeroSumSolution s = zero_sum_solution(g);
  CHECK(s.value == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(same_profile(s.strategies, {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}, 1e-9));
  const SolveResult r = solve_zero_sum(g, SolveOptions{});
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.method == "lp");
  CHECK(r.rejected == 0);
  CHECK(r.notes.front() == "zero-sum game");
}

TEST_CASE("zero-sum LP: matching pennies scaled and shifted is constant-sum with value 1/2 of the range") {
  // Player 1 gets 3 when matching, 1 otherwise; player 2 gets 4 minus that: constant sum 4.
  const NormalFormGame g = bimatrix({{3, 1}, {1, 3}}, {{1, 3}, {3, 1}});
  mpq_class c;
  REQUIRE(is_constant_sum(g, &c));
  CHECK(c == 4);
  const SolveResult r = solve_zero_sum(g, SolveOptions{});
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].payoffs[0] == doctest::Approx(2.0));
  CHECK(r.notes.front().find("constant-sum") != std::string::npos);
}

TEST_CASE("zero-sum LP: a saddle point game returns the pure saddle") {
  // Row 1 dominates; column 2 is the column player's best reply: value 2.
  const NormalFormGame g = bimatrix({{4, 2, 5}, {1, 0, 3}}, {{-4, -2, -5}, {-1, 0, -3}});
  const ZeroSumSolution s = zero_sum_solution(g);
  CHECK(s.value == doctest::Approx(2.0));
  CHECK(same_profile(s.strategies, {{1, 0}, {0, 1, 0}}, 1e-9));
}

TEST_CASE("zero-sum LP: the value equals the payoff of every equilibrium found by enum (Gambit csg games)") {
  for (const char* name : {"csg1", "csg2", "csg3", "csg4", "2x2const"}) {
    CAPTURE(name);
    const NormalFormGame g = read_nfg_file(std::string(NEGSIM_SHARED_DIR) + "/games/gambit/" + name + ".nfg");
    REQUIRE(is_constant_sum(g));
    const ZeroSumSolution s = zero_sum_solution(g);
    CHECK(g.max_regret(s.strategies) <= 1e-9);
    const SolveResult all = enumerate_extreme_equilibria(g, SolveOptions{});
    REQUIRE(!all.equilibria.empty());
    for (const Equilibrium& eq : all.equilibria) CHECK(eq.payoffs[0] == doctest::Approx(s.value).epsilon(1e-9));
  }
}

TEST_CASE("zero-sum LP property: random zero-sum games, value matches every extreme equilibrium") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    NormalFormGame g = random_game({2 + seed % 5, 2 + (seed * 5) % 7}, seed, range_payoffs(seed % 2 ? 0 : 7));
    for (std::size_t k = 0; k < g.num_profiles(); ++k) g.set_payoff(1, k, -g.payoff(0, k));
    const SolveResult r = solve_zero_sum(g, SolveOptions{});
    REQUIRE(r.equilibria.size() == 1);
    CHECK(r.rejected == 0);
    for (const Equilibrium& eq : enumerate_extreme_equilibria(g, SolveOptions{}).equilibria)
      CHECK(eq.payoffs[0] == doctest::Approx(r.equilibria[0].payoffs[0]).epsilon(1e-9));
  }
}

TEST_CASE("zero-sum LP: rejects games that are not 2-player constant-sum") {
  CHECK_FALSE(is_constant_sum(chicken()));
  CHECK_THROWS_AS(solve_zero_sum(chicken(), SolveOptions{}), std::invalid_argument);
  CHECK_THROWS_AS(zero_sum_solution(chicken()), std::invalid_argument);
  NormalFormGame three({2, 2, 2});
  CHECK_THROWS_AS(solve_zero_sum(three, SolveOptions{}), std::invalid_argument);
}
