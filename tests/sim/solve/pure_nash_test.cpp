#include "sim/solve/pure_nash.hpp"

#include <doctest/doctest.h>

#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
// Brute force: every unilateral deviation of every profile.
std::vector<std::size_t> brute_force_pure(const NormalFormGame& g) {
  std::vector<std::size_t> out;
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    bool ok = true;
    for (std::size_t p = 0; p < g.num_players() && ok; ++p) {
      const std::size_t base = idx - g.action_of(idx, p) * g.stride(p);
      for (std::size_t a = 0; a < g.num_actions(p); ++a)
        if (g.payoff(p, base + a * g.stride(p)) > g.payoff(p, idx)) ok = false;
    }
    if (ok) out.push_back(idx);
  }
  return out;
}
}  // namespace

TEST_CASE("prisoner's dilemma has mutual defection as its only pure equilibrium") {
  // (R,P,S,T) = (3,1,0,5); action 0 = cooperate, 1 = defect.
  const NormalFormGame pd = testing::bimatrix({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  const SolveResult r = solve_pure_nash(pd);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].profile == MixedProfile{{0, 1}, {0, 1}});
  CHECK(r.equilibria[0].payoffs == std::vector<double>{1, 1});
  CHECK(r.equilibria[0].max_regret == 0.0);
  CHECK(r.complete);
}

TEST_CASE("matching pennies has no pure equilibrium, a constant game has every profile") {
  const NormalFormGame mp = testing::matching_pennies();
  CHECK(solve_pure_nash(mp).equilibria.empty());
  const NormalFormGame flat({3, 2, 2});
  CHECK(solve_pure_nash(flat).equilibria.size() == 12);
  SolveOptions capped;
  capped.max_equilibria = 5;
  const SolveResult r = solve_pure_nash(flat, capped);
  CHECK(r.equilibria.size() == 5);
  CHECK_FALSE(r.complete);
}

TEST_CASE("pure enumeration equals brute force on seeded random games, ties included") {
  const std::vector<std::vector<std::size_t>> shapes = {
      {2, 2}, {5, 7}, {3, 3, 3}, {4, 1, 5}, {2, 3, 2, 3}, {300, 2}, {2, 300}, {3, 2, 2, 2, 2}, {1, 4}, {1, 1, 3}, {1, 3, 1, 2}};
  std::uint64_t seed = 1;
  for (const auto& shape : shapes)
    for (int range : {2, 3, 1000}) {
      const NormalFormGame g = testing::random_game(shape, seed++, testing::integer_payoffs(0, range - 1));
      const std::vector<std::size_t> expected = brute_force_pure(g);
      CHECK(pure_nash_profiles(g, 0.0, 1u << 30) == expected);
      const SolveResult r = solve_pure_nash(g);
      REQUIRE(r.equilibria.size() == expected.size());
      CHECK(r.rejected == 0);
      for (std::size_t i = 0; i < expected.size(); ++i)
        CHECK(r.equilibria[i].profile == g.pure_to_mixed(g.profile_actions(expected[i])));
    }
}

TEST_CASE("exact payoffs: ties closer than double precision are decided exactly") {
  NormalFormGame g({2, 1});
  // Player 1's two actions differ by 1e-30, invisible to doubles.
  std::vector<mpq_class> exact = {mpq_class(1), mpq_class(1), mpq_class(0), mpq_class(0)};
  exact[1] += mpq_class(1, 1) / mpq_class("1000000000000000000000000000000");
  g.set_exact_payoffs(exact);
  const SolveResult r = solve_pure_nash(g);
  REQUIRE(r.equilibria.size() == 1);
  CHECK(r.equilibria[0].profile[0] == std::vector<double>{0, 1});
}
