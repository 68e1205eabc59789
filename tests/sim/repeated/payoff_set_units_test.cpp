// The repeated-game payoff sets do not depend on payoff units: a separate
// positive affine change a_p * u_p + b_p of each player's stage payoffs maps
// the Abreu-Sannikov set, the feasible region and the outer approximation
// vertex by vertex (within a tolerance relative to each player's range) and
// changes no membership verdict.
// Regression: with tolerances scaled by the game's largest payoff, a player
// whose payoffs were a few 1e-9 was within tolerance of everything (its
// coordinates of the AS set stopped moving "within tol" after one round and
// the hull merged its vertices), so the set came out wrong.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/feasible_region.hpp"
#include "sim/repeated/outer_approximation.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

NormalFormGame changed(const NormalFormGame& game, const std::vector<double>& a, const std::vector<double>& b) {
  NormalFormGame out = game;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (double& v : out.payoff_table(p)) v = a[p] * v + b[p];
  return out;
}

// Scales from 1e-9 to 1e9 per player. Shifts go up to 7e9 but stay within
// 1e7 of each player's scale times its range, so that the changed payoffs are
// still distinct doubles (a shift of 1e9 on payoffs of size 1e-9 would round
// them all to one number: no tolerance rule can recover that game).
const std::vector<std::vector<double>> kScales = {{1e9, 1e-9}, {1e-9, 1e9}, {1e-6, 1e6}, {1.0, 1e9}, {1e-9, 1e-9}};
const std::vector<std::vector<double>> kShifts = {{2e9, 3e-9}, {-4e-9, 1e9}, {5e-6, -2e6}, {0.5, 7e9}, {0, 0}};

double range_of(const NormalFormGame& g, std::size_t p) {
  const auto t = g.payoff_table(p);
  const auto [lo, hi] = std::minmax_element(t.begin(), t.end());
  return *hi - *lo;
}

// |x - y| within 1e-7 of player p's range in the changed game (plus the
// rounding of the shift).
bool close(double x, double y, double range, double shift) {
  return std::abs(x - y) <= 1e-7 * range + 1e-15 * (std::abs(shift) + std::abs(y));
}

Point2 mapped(const Point2& w, const std::vector<double>& a, const std::vector<double>& b) {
  return {a[0] * w[0] + b[0], a[1] * w[1] + b[1]};
}

std::string show(const std::vector<Point2>& v) {
  std::string s;
  for (const Point2& p : v) s += "(" + std::to_string(p[0]) + "," + std::to_string(p[1]) + ") ";
  return s;
}

// Same vertex count and each vertex where the map sends it (same CCW order and start).
void check_mapped(const std::vector<Point2>& found, const std::vector<Point2>& base, const std::vector<double>& a,
                  const std::vector<double>& b, const NormalFormGame& changed_game) {
  REQUIRE_MESSAGE(found.size() == base.size(), show(found), " vs ", show(base));
  const double r0 = range_of(changed_game, 0), r1 = range_of(changed_game, 1);
  for (std::size_t k = 0; k < base.size(); ++k) {
    const Point2 want = mapped(base[k], a, b);
    CHECK_MESSAGE(close(found[k][0], want[0], r0, b[0]), k, ": ", found[k][0], " vs ", want[0]);
    CHECK_MESSAGE(close(found[k][1], want[1], r1, b[1]), k, ": ", found[k][1], " vs ", want[1]);
  }
}

}  // namespace

TEST_CASE("payoff-set units: the Abreu-Sannikov set maps with each player's payoffs") {
  const std::vector<NormalFormGame> games = {testing::pd_9_1_10_3(), testing::abreu_sannikov_3x3()};
  for (const NormalFormGame& g : games)
    for (double delta : {0.9, 0.3, 1.0 / 7.0, 0.13}) {
      const PayoffSetResult base = abreu_sannikov(g, delta);
      REQUIRE(base.converged);
      for (std::size_t s = 0; s < kScales.size(); ++s) {
        CAPTURE(delta);
        CAPTURE(s);
        const NormalFormGame h = changed(g, kScales[s], kShifts[s]);
        const PayoffSetResult r = abreu_sannikov(h, delta);
        CHECK(r.converged);
        CHECK(r.iterations <= base.iterations + 1);
        CHECK(r.iterations + 1 >= base.iterations);
        check_mapped(r.vertices, base.vertices, kScales[s], kShifts[s], h);
        check_mapped({r.punishment}, {base.punishment}, kScales[s], kShifts[s], h);
      }
    }
}

TEST_CASE("payoff-set units: no pure SPE on every scale when there is none on one") {
  const NormalFormGame g = testing::bimatrix({{{1, -1}, {-1, 2}}, {{-2, 2}, {1, 0}}});
  for (std::size_t s = 0; s < kScales.size(); ++s)
    CHECK_THROWS_AS(abreu_sannikov(changed(g, kScales[s], kShifts[s]), 0.05), NoPureSpeError);
}

TEST_CASE("payoff-set units: the feasible region and its membership verdicts map") {
  const NormalFormGame g = testing::abreu_sannikov_3x3();
  const FeasibleRegion base = feasible_region(g);
  REQUIRE_FALSE(base.empty);
  // Targets: a vertex, the centroid, and points just outside (1e-4 of a range) past an edge.
  std::vector<Point2> targets = {base.polygon[0]};
  Point2 c{0, 0};
  for (const Point2& v : base.polygon) c = {c[0] + v[0] / base.polygon.size(), c[1] + v[1] / base.polygon.size()};
  targets.push_back(c);
  const double r0 = range_of(g, 0), r1 = range_of(g, 1);
  targets.push_back({base.minmax[0] - 1e-4 * r0, c[1]});
  targets.push_back({c[0], base.minmax[1] - 1e-4 * r1});
  for (std::size_t s = 0; s < kScales.size(); ++s) {
    CAPTURE(s);
    const NormalFormGame h = changed(g, kScales[s], kShifts[s]);
    const FeasibleRegion r = feasible_region(h);
    CHECK(r.empty == base.empty);
    check_mapped(r.polygon, base.polygon, kScales[s], kShifts[s], h);
    check_mapped(r.feasible_polygon, base.feasible_polygon, kScales[s], kShifts[s], h);
    for (const Point2& t : targets) {
      const Point2 m = mapped(t, kScales[s], kShifts[s]);
      CHECK(r.contains(std::vector<double>{m[0], m[1]}) == base.contains(std::vector<double>{t[0], t[1]}));
    }
  }
}

TEST_CASE("payoff-set units: the outer approximation maps and keeps its verdicts") {
  const NormalFormGame g = testing::pd_9_1_10_3();
  OuterApproximationOptions opt;
  opt.directions = 12;
  const OuterApproximation base = outer_approximation(g, 0.75, opt);
  REQUIRE(base.converged);
  const std::vector<Point2> targets = {{9, 9}, {3, 3}, {9.5, 9.5}, {3, 9.75}, {2.999, 5}, {6, 6}};
  for (std::size_t s = 0; s < kScales.size(); ++s) {
    CAPTURE(s);
    const NormalFormGame h = changed(g, kScales[s], kShifts[s]);
    const OuterApproximation r = outer_approximation(h, 0.75, opt);
    CHECK(r.converged);
    // Axis levels: max w_1, -min w_1, max w_2, -min w_2.
    const std::vector<double>& a = kScales[s];
    const std::vector<double>& b = kShifts[s];
    for (std::size_t p = 0; p < 2; ++p) {
      const double range = range_of(h, p);
      CHECK(close(r.levels[2 * p], a[p] * base.levels[2 * p] + b[p], range, b[p]));
      CHECK(close(-r.levels[2 * p + 1], a[p] * -base.levels[2 * p + 1] + b[p], range, b[p]));
      CHECK(close(r.punishment[p], a[p] * base.punishment[p] + b[p], range, b[p]));
    }
    for (const Point2& t : targets) {
      const Point2 m = mapped(t, a, b);
      CHECK(r.contains(std::vector<double>{m[0], m[1]}) == base.contains(std::vector<double>{t[0], t[1]}));
    }
  }
}
