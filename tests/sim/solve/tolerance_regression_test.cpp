// Regressions for the one tolerance rule (sim/solve/equilibrium.hpp,
// docs/solvers/tolerances.md): badly scaled games on which methods used to
// print false equilibria or none at all (issue 12, "Numerics").
//
// Every expected answer is computed independently: pure equilibria by
// comparing every deviation exactly, mixed ones by exact vertex enumeration
// (--exact), and every returned profile is checked per player in the
// original game.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "sim/solve/zero_sum_lp.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using negsim::testing::bimatrix;

namespace {

SolveResult run(const NormalFormGame& game, const std::string& method, bool exact = false) {
  SolveOptions options;
  options.method = method;
  options.exact = exact;
  return solve(game, options);
}

// Pure equilibria by checking every deviation with exact double comparisons.
std::vector<PureProfile> brute_force_pure(const NormalFormGame& game) {
  std::vector<PureProfile> out;
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    bool stable = true;
    for (std::size_t p = 0; p < game.num_players() && stable; ++p) {
      const std::size_t base = index - game.action_of(index, p) * game.stride(p);
      for (std::size_t a = 0; a < game.num_actions(p); ++a)
        if (game.payoff(p, base + a * game.stride(p)) > game.payoff(p, index)) stable = false;
    }
    if (stable) out.push_back(game.profile_actions(index));
  }
  return out;
}

// Every player's regret within rel_tol of its own payoff range.
void check_each_player_best_responds(const NormalFormGame& game, const MixedProfile& profile, double rel_tol) {
  const std::vector<double> regrets = game.regrets(profile);
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    CAPTURE(p);
    CHECK(regrets[p] <= rel_tol * (*hi - *lo));
  }
}

bool same_answer_sets(const SolveResult& a, const SolveResult& b) {
  if (a.equilibria.size() != b.equilibria.size()) return false;
  for (const Equilibrium& x : a.equilibria) {
    const bool found = std::any_of(b.equilibria.begin(), b.equilibria.end(),
                                   [&](const Equilibrium& y) { return same_profile(x.profile, y.profile); });
    if (!found) return false;
  }
  return true;
}

// Prisoner's dilemma, actions (cooperate, defect), temptation T.
NormalFormGame prisoners_dilemma(double temptation) {
  return bimatrix({{3, 0}, {temptation, 1}}, {{3, temptation}, {0, 1}});
}

}  // namespace

TEST_CASE("tolerance rule: a pure profile is decided by its payoffs, not by a fraction of the range") {
  // Temptation 1e12: (C, D) and (D, C) give the deviator 1 more than it gets,
  // which is 1e-12 of its range but still a gain.
  for (const double t : {1e10, 1e12, 1e15, 1e20}) {
    CAPTURE(t);
    const NormalFormGame pd = prisoners_dilemma(t);
    REQUIRE(brute_force_pure(pd) == std::vector<PureProfile>{{1, 1}});
    const SolveResult pure = run(pd, "pure");
    REQUIRE(pure.equilibria.size() == 1);
    CHECK(pure_actions(pure.equilibria[0].profile) == std::optional<PureProfile>(PureProfile{1, 1}));
    CHECK(pure.rejected == 0);
    // Every other method that lists pure profiles: the same one, nothing else.
    for (const std::string method : {"enum", "auto", "lh", "dominance", "logit", "gnm"}) {
      CAPTURE(method);
      const SolveResult r = run(pd, method);
      REQUIRE(r.equilibria.size() == 1);
      CHECK(pure_actions(r.equilibria[0].profile) == std::optional<PureProfile>(PureProfile{1, 1}));
    }
  }
  // verify_equilibrium applies the same rule to a pure candidate from any method.
  const NormalFormGame pd = prisoners_dilemma(1e12);
  const std::vector<double> tol = regret_tolerances(pd);
  CHECK_FALSE(verify_equilibrium(pd, {{1, 0}, {0, 1}}, "test", tol));
  CHECK_FALSE(verify_equilibrium(pd, {{0, 1}, {1, 0}}, "test", tol));
  CHECK(verify_equilibrium(pd, {{0, 1}, {0, 1}}, "test", tol));
}

TEST_CASE("tolerance rule: pure profiles are decided exactly on the stored payoffs") {
  // 2^52 + 1 against 2^52 (one ulp apart), and the same two numbers shifted:
  // the larger is the only best response, at any magnitude.
  for (const double offset : {0.0, 4503599627370496.0, -4503599627370496.0}) {
    CAPTURE(offset);
    const NormalFormGame g = bimatrix({{offset + 1, 0}, {offset, 0}}, {{1, 0}, {1, 0}});
    const SolveResult pure = run(g, "pure");
    REQUIRE(pure.equilibria.size() == 1);
    CHECK(pure_actions(pure.equilibria[0].profile) == std::optional<PureProfile>(PureProfile{0, 0}));
  }
}

TEST_CASE("regression: enum and auto on a prisoner's dilemma with temptation 1e10 list its equilibrium") {
  const NormalFormGame pd = prisoners_dilemma(1e10);
  for (const std::string method : {"enum", "auto"}) {
    CAPTURE(method);
    const SolveResult r = run(pd, method);
    CHECK(r.complete);
    REQUIRE(r.equilibria.size() == 1);
    CHECK(pure_actions(r.equilibria[0].profile) == std::optional<PureProfile>(PureProfile{1, 1}));
  }
}

TEST_CASE("regression: enum on 2x2 games mixing 1e5 and 1e-5 payoffs agrees with exact enumeration") {
  // A coordination game in which player 1's stakes on one side are 1e10
  // times those on the other, and a game without pure equilibria.
  const std::vector<NormalFormGame> games = {
      bimatrix({{1e5, 0}, {0, 1e-5}}, {{1e-5, 0}, {0, 1e5}}),
      bimatrix({{1e5, 1e-5}, {0, 2e-5}}, {{1e-5, 1e5}, {2e-5, 0}}),
      bimatrix({{1e5, 0}, {0, 1e-5}}, {{0, 1e-5}, {1e5, 0}}),
      bimatrix({{1e-5, 1e5}, {1e5, 1e-5}}, {{1e5, 1e-5}, {1e-5, 3e-5}}),
  };
  for (std::size_t k = 0; k < games.size(); ++k) {
    CAPTURE(k);
    const NormalFormGame& g = games[k];
    const SolveResult exact = run(g, "enum", true);
    REQUIRE(!exact.equilibria.empty());
    for (const std::string method : {"enum", "auto"}) {
      CAPTURE(method);
      const SolveResult r = run(g, method);
      CHECK(r.complete);
      CHECK(r.rejected == 0);
      CHECK(same_answer_sets(r, exact));
    }
    // Lemke-Howson from every label finds only those.
    SolveOptions all;
    all.method = "lh";
    all.all_labels = true;
    for (const Equilibrium& eq : solve(g, all).equilibria) {
      const bool listed = std::any_of(exact.equilibria.begin(), exact.equilibria.end(),
                                      [&](const Equilibrium& e) { return same_profile(e.profile, eq.profile); });
      CHECK(listed);
    }
  }
}

TEST_CASE("regression: logit and gnm make every player best-respond when scales differ by 1e9 to 1e20") {
  const std::vector<std::vector<std::size_t>> shapes = {{2, 2}, {3, 3}, {2, 2, 2}, {3, 2, 2}};
  for (const double big : {1e9, 1e20}) {
    for (std::uint64_t seed = 0; seed < 8; ++seed) {
      const NormalFormGame base = testing::random_game(shapes[seed % shapes.size()], 4100 + seed, testing::real_payoffs(-1.0, 1.0));
      NormalFormGame g = base;
      for (double& v : g.payoff_table(0)) v *= big;
      for (const std::string method : {"logit", "gnm"}) {
        CAPTURE(big);
        CAPTURE(seed);
        CAPTURE(method);
        SolveOptions options;
        options.method = method;
        options.starts = 3;
        const SolveResult r = solve(g, options);
        CHECK(r.rejected == 0);
        CHECK(!r.equilibria.empty());
        for (const Equilibrium& eq : r.equilibria) {
          check_each_player_best_responds(g, eq.profile, 1e-6);
          check_each_player_best_responds(base, eq.profile, 1e-6);
        }
      }
    }
  }
}

TEST_CASE("regression: lp on a badly scaled zero-sum game returns a verified optimal pair") {
  // Matching pennies with stakes 1e10 on one cell and 1e-5 on another.
  const NormalFormGame g = bimatrix({{1e10, -1e-5}, {-1e-5, 1e-5}}, {{-1e10, 1e-5}, {1e-5, -1e-5}});
  const SolveResult exact = run(g, "enum", true);
  REQUIRE(exact.equilibria.size() == 1);
  const SolveResult lp = run(g, "lp");
  REQUIRE(lp.equilibria.size() == 1);
  CHECK(lp.rejected == 0);
  CHECK(same_profile(lp.equilibria[0].profile, exact.equilibria[0].profile));
}

TEST_CASE("same_profile: one documented tolerance on probabilities") {
  const MixedProfile a{{0.5, 0.5}, {1, 0}};
  CHECK(same_profile(a, {{0.5 + 0.9 * kSameProfileTolerance, 0.5 - 0.9 * kSameProfileTolerance}, {1, 0}}));
  CHECK_FALSE(same_profile(a, {{0.5 + 2 * kSameProfileTolerance, 0.5 - 2 * kSameProfileTolerance}, {1, 0}}));
  CHECK_FALSE(same_profile(a, {{0.5, 0.5}, {1, 0, 0}}));
}

TEST_CASE("mark_none_verified: incomplete, typed, and said in the notes") {
  SolveResult r;
  mark_none_verified(r, "why");
  CHECK(r.none_verified);
  CHECK_FALSE(r.complete);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].find(kNoneVerifiedMessage) == 0);
}

TEST_CASE("CLI: pure on the shipped prisoner's dilemma with T=1e12 lists one equilibrium") {
  for (const std::string method : {"pure", "enum", "auto"}) {
    CAPTURE(method);
    const auto r = testing::run_negsim("solve scenarios/classic/prisoners_dilemma.yaml --set T=1e12 --method " +
                                       method + " --format gambit");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "NE,0,1,0,1\n");
  }
}
