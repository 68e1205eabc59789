#include "sim/bargain/alternating_offers.hpp"

#include <cmath>
#include <random>
#include <stdexcept>

#include <doctest/doctest.h>

using namespace negsim;

namespace {

BargainingProtocol two_player(double d1, double d2, std::optional<std::size_t> deadline) {
  BargainingProtocol proto;
  proto.player_names = {"A", "B"};
  proto.discount = {d1, d2};
  proto.proposer_order = {0, 1};
  proto.deadline = deadline;
  proto.disagreement = {0, 0};
  return proto;
}

// Pie of 1 on a grid of `steps`: deal k gives (k/steps, 1 - k/steps).
DiscreteDealSpace pie_grid(std::size_t steps) {
  DiscreteDealSpace deals;
  deals.num_players = 2;
  for (std::size_t k = 0; k <= steps; ++k) {
    const double x = static_cast<double>(k) / static_cast<double>(steps);
    deals.add(std::to_string(k), {x, static_cast<double>(steps - k) / static_cast<double>(steps)});
  }
  return deals;
}

}  // namespace

TEST_CASE("Rubinstein: common delta 0.9 gives the first proposer 1/1.9 (ORACLES.md)") {
  PieBargainingProblem pie{two_player(0.9, 0.9, std::nullopt)};
  const auto r = solve_alternating_offers(pie);
  CHECK(r.converged);
  CHECK(r.agreement);
  CHECK(r.agreement_round == 1);
  CHECK(std::abs(r.shares[0] - 1 / 1.9) < 1e-9);
  CHECK(std::abs(r.shares[0] - 0.526316) < 1e-6);
  CHECK(std::abs(r.payoffs[1] - 0.9 / 1.9) < 1e-9);
  CHECK(r.max_regret <= 1e-12);
  CHECK(std::abs(rubinstein_first_share(0.9, 0.9) - 1 / 1.9) < 1e-15);
}

TEST_CASE("Rubinstein: delta1 = 0.9, delta2 = 0.8 gives 0.714286 (ORACLES.md)") {
  PieBargainingProblem pie{two_player(0.9, 0.8, std::nullopt)};
  const auto r = solve_alternating_offers(pie);
  CHECK(std::abs(r.shares[0] - 0.2 / 0.28) < 1e-9);
  CHECK(std::abs(r.shares[0] - 0.714286) < 1e-6);
  CHECK(std::abs(rubinstein_first_share(0.9, 0.8) - 0.2 / 0.28) < 1e-15);
}

TEST_CASE("Stahl finite horizon: x_T = (1 - (-delta)^T)/(1 + delta): 1, 0.1, 0.91, 0.181 (ORACLES.md)") {
  const double expected[] = {1, 0.1, 0.91, 0.181};
  for (std::size_t T = 1; T <= 4; ++T) {
    PieBargainingProblem pie{two_player(0.9, 0.9, T)};
    const auto r = solve_alternating_offers(pie);
    CHECK(r.agreement_round == 1);
    CHECK(std::abs(r.shares[0] - expected[T - 1]) < 1e-9);
    CHECK(std::abs(stahl_first_share(0.9, T) - expected[T - 1]) < 1e-12);
    CHECK(r.plan.size() == T);
    CHECK(r.max_regret <= 1e-12);
  }
  for (std::size_t T = 5; T <= 40; T += 7) {
    PieBargainingProblem pie{two_player(0.9, 0.9, T)};
    CHECK(std::abs(solve_alternating_offers(pie).shares[0] - stahl_first_share(0.9, T)) < 1e-9);
  }
}

TEST_CASE("discrete pie grid reproduces Stahl where the answers lie on the grid") {
  for (std::size_t T = 1; T <= 4; ++T) {
    BargainingProblem problem{two_player(0.9, 0.9, T), pie_grid(1000)};
    const auto r = solve_alternating_offers(problem);
    REQUIRE(r.agreement);
    CHECK(std::abs(r.deal_utilities[0] - stahl_first_share(0.9, T)) < 1e-9);
    CHECK(r.max_regret <= 1e-12);
  }
  // Infinite horizon on a grid of step h: each round's rounding (< h) is
  // discounted once per round, so the error is below h / (1 - delta).
  BargainingProblem problem{two_player(0.9, 0.9, std::nullopt), pie_grid(10000)};
  const auto r = solve_alternating_offers(problem);
  CHECK(std::abs(r.deal_utilities[0] - 1 / 1.9) <= 1e-4 / (1 - 0.9));
  CHECK(r.max_regret <= 1e-12);
  CHECK(r.converged);  // discrete values settle on a fixed point of the grid
  CHECK(r.iterations < 2000);
}

TEST_CASE("deal after 4 offers on a pie of 10 at 0.9 per offer: 0.9^3 * 10 = 7.29 (ORACLES.md)") {
  // The responder pays 10 and prefers paying later; breakdown is worse for it,
  // so it rejects until the deadline round 4 and accepts there.
  BargainingProtocol proto = two_player(0.9, 0.9, 4);
  proto.proposer_order = {1};
  proto.disagreement = {-100, 0};
  DiscreteDealSpace deals;
  deals.num_players = 2;
  deals.add("A pays B 10", {-10, 10});
  const auto r = solve_alternating_offers(BargainingProblem{proto, deals});
  REQUIRE(r.agreement);
  CHECK(r.agreement_round == 4);
  CHECK(r.path.size() == 4);
  CHECK(std::abs(r.payoffs[1] - 7.29) < 1e-9);
  CHECK(std::abs(r.payoffs[0] + 7.29) < 1e-9);
  CHECK(r.max_regret <= 1e-12);
}

TEST_CASE("3-player unanimity: closed form for every horizon and the stationary limit") {
  for (double delta : {0.5, 0.8, 0.95}) {
    for (std::size_t T = 1; T <= 12; ++T) {
      BargainingProtocol proto;
      proto.discount = {delta, delta, delta};
      proto.proposer_order = {0, 1, 2};
      proto.deadline = T;
      proto.disagreement = {0, 0, 0};
      const auto r = solve_alternating_offers(PieBargainingProblem{proto});
      CHECK(r.agreement_round == 1);
      CHECK(std::abs(r.shares[0] - unanimity3_first_share(delta, T)) < 1e-9);
      // Player 2 (next proposer) gets delta times the 2nd-round proposer's share.
      if (T >= 2) CHECK(std::abs(r.shares[1] - delta * unanimity3_first_share(delta, T - 1)) < 1e-9);
      CHECK(r.max_regret <= 1e-12);
    }
    BargainingProtocol proto;
    proto.discount = {delta, delta, delta};
    proto.proposer_order = {0, 1, 2};
    proto.disagreement = {0, 0, 0};
    const auto r = solve_alternating_offers(PieBargainingProblem{proto});
    CHECK(r.converged);
    const auto shares = unanimity_stationary_shares(delta, 3);
    for (std::size_t p = 0; p < 3; ++p) CHECK(std::abs(r.shares[p] - shares[p]) < 1e-9);
  }
  // Hand-computed small cases: T = 2 gives (1 - d, d, 0); T = 3 gives (1 - d, d - d^2, d^2).
  CHECK(std::abs(unanimity3_first_share(0.8, 2) - 0.2) < 1e-15);
  CHECK(std::abs(unanimity3_first_share(0.8, 4) - (1 - 0.8 + 0.512)) < 1e-12);
}

TEST_CASE("outside options: binding only above the Rubinstein share (Binmore-Shaked-Sutton)") {
  for (double w : {0.3, 0.6}) {
    BargainingProtocol proto = two_player(0.9, 0.9, std::nullopt);
    proto.outside_option = {std::nullopt, w};
    const auto r = solve_alternating_offers(PieBargainingProblem{proto});
    const double expected = w <= 0.9 / 1.9 ? 1 / 1.9 : 1 - w;
    CHECK(std::abs(r.shares[0] - expected) < 1e-9);
    CHECK(r.ending == "agreement");
  }
  // An outside option worth more than the whole pie: the proposer cannot
  // satisfy it and the responder opts out at once.
  BargainingProtocol proto = two_player(0.9, 0.9, 3);
  proto.outside_option = {std::nullopt, 1.5};
  proto.disagreement = {0.05, 0};
  const auto r = solve_alternating_offers(PieBargainingProblem{proto});
  CHECK(r.ending == "opt-out");
  REQUIRE(r.opted_out.has_value());
  CHECK(*r.opted_out == 1);
  CHECK(std::abs(r.payoffs[0] - 0.05) < 1e-12);
  CHECK(std::abs(r.payoffs[1] - 1.5) < 1e-12);
}

TEST_CASE("deadline extension: a credible extension threat moves the split, a costly one does not") {
  for (double cost : {0.2, 0.95}) {
    BargainingProtocol proto = two_player(0.9, 0.9, 1);
    proto.extension = DeadlineExtension{1, 1, cost, 1};
    const auto r = solve_alternating_offers(PieBargainingProblem{proto});
    CHECK(r.horizon == 2);
    CHECK(r.agreement_round == 1);
    CHECK(r.extensions_used == 0);
    CHECK(r.plan[0].extend_after == (cost < 0.9));
    const double expected = cost < 0.9 ? 1 - (0.9 - cost) : 1.0;
    CHECK(std::abs(r.shares[0] - expected) < 1e-12);
    CHECK(r.max_regret <= 1e-12);
  }
  // When nobody can agree before the deadline, an extension is used.
  BargainingProtocol proto = two_player(0.9, 0.9, 1);
  proto.proposer_order = {1};
  proto.disagreement = {-100, 0};
  proto.extension = DeadlineExtension{1, 2, 1.0, 2};  // B extends twice, 2 rounds each
  DiscreteDealSpace deals;
  deals.num_players = 2;
  deals.add("A pays B 10", {-10, 10});
  const auto r = solve_alternating_offers(BargainingProblem{proto, deals});
  CHECK(r.horizon == 5);
  CHECK(r.agreement_round == 5);
  CHECK(r.extensions_used == 2);
  // B: 10 at round 5, minus the cost 1 paid at rounds 1 and 3: 0.9^4 * 10 - 1 - 0.9^2 * 1.
  CHECK(std::abs(r.payoffs[1] - (std::pow(0.9, 4) * 10 - 1 - 0.81)) < 1e-9);
}

TEST_CASE("breakdown at the deadline when no deal is acceptable") {
  BargainingProtocol proto = two_player(0.9, 0.9, 3);
  proto.disagreement = {1, 1};
  DiscreteDealSpace deals;
  deals.num_players = 2;
  deals.add("x", {2, 0.5});
  deals.add("y", {0.5, 2});
  const auto r = solve_alternating_offers(BargainingProblem{proto, deals});
  CHECK_FALSE(r.agreement);
  CHECK(r.ending == "breakdown");
  CHECK(r.path.size() == 3);
  CHECK(std::abs(r.payoffs[0] - 0.81) < 1e-12);
}

TEST_CASE("invalid protocols are rejected") {
  BargainingProtocol proto = two_player(1.0, 1.0, std::nullopt);
  CHECK_THROWS_AS(solve_alternating_offers(PieBargainingProblem{proto}), std::invalid_argument);
  proto = two_player(1.2, 0.9, 3);
  CHECK_THROWS_AS(solve_alternating_offers(PieBargainingProblem{proto}), std::invalid_argument);
  proto = two_player(0.9, 0.9, 0);
  CHECK_THROWS_AS(solve_alternating_offers(PieBargainingProblem{proto}), std::invalid_argument);
  proto = two_player(0.9, 0.9, 3);
  DiscreteDealSpace empty;
  empty.num_players = 2;
  CHECK_THROWS_AS(solve_alternating_offers(BargainingProblem{proto, empty}), std::invalid_argument);
}

TEST_CASE("property: random discrete problems are verified SPEs, deal never below reservations") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-1, 3);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = 2 + trial % 2;
    BargainingProtocol proto;
    for (std::size_t p = 0; p < n; ++p) {
      proto.discount.push_back(0.5 + 0.5 * std::uniform_real_distribution<double>(0, 1)(rng));
      proto.disagreement.push_back(u(rng) * 0.3);
      proto.proposer_order.push_back(p);
    }
    if (trial % 3 == 0) proto.outside_option.assign(n, std::nullopt), proto.outside_option[n - 1] = u(rng);
    if (trial % 4 != 3) proto.deadline = 1 + trial % 6;
    if (trial % 5 == 1 && proto.deadline) proto.extension = DeadlineExtension{0, 2, 0.1, 1};
    DiscreteDealSpace deals;
    deals.num_players = n;
    for (int d = 0; d < 60; ++d) {
      std::vector<double> util(n);
      for (double& x : util) x = u(rng);
      deals.add("d" + std::to_string(d), util);
    }
    const auto r = solve_alternating_offers(BargainingProblem{proto, deals});
    CHECK(r.max_regret <= 1e-12);
    for (const auto& plan : r.plan)
      if (plan.agreement)
        for (std::size_t q = 0; q < n; ++q)
          if (q != plan.proposer) CHECK(plan.offer_utilities[q] >= plan.reservation[q] - 1e-12);
  }
}

TEST_CASE("property: random pie problems (2-3 players, outside options, extensions) pass the deviation check") {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 2 + trial % 2;
    BargainingProtocol proto;
    for (std::size_t p = 0; p < n; ++p) {
      proto.discount.push_back(0.3 + 0.7 * unit(rng));
      proto.disagreement.push_back(0.4 * unit(rng) - 0.1);
      proto.proposer_order.push_back((p + trial) % n);
    }
    if (trial % 3 == 0) {
      proto.outside_option.assign(n, std::nullopt);
      proto.outside_option[trial % n] = 0.8 * unit(rng);
    }
    if (trial % 4 != 3) proto.deadline = 1 + trial % 7;
    if (trial % 5 == 2 && proto.deadline) proto.extension = DeadlineExtension{trial % n, static_cast<std::size_t>(1 + trial % 2), 0.1 * unit(rng), 2};
    PieBargainingProblem problem{proto, 1.0 + trial % 3};
    const auto r = solve_alternating_offers(problem);
    CHECK(r.max_regret <= 1e-12);
    for (const auto& plan : r.plan) {
      double total = 0;
      for (double x : plan.shares) {
        CHECK(x >= 0);
        total += x;
      }
      CHECK(total == doctest::Approx(problem.pie));
    }
    if (r.agreement) {
      // Nobody gets less than what refusing would have given it.
      const auto& first = r.path.back();
      for (std::size_t q = 0; q < n; ++q)
        if (q != first.proposer) CHECK(first.offer_utilities[q] >= first.reservation[q] - 1e-12);
    }
  }
}

TEST_CASE("discrete deals: ties give several SPEs (range reported), the grid, not patience, decides the split") {
  // One round: A proposes; B accepts anything worth at least 0. A is
  // indifferent between (5, 1) and (5, 2); the tie rule picks (5, 2).
  DiscreteDealSpace deals;
  deals.num_players = 2;
  deals.add("low", {5, 1});
  deals.add("high", {5, 2});
  deals.add("even", {3, 3});
  BargainingProblem problem{two_player(0.9, 0.9, 1), deals};
  const auto r = solve_alternating_offers(problem);
  REQUIRE(r.agreement);
  CHECK(r.deal == std::size_t{1});
  CHECK(r.tied_offers == 2);
  CHECK(r.payoff_low == std::vector<double>{5, 1});
  CHECK(r.payoff_high == std::vector<double>{5, 2});
  CHECK(r.grid_decides);  // B gets 2 where 0 would do
  CHECK(r.surplus[1] == 2);
  // The pie grid with a fine step: the responder gets what it needs, no tie.
  BargainingProblem fine{two_player(0.5, 0.5, 2), pie_grid(4)};
  const auto f = solve_alternating_offers(fine);
  REQUIRE(f.agreement);
  CHECK(f.tied_offers == 1);
  CHECK_FALSE(f.grid_decides);  // round 2 reservation 0.5 * 1 = 0.5 is on the grid
}

TEST_CASE("no deadline on a coarse grid: every stationary SPE is found and the range reported") {
  // Splits (1, 0), (0.5, 0.5), (0, 1), delta 0.9: each of "A always gets 1",
  // "B always gets 1" and "always half" is a stationary SPE (the responder's
  // reservation 0.9 x its next-round share falls between grid points).
  BargainingProblem problem{two_player(0.9, 0.9, std::nullopt), pie_grid(2)};
  const auto r = solve_alternating_offers(problem);
  REQUIRE(r.stationary_searched);
  CHECK(r.stationary_spe == 3);
  CHECK(r.stationary_low == std::vector<double>{0, 0});
  CHECK(r.stationary_high == std::vector<double>{1, 1});
  // A fine grid with Rubinstein's split nearly on it: one stationary SPE.
  BargainingProblem fine{two_player(0.5, 0.5, std::nullopt), pie_grid(3)};
  const auto f = solve_alternating_offers(fine);
  REQUIRE(f.stationary_searched);
  CHECK(f.stationary_spe == 1);
}

// Per-player tolerances: scaling one player's utilities (deals, disagreement,
// outside option) by a > 0 changes no decision. Regression: one tolerance,
// 1e-12 times the largest utility of anyone, was 1e-3 when A's utilities
// were near 1e9, so B accepted an offer 1e-4 below its disagreement payoff.
namespace {

BargainingProblem scaled_problem(const BargainingProblem& base, const std::vector<double>& a) {
  BargainingProblem out = base;
  for (std::size_t d = 0; d < out.deals.num_deals(); ++d)
    for (std::size_t p = 0; p < a.size(); ++p) out.deals.utilities[d * a.size() + p] *= a[p];
  for (std::size_t p = 0; p < a.size(); ++p) {
    out.protocol.disagreement[p] *= a[p];
    if (out.protocol.has_outside_option(p)) *out.protocol.outside_option[p] *= a[p];
  }
  return out;
}

void check_same_agreement(const AlternatingOffersResult& x, const AlternatingOffersResult& y,
                          const std::vector<double>& a) {
  CHECK(x.ending == y.ending);
  CHECK(x.agreement == y.agreement);
  CHECK(x.agreement_round == y.agreement_round);
  CHECK(x.deal == y.deal);
  CHECK(x.opted_out == y.opted_out);
  CHECK(x.tied_offers == y.tied_offers);
  CHECK(x.grid_decides == y.grid_decides);
  CHECK(x.stationary_spe == y.stationary_spe);
  REQUIRE(x.payoffs.size() == y.payoffs.size());
  for (std::size_t p = 0; p < a.size(); ++p) CHECK(y.payoffs[p] == doctest::Approx(a[p] * x.payoffs[p]).epsilon(1e-12));
  CHECK(y.max_regret <= 1e-12);
}

}  // namespace

TEST_CASE("per-player tolerance: an offer 1e-4 below B's disagreement payoff is refused whatever A's units") {
  BargainingProblem base{two_player(0.9, 0.9, std::size_t{1}), {}};
  base.protocol.disagreement = {0, 0.5};
  base.deals.num_players = 2;
  base.deals.add("all to A", {1.0, 0.4999});
  base.deals.add("half", {0.5, 0.5});
  const AlternatingOffersResult expected = solve_alternating_offers(base);
  REQUIRE(expected.agreement);
  REQUIRE(expected.deal == std::size_t{1});
  for (const std::vector<double>& a : std::vector<std::vector<double>>{{1e9, 1}, {1, 1e-9}, {1e12, 1e3}, {1e-6, 1}}) {
    CAPTURE(a[0]);
    CAPTURE(a[1]);
    check_same_agreement(expected, solve_alternating_offers(scaled_problem(base, a)), a);
  }
}

TEST_CASE("per-player tolerance: alternating offers on a 3-player grid are the same on any scales") {
  // Three players, a deal grid with fine steps for the small players, an
  // outside option, a deadline and the infinite horizon.
  BargainingProblem base;
  base.protocol.player_names = {"A", "B", "C"};
  base.protocol.discount = {0.9, 0.8, 0.95};
  base.protocol.proposer_order = {0, 1, 2};
  base.protocol.disagreement = {0, 0.1, 0};
  base.protocol.outside_option = {std::nullopt, std::nullopt, 0.2};
  base.deals.num_players = 3;
  const std::size_t steps = 12;
  for (std::size_t i = 0; i <= steps; ++i)
    for (std::size_t j = 0; i + j <= steps; ++j) {
      const double x = static_cast<double>(i) / steps, y = static_cast<double>(j) / steps;
      base.deals.add(std::to_string(i) + "/" + std::to_string(j), {x, y, 1 - x - y});
    }
  for (std::optional<std::size_t> deadline : {std::optional<std::size_t>{}, std::optional<std::size_t>{5}}) {
    base.protocol.deadline = deadline;
    const AlternatingOffersResult expected = solve_alternating_offers(base);
    REQUIRE(expected.agreement);
    for (const std::vector<double>& a :
         std::vector<std::vector<double>>{{1e9, 1, 1e-3}, {1, 1e9, 1}, {1e-9, 1e-9, 1e9}}) {
      CAPTURE(deadline.has_value());
      CAPTURE(a[0]);
      check_same_agreement(expected, solve_alternating_offers(scaled_problem(base, a)), a);
    }
  }
}
