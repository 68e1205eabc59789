// Property: equilibria do not change under a positive affine change of each
// player's payoffs, u_p -> a_p * u_p + b_p with a_p > 0 (von Neumann-
// Morgenstern utilities are only defined up to such changes). Seeded random
// games with many ties (small integer ranges) and without, scale factors from
// 1e-9 to 1e9 chosen independently per player.
//
// Methods covered: pure Nash (the same equilibria); logit and gnm (only
// equilibria of the original game); and, at the end of the file, every
// method (pure, dominance, enum, lh, lh --all-labels, auto, logit, gnm, lp,
// ce) with answer sets compared by same_profile on 2- and 3-player random
// and degenerate games, scales 2^-40..2^40 / 10^-12..10^12; and backward
// induction on multi-stage games (the last test).
// Regression: with one tolerance for the whole game, scaled by the largest
// payoff, a player whose payoffs were 1e12 times smaller than another's had
// its regrets swamped, and the pure solver reported profiles at which that
// player could still gain (e.g. "equilibria" of matching pennies).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <random>
#include <vector>

#include "models/errors.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using negsim::testing::bimatrix;
using negsim::testing::integer_payoffs;
using negsim::testing::random_game;
using negsim::testing::real_payoffs;

namespace {

struct Affine {
  std::vector<double> a, b;
};

// a_p = 10^U(-9, 9); b_p = a_p * U(-1000, 1000), so that the shift stays
// within what doubles resolve at the game's own scale.
Affine random_affine(std::size_t players, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> exponent(-9.0, 9.0), shift(-1000.0, 1000.0);
  Affine t;
  for (std::size_t p = 0; p < players; ++p) {
    t.a.push_back(std::pow(10.0, exponent(rng)));
    t.b.push_back(t.a.back() * shift(rng));
  }
  return t;
}

NormalFormGame transformed(const NormalFormGame& game, const Affine& t) {
  NormalFormGame out = game;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : out.payoff_table(p)) v = t.a[p] * v + t.b[p];
  return out;
}

std::vector<PureProfile> pure_equilibria(const NormalFormGame& game) {
  const SolveResult result = solve_pure_nash(game);
  CHECK(result.rejected == 0);
  CHECK(result.complete);
  std::vector<PureProfile> out;
  for (const Equilibrium& eq : result.equilibria) {
    PureProfile actions;
    for (const auto& row : eq.profile)
      actions.push_back(static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin()));
    out.push_back(actions);
  }
  return out;
}

// Reference: pure equilibria by checking every deviation of every profile.
std::vector<PureProfile> brute_force(const NormalFormGame& game) {
  std::vector<PureProfile> out;
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    bool stable = true;
    for (std::size_t p = 0; p < game.num_players() && stable; ++p) {
      const std::size_t own = game.action_of(index, p);
      const std::size_t base = index - own * game.stride(p);
      for (std::size_t a = 0; a < game.num_actions(p); ++a)
        if (game.payoff(p, base + a * game.stride(p)) > game.payoff(p, index)) stable = false;
    }
    if (stable) out.push_back(game.profile_actions(index));
  }
  return out;
}

const std::vector<std::vector<std::size_t>> kShapes = {{2, 2}, {3, 3}, {4, 2}, {5, 5}, {2, 2, 2},
                                                      {3, 2, 4}, {2, 2, 2, 2}, {6, 7}, {3, 3, 3}};

}  // namespace

TEST_CASE("affine invariance: pure equilibria of games with many ties, a_p in [1e-9, 1e9]") {
  std::mt19937_64 rng(7001);
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto& shape = kShapes[seed % kShapes.size()];
    const NormalFormGame game = random_game(shape, seed, integer_payoffs(0, 2));  // payoffs 0, 1, 2
    const std::vector<PureProfile> base = pure_equilibria(game);
    CHECK(base == brute_force(game));
    for (int k = 0; k < 3; ++k) {
      const Affine t = random_affine(game.num_players(), rng);
      CAPTURE(seed);
      CAPTURE(t.a);
      CAPTURE(t.b);
      CHECK(pure_equilibria(transformed(game, t)) == base);
    }
  }
}

TEST_CASE("affine invariance: pure equilibria of real-valued games, a_p in [1e-9, 1e9]") {
  std::mt19937_64 rng(7002);
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const NormalFormGame game = random_game(kShapes[seed % kShapes.size()], 1000 + seed, real_payoffs(-1.0, 1.0));
    const std::vector<PureProfile> base = pure_equilibria(game);
    CHECK(base == brute_force(game));
    const Affine t = random_affine(game.num_players(), rng);
    CAPTURE(seed);
    CHECK(pure_equilibria(transformed(game, t)) == base);
  }
}

TEST_CASE("affine invariance: exact shifts by large integers and powers of two") {
  // Integer payoffs 0..9, a_p = 2^k and b_p an integer up to 2^40 * a_p: every
  // transformed payoff is exact in double, so the games are the same game.
  std::mt19937_64 rng(7003);
  std::uniform_int_distribution<int> power(-30, 30);
  std::uniform_int_distribution<long long> shift(-(1LL << 40), 1LL << 40);
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const NormalFormGame game = random_game(kShapes[seed % kShapes.size()], 2000 + seed, integer_payoffs(0, 9));
    Affine t;
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      t.a.push_back(std::ldexp(1.0, power(rng)));
      t.b.push_back(static_cast<double>(shift(rng)) * t.a.back());
    }
    CAPTURE(seed);
    CHECK(pure_equilibria(transformed(game, t)) == pure_equilibria(game));
  }
}

TEST_CASE("regression: players on very different scales (matching pennies, 1e9 vs 1e-3)") {
  // Matching pennies has no pure equilibrium, whatever units each player's
  // payoffs are in.
  const NormalFormGame pennies = negsim::testing::matching_pennies();
  CHECK(pure_equilibria(pennies).empty());
  for (const auto& scales : {std::pair{1e9, 1e-3}, std::pair{1e-3, 1e9}, std::pair{1e9, 1e-9}}) {
    // Not a structured binding: clang 14 (scripts/ci_sanitize) cannot capture one in CAPTURE's lambda.
    const double a0 = scales.first, a1 = scales.second;
    CAPTURE(a0);
    CAPTURE(a1);
    CHECK(pure_equilibria(transformed(pennies, {{a0, a1}, {0.0, 0.0}})).empty());
  }
  // Prisoner's dilemma in dollars for one player and in billions for the
  // other: still exactly one equilibrium, mutual defection.
  const NormalFormGame pd = bimatrix({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  const auto base = pure_equilibria(pd);
  REQUIRE(base.size() == 1);
  CHECK(base[0] == PureProfile{1, 1});
  CHECK(pure_equilibria(transformed(pd, {{40e9, 1.0}, {-1e12, 0.5}})) == base);
}

TEST_CASE("affine changes: logit and gnm on a rescaled game return only equilibria of the original game") {
  // Path-following methods may legitimately pick a different equilibrium
  // after a per-player rescaling (the logit path itself changes), so the
  // property is weaker than for pure equilibria: whatever they return for
  // a_p * u_p + b_p must be an equilibrium of u, with each player's regret in
  // u within rel_tol of that player's payoff range (regret scales by 1/a_p).
  std::mt19937_64 rng(7004);
  const std::vector<std::vector<std::size_t>> shapes = {{2, 2}, {3, 3}, {2, 2, 2}, {3, 2, 2}};
  std::uniform_real_distribution<double> exponent(-3.0, 3.0), shift(-100.0, 100.0);
  for (const std::string method : {"logit", "gnm"}) {
    for (std::uint64_t seed = 0; seed < 12; ++seed) {
      const NormalFormGame game = random_game(shapes[seed % shapes.size()], 3000 + seed, real_payoffs(-1.0, 1.0));
      Affine t;
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        t.a.push_back(std::pow(10.0, exponent(rng)));
        t.b.push_back(t.a.back() * shift(rng));
      }
      SolveOptions options;
      options.method = method;
      const SolveResult result = solve(transformed(game, t), options);
      CAPTURE(method);
      CAPTURE(seed);
      CHECK(result.rejected == 0);
      const std::vector<double> tol = regret_tolerances(game, 1e-6);
      for (const Equilibrium& eq : result.equilibria) {
        const std::vector<double> regrets = game.regrets(eq.profile);
        for (std::size_t p = 0; p < regrets.size(); ++p) CHECK(regrets[p] <= tol[p]);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Every method, answer sets compared with the one same-profile rule
// (same_profile, equilibrium.hpp). Scales a_p = 2^k (about 1e-12..1e12) and
// shifts b_p = a_p * s with integer |s| up to 2^40 (about 1e12) are exact in
// double on integer payoffs, so the transformed game is the same game and
// any difference is the method's fault. Then scales 10^U(-12, 12) with
// shifts up to 1e6 * a_p on generic games, where the transformation itself
// rounds (answers agree within the same-profile tolerance).

namespace {

Affine exact_affine(std::size_t players, std::mt19937_64& rng, bool same_scale = false) {
  std::uniform_int_distribution<int> power(-40, 40);
  std::uniform_int_distribution<long long> shift(-(1LL << 40), 1LL << 40);
  Affine t;
  const double common = std::ldexp(1.0, power(rng));
  for (std::size_t p = 0; p < players; ++p) {
    t.a.push_back(same_scale ? common : std::ldexp(1.0, power(rng)));
    t.b.push_back(static_cast<double>(shift(rng)) * t.a.back());
  }
  return t;
}

Affine rounded_affine(std::size_t players, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> exponent(-12.0, 12.0), shift(-1e6, 1e6);
  Affine t;
  for (std::size_t p = 0; p < players; ++p) {
    t.a.push_back(std::pow(10.0, exponent(rng)));
    t.b.push_back(t.a.back() * shift(rng));
  }
  return t;
}

SolveResult solve_with(const NormalFormGame& game, const std::string& method) {
  SolveOptions options;
  options.method = method;
  options.starts = 3;
  options.seed = 11;
  if (method == "lh-all") {
    options.method = "lh";
    options.all_labels = true;
  }
  return solve(game, options);
}

bool contains(const SolveResult& r, const MixedProfile& profile) {
  return std::any_of(r.equilibria.begin(), r.equilibria.end(),
                     [&](const Equilibrium& e) { return same_profile(e.profile, profile); });
}

// Same answers: every equilibrium of one is the same profile as one of the other.
void check_same_answers(const SolveResult& a, const SolveResult& b) {
  CHECK(a.equilibria.size() == b.equilibria.size());
  for (const Equilibrium& e : a.equilibria) CHECK(contains(b, e.profile));
  for (const Equilibrium& e : b.equilibria) CHECK(contains(a, e.profile));
  CHECK(a.rejected == 0);
  CHECK(b.rejected == 0);
  CHECK(a.complete == b.complete);
}

// Zero-sum version of a game's first player: B = -A (for lp).
NormalFormGame zero_sum_of(const NormalFormGame& game) {
  NormalFormGame out = game;
  for (std::size_t k = 0; k < game.num_profiles(); ++k) out.set_payoff(1, k, -game.payoff(0, k));
  return out;
}

const std::vector<std::string> kTwoPlayerMethods = {"pure", "dominance", "enum", "lh", "lh-all", "auto", "logit", "gnm"};
const std::vector<std::string> kThreePlayerMethods = {"pure", "dominance", "auto", "logit", "gnm"};
const std::vector<std::vector<std::size_t>> kSmallShapes = {{2, 2}, {3, 3}, {2, 4}, {4, 3}, {2, 2, 2}, {3, 2, 2}};

}  // namespace

TEST_CASE("affine invariance: every method, exact scales 2^-40..2^40 and shifts up to 2^40") {
  std::mt19937_64 rng(7101);
  for (std::uint64_t seed = 0; seed < 72; ++seed) {
    const auto& shape = kSmallShapes[seed % kSmallShapes.size()];
    // Odd seeds: many ties (payoffs 0..2, degenerate games); even: 0..999.
    const NormalFormGame game = random_game(shape, 5000 + seed, integer_payoffs(0, seed % 2 ? 2 : 999));
    const NormalFormGame moved = transformed(game, exact_affine(game.num_players(), rng));
    for (const std::string& method : game.num_players() == 2 ? kTwoPlayerMethods : kThreePlayerMethods) {
      CAPTURE(seed);
      CAPTURE(method);
      // Heuristics may legitimately find nothing verifiable; then neither may.
      SolveResult a, b;
      bool a_threw = false, b_threw = false;
      try { a = solve_with(game, method); } catch (const LimitError&) { a_threw = true; }
      try { b = solve_with(moved, method); } catch (const LimitError&) { b_threw = true; }
      CHECK(a_threw == b_threw);
      if (a_threw || b_threw) continue;
      check_same_answers(a, b);
    }
    if (game.num_players() == 2) {
      CAPTURE(seed);
      const NormalFormGame zs = zero_sum_of(game);
      const NormalFormGame zs_moved = transformed(zs, exact_affine(2, rng, true));
      check_same_answers(solve_with(zs, "lp"), solve_with(zs_moved, "lp"));
      // Correlated equilibrium (objective "any"): the same distribution.
      const auto ce = solve_correlated(game, CorrelationKind::Correlated, CorrelatedObjective{});
      const auto ce_moved = solve_correlated(moved, CorrelationKind::Correlated, CorrelatedObjective{});
      REQUIRE(ce.distribution.size() == ce_moved.distribution.size());
      for (std::size_t k = 0; k < ce.distribution.size(); ++k) {
        CHECK(ce.distribution[k].first == ce_moved.distribution[k].first);
        CHECK(std::abs(ce.distribution[k].second - ce_moved.distribution[k].second) <= kSameProfileTolerance);
      }
    }
  }
}

TEST_CASE("affine invariance: every method, scales 10^-12..10^12 that round, on generic games") {
  std::mt19937_64 rng(7102);
  for (std::uint64_t seed = 0; seed < 48; ++seed) {
    const auto& shape = kSmallShapes[seed % kSmallShapes.size()];
    const NormalFormGame game = random_game(shape, 6000 + seed, real_payoffs(-1.0, 1.0));
    const NormalFormGame moved = transformed(game, rounded_affine(game.num_players(), rng));
    for (const std::string& method : game.num_players() == 2 ? kTwoPlayerMethods : kThreePlayerMethods) {
      CAPTURE(seed);
      CAPTURE(method);
      SolveResult a, b;
      bool a_threw = false, b_threw = false;
      try { a = solve_with(game, method); } catch (const LimitError&) { a_threw = true; }
      try { b = solve_with(moved, method); } catch (const LimitError&) { b_threw = true; }
      CHECK(a_threw == b_threw);
      if (a_threw || b_threw) continue;
      check_same_answers(a, b);
    }
  }
}

// Backward induction (sim/solve/backward_induction.hpp) under a separate
// a_p * u_p + b_p of each player's leaf payoffs: the same subgame-perfect
// equilibria, in the same order, for the selections that are defined by
// each player's own payoffs (`first`, `all`, `risk-dominant`: a Nash product
// of deviation losses scales by prod a_p, so its ranking does not change).
// `welfare` sums payoffs across players, an interpersonal comparison that a
// change of one player's units changes by design: not covered.
namespace {

// Leader (player 1) with 2 actions, then a simultaneous stage of two movers
// (2 x 2 or 2 x 3), then, for 3 players, a last single mover.
MultiStageGame random_multistage(std::uint64_t seed, bool ties) {
  std::mt19937_64 rng(seed);
  const std::size_t players = 2 + seed % 2;
  std::vector<GameStage> stages = {GameStage{"lead", {0}, {2}, {}},
                                   GameStage{"both", {0, 1}, {2, 2 + seed % 3 / 2}, {}}};
  if (players == 3) stages.push_back(GameStage{"last", {2}, {2}, {}});
  MultiStageGame g(players, stages);
  std::uniform_int_distribution<int> small(0, 2);
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  for (std::size_t p = 0; p < players; ++p)
    for (double& v : g.payoff_table(p)) v = ties ? small(rng) : real(rng);
  return g;
}

MultiStageGame transformed(const MultiStageGame& game, const Affine& t) {
  MultiStageGame out = game;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : out.payoff_table(p)) v = t.a[p] * v + t.b[p];
  return out;
}

void check_same_spes(const BackwardInductionResult& x, const BackwardInductionResult& y, const Affine& t) {
  CHECK(x.rejected == 0);
  CHECK(y.rejected == 0);
  CHECK(x.complete == y.complete);
  REQUIRE(x.equilibria.size() == y.equilibria.size());
  for (std::size_t e = 0; e < x.equilibria.size(); ++e) {
    const SubgamePerfectEquilibrium& a = x.equilibria[e];
    const SubgamePerfectEquilibrium& b = y.equilibria[e];
    CHECK(a.strategy.play == b.strategy.play);
    REQUIRE(a.strategy.mixed.size() == b.strategy.mixed.size());
    for (std::size_t m = 0; m < a.strategy.mixed.size(); ++m) CHECK(same_profile(a.strategy.mixed[m], b.strategy.mixed[m]));
    for (std::size_t p = 0; p < a.payoffs.size(); ++p)
      CHECK(std::abs(t.a[p] * a.payoffs[p] + t.b[p] - b.payoffs[p]) <= 1e-9 * (t.a[p] + std::abs(t.b[p])));
  }
}

}  // namespace

TEST_CASE("affine invariance: backward induction, exact and rounding changes, first, all and risk-dominant") {
  std::mt19937_64 rng(7103);
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const bool ties = seed % 4 < 2;
    const MultiStageGame game = random_multistage(8000 + seed, ties);
    // Tie-heavy games only under exact changes: a rounding change can break a tie.
    const Affine t = ties ? exact_affine(game.num_players(), rng) : rounded_affine(game.num_players(), rng);
    const MultiStageGame moved = transformed(game, t);
    for (const StageSelection select : {StageSelection::kFirst, StageSelection::kAll, StageSelection::kRiskDominant}) {
      CAPTURE(seed);
      CAPTURE(to_string(select));
      BackwardInductionOptions options;
      options.select = select;
      check_same_spes(solve_backward_induction(game, options), solve_backward_induction(moved, options), t);
    }
  }
}
