#include "sim/repeated/outer_approximation.hpp"

#include <cmath>

#include <doctest/doctest.h>

#include "sim/repeated/abreu_sannikov.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("outer approximation contains the Abreu-Sannikov set and is tight on the axes (PD, delta 0.75)") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  OuterApproximationOptions opt;
  opt.tol = 1e-7;
  const OuterApproximation o = outer_approximation(g, 0.75, opt);
  CHECK(o.converged);
  for (const Point2& v : abreu_sannikov(g, 0.75).vertices) CHECK(o.contains(std::vector<double>{v[0], v[1]}));
  // Axis levels: an outer bound on max w1 = 9.75 (the AS polygon's extent), tight on min w1 = 3.
  CHECK(o.levels[0] >= 9.75 - 1e-9);
  CHECK(o.levels[0] <= 9.9);
  CHECK(-o.levels[1] == doctest::Approx(3.0).epsilon(1e-6));
  CHECK(o.punishment[0] == doctest::Approx(3.0).epsilon(1e-6));
  CHECK_FALSE(o.contains(std::vector<double>{9.5, 9.5}));
}

TEST_CASE("three-player public goods: cooperation sustainable at 0.8, only mutual defection at 0.3") {
  const NormalFormGame g = testing::public_goods(3);
  OuterApproximationOptions opt;
  opt.tol = 1e-5;
  opt.directions = 24;
  const OuterApproximation high = outer_approximation(g, 0.8, opt);
  CHECK(high.contains(std::vector<double>{1, 1, 1}));
  CHECK(high.contains(std::vector<double>{0, 0, 0}));
  CHECK(std::abs(high.punishment[0]) < 1e-3);  // converges to the minmax 0
  // At 0.3 enforcing any cooperation needs a continuation above 2 = max payoff, so V = {0}.
  const OuterApproximation low = outer_approximation(g, 0.3, opt);
  CHECK(low.converged);
  for (double c : low.levels) CHECK(std::abs(c) < 1e-4);
  CHECK_FALSE(low.contains(std::vector<double>{0.1, 0.1, 0.1}));
}

TEST_CASE("outer approximation reports the no-SPE case") {
  const NormalFormGame g = testing::bimatrix({{{1, -1}, {-1, 2}}, {{-2, 2}, {1, 0}}});
  CHECK_THROWS_AS(outer_approximation(g, 0.05), NoPureSpeError);
}
