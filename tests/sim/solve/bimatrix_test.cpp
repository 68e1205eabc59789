// exact_point_from_labels: the 64-bit fraction-free path and the rational
// one must find the same point as the full label system solved in rationals.
#include "sim/solve/bimatrix.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>

using negsim::BimatrixExact;

namespace {

// The label system of exact_point_from_labels written out in full (own
// labels as rows z_k = 0), solved by solve_unique_exact.
std::optional<std::vector<mpq_class>> reference_point(const BimatrixExact& g, bool row_player,
                                                      const std::vector<int>& labels) {
  const std::size_t m = g.rows, n = g.cols, dim = row_player ? m : n;
  std::vector<std::vector<mpq_class>> rows;
  std::vector<mpq_class> rhs;
  for (int label : labels) {
    std::vector<mpq_class> eq(dim, 0);
    const bool own = row_player ? label < static_cast<int>(m) : label >= static_cast<int>(m);
    if (own) {
      eq[row_player ? label : label - m] = 1;
      rhs.emplace_back(0);
    } else {
      for (std::size_t k = 0; k < dim; ++k) eq[k] = row_player ? g.b[k * n + (label - m)] : g.a[label * n + k];
      rhs.emplace_back(1);
    }
    rows.push_back(eq);
  }
  return negsim::solve_unique_exact(rows, rhs, dim);
}

}  // namespace

TEST_CASE("points from labels equal the full rational solve, small entries and entries past 64 bits") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t m = 2 + trial % 3, n = 2 + (trial / 3) % 3;
    BimatrixExact g;
    g.rows = m;
    g.cols = n;
    std::uniform_int_distribution<int> entry(1, trial % 5 == 0 ? 2 : 9);  // small ranges: singular systems too
    for (std::size_t k = 0; k < m * n; ++k) {
      g.a.emplace_back(entry(rng));
      g.b.emplace_back(entry(rng));
    }
    if (trial % 4 == 1)  // entries past 2^64: only the rational path can take them
      for (mpz_class& v : g.a) v *= mpz_class("340282366920938463463374607431768211456");
    for (bool row_player : {true, false}) {
      const std::size_t dim = row_player ? m : n;
      std::vector<int> all(m + n);
      for (std::size_t l = 0; l < m + n; ++l) all[l] = static_cast<int>(l);
      std::shuffle(all.begin(), all.end(), rng);
      const std::vector<int> labels(all.begin(), all.begin() + static_cast<long>(dim));
      CHECK(negsim::exact_point_from_labels(g, row_player, labels) == reference_point(g, row_player, labels));
    }
  }
}
