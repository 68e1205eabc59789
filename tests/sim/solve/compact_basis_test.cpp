#include "sim/solve/compact_basis.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/solve/bimatrix.hpp"
#include "sim/solve/lex_tableau.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using negsim::detail::CompactBasis;
using negsim::detail::LexTableau;

namespace {

// The two polytopes of a bimatrix game, as Lemke-Howson sets them up.
struct Polytopes {
  std::size_t m, n;
  std::vector<double> bt, a;
  std::vector<int> x_ids, y_ids;
};

Polytopes polytopes(const BimatrixDouble& g) {
  Polytopes p{g.rows, g.cols, std::vector<double>(g.rows * g.cols), g.a, {}, {}};
  for (std::size_t i = 0; i < p.m; ++i)
    for (std::size_t j = 0; j < p.n; ++j) p.bt[j * p.m + i] = g.b[i * p.n + j];
  for (std::size_t i = 0; i < p.m; ++i) p.x_ids.push_back(static_cast<int>(i));
  for (std::size_t j = 0; j < p.n; ++j) p.y_ids.push_back(static_cast<int>(p.m + j));
  return p;
}

double dense_value(const LexTableau<double>& t, int id) { return t.is_basic(id) ? t.rhs(t.row_of(id)) : 0.0; }

// Walks the Lemke-Howson path of `label` on CompactBasis and on the dense
// LexTableau side by side, requiring the same leaving variable at every pivot
// and the same vertex (every variable's value) after it. Returns the pivots.
std::size_t walk_both(const NormalFormGame& game, int label) {
  const Polytopes s = polytopes(positive_bimatrix(game));
  const std::size_t total = s.m + s.n;
  CompactBasis cp(s.n, s.m, s.bt, s.y_ids, s.x_ids, total), cq(s.m, s.n, s.a, s.x_ids, s.y_ids, total);
  LexTableau<double> dp(s.n, s.m, s.bt, s.y_ids, s.x_ids, total), dq(s.m, s.n, s.a, s.x_ids, s.y_ids, total);
  int entering = label;
  bool in_p = label < static_cast<int>(s.m);
  for (std::size_t step = 1; step < 100000; ++step) {
    CompactBasis& c = in_p ? cp : cq;
    LexTableau<double>& d = in_p ? dp : dq;
    const std::size_t col = d.col_of(entering);
    const int row = d.lex_min_ratio_row(col);
    REQUIRE(row >= 0);
    const int dense_leaving = d.basic(static_cast<std::size_t>(row));
    d.pivot(static_cast<std::size_t>(row), col);
    const int leaving = c.enter(entering);
    CAPTURE(step);
    REQUIRE(leaving == dense_leaving);
    for (int id = 0; id < static_cast<int>(total); ++id) {
      REQUIRE(c.is_basic(id) == d.is_basic(id));
      CHECK(std::abs(c.value(id) - dense_value(d, id)) <= 1e-8);
    }
    if (leaving == label) return step;
    entering = leaving;
    in_p = !in_p;
  }
  FAIL("path did not end");
  return 0;
}

}  // namespace

TEST_CASE("CompactBasis follows the dense tableau's Lemke-Howson path, vertex by vertex") {
  // Sizes and payoff ranges chosen so that paths pass several refactorizations
  // (every 64 pivots), supports grow and shrink, and ties occur ({0,1,2} payoffs).
  struct Case {
    std::size_t m, n;
    int range;
  };
  const std::vector<Case> cases{{12, 12, 0}, {20, 35, 0}, {35, 20, 0}, {25, 25, 3}, {15, 30, 2}, {30, 30, 100}};
  std::size_t longest = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    for (const Case& k : cases) {
      const NormalFormGame g = testing::random_game({k.m, k.n}, seed, testing::range_payoffs(k.range));
      for (int label : {0, static_cast<int>(k.m) - 1, static_cast<int>(k.m), static_cast<int>(k.m + k.n) - 1}) {
        CAPTURE(seed);
        CAPTURE(k.m);
        CAPTURE(k.n);
        CAPTURE(label);
        longest = std::max(longest, walk_both(g, label));
      }
    }
  }
  CHECK(longest > CompactBasis::kRefactorEvery);  // the refactorization was exercised
}

TEST_CASE("CompactBasis: the first pivot of each polytope and the vertex values") {
  // Row player's polytope of the von Stengel 3x2 game: x_0 enters, the slack
  // with the smallest 1/B_{0j} leaves, and x_0 = 1 / max_j B^T_{j0}.
  const BimatrixDouble g = positive_bimatrix(testing::von_stengel_3x2());
  const Polytopes s = polytopes(g);
  CompactBasis p(s.n, s.m, s.bt, s.y_ids, s.x_ids, s.m + s.n);
  CHECK(p.support_size() == 0);
  const int leaving = p.enter(0);
  double largest = 0;
  int expected = -1;
  for (std::size_t j = 0; j < s.n; ++j)
    if (s.bt[j * s.m] > largest) largest = s.bt[j * s.m], expected = static_cast<int>(s.m + j);
  CHECK(leaving == expected);
  CHECK(p.is_basic(0));
  CHECK(!p.is_basic(leaving));
  CHECK(p.support_size() == 1);
  CHECK(p.value(0) == doctest::Approx(1.0 / largest));
  CHECK(p.value(leaving) == 0.0);
}
