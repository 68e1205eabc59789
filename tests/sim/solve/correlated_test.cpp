#include "sim/solve/correlated.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include "models/errors.hpp"
#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"
#include "tests/support/tolerance.hpp"

using negsim::CorrelatedEquilibrium;
using negsim::CorrelatedObjective;
using negsim::CorrelationKind;
using negsim::MixedProfile;
using negsim::NormalFormGame;

using negsim::testing::bimatrix;
using negsim::testing::chicken;
using negsim::testing::integer_payoffs;
using negsim::testing::random_game;

namespace {

constexpr CorrelatedObjective kAny{CorrelatedObjective::Any, 0};
constexpr CorrelatedObjective kWelfare{CorrelatedObjective::Welfare, 0};
CorrelatedObjective for_player(std::size_t p) { return {CorrelatedObjective::Player, p}; }

double welfare(const CorrelatedEquilibrium& e) {
  double total = 0;
  for (double v : e.payoffs) total += v;
  return total;
}

std::map<std::size_t, double> as_map(const CorrelatedEquilibrium& e) {
  return {e.distribution.begin(), e.distribution.end()};
}

// Every incentive constraint, written out by brute force over all profiles
// (profile_actions / profile_index, no strides). Returns the largest violation.
double brute_force_violation(const NormalFormGame& g, CorrelationKind kind,
                             const std::vector<std::pair<std::size_t, double>>& distribution) {
  std::vector<double> mu(g.num_profiles(), 0.0);
  for (const auto& [s, x] : distribution) mu[s] += x;
  double worst = -1e300;
  for (std::size_t p = 0; p < g.num_players(); ++p)
    for (std::size_t b = 0; b < g.num_actions(p); ++b)
      for (std::size_t a = 0; a < g.num_actions(p); ++a) {
        double gain = 0;
        for (std::size_t s = 0; s < g.num_profiles(); ++s) {
          auto acts = g.profile_actions(s);
          if (kind == CorrelationKind::Correlated && acts[p] != a) continue;
          const double now = g.payoff(p, s);
          acts[p] = b;
          gain += mu[s] * (g.payoff(p, g.profile_index(acts)) - now);
        }
        worst = std::max(worst, gain);
        if (kind == CorrelationKind::CoarseCorrelated) break;  // one row per b
      }
  return worst;
}

void check_valid(const NormalFormGame& g, const CorrelatedEquilibrium& e) {
  double total = 0;
  std::size_t previous = 0;
  bool first = true;
  std::vector<double> payoffs(g.num_players(), 0.0);
  for (const auto& [s, x] : e.distribution) {
    CHECK(s < g.num_profiles());
    CHECK(x > 0.0);
    if (!first) CHECK(s > previous);
    first = false;
    previous = s;
    total += x;
    for (std::size_t p = 0; p < g.num_players(); ++p) payoffs[p] += x * g.payoff(p, s);
  }
  CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(brute_force_violation(g, e.kind, e.distribution) <= negsim::testing::largest_tolerance(g));
  CHECK(e.max_gain <= negsim::testing::largest_tolerance(g));
  for (std::size_t p = 0; p < g.num_players(); ++p)
    CHECK(e.payoffs[p] == doctest::Approx(payoffs[p]).epsilon(1e-12));
}

std::vector<MixedProfile> pure_nash(const NormalFormGame& g) {
  std::vector<MixedProfile> found;
  for (std::size_t s = 0; s < g.num_profiles(); ++s) {
    const MixedProfile profile = g.pure_to_mixed(g.profile_actions(s));
    if (g.max_regret(profile) <= 0.0) found.push_back(profile);
  }
  return found;
}

}  // namespace

TEST_CASE("correlated: chicken's max-welfare CE puts 1/3 on each of DC, CD, CC") {
  // Derivation. With mu on DD, DC, CD, CC the CE constraints reduce to
  //   row:    mu_DD <= mu_DC (told dare) and mu_CC <= mu_CD (told chicken),
  //   column: mu_DD <= mu_CD and mu_CC <= mu_DC.
  // Welfare 5 (mu_DC + mu_CD) + 6 mu_CC is maximized at mu_DD = 0 and
  // mu_CC = mu_DC = mu_CD = 1/3: welfare 16/3, payoff 8/3 each, above the best
  // Nash welfare 5 (pure) and the mixed equilibrium's 2 + 2.
  const NormalFormGame g = chicken();
  const CorrelatedEquilibrium ce = negsim::solve_correlated(g, CorrelationKind::Correlated, kWelfare);
  check_valid(g, ce);
  CHECK(ce.payoffs[0] == doctest::Approx(8.0 / 3));
  CHECK(ce.payoffs[1] == doctest::Approx(8.0 / 3));
  const auto mu = as_map(ce);
  CHECK(mu.size() == 3);
  CHECK(mu.count(0) == 0);  // DD
  for (std::size_t s = 1; s < 4; ++s) CHECK(mu.at(s) == doctest::Approx(1.0 / 3));
  // In a 2x2 game swap and fixed deviations coincide: CCE = CE.
  const CorrelatedEquilibrium cce =
      negsim::solve_correlated(g, CorrelationKind::CoarseCorrelated, kWelfare);
  check_valid(g, cce);
  CHECK(welfare(cce) == doctest::Approx(16.0 / 3));
  // Best for the row player: DC outright (a pure equilibrium), payoff 4.
  const CorrelatedEquilibrium row_best = negsim::solve_correlated(g, CorrelationKind::Correlated, for_player(0));
  check_valid(g, row_best);
  CHECK(row_best.payoffs[0] == doctest::Approx(4.0));
}

TEST_CASE("correlated: Aumann's 1974 game, welfare-max CE is 1/2 CC, 1/4 CD, 1/4 DC") {
  // Aumann (1974): (C,C)=(6,6), (C,D)=(2,7), (D,C)=(7,2), (D,D)=(0,0).
  // Aumann's device (1/3 each on CC, CD, DC) gives 5 each and is a CE. The
  // LP's optimum is better: constraints mu_CC <= 2 mu_CD, mu_CC <= 2 mu_DC
  // (told C) and 2 mu_DD <= mu_DC, mu_CD (told D); welfare 12 mu_CC + 9 (mu_CD +
  // mu_DC) peaks at mu_CC = 1/2, mu_CD = mu_DC = 1/4: 21/4 = 5.25 each.
  const NormalFormGame g = bimatrix({{6, 2}, {7, 0}}, {{6, 7}, {2, 0}});  // 0 = C, 1 = D
  const std::size_t CC = 0, DC = 1, CD = 2, DD = 3;
  const std::vector<std::pair<std::size_t, double>> aumann{{CC, 1.0 / 3}, {DC, 1.0 / 3}, {CD, 1.0 / 3}};
  CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated, aumann) <= 1e-12);
  CHECK(negsim::correlated_payoffs(g, aumann)[0] == doctest::Approx(5.0));

  const CorrelatedEquilibrium ce = negsim::solve_correlated(g, CorrelationKind::Correlated, kWelfare);
  check_valid(g, ce);
  CHECK(ce.payoffs[0] == doctest::Approx(5.25));
  CHECK(ce.payoffs[1] == doctest::Approx(5.25));
  const auto mu = as_map(ce);
  CHECK(mu.at(CC) == doctest::Approx(0.5));
  CHECK(mu.at(CD) == doctest::Approx(0.25));
  CHECK(mu.at(DC) == doctest::Approx(0.25));
  CHECK(mu.count(DD) == 0);
}

TEST_CASE("correlated: every Nash equilibrium of chicken is in the CE set, other points are not") {
  const NormalFormGame g = chicken();
  const std::vector<MixedProfile> nash{{{1, 0}, {0, 1}}, {{0, 1}, {1, 0}}, {{0.5, 0.5}, {0.5, 0.5}}};
  for (const MixedProfile& ne : nash) {
    REQUIRE(g.max_regret(ne) <= 1e-12);
    const auto mu = negsim::product_distribution(g, ne);
    CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated, mu) <= 1e-12);
    CHECK(negsim::correlated_max_gain(g, CorrelationKind::CoarseCorrelated, mu) <= 1e-12);
  }
  // (C, C) for sure: told chicken, daring gains 4 - 3 = 1.
  const auto cc = negsim::product_distribution(g, {{0, 1}, {0, 1}});
  CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated, cc) == doctest::Approx(1.0));
}

TEST_CASE("correlated: rock-paper-scissors, every CE and CCE pays the value 0") {
  const NormalFormGame g = bimatrix({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}},
                                    {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
  for (const auto kind : {CorrelationKind::Correlated, CorrelationKind::CoarseCorrelated})
    for (const auto objective : {kAny, kWelfare, for_player(0), for_player(1)}) {
      const CorrelatedEquilibrium e = negsim::solve_correlated(g, kind, objective);
      check_valid(g, e);
      CHECK(e.payoffs[0] == doctest::Approx(0.0).epsilon(1e-9));
      CHECK(e.payoffs[1] == doctest::Approx(0.0).epsilon(1e-9));
    }
  // The uniform product is the unique Nash equilibrium, hence a CE.
  const auto uniform = negsim::product_distribution(g, {{1. / 3, 1. / 3, 1. / 3}, {1. / 3, 1. / 3, 1. / 3}});
  CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated, uniform) <= 1e-12);
}

TEST_CASE("correlated: CCE welfare >= CE welfare >= best Nash welfare on seeded random games") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    const std::size_t players = 2 + seed % 2;
    std::vector<std::size_t> sizes;
    for (std::size_t p = 0; p < players; ++p) sizes.push_back(2 + rng() % 3);
    const NormalFormGame g = random_game(sizes, seed, integer_payoffs(-5, 5));
    CAPTURE(seed);
    const double tol = 1e-7;
    const CorrelatedEquilibrium ce = negsim::solve_correlated(g, CorrelationKind::Correlated, kWelfare);
    const CorrelatedEquilibrium cce =
        negsim::solve_correlated(g, CorrelationKind::CoarseCorrelated, kWelfare);
    check_valid(g, ce);
    check_valid(g, cce);
    CHECK(welfare(cce) >= welfare(ce) - tol);
    // A CE is a CCE.
    CHECK(negsim::correlated_max_gain(g, CorrelationKind::CoarseCorrelated, ce.distribution) <=
          negsim::testing::largest_tolerance(g));
    std::vector<MixedProfile> nash = pure_nash(g);
    if (sizes == std::vector<std::size_t>{2, 2}) {
      // The completely mixed equilibrium of a 2x2 game, where there is one.
      auto u = [&](std::size_t p, std::size_t i, std::size_t j) {
        return g.payoff(p, g.profile_index(std::vector<std::size_t>{i, j}));
      };
      const double dp = u(1, 0, 0) - u(1, 1, 0) - u(1, 0, 1) + u(1, 1, 1);
      const double dq = u(0, 0, 0) - u(0, 1, 0) - u(0, 0, 1) + u(0, 1, 1);
      if (dp != 0 && dq != 0) {
        const double p = (u(1, 1, 1) - u(1, 1, 0)) / dp;
        const double q = (u(0, 1, 1) - u(0, 0, 1)) / dq;
        const MixedProfile mixed{{p, 1 - p}, {q, 1 - q}};
        if (p > 0 && p < 1 && q > 0 && q < 1 && g.max_regret(mixed) <= 1e-12) nash.push_back(mixed);
      }
    }
    for (const MixedProfile& ne : nash) {
      const auto payoffs = g.expected_payoffs(ne);
      double w = 0;
      for (double v : payoffs) w += v;
      CHECK(welfare(ce) >= w - tol);
      CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated,
                                        negsim::product_distribution(g, ne)) <= 1e-9);
      for (std::size_t p = 0; p < players; ++p) {
        const CorrelatedEquilibrium best = negsim::solve_correlated(g, CorrelationKind::Correlated, for_player(p));
        check_valid(g, best);
        CHECK(best.payoffs[p] >= payoffs[p] - tol);
        CHECK(best.payoffs[p] >= ce.payoffs[p] - tol);
      }
    }
  }
}

TEST_CASE("correlated: every returned distribution satisfies every constraint (brute force)") {
  for (std::uint64_t seed = 200; seed < 230; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> sizes;
    const std::size_t players = 2 + seed % 3;
    for (std::size_t p = 0; p < players; ++p) sizes.push_back(1 + rng() % 4);
    // Real payoffs on a large scale: the tolerance must scale with them.
    NormalFormGame g(sizes);
    std::uniform_real_distribution<double> dist(-1000.0, 1000.0);
    for (std::size_t p = 0; p < players; ++p)
      for (double& v : g.payoff_table(p)) v = dist(rng);
    CAPTURE(seed);
    for (const auto kind : {CorrelationKind::Correlated, CorrelationKind::CoarseCorrelated})
      for (const auto objective : {kAny, kWelfare, for_player(players - 1)}) {
        const CorrelatedEquilibrium e = negsim::solve_correlated(g, kind, objective);
        check_valid(g, e);
        CHECK(e.kind == kind);
      }
  }
}

TEST_CASE("correlated: a game with all payoffs equal, and one with a single player") {
  const NormalFormGame flat({3, 2});
  check_valid(flat, negsim::solve_correlated(flat, CorrelationKind::Correlated, kWelfare));
  NormalFormGame solo({4});
  for (std::size_t a = 0; a < 4; ++a) solo.set_payoff(0, a, static_cast<double>(a % 3));
  const CorrelatedEquilibrium e = negsim::solve_correlated(solo, CorrelationKind::Correlated, kAny);
  check_valid(solo, e);
  CHECK(e.payoffs[0] == doctest::Approx(2.0));  // only the best action survives
}

TEST_CASE("correlated: objectives parse from text, with did-you-mean on errors") {
  NormalFormGame g({2, 2, 2});
  g.player_names = {"United States", "China", "ByteDance"};
  using K = CorrelatedObjective;
  CHECK(negsim::parse_objective("any", g).kind == K::Any);
  CHECK(negsim::parse_objective(" Welfare ", g).kind == K::Welfare);
  CHECK(negsim::parse_objective("player:2", g).kind == K::Player);
  CHECK(negsim::parse_objective("player:2", g).player == 2);
  CHECK(negsim::parse_objective("player:china", g).player == 1);
  CHECK(negsim::parse_objective("player: United States", g).player == 0);
  CHECK_THROWS_AS(negsim::parse_objective("player:3", g), negsim::UsageError);
  CHECK_THROWS_AS(negsim::parse_objective("player:", g), negsim::UsageError);
  CHECK_THROWS_AS(negsim::parse_objective("utility", g), negsim::UsageError);
  try {
    negsim::parse_objective("welfar", g);
    FAIL("expected a UsageError");
  } catch (const negsim::UsageError& e) {
    CHECK(std::string(e.what()).find("did you mean 'welfare'") != std::string::npos);
  }
  try {
    negsim::parse_objective("player:Chna", g);
    FAIL("expected a UsageError");
  } catch (const negsim::UsageError& e) {
    CHECK(std::string(e.what()).find("did you mean 'China'") != std::string::npos);
  }
  negsim::SolveOptions options;
  options.method = "cce";
  options.objective = "player:ByteDance";
  NormalFormGame random = random_game({2, 2, 2}, 3, integer_payoffs(-4, 4));
  random.player_names = g.player_names;
  const CorrelatedEquilibrium e = negsim::solve_correlated(random, options);
  CHECK(e.kind == CorrelationKind::CoarseCorrelated);
  CHECK(e.objective.kind == K::Player);
  CHECK(e.objective.player == 2);
  options.method = "lh";
  CHECK_THROWS_AS(negsim::solve_correlated(g, options), negsim::UsageError);
}

TEST_CASE("correlated: an LP too large to build is refused before allocation") {
  const NormalFormGame big({1000, 1000});  // 2 * 999 * 10^6 constraint entries
  CHECK_THROWS_AS(negsim::solve_correlated(big, CorrelationKind::Correlated, kWelfare),
                  negsim::LimitError);
  CHECK_THROWS_AS(negsim::correlated_constraint_matrix(big, CorrelationKind::CoarseCorrelated),
                  negsim::LimitError);
}

TEST_CASE("correlated: on every Gambit example game, each known equilibrium is a CE below the max") {
  // Each equilibrium in expected/*.pure and *.extreme, as a product
  // distribution, satisfies every CE constraint; the max-welfare CE and CCE
  // are at least as good as each of them, and the player objective at least
  // as good for that player.
  const std::string dir = std::string(NEGSIM_SHARED_DIR) + "/games/gambit/";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".nfg") continue;
    const NormalFormGame g = negsim::read_nfg_file(entry.path().string());
    if (g.num_profiles() > 2000) continue;
    CAPTURE(entry.path().filename().string());
    const double tol = 1e-7 * std::max(1.0, negsim::testing::largest_tolerance(g) / 1e-9);
    const CorrelatedEquilibrium ce = negsim::solve_correlated(g, CorrelationKind::Correlated, kWelfare);
    const CorrelatedEquilibrium cce = negsim::solve_correlated(g, CorrelationKind::CoarseCorrelated, kWelfare);
    check_valid(g, ce);
    check_valid(g, cce);
    CHECK(welfare(cce) >= welfare(ce) - tol);
    std::vector<CorrelatedEquilibrium> best;
    for (std::size_t p = 0; p < g.num_players(); ++p)
      best.push_back(negsim::solve_correlated(g, CorrelationKind::Correlated, for_player(p)));
    for (const char* ext : {".pure", ".extreme"}) {
      const auto file = dir + "expected/" + entry.path().stem().string() + ext;
      if (!std::filesystem::exists(file)) continue;
      for (const auto& exact : negsim::read_ne_file(file, g)) {
        const MixedProfile ne = negsim::to_double_profile(exact);
        const auto mu = negsim::product_distribution(g, ne);
        CHECK(negsim::correlated_max_gain(g, CorrelationKind::Correlated, mu) <= tol);
        const auto payoffs = negsim::correlated_payoffs(g, mu);
        double w = 0;
        for (double v : payoffs) w += v;
        CHECK(welfare(ce) >= w - tol);
        for (std::size_t p = 0; p < g.num_players(); ++p) CHECK(best[p].payoffs[p] >= payoffs[p] - tol);
      }
    }
  }
}

TEST_CASE("correlated: the TikTok stage game's max-welfare CE beats every pure equilibrium") {
  const NormalFormGame g =
      negsim::build_normal_form(
          negsim::load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml"))
          .game;
  const CorrelatedEquilibrium ce = negsim::solve_correlated(g, CorrelationKind::Correlated, kWelfare);
  const CorrelatedEquilibrium cce = negsim::solve_correlated(g, CorrelationKind::CoarseCorrelated, kWelfare);
  check_valid(g, ce);
  check_valid(g, cce);
  const double tol = 1e-7 * std::max(1.0, negsim::testing::largest_tolerance(g) / 1e-9);
  CHECK(welfare(cce) >= welfare(ce) - tol);
  for (const MixedProfile& ne : pure_nash(g)) {
    double w = 0;
    for (double v : g.expected_payoffs(ne)) w += v;
    CHECK(welfare(ce) >= w - tol);
  }
}
