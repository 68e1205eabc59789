#include "sim/solve/compact_basis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <immintrin.h>

#include "sim/solve/lex_tableau.hpp"

namespace negsim::detail {

namespace {

// out[j] = base[j] - sum_p coeff[p] * columns[which[p] * stride + j] for j < n
// (base == nullptr: 0). Four columns per pass, so out is loaded and stored
// once per four columns.
__attribute__((always_inline)) inline void combination_body(double* __restrict out, const double* __restrict base,
                                                            const double* __restrict columns, std::size_t stride,
                                                            const std::size_t* which, const double* coeff,
                                                            std::size_t k, std::size_t n) {
  if (base != nullptr) {
    std::copy(base, base + n, out);
  } else {
    std::fill(out, out + n, 0.0);
  }
  std::size_t p = 0;
  for (; p + 4 <= k; p += 4) {
    const double* __restrict c0 = columns + which[p] * stride;
    const double* __restrict c1 = columns + which[p + 1] * stride;
    const double* __restrict c2 = columns + which[p + 2] * stride;
    const double* __restrict c3 = columns + which[p + 3] * stride;
    const double a0 = coeff[p], a1 = coeff[p + 1], a2 = coeff[p + 2], a3 = coeff[p + 3];
    for (std::size_t j = 0; j < n; ++j) out[j] -= a0 * c0[j] + a1 * c1[j] + a2 * c2[j] + a3 * c3[j];
  }
  for (; p < k; ++p) {
    const double* __restrict c0 = columns + which[p] * stride;
    const double a0 = coeff[p];
    for (std::size_t j = 0; j < n; ++j) out[j] -= a0 * c0[j];
  }
}

// x[q] += a * y[q] for q < n.
__attribute__((always_inline)) inline void axpy_body(double* __restrict x, double a, const double* __restrict y,
                                                     std::size_t n) {
  for (std::size_t q = 0; q < n; ++q) x[q] += a * y[q];
}

// a[p][q] += u[p] * v[q] for p < rows, q < cols (row stride `stride`): the
// rank-1 updates of the inverse. v must not alias a.
__attribute__((always_inline)) inline void rank1_body(double* a, std::size_t stride, std::size_t rows,
                                                      std::size_t cols, const double* __restrict u,
                                                      const double* __restrict v) {
  for (std::size_t p = 0; p < rows; ++p) {
    double* __restrict row = a + p * stride;
    const double f = u[p];
    if (f == 0.0) continue;
    for (std::size_t q = 0; q < cols; ++q) row[q] += f * v[q];
  }
}

// out[q] = sum_p x[p] a[p][q]: a row vector times the inverse.
__attribute__((always_inline)) inline void row_times_body(const double* __restrict x, const double* __restrict a,
                                                          std::size_t stride, std::size_t rows, std::size_t cols,
                                                          double* __restrict out) {
  std::fill(out, out + cols, 0.0);
  for (std::size_t p = 0; p < rows; ++p) {
    const double* __restrict row = a + p * stride;
    const double f = x[p];
    for (std::size_t q = 0; q < cols; ++q) out[q] += f * row[q];
  }
}

// out[p] = sum_q a[p][q] x[q]: the inverse times a column (four partial sums
// per row, so the products of a row are independent).
__attribute__((always_inline)) inline void times_column_body(const double* __restrict a, std::size_t stride,
                                                             std::size_t rows, std::size_t cols,
                                                             const double* __restrict x, double* __restrict out) {
  for (std::size_t p = 0; p < rows; ++p) {
    const double* __restrict row = a + p * stride;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t q = 0;
    for (; q + 4 <= cols; q += 4) {
      s0 += row[q] * x[q];
      s1 += row[q + 1] * x[q + 1];
      s2 += row[q + 2] * x[q + 2];
      s3 += row[q + 3] * x[q + 3];
    }
    for (; q < cols; ++q) s0 += row[q] * x[q];
    out[p] = (s0 + s1) + (s2 + s3);
  }
}

__attribute__((target("avx2,fma"))) void rank1_avx2(double* a, std::size_t stride, std::size_t rows,
                                                    std::size_t cols, const double* u, const double* v) {
  rank1_body(a, stride, rows, cols, u, v);
}
void rank1_generic(double* a, std::size_t stride, std::size_t rows, std::size_t cols, const double* u,
                   const double* v) {
  rank1_body(a, stride, rows, cols, u, v);
}
__attribute__((target("avx2,fma"))) void row_times_avx2(const double* x, const double* a, std::size_t stride,
                                                        std::size_t rows, std::size_t cols, double* out) {
  row_times_body(x, a, stride, rows, cols, out);
}
void row_times_generic(const double* x, const double* a, std::size_t stride, std::size_t rows, std::size_t cols,
                       double* out) {
  row_times_body(x, a, stride, rows, cols, out);
}
__attribute__((target("avx2,fma"))) void times_column_avx2(const double* a, std::size_t stride, std::size_t rows,
                                                           std::size_t cols, const double* x, double* out) {
  times_column_body(a, stride, rows, cols, x, out);
}
void times_column_generic(const double* a, std::size_t stride, std::size_t rows, std::size_t cols, const double* x,
                          double* out) {
  times_column_body(a, stride, rows, cols, x, out);
}

__attribute__((target("avx2,fma"))) void combination_avx2(double* out, const double* base, const double* columns,
                                                          std::size_t stride, const std::size_t* which,
                                                          const double* coeff, std::size_t k, std::size_t n) {
  combination_body(out, base, columns, stride, which, coeff, k, n);
}
void combination_generic(double* out, const double* base, const double* columns, std::size_t stride,
                         const std::size_t* which, const double* coeff, std::size_t k, std::size_t n) {
  combination_body(out, base, columns, stride, which, coeff, k, n);
}
__attribute__((target("avx2,fma"))) void axpy_avx2(double* x, double a, const double* y, std::size_t n) {
  axpy_body(x, a, y, n);
}
void axpy_generic(double* x, double a, const double* y, std::size_t n) { axpy_body(x, a, y, n); }

bool has_avx2_fma() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

void combination(double* out, const double* base, const double* columns, std::size_t stride,
                 const std::size_t* which, const double* coeff, std::size_t k, std::size_t n) {
  static const auto fn = has_avx2_fma() ? combination_avx2 : combination_generic;
  fn(out, base, columns, stride, which, coeff, k, n);
}

void axpy(double* x, double a, const double* y, std::size_t n) {
  static const auto fn = has_avx2_fma() ? axpy_avx2 : axpy_generic;
  fn(x, a, y, n);
}

void rank1(double* a, std::size_t stride, std::size_t rows, std::size_t cols, const double* u, const double* v) {
  static const auto fn = has_avx2_fma() ? rank1_avx2 : rank1_generic;
  fn(a, stride, rows, cols, u, v);
}

void row_times(const double* x, const double* a, std::size_t stride, std::size_t rows, std::size_t cols,
               double* out) {
  static const auto fn = has_avx2_fma() ? row_times_avx2 : row_times_generic;
  fn(x, a, stride, rows, cols, out);
}

void times_column(const double* a, std::size_t stride, std::size_t rows, std::size_t cols, const double* x,
                  double* out) {
  static const auto fn = has_avx2_fma() ? times_column_avx2 : times_column_generic;
  fn(a, stride, rows, cols, x, out);
}

// ratio[j] = max(value[j], 0) / entry[j] where entry[j] > kPivotTolerance,
// else +inf; returns the minimum ratio. Selecting before dividing keeps the
// loop free of branches and of divisions by nonpositive entries.
double ratios_generic(double* ratio, const double* value, const double* entry, std::size_t n) {
  const double inf = std::numeric_limits<double>::infinity();
  double lowest = inf;
  for (std::size_t j = 0; j < n; ++j) {
    const bool candidate = entry[j] > kPivotTolerance;
    ratio[j] = (candidate ? std::max(value[j], 0.0) : inf) / (candidate ? entry[j] : 1.0);
    lowest = std::min(lowest, ratio[j]);
  }
  return lowest;
}

// The same with AVX2 (GCC keeps the scalar loop above branchy: it will not
// speculate a division).
__attribute__((target("avx2,fma"))) double ratios_avx2(double* ratio, const double* value, const double* entry,
                                                       std::size_t n) {
  const __m256d inf = _mm256_set1_pd(std::numeric_limits<double>::infinity());
  const __m256d tol = _mm256_set1_pd(kPivotTolerance);
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  __m256d lowest = inf;
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const __m256d e = _mm256_loadu_pd(entry + j);
    const __m256d v = _mm256_max_pd(_mm256_loadu_pd(value + j), zero);
    const __m256d candidate = _mm256_cmp_pd(e, tol, _CMP_GT_OQ);
    const __m256d r = _mm256_div_pd(_mm256_blendv_pd(inf, v, candidate), _mm256_blendv_pd(one, e, candidate));
    _mm256_storeu_pd(ratio + j, r);
    lowest = _mm256_min_pd(lowest, r);
  }
  alignas(32) double lanes[4];
  _mm256_store_pd(lanes, lowest);
  const double tail = ratios_generic(ratio + j, value + j, entry + j, n - j);
  return std::min(std::min(std::min(lanes[0], lanes[1]), std::min(lanes[2], lanes[3])), tail);
}

double ratios(double* ratio, const double* value, const double* entry, std::size_t n) {
  static const auto fn = has_avx2_fma() ? ratios_avx2 : ratios_generic;
  return fn(ratio, value, entry, n);
}

// Appends offset + j for every j < n with x[j] <= bound (the ties of a ratio
// test: almost always exactly one).
void append_at_most_generic(const double* x, std::size_t n, double bound, long offset, std::vector<long>& out) {
  for (std::size_t j = 0; j < n; ++j)
    if (x[j] <= bound) out.push_back(offset + static_cast<long>(j));
}

__attribute__((target("avx2,fma"))) void append_at_most_avx2(const double* x, std::size_t n, double bound,
                                                             long offset, std::vector<long>& out) {
  const __m256d b = _mm256_set1_pd(bound);
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    int mask = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_loadu_pd(x + j), b, _CMP_LE_OQ));
    while (mask != 0) {
      const int lane = __builtin_ctz(static_cast<unsigned>(mask));
      out.push_back(offset + static_cast<long>(j) + lane);
      mask &= mask - 1;
    }
  }
  append_at_most_generic(x + j, n - j, bound, offset + static_cast<long>(j), out);
}

void append_at_most(const double* x, std::size_t n, double bound, long offset, std::vector<long>& out) {
  static const auto fn = has_avx2_fma() ? append_at_most_avx2 : append_at_most_generic;
  fn(x, n, bound, offset, out);
}

double tie_tolerance(double x) { return kTieRelTolerance * std::abs(x) + kTieAbsTolerance; }

}  // namespace

CompactBasis::CompactBasis(std::size_t rows, std::size_t cols, const std::vector<double>& matrix,
                           const std::vector<int>& row_ids, const std::vector<int>& col_ids, std::size_t num_ids)
    : rows_(rows), cols_(cols), max_k_(std::min(rows, cols)), by_row_(matrix), by_col_(rows * cols) {
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) by_col_[c * rows + r] = matrix[r * cols + c];
  id_of_.resize(rows + cols);
  var_of_.assign(num_ids, -1);
  for (std::size_t c = 0; c < cols; ++c) {
    id_of_[c] = col_ids[c];
    var_of_[col_ids[c]] = static_cast<long>(c);
  }
  for (std::size_t r = 0; r < rows; ++r) {
    id_of_[cols + r] = row_ids[r];
    var_of_[row_ids[r]] = static_cast<long>(cols + r);
  }
  basic_cols_.reserve(max_k_);
  tight_rows_.reserve(max_k_);
  pos_in_s_.assign(cols, -1);
  pos_in_t_.assign(rows, -1);
  inverse_.assign(max_k_ * max_k_, 0.0);
  z_.assign(cols, 0.0);
  w_.assign(rows, 1.0);
  ones_.assign(rows, 1.0);
  ratio_w_.assign(rows, 0.0);
  ratio_s_.assign(max_k_, 0.0);
  entry_s_.assign(max_k_, 0.0);
  entry_w_.assign(rows, 0.0);
  row_inv_.assign(max_k_, 0.0);
  column_.assign(max_k_, 0.0);
  gathered_.assign(std::max(rows, cols), 0.0);
}

bool CompactBasis::is_basic(int id) const {
  const std::size_t v = static_cast<std::size_t>(var_of_[id]);
  return is_slack(v) ? pos_in_t_[v - cols_] < 0 : pos_in_s_[v] >= 0;
}

double CompactBasis::value(int id) const {
  const std::size_t v = static_cast<std::size_t>(var_of_[id]);
  if (is_slack(v)) return pos_in_t_[v - cols_] >= 0 ? 0.0 : w_[v - cols_];
  return z_[v];
}

void CompactBasis::entering_column(std::size_t v) {
  const std::size_t k = basic_cols_.size();
  if (!is_slack(v)) {
    // u = G^-1 M_{T,v}; slack entries M_{j,v} - M_{j,S} u.
    const double* column = &by_col_[v * rows_];
    for (std::size_t q = 0; q < k; ++q) gathered_[q] = column[tight_rows_[q]];
    times_column(inverse_.data(), max_k_, k, k, gathered_.data(), entry_s_.data());
    combination(entry_w_.data(), column, by_col_.data(), rows_, basic_cols_.data(), entry_s_.data(), k, rows_);
  } else {
    // Slack of tight row j at position q: G^-1[:, q]; slack entries -M_{j',S} G^-1[:, q].
    const std::size_t q = static_cast<std::size_t>(pos_in_t_[v - cols_]);
    for (std::size_t p = 0; p < k; ++p) entry_s_[p] = inv(p, q);
    combination(entry_w_.data(), nullptr, by_col_.data(), rows_, basic_cols_.data(), entry_s_.data(), k, rows_);
  }
}

// Basic variables are named by their variable number (structural i, or
// cols + j for the slack of row j).
double CompactBasis::entry_of(long var) const {
  const std::size_t v = static_cast<std::size_t>(var);
  return is_slack(v) ? entry_w_[v - cols_] : entry_s_[static_cast<std::size_t>(pos_in_s_[v])];
}

double CompactBasis::value_of(long var) const {
  const std::size_t v = static_cast<std::size_t>(var);
  return is_slack(v) ? w_[v - cols_] : z_[v];
}

// The minimum-ratio test with LexTableau's tolerances: the minimum ratio
// first (one branch-free pass that the compiler vectorizes; tight rows hold
// an infinite value), then every candidate within the tie tolerance of it.
long CompactBasis::choose_leaving() {
  const std::size_t k = basic_cols_.size();
  const double inf = std::numeric_limits<double>::infinity();
  double lo = ratios(ratio_w_.data(), w_.data(), entry_w_.data(), rows_);
  for (std::size_t p = 0; p < k; ++p) {
    const double a = entry_s_[p];
    ratio_s_[p] = a > kPivotTolerance ? std::max(z_[basic_cols_[p]], 0.0) / a : inf;
  }
  for (std::size_t p = 0; p < k; ++p) lo = std::min(lo, ratio_s_[p]);
  if (lo == inf) return -1;
  const double hi = lo + tie_tolerance(lo);
  tied_.clear();
  for (std::size_t p = 0; p < k; ++p)
    if (ratio_s_[p] <= hi) tied_.push_back(static_cast<long>(basic_cols_[p]));
  append_at_most(ratio_w_.data(), rows_, hi, static_cast<long>(cols_), tied_);
  return tied_.size() > 1 ? break_ties() : tied_[0];
}

// Entry (basic variable, initial slack of row j) of the basis inverse, in the
// dictionary's sign convention (see the header's formulas).
double CompactBasis::inverse_entry(long basic, std::size_t j) const {
  const std::size_t v = static_cast<std::size_t>(basic);
  const long q = pos_in_t_[j];
  if (!is_slack(v)) return q < 0 ? 0.0 : inv(static_cast<std::size_t>(pos_in_s_[v]), static_cast<std::size_t>(q));
  const std::size_t row = v - cols_;
  if (row == j) return 1.0;
  if (q < 0) return 0.0;
  double sum = 0;
  for (std::size_t p = 0; p < basic_cols_.size(); ++p) sum += m(row, basic_cols_[p]) * inv(p, static_cast<std::size_t>(q));
  return -sum;
}

// Lexicographic rule over the rows of the basis inverse, initial slacks in
// row order: the rule and tolerances of LexTableau::lex_break_ties.
long CompactBasis::break_ties() {
  for (std::size_t j = 0; j < rows_ && tied_.size() > 1; ++j) {
    double best = 0;
    kept_.clear();
    for (long var : tied_) {
      const double v = inverse_entry(var, j) / entry_of(var);
      if (kept_.empty() || v < best - tie_tolerance(best)) {
        kept_.assign(1, var);
        best = v;
      } else if (v <= best + tie_tolerance(best)) {
        kept_.push_back(var);
      }
    }
    tied_.swap(kept_);
  }
  return tied_[0];
}

void CompactBasis::row_times_inverse(std::size_t row) {
  const std::size_t k = basic_cols_.size();
  const double* m_row = &by_row_[row * cols_];
  for (std::size_t p = 0; p < k; ++p) gathered_[p] = m_row[basic_cols_[p]];
  row_times(gathered_.data(), inverse_.data(), max_k_, k, k, row_inv_.data());
}

int CompactBasis::enter(int id) {
  const std::size_t entering = static_cast<std::size_t>(var_of_[id]);
  entering_column(entering);
  const long leaving = choose_leaving();
  if (leaving < 0) return kUnbounded;
  const double pivot = entry_of(leaving);
  const double step = std::max(value_of(leaving), 0.0) / pivot;

  // Move along the edge: every basic variable drops by step times its entry.
  const std::size_t k = basic_cols_.size();
  for (std::size_t p = 0; p < k; ++p) z_[basic_cols_[p]] -= step * entry_s_[p];
  axpy(w_.data(), -step, entry_w_.data(), rows_);  // tight rows stay infinite

  const std::size_t out = static_cast<std::size_t>(leaving);
  if (!is_slack(entering) && is_slack(out)) {
    // Structural i enters, row j becomes tight: border the inverse (k -> k+1).
    const std::size_t i = entering, j = out - cols_;
    row_times_inverse(j);
    const double inv_s = 1.0 / pivot;  // pivot = M_{j,i} - M_{j,S} u, the Schur complement
    for (std::size_t p = 0; p < k; ++p) column_[p] = entry_s_[p] * inv_s;
    rank1(inverse_.data(), max_k_, k, k, column_.data(), row_inv_.data());
    for (std::size_t p = 0; p < k; ++p) inv(p, k) = -entry_s_[p] * inv_s;
    for (std::size_t q = 0; q < k; ++q) inv(k, q) = -row_inv_[q] * inv_s;
    inv(k, k) = inv_s;
    pos_in_s_[i] = static_cast<long>(k);
    basic_cols_.push_back(i);
    pos_in_t_[j] = static_cast<long>(k);
    tight_rows_.push_back(j);
  } else if (!is_slack(entering)) {
    // Structural i replaces structural l in S (position p0): a pivot on the inverse.
    const std::size_t i = entering, l = out, p0 = static_cast<std::size_t>(pos_in_s_[l]);
    double* row0 = &inverse_[p0 * max_k_];
    const double inv_p = 1.0 / pivot;
    for (std::size_t q = 0; q < k; ++q) row0[q] *= inv_p;
    std::copy(row0, row0 + k, row_inv_.begin());
    for (std::size_t p = 0; p < k; ++p) column_[p] = -entry_s_[p];
    column_[p0] = 0.0;
    rank1(inverse_.data(), max_k_, k, k, column_.data(), row_inv_.data());
    basic_cols_[p0] = i;
    pos_in_s_[i] = static_cast<long>(p0);
    pos_in_s_[l] = -1;
  } else if (is_slack(out)) {
    // Row j0 (position q0) loosens, row j1 becomes tight in its place.
    const std::size_t j0 = entering - cols_, j1 = out - cols_, q0 = static_cast<std::size_t>(pos_in_t_[j0]);
    row_times_inverse(j1);
    const double inv_v = 1.0 / row_inv_[q0];  // = -1 / pivot up to rounding
    for (std::size_t p = 0; p < k; ++p) column_[p] = -inv(p, q0) * inv_v;
    rank1(inverse_.data(), max_k_, k, k, column_.data(), row_inv_.data());
    for (std::size_t p = 0; p < k; ++p) inv(p, q0) = -column_[p];
    tight_rows_[q0] = j1;
    pos_in_t_[j1] = static_cast<long>(q0);
    pos_in_t_[j0] = -1;
  } else {
    // Row j0 (position q0) loosens and structural l (position p0) leaves:
    // the inverse of G without row q0 and column p0 (k -> k-1).
    const std::size_t j0 = entering - cols_, l = out;
    const std::size_t q0 = static_cast<std::size_t>(pos_in_t_[j0]), p0 = static_cast<std::size_t>(pos_in_s_[l]);
    const double inv_p = 1.0 / inv(p0, q0);
    std::copy(&inverse_[p0 * max_k_], &inverse_[p0 * max_k_] + k, row_inv_.begin());
    for (std::size_t p = 0; p < k; ++p) column_[p] = -inv(p, q0) * inv_p;
    column_[p0] = 0.0;  // row p0 goes away
    rank1(inverse_.data(), max_k_, k, k, column_.data(), row_inv_.data());
    // Fill the holes with the last row and column.
    const std::size_t last = k - 1;
    if (p0 != last) {
      std::copy(&inverse_[last * max_k_], &inverse_[last * max_k_] + k, &inverse_[p0 * max_k_]);
      basic_cols_[p0] = basic_cols_[last];
      pos_in_s_[basic_cols_[p0]] = static_cast<long>(p0);
    }
    if (q0 != last) {
      for (std::size_t p = 0; p < last; ++p) inv(p, q0) = inv(p, last);
      tight_rows_[q0] = tight_rows_[last];
      pos_in_t_[tight_rows_[q0]] = static_cast<long>(q0);
    }
    basic_cols_.pop_back();
    tight_rows_.pop_back();
    pos_in_s_[l] = -1;
    pos_in_t_[j0] = -1;
  }
  // The entering variable takes the step; the leaving one is exactly 0.
  if (is_slack(entering)) {
    w_[entering - cols_] = step;
  } else {
    z_[entering] = step;
  }
  if (is_slack(out)) {
    w_[out - cols_] = std::numeric_limits<double>::infinity();  // now tight
  } else {
    z_[out] = 0.0;
  }
  if (++pivots_since_refactor_ >= kRefactorEvery) {
    pivots_since_refactor_ = 0;
    if (!refactor()) return kSingular;
  }
  return id_of_[out];
}

// Recomputes G^-1 = (M_{T,S})^-1 by Gauss-Jordan elimination with partial
// pivoting, then the values z_S = G^-1 1 and w = 1 - M_{:,S} z_S.
bool CompactBasis::refactor() {
  const std::size_t k = basic_cols_.size();
  if (k == 0) return true;
  const std::size_t width = 2 * k;
  std::vector<double>& a = refactor_scratch_;
  a.assign(k * width, 0.0);
  for (std::size_t q = 0; q < k; ++q) {
    for (std::size_t p = 0; p < k; ++p) a[q * width + p] = m(tight_rows_[q], basic_cols_[p]);
    a[q * width + k + q] = 1.0;
  }
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t best = c;
    for (std::size_t r = c + 1; r < k; ++r)
      if (std::abs(a[r * width + c]) > std::abs(a[best * width + c])) best = r;
    if (!(std::abs(a[best * width + c]) > 1e-13)) return false;
    if (best != c) std::swap_ranges(&a[c * width], &a[c * width] + width, &a[best * width]);
    const double inv_p = 1.0 / a[c * width + c];
    for (std::size_t x = 0; x < width; ++x) a[c * width + x] *= inv_p;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == c) continue;
      const double f = a[r * width + c];
      if (f != 0.0) axpy(&a[r * width], -f, &a[c * width], width);
    }
  }
  // a = [I | G^-1] with G indexed (q, p): G^-1 is indexed (p, q).
  for (std::size_t p = 0; p < k; ++p)
    for (std::size_t q = 0; q < k; ++q) inv(p, q) = a[p * width + k + q];
  for (std::size_t p = 0; p < k; ++p) {
    double sum = 0;
    for (std::size_t q = 0; q < k; ++q) sum += inv(p, q);
    entry_s_[p] = sum;
    z_[basic_cols_[p]] = sum;
  }
  combination(w_.data(), ones_.data(), by_col_.data(), rows_, basic_cols_.data(), entry_s_.data(), k, rows_);
  for (std::size_t j : tight_rows_) w_[j] = std::numeric_limits<double>::infinity();
  return true;
}

}  // namespace negsim::detail
