#include "sim/repeated/abreu_sannikov.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
// Every expected vertex is matched by exactly one found vertex and vice versa (1e-6).
bool same_vertex_set(const std::vector<Point2>& found, const std::vector<Point2>& expected) {
  if (found.size() != expected.size()) return false;
  for (const Point2& e : expected) {
    std::size_t hits = 0;
    for (const Point2& f : found)
      if (std::abs(f[0] - e[0]) <= 1e-6 && std::abs(f[1] - e[1]) <= 1e-6) ++hits;
    if (hits != 1) return false;
  }
  return true;
}
std::string show(const std::vector<Point2>& v) {
  std::string s;
  for (const Point2& p : v) s += "(" + std::to_string(p[0]) + "," + std::to_string(p[1]) + ") ";
  return s;
}
}  // namespace

TEST_CASE("Abreu-Sannikov: prisoner's dilemma payoff sets at delta 0.9, 0.75, 0.15, 1/7, 0.13") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  const std::vector<Point2> four = {{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}};
  for (double d : {0.9, 0.75}) {
    const PayoffSetResult r = abreu_sannikov(g, d);
    CHECK(r.converged);
    CHECK_MESSAGE(same_vertex_set(r.vertices, four), show(r.vertices));
  }
  for (double d : {0.15, 1.0 / 7.0}) {
    const PayoffSetResult r = abreu_sannikov(g, d);
    CHECK_MESSAGE(same_vertex_set(r.vertices, {{3, 3}, {9, 9}}), "delta ", d, ": ", show(r.vertices));
  }
  const PayoffSetResult low = abreu_sannikov(g, 0.13);
  CHECK_MESSAGE(same_vertex_set(low.vertices, {{3, 3}}), show(low.vertices));
}

TEST_CASE("Abreu-Sannikov: the 3x3 example of the paper at delta 0.3") {
  const PayoffSetResult r = abreu_sannikov(testing::abreu_sannikov_3x3(), 0.3);
  CHECK(r.converged);
  const std::vector<Point2> expected = {{7.33770472, 10.9826253}, {1.1256824, 2.8},
                                        {7.33770472, 0},          {7.86308964, 0},
                                        {19.7917977, 2.8},        {15.5630896, 9.1}};
  CHECK_MESSAGE(same_vertex_set(r.vertices, expected), show(r.vertices));
  CHECK(r.punishment[0] == doctest::Approx(1.1256824));
  CHECK(r.punishment[1] == doctest::Approx(0.0));
}

TEST_CASE("Abreu-Sannikov: a clear error when no pure-strategy SPE exists") {
  const NormalFormGame g = testing::bimatrix({{{1, -1}, {-1, 2}}, {{-2, 2}, {1, 0}}});
  CHECK_THROWS_AS(abreu_sannikov(g, 0.05), NoPureSpeError);
  CHECK_THROWS_AS(abreu_sannikov(testing::public_goods(3), 0.5), std::invalid_argument);
}
