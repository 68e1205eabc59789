#include "sim/bargain/axiomatic.hpp"

#include <cmath>
#include <random>

#include <doctest/doctest.h>

using namespace negsim;

namespace {
DiscreteDealSpace space(const std::vector<std::vector<double>>& points) {
  DiscreteDealSpace deals;
  deals.num_players = points[0].size();
  for (std::size_t i = 0; i < points.size(); ++i) deals.add("d" + std::to_string(i), points[i]);
  return deals;
}
}  // namespace

TEST_CASE("Nash and KS on the frontier u2 = 1 - u1^2 (ORACLES.md)") {
  ParetoFrontier2 f{[](double x) { return 1 - x * x; }, [](double x) { return -2 * x; }, 0, 1};
  const auto nash = nash_solution_frontier(f, {0, 0});
  REQUIRE(nash.exists);
  CHECK(std::abs(nash.utilities[0] - 1 / std::sqrt(3.0)) < 1e-9);
  CHECK(std::abs(nash.utilities[1] - 2.0 / 3) < 1e-9);
  const auto ks = kalai_smorodinsky_frontier(f, {0, 0});
  REQUIRE(ks.exists);
  CHECK(std::abs(ks.utilities[0] - (std::sqrt(5.0) - 1) / 2) < 1e-9);
}

TEST_CASE("splitting 1 with disagreement (0.2, 0.1): Nash gives (0.55, 0.45) (ORACLES.md)") {
  ParetoFrontier2 line{[](double x) { return 1 - x; }, [](double) { return -1.0; }, 0, 1};
  const auto nash = nash_solution_frontier(line, {0.2, 0.1});
  CHECK(std::abs(nash.utilities[0] - 0.55) < 1e-9);
  CHECK(std::abs(nash.utilities[1] - 0.45) < 1e-9);
  // The same over lotteries of the two extreme splits.
  const auto lot = nash_solution_lotteries(space({{1, 0}, {0, 1}}), {0.2, 0.1});
  CHECK(std::abs(lot.utilities[0] - 0.55) < 1e-9);
  CHECK(std::abs(lot.utilities[1] - 0.45) < 1e-9);
  // Weights (2, 1): gains split 2:1 of the surplus 0.7.
  const auto weighted = nash_solution_frontier(line, {0.2, 0.1}, {2, 1});
  CHECK(std::abs(weighted.utilities[0] - (0.2 + 0.7 * 2 / 3)) < 1e-9);
}

TEST_CASE("discrete outcomes (4,1), (1,4), (2,2): Nash (2,2) over outcomes, (2.5,2.5) over lotteries (ORACLES.md)") {
  const auto deals = space({{4, 1}, {1, 4}, {2, 2}});
  const auto discrete = nash_solution_discrete(deals, {0, 0});
  REQUIRE(discrete.exists);
  CHECK(discrete.deal == std::size_t{2});
  const auto lot = nash_solution_lotteries(deals, {0, 0});
  CHECK(std::abs(lot.utilities[0] - 2.5) < 1e-9);
  CHECK(std::abs(lot.utilities[1] - 2.5) < 1e-9);
  REQUIRE(lot.lottery.size() == 2);
  CHECK(std::abs(lot.lottery[0].second - 0.5) < 1e-12);
  // KS: ideal (4, 4); over outcomes (2,2) (ratio 1/2 beats 1/4); over lotteries (2.5, 2.5).
  const auto ks = kalai_smorodinsky_discrete(deals, {0, 0});
  CHECK(ks.deal == std::size_t{2});
  const auto ksl = kalai_smorodinsky_lotteries(deals, {0, 0});
  CHECK(std::abs(ksl.utilities[0] - 2.5) < 1e-9);
  CHECK(std::abs(ksl.utilities[1] - 2.5) < 1e-9);
}

TEST_CASE("no individually rational deal: no solution") {
  const auto deals = space({{1, -1}, {-1, 1}});
  CHECK_FALSE(nash_solution_discrete(deals, {0, 0}).exists);
  CHECK_FALSE(nash_solution_lotteries(deals, {0, 0}).exists);
  CHECK_FALSE(kalai_smorodinsky_discrete(deals, {0.5, 0.5}).exists);
}

TEST_CASE("3-player lotteries: Frank-Wolfe matches the symmetric and the closed-form answers") {
  // Splitting 1 among 3 with d = 0: Nash = (1/3, 1/3, 1/3); weights (1,2,3): (1/6, 2/6, 3/6).
  const auto deals = space({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.2, 0.2, 0.2}});
  auto nash = nash_solution_lotteries(deals, {0, 0, 0});
  REQUIRE(nash.exists);
  for (double x : nash.utilities) CHECK(std::abs(x - 1.0 / 3) < 1e-9);
  nash = nash_solution_lotteries(deals, {0, 0, 0}, {1, 2, 3});
  for (std::size_t p = 0; p < 3; ++p) CHECK(std::abs(nash.utilities[p] - (p + 1) / 6.0) < 1e-9);
  // d = (0.1, 0.2, 0.3): equal gains of 0.4/3 each.
  nash = nash_solution_lotteries(deals, {0.1, 0.2, 0.3});
  const double d[3] = {0.1, 0.2, 0.3};
  for (std::size_t p = 0; p < 3; ++p) CHECK(std::abs(nash.utilities[p] - (d[p] + 0.4 / 3)) < 1e-9);
  const auto ks = kalai_smorodinsky_lotteries(deals, {0, 0, 0});
  for (double x : ks.utilities) CHECK(std::abs(x - 1.0 / 3) < 1e-9);
}

TEST_CASE("property: 2-player lotteries beat every deal and every pairwise mixture") {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0, 10);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::vector<double>> points;
    for (int i = 0; i < 25; ++i) points.push_back({u(rng), u(rng)});
    const auto deals = space(points);
    const std::vector<double> d{1, 1};
    const auto lot = nash_solution_lotteries(deals, d);
    const auto disc = nash_solution_discrete(deals, d);
    REQUIRE(lot.exists);
    CHECK(lot.nash_product >= disc.nash_product - 1e-12);
    for (std::size_t i = 0; i < points.size(); ++i)
      for (std::size_t j = 0; j < points.size(); ++j)
        for (double l = 0; l <= 1; l += 0.125) {
          const double a = (1 - l) * points[i][0] + l * points[j][0] - d[0];
          const double b = (1 - l) * points[i][1] + l * points[j][1] - d[1];
          if (a > 0 && b > 0) CHECK(std::log(a) + std::log(b) <= lot.nash_product + 1e-9);
        }
    // The 3-player Frank-Wolfe path agrees with the 2-player exact one on a padded copy.
  }
}

TEST_CASE("KS over lotteries: utilities are the printed lottery's, exact point or lexicographic max-min, said which") {
  // Exact: (4,1), (1,4), (2,2) -> 50/50 of the first two gives the KS point (2.5, 2.5).
  const auto exact = kalai_smorodinsky_lotteries(space({{4, 1}, {1, 4}, {2, 2}}), {0, 0});
  CHECK(exact.ks_variant == KalaiSmorodinskyVariant::kExact);
  CHECK(std::abs(exact.kalai_smorodinsky_point[0] - 2.5) < 1e-9);
  // 3 players, d = 0, deals a = (2,0,2), b = (0,2,2), c = (0,0,3): ideal (2,2,3).
  // Some lottery gives at least t (2,2,3) for t <= 1/2 (a and b half each give
  // (1,1,2)), but none gives exactly (1,1,1.5): the only lottery with
  // u1 = u2 = 1 is that one. No exact KS lottery exists.
  const auto deals = space({{2, 0, 2}, {0, 2, 2}, {0, 0, 3}});
  const auto ks = kalai_smorodinsky_lotteries(deals, {0, 0, 0});
  REQUIRE(ks.exists);
  CHECK(ks.ks_variant == KalaiSmorodinskyVariant::kLexicographicMaxMin);
  CHECK(std::string(ks_variant_name(ks.ks_variant)) == "lexicographic max-min");
  CHECK_FALSE(ks.note.empty());
  REQUIRE(ks.ideal.size() == 3);
  CHECK(std::abs(ks.ideal[2] - 3) < 1e-9);
  const std::vector<double> point{1, 1, 1.5};
  for (std::size_t p = 0; p < 3; ++p) CHECK(std::abs(ks.kalai_smorodinsky_point[p] - point[p]) < 1e-9);
  // The lexicographic max-min lottery: a and b half each, (1, 1, 2).
  const std::vector<double> lex{1, 1, 2};
  std::vector<double> from_lottery(3, 0.0);
  for (const auto& [deal, prob] : ks.lottery)
    for (std::size_t p = 0; p < 3; ++p) from_lottery[p] += prob * deals.utility(p, deal);
  for (std::size_t p = 0; p < 3; ++p) {
    CHECK(std::abs(ks.utilities[p] - lex[p]) < 1e-9);
    CHECK(std::abs(ks.utilities[p] - from_lottery[p]) < 1e-12);  // not the LP's target point
  }
}

TEST_CASE("property: KS over lotteries on random 3-player deal spaces reports its own lottery's utilities") {
  std::mt19937 rng(1975);
  std::uniform_real_distribution<double> u(0, 10);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<std::vector<double>> points(6, std::vector<double>(3));
    for (auto& pt : points)
      for (double& x : pt) x = std::round(u(rng));
    const auto deals = space(points);
    const std::vector<double> d{1, 1, 1};
    const auto ks = kalai_smorodinsky_lotteries(deals, d);
    if (!ks.exists) continue;
    CAPTURE(trial);
    std::vector<double> from_lottery(3, 0.0);
    for (const auto& [deal, prob] : ks.lottery)
      for (std::size_t p = 0; p < 3; ++p) from_lottery[p] += prob * deals.utility(p, deal);
    for (std::size_t p = 0; p < 3; ++p) {
      CHECK(std::abs(ks.utilities[p] - from_lottery[p]) < 1e-9);
      CHECK(ks.utilities[p] >= ks.kalai_smorodinsky_point[p] - 1e-7);  // at least the KS point
      if (ks.ks_variant == KalaiSmorodinskyVariant::kExact)
        CHECK(std::abs(ks.utilities[p] - ks.kalai_smorodinsky_point[p]) < 1e-7);
    }
  }
}
