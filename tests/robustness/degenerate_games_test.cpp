// Degenerate games, ties and extreme magnitudes: the pure solver returns
// exactly the equilibria that an independent exact check finds, for payoffs
// from 1e-9 to 1e9, negative payoffs and integers up to 2^53, and marks a
// result incomplete (never silently cut) when it stops at --max-equilibria.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/pure_nash.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/tolerance.hpp"

using namespace negsim;
using negsim::testing::integer_payoffs;
using negsim::testing::random_game;

namespace {

// Exact reference: profiles where no player's exact payoff can rise.
std::vector<std::size_t> exact_pure_equilibria(const NormalFormGame& game) {
  std::vector<std::size_t> out;
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    bool stable = true;
    for (std::size_t p = 0; p < game.num_players() && stable; ++p) {
      const std::size_t own = game.action_of(index, p);
      const std::size_t base = index - own * game.stride(p);
      const mpq_class mine = game.exact_or_double_payoff(p, index);
      for (std::size_t a = 0; a < game.num_actions(p) && stable; ++a)
        stable = game.exact_or_double_payoff(p, base + a * game.stride(p)) <= mine;
    }
    if (stable) out.push_back(index);
  }
  return out;
}

std::vector<std::size_t> solved(const NormalFormGame& game, std::size_t max_equilibria = 10000) {
  SolveOptions options;
  options.max_equilibria = max_equilibria;
  const SolveResult result = solve_pure_nash(game, options);
  CHECK(result.rejected == 0);
  std::vector<std::size_t> out;
  for (const Equilibrium& eq : result.equilibria) {
    CHECK(negsim::testing::regrets_within_tolerance(game, eq.profile));
    for (double v : eq.payoffs) CHECK(std::isfinite(v));
    PureProfile actions;
    for (const auto& row : eq.profile)
      actions.push_back(static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin()));
    out.push_back(game.profile_index(actions));
  }
  return out;
}

}  // namespace

TEST_CASE("degenerate: in a game of constant payoffs every profile is an equilibrium") {
  for (const double c : {0.0, -7.0, 1e9, 1e-9}) {
    NormalFormGame game({3, 3, 3});
    for (std::size_t p = 0; p < 3; ++p)
      for (double& v : game.payoff_table(p)) v = c;
    CHECK(solved(game).size() == 27);
  }
}

TEST_CASE("degenerate: --max-equilibria stops listing and says so") {
  NormalFormGame game({10, 10, 10});  // all zero: 1000 equilibria
  SolveOptions options;
  options.max_equilibria = 25;
  const SolveResult result = solve_pure_nash(game, options);
  CHECK(result.equilibria.size() == 25);
  CHECK_FALSE(result.complete);
  REQUIRE(result.limit_reached.has_value());
  CHECK(result.limit_reached->kind == LimitKind::equilibria_cap);
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0].find("stopped after 25") != std::string::npos);
}

TEST_CASE("degenerate: ties among best responses keep every tied profile (shared 2x2const, deg1, deg2)") {
  const std::filesystem::path dir = std::filesystem::path(NEGSIM_SHARED_DIR) / "games" / "gambit";
  for (const char* name : {"2x2const", "deg1", "deg2", "zero"}) {
    CAPTURE(name);
    const NormalFormGame game = read_nfg_file((dir / (std::string(name) + ".nfg")).string());
    const auto expected = read_ne_file((dir / "expected" / (std::string(name) + ".pure")).string(), game);
    CHECK(solved(game).size() == expected.size());
    CHECK(solved(game) == exact_pure_equilibria(game));
  }
}

TEST_CASE("magnitudes: random tie-heavy games scaled from 1e-9 to 1e9, shifted negative") {
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    const NormalFormGame base = random_game({3, 4, 2}, 300 + seed, integer_payoffs(0, 3));
    const auto expected = exact_pure_equilibria(base);
    for (const double scale : {1e-9, 1e-6, 1e-3, 1.0, 1e3, 1e6, 1e9}) {
      for (const double shift : {0.0, -5.0}) {
        NormalFormGame game = base;
        for (std::size_t p = 0; p < game.num_players(); ++p)
          for (double& v : game.payoff_table(p)) v = (v + shift) * scale;
        CAPTURE(seed);
        CAPTURE(scale);
        CHECK(solved(game) == expected);
      }
    }
  }
}

TEST_CASE("magnitudes: large integers near 2^53 and negative ones") {
  const double big = 9007199254740992.0;  // 2^53: integers below are exact
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const NormalFormGame base = random_game({4, 3}, 500 + seed, integer_payoffs(0, 4));
    for (const double offset : {big - 8, -big + 8, 1e15, -1e15}) {
      NormalFormGame game = base;
      for (std::size_t p = 0; p < 2; ++p)
        for (double& v : game.payoff_table(p)) v += offset;
      CAPTURE(seed);
      CAPTURE(offset);
      CHECK(solved(game) == exact_pure_equilibria(base));
    }
  }
}

TEST_CASE("magnitudes: payoffs that differ only beyond double precision are decided exactly") {
  // 2^53 + 1 and 2^53 are the same double but different numbers. Read with
  // exact payoffs, only the true best response is an equilibrium; read as
  // doubles, both are (a tie), which is the honest answer at that precision.
  const std::string text =
      "NFG 1 R \"beyond double\" { \"A\" \"B\" } { 2 1 }\n\n"
      "9007199254740993 0 9007199254740992 0\n";
  const NormalFormGame exact = read_nfg(text, {"t.nfg", ExactMode::Always});
  CHECK(solved(exact) == std::vector<std::size_t>{0});
  const NormalFormGame rounded = read_nfg(text, {"t.nfg", ExactMode::Never});
  CHECK(solved(rounded) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("degenerate: one player, one action, and single-action opponents") {
  NormalFormGame single({1});
  CHECK(solved(single) == std::vector<std::size_t>{0});
  NormalFormGame lonely({5});
  for (std::size_t a = 0; a < 5; ++a) lonely.set_payoff(0, a, a == 3 ? 1e-9 : 0.0);
  CHECK(solved(lonely) == std::vector<std::size_t>{3});
  NormalFormGame trivial_others({1, 4, 1});
  for (std::size_t i = 0; i < 4; ++i) trivial_others.set_payoff(1, i, -static_cast<double>(i));
  CHECK(solved(trivial_others) == std::vector<std::size_t>{0});
}
