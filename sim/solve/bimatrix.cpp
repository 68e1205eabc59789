#include "sim/solve/bimatrix.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
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

namespace {

// The common case of positive_integer_bimatrix without rationals: player p's
// payoffs are doubles holding integers of magnitude below 2^52, so that
// differences, their gcd and the result are exact in 64-bit integers. Fills
// `out` as the general path would and returns true, else returns false.
bool small_integer_payoffs(const NormalFormGame& game, int p, std::size_t rows, std::size_t cols,
                           std::vector<mpz_class>& out) {
  if (game.has_exact()) return false;
  constexpr double kLimit = 4503599627370496.0;  // 2^52
  std::vector<std::int64_t> v(rows * cols);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const double x = game.payoff(p, i + j * rows);
      if (!(std::abs(x) < kLimit) || x != std::trunc(x)) return false;
      v[i * cols + j] = static_cast<std::int64_t>(x);
    }
  const std::int64_t lo = *std::min_element(v.begin(), v.end());
  std::int64_t gcd = 0;
  for (std::int64_t& x : v) gcd = std::gcd(gcd, x -= lo);
  out.resize(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) out[k] = static_cast<long>((gcd > 1 ? v[k] / gcd : v[k]) + 1);
  return true;
}

}  // namespace

BimatrixExact positive_integer_bimatrix(const NormalFormGame& game) {
  require_two_players(game, "a bimatrix method");
  BimatrixExact g;
  g.rows = game.num_actions(0);
  g.cols = game.num_actions(1);
  for (int p = 0; p < 2; ++p) {
    if (small_integer_payoffs(game, p, g.rows, g.cols, p == 0 ? g.a : g.b)) continue;
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

namespace {

// The unique solution of the square system rows * z = 1 (integer entries) by
// fraction-free Gauss-Jordan elimination (Bareiss) in 64-bit integers: every
// intermediate entry is a minor of the augmented matrix, so each division is
// exact and the end has det on the diagonal and det * z_i beside it. nullopt
// if an entry does not fit or a product overflows, or the matrix is singular:
// the caller then solves in GMP rationals (which decides every case).
// `a` is k x (k + 1), row-major, the last column the right-hand side.
std::optional<std::vector<mpq_class>> solve_small_integer_system(std::vector<std::int64_t> a, std::size_t k) {
  const std::size_t w = k + 1;
  std::int64_t previous = 1;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t r = c;
    while (r < k && a[r * w + c] == 0) ++r;
    if (r == k) return std::nullopt;
    if (r != c)
      for (std::size_t j = 0; j < w; ++j) std::swap(a[r * w + j], a[c * w + j]);
    const std::int64_t pivot = a[c * w + c];
    for (std::size_t i = 0; i < k; ++i) {
      if (i == c) continue;
      const std::int64_t factor = a[i * w + c];
      for (std::size_t j = 0; j < w; ++j) {
        if (j == c) continue;
        std::int64_t left, right, diff;
        if (__builtin_mul_overflow(pivot, a[i * w + j], &left) ||
            __builtin_mul_overflow(factor, a[c * w + j], &right) || __builtin_sub_overflow(left, right, &diff))
          return std::nullopt;
        a[i * w + j] = diff / previous;  // exact (a minor)
      }
      a[i * w + c] = 0;
    }
    previous = pivot;
  }
  std::vector<mpq_class> z(k);
  for (std::size_t i = 0; i < k; ++i) {
    z[i] = mpq_class(mpz_class(static_cast<long>(a[i * w + k])), mpz_class(static_cast<long>(a[i * w + i])));
    z[i].canonicalize();
  }
  return z;
}

std::vector<mpq_class> scatter(std::vector<mpq_class>& values, const std::vector<std::size_t>& at, std::size_t dim) {
  std::vector<mpq_class> z(dim, 0);
  for (std::size_t f = 0; f < at.size(); ++f) z[at[f]] = std::move(values[f]);
  return z;
}

}  // namespace

std::optional<std::vector<mpq_class>> exact_point_from_labels(const BimatrixExact& g, bool row_player,
                                                              const std::vector<int>& labels) {
  const std::size_t m = g.rows, n = g.cols;
  const std::size_t dim = row_player ? m : n;
  // An own-action label fixes that coordinate at 0: those unknowns are left
  // out, and the tight constraints are solved for the others only (the same
  // unique solution, from a smaller rational system).
  std::vector<bool> fixed(dim, false);
  for (int label : labels) {
    const bool own_action = row_player ? label < static_cast<int>(m) : label >= static_cast<int>(m);
    if (own_action) fixed[row_player ? label : label - m] = true;
  }
  std::vector<std::size_t> free;
  for (std::size_t k = 0; k < dim; ++k)
    if (!fixed[k]) free.push_back(k);
  // A best response of the other player: its constraint is tight.
  std::vector<int> tight;
  for (int label : labels)
    if (!(row_player ? label < static_cast<int>(m) : label >= static_cast<int>(m))) tight.push_back(label);
  auto coefficient = [&](int label, std::size_t k) -> const mpz_class& {
    return row_player ? g.b[k * n + (label - m)] : g.a[label * n + k];
  };
  if (tight.size() == free.size()) {
    std::vector<std::int64_t> small((free.size() + 1) * tight.size(), 1);
    bool fits = true;
    for (std::size_t e = 0; e < tight.size() && fits; ++e)
      for (std::size_t f = 0; f < free.size() && fits; ++f) {
        const mpz_class& x = coefficient(tight[e], free[f]);
        fits = mpz_fits_slong_p(x.get_mpz_t());
        if (fits) small[e * (free.size() + 1) + f] = mpz_get_si(x.get_mpz_t());
      }
    if (fits)
      if (auto z = solve_small_integer_system(std::move(small), free.size())) return scatter(*z, free, dim);
  }
  std::vector<std::vector<mpq_class>> rows;
  std::vector<mpq_class> rhs;
  for (int label : tight) {
    std::vector<mpq_class> eq(free.size());
    for (std::size_t f = 0; f < free.size(); ++f) eq[f] = coefficient(label, free[f]);
    rows.push_back(std::move(eq));
    rhs.emplace_back(1);
  }
  auto reduced = solve_unique_exact(std::move(rows), std::move(rhs), free.size());
  if (!reduced) return std::nullopt;
  return scatter(*reduced, free, dim);
}

std::vector<mpq_class> normalized(const std::vector<mpq_class>& x) {
  mpq_class sum = 0;
  for (const auto& v : x)
    if (sgn(v) != 0) sum += v;
  std::vector<mpq_class> out(x.size());
  for (std::size_t k = 0; k < x.size(); ++k)
    if (sgn(x[k]) != 0) out[k] = x[k] / sum;  // zeros (off the support) stay 0 without a division
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
