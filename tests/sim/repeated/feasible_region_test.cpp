#include "sim/repeated/feasible_region.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("prisoner's dilemma: F ∩ IR is the polygon (3,3), (9.75,3), (9,9), (3,9.75)") {
  // The same four points as the Abreu-Sannikov set at delta 0.9 (ORACLES.md): patient
  // players reach the whole feasible IR region.
  const FeasibleRegion r = feasible_region(testing::pd_9_1_10_3());
  CHECK_FALSE(r.empty);
  REQUIRE(r.polygon.size() == 4);
  const std::vector<Point2> expected = {{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(r.polygon[k][0] == doctest::Approx(expected[k][0]));
    CHECK(r.polygon[k][1] == doctest::Approx(expected[k][1]));
  }
  CHECK(r.contains(std::vector<double>{6, 6}));
  CHECK_FALSE(r.contains(std::vector<double>{2, 9}));
  CHECK_FALSE(r.contains(std::vector<double>{9.5, 9.5}));
}

TEST_CASE("three-player region: membership by LP") {
  const FeasibleRegion r = feasible_region(testing::public_goods(3), MinmaxKind::Pure);
  CHECK(r.minmax == std::vector<double>{0, 0, 0});
  CHECK_FALSE(r.empty);
  CHECK(r.contains(std::vector<double>{1, 1, 1}));
  CHECK(r.contains(std::vector<double>{0.5, 0.5, 0.5}));
  CHECK_FALSE(r.contains(std::vector<double>{1.1, 1, 1}));
  CHECK_FALSE(r.contains(std::vector<double>{-0.5, 1, 1}));
}
