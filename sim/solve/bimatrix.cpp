#include "sim/solve/bimatrix.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace negsim {

void require_two_players(const NormalFormGame& game, const char* method) {
  if (game.num_players() != 2)
    throw std::invalid_argument(std::string(method) + " needs a 2-player game; this one has " +
                                std::to_string(game.num_players()) + " players");
}

BimatrixDouble positive_bimatrix(const NormalFormGame& game) {
  require_two_players(game, "a bimatrix method");
  BimatrixDouble g;
  g.rows = game.num_actions(0);
  g.cols = game.num_actions(1);
  for (int p = 0; p < 2; ++p) {
    std::vector<double>& out = p == 0 ? g.a : g.b;
    out.resize(g.rows * g.cols);
    const auto table = game.payoff_table(p);
    const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
    const double range = *hi - *lo > 0 ? *hi - *lo : 1.0;
    for (std::size_t i = 0; i < g.rows; ++i)
      for (std::size_t j = 0; j < g.cols; ++j)
        out[i * g.cols + j] = (table[i + j * g.rows] - *lo) / range + 1.0;
  }
  return g;
}

BimatrixExact positive_integer_bimatrix(const NormalFormGame& game) {
  require_two_players(game, "a bimatrix method");
  BimatrixExact g;
  g.rows = game.num_actions(0);
  g.cols = game.num_actions(1);
  for (int p = 0; p < 2; ++p) {
    std::vector<mpq_class> q(g.rows * g.cols);
    for (std::size_t i = 0; i < g.rows; ++i)
      for (std::size_t j = 0; j < g.cols; ++j)
        q[i * g.cols + j] = game.exact_or_double_payoff(p, i + j * g.rows);
    mpq_class lo = *std::min_element(q.begin(), q.end());
    mpz_class lcm = 1;
    for (mpq_class& v : q) {
      v -= lo;
      mpz_lcm(lcm.get_mpz_t(), lcm.get_mpz_t(), v.get_den_mpz_t());
    }
    std::vector<mpz_class>& out = p == 0 ? g.a : g.b;
    out.resize(q.size());
    // Divided by the integers' gcd, so the matrix is the same for a_p * u_p + b_p
    // (the exact paths then do not depend on a player's payoff units).
    mpz_class gcd = 0;
    for (std::size_t k = 0; k < q.size(); ++k) {
      mpq_class scaled = q[k] * lcm;
      out[k] = scaled.get_num();  // denominator is 1 after scaling
      mpz_gcd(gcd.get_mpz_t(), gcd.get_mpz_t(), out[k].get_mpz_t());
    }
    for (mpz_class& v : out) {
      if (gcd > 1) v /= gcd;
      v += 1;
    }
  }
  return g;
}

namespace {
template <class G>
G transpose_impl(const G& g) {
  G t;
  t.rows = g.cols;
  t.cols = g.rows;
  t.a.resize(g.a.size());
  t.b.resize(g.b.size());
  for (std::size_t i = 0; i < g.rows; ++i)
    for (std::size_t j = 0; j < g.cols; ++j) {
      t.a[j * g.rows + i] = g.b[i * g.cols + j];
      t.b[j * g.rows + i] = g.a[i * g.cols + j];
    }
  return t;
}
}  // namespace

BimatrixDouble transposed(const BimatrixDouble& g) { return transpose_impl(g); }
BimatrixExact transposed(const BimatrixExact& g) { return transpose_impl(g); }

std::optional<std::vector<mpq_class>> solve_unique_exact(std::vector<std::vector<mpq_class>> rows,
                                                         std::vector<mpq_class> rhs,
                                                         std::size_t unknowns) {
  const std::size_t eqs = rows.size();
  std::vector<std::size_t> pivot_col_of_row;
  std::size_t r = 0;
  for (std::size_t c = 0; c < unknowns; ++c) {
    std::size_t sel = r;
    while (sel < eqs && rows[sel][c] == 0) ++sel;
    if (sel == eqs) return std::nullopt;  // rank deficient: no unique solution
    std::swap(rows[sel], rows[r]);
    std::swap(rhs[sel], rhs[r]);
    const mpq_class inv = 1 / rows[r][c];
    for (std::size_t k = c; k < unknowns; ++k) rows[r][k] *= inv;
    rhs[r] *= inv;
    for (std::size_t e = 0; e < eqs; ++e) {
      if (e == r || rows[e][c] == 0) continue;
      const mpq_class f = rows[e][c];
      for (std::size_t k = c; k < unknowns; ++k) rows[e][k] -= f * rows[r][k];
      rhs[e] -= f * rhs[r];
    }
    ++r;
  }
  for (std::size_t e = r; e < eqs; ++e)
    if (rhs[e] != 0) return std::nullopt;  // inconsistent
  std::vector<mpq_class> z(unknowns);
  for (std::size_t c = 0; c < unknowns; ++c) z[c] = rhs[c];
  return z;
}

std::optional<std::vector<mpq_class>> exact_point_from_labels(const BimatrixExact& g, bool row_player,
                                                              const std::vector<int>& labels) {
  const std::size_t m = g.rows, n = g.cols;
  const std::size_t dim = row_player ? m : n;
  std::vector<std::vector<mpq_class>> rows;
  std::vector<mpq_class> rhs;
  for (int label : labels) {
    std::vector<mpq_class> eq(dim, 0);
    const bool own_action = row_player ? label < static_cast<int>(m) : label >= static_cast<int>(m);
    if (own_action) {  // an unused own action: z_k = 0
      eq[row_player ? label : label - m] = 1;
      rows.push_back(std::move(eq));
      rhs.emplace_back(0);
    } else {  // a best response of the other player: constraint tight
      if (row_player) {
        const std::size_t j = label - m;
        for (std::size_t i = 0; i < m; ++i) eq[i] = g.b[i * n + j];
      } else {
        const std::size_t i = label;
        for (std::size_t j = 0; j < n; ++j) eq[j] = g.a[i * n + j];
      }
      rows.push_back(std::move(eq));
      rhs.emplace_back(1);
    }
  }
  return solve_unique_exact(std::move(rows), std::move(rhs), dim);
}

std::vector<mpq_class> normalized(const std::vector<mpq_class>& x) {
  mpq_class sum = 0;
  for (const auto& v : x) sum += v;
  std::vector<mpq_class> out(x.size());
  for (std::size_t k = 0; k < x.size(); ++k) out[k] = x[k] / sum;
  return out;
}

std::vector<double> normalized(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  std::vector<double> out(x.size());
  for (std::size_t k = 0; k < x.size(); ++k) out[k] = x[k] / sum;
  return out;
}

}  // namespace negsim
