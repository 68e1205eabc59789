// The payoff set within an iteration budget: the full run equals
// abreu_sannikov's answer, a cut-short run is an outer bound of it (contains
// every vertex of the converged set), and the cases without a set say why.
#include "sim/repeated/bounded_payoff_set.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "sim/repeated/abreu_sannikov.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("bounded payoff set: converged within the budget, it is the Abreu-Sannikov set") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  const BoundedPayoffSet set = bounded_payoff_set(g, 0.9);
  CHECK(set.converged);
  CHECK(set.none.empty());
  CHECK(set.discount == 0.9);
  CHECK(set.iterations < kReportPayoffSetIterations);
  // The set at 0.9 (abreu_sannikov_test.cpp): (3,3), (9.75,3), (9,9), (3,9.75).
  REQUIRE(set.vertices.size() == 4);
  for (const Point2& v : {Point2{3, 3}, Point2{9.75, 3}, Point2{9, 9}, Point2{3, 9.75}}) {
    bool found = false;
    for (const Point2& w : set.vertices) found |= std::abs(w[0] - v[0]) < 1e-6 && std::abs(w[1] - v[1]) < 1e-6;
    CHECK_MESSAGE(found, v[0], ", ", v[1]);
  }
}

TEST_CASE("bounded payoff set: cut short, an outer bound of the set") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  const PayoffSetResult exact = abreu_sannikov(g, 0.9);
  REQUIRE(exact.converged);
  for (std::size_t budget : {1u, 2u, 5u}) {
    CAPTURE(budget);
    const BoundedPayoffSet set = bounded_payoff_set(g, 0.9, budget);
    CHECK_FALSE(set.converged);
    CHECK(set.iterations == budget);
    CHECK(set.max_iterations == budget);
    REQUIRE(set.vertices.size() >= 3);
    for (const Point2& v : exact.vertices) CHECK(polygon_contains(set.vertices, v, 1e-9));
  }
  // Strictly larger after one iteration: some vertex lies outside the exact set.
  const BoundedPayoffSet first = bounded_payoff_set(g, 0.9, 1);
  bool outside = false;
  for (const Point2& v : first.vertices) outside |= !polygon_contains(exact.vertices, v, 1e-9);
  CHECK(outside);
}

TEST_CASE("bounded payoff set: no set, and why") {
  // Matching pennies: no profile gives both players their pure minmax (1).
  const BoundedPayoffSet pennies = bounded_payoff_set(testing::matching_pennies(), 0.9);
  CHECK(pennies.vertices.empty());
  CHECK(pennies.none.find("no pure-strategy subgame-perfect equilibrium") != std::string::npos);
  // A finite horizon (discount 1 in a scenario): not computed.
  const BoundedPayoffSet finite = bounded_payoff_set(testing::pd_9_1_10_3(), 1.0);
  CHECK(finite.vertices.empty());
  CHECK(finite.none.find("strictly between 0 and 1") != std::string::npos);
}

TEST_CASE("bounded payoff set: run's budget shrinks with the number of action profiles") {
  CHECK(report_payoff_set_iterations(testing::pd_9_1_10_3()) == kReportPayoffSetWork / 4);
  const std::vector<std::vector<double>> five(5, std::vector<double>(5, 0.0));
  CHECK(report_payoff_set_iterations(testing::bimatrix(five, five)) == kReportPayoffSetIterations);
  const std::vector<std::vector<double>> big(200, std::vector<double>(200, 0.0));
  CHECK(report_payoff_set_iterations(testing::bimatrix(big, big)) == 10);  // never fewer
}
