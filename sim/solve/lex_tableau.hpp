// The pivoting tableau shared by lemke_howson and vertex_enumeration.
//
// A condensed tableau (dictionary) for the polytope { z >= 0 : M z <= 1 } with
// M > 0, written as M z + w = 1, z, w >= 0. Each row holds a basic variable,
// each column a nonbasic one, plus the right-hand side. Variables carry
// integer ids (the labels of bimatrix.hpp), so the two tableaux of a bimatrix
// game agree on which variables are complementary.
//
// Two arithmetic modes:
//  - double: entries are the actual dictionary coefficients; pivots are rank-1
//    updates (AVX2+FMA when the CPU has it, chosen at run time).
//  - mpz_class: integer-preserving pivoting (Edmonds; von Stengel 2002,
//    section 3.3 / "integer pivoting"): entries are integers whose common
//    denominator is det(), the determinant of the current basis; every
//    division in a pivot is exact.
//
// The ratio test is lexicographic (Bland-free degeneracy resolution; Dantzig,
// Orden, Wolfe 1955): among rows tied on rhs/entry, compare the rows of the
// basis inverse (the columns of the initial slack variables) divided by the
// entry. All rows of [rhs | B^-1] stay lexicographically positive, so Lemke-
// Howson never cycles and every basis visited is a vertex of the simple
// perturbed polytope. Exact mode has no ties left after the lexicographic
// comparison; double mode compares within a relative tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include <gmpxx.h>

namespace negsim::detail {

// Rank-1 pivot update of a row-major double dictionary (see LexTableau::pivot).
void pivot_double(double* t, std::size_t rows, std::size_t stride, std::size_t r, std::size_t c);

inline constexpr double kPivotTolerance = 1e-11;  // entries at or below are not positive
inline constexpr double kTieRelTolerance = 1e-9;  // ratios this close (relative) tie
inline constexpr double kTieAbsTolerance = 1e-12;

template <class Num>
class LexTableau {
 public:
  static constexpr bool kExact = std::is_same_v<Num, mpz_class>;

  LexTableau() = default;
  // matrix: rows x cols, row-major. Row r is the slack with id row_ids[r];
  // column k the variable with id col_ids[k]. Ids lie in [0, num_ids).
  LexTableau(std::size_t rows, std::size_t cols, const std::vector<Num>& matrix,
             std::vector<int> row_ids, std::vector<int> col_ids, std::size_t num_ids)
      : rows_(rows), cols_(cols) {
    stride_ = cols + 1;
    if constexpr (!kExact) stride_ = (stride_ + 3) / 4 * 4;  // whole AVX vectors per row
    t_.assign(rows * stride_, Num(0));
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t k = 0; k < cols; ++k) t_[r * stride_ + k] = matrix[r * cols + k];
      t_[r * stride_ + cols] = 1;
    }
    det_ = 1;
    basic_ = row_ids;
    initial_basic_ = std::move(row_ids);
    nonbasic_ = std::move(col_ids);
    pos_.assign(num_ids, 0);
    for (std::size_t r = 0; r < rows; ++r) pos_[basic_[r]] = static_cast<int>(r);
    for (std::size_t c = 0; c < cols; ++c) pos_[nonbasic_[c]] = -static_cast<int>(c) - 1;
    if constexpr (!kExact) {
      original_ = t_;
      initial_pos_ = pos_;
    }
  }

  // Double mode: recomputes the dictionary of the current basis from the
  // original constraints (Gauss-Jordan with partial pivoting, O(rows^2 (rows +
  // cols))), discarding rounding accumulated over many pivots. False (and no
  // change) if the basis matrix is numerically singular.
  bool refactor() {
    static_assert(!kExact, "exact tableaux need no refactoring");
    const std::size_t n = rows_, w = rows_ + cols_ + 1;
    std::vector<double> aug(n * w, 0.0);
    auto original_column = [&](int id, std::size_t dest) {
      const int p = initial_pos_[id];
      if (p >= 0) {
        aug[static_cast<std::size_t>(p) * w + dest] = 1.0;
      } else {
        const std::size_t k = static_cast<std::size_t>(-p - 1);
        for (std::size_t r = 0; r < n; ++r) aug[r * w + dest] = original_[r * stride_ + k];
      }
    };
    for (std::size_t r = 0; r < n; ++r) original_column(basic_[r], r);
    for (std::size_t c = 0; c < cols_; ++c) original_column(nonbasic_[c], n + c);
    for (std::size_t r = 0; r < n; ++r) aug[r * w + w - 1] = 1.0;
    for (std::size_t c = 0; c < n; ++c) {
      std::size_t piv = c;
      for (std::size_t r = c + 1; r < n; ++r)
        if (std::abs(aug[r * w + c]) > std::abs(aug[piv * w + c])) piv = r;
      if (std::abs(aug[piv * w + c]) < 1e-13) return false;
      if (piv != c)
        for (std::size_t j = 0; j < w; ++j) std::swap(aug[c * w + j], aug[piv * w + j]);
      const double inv = 1.0 / aug[c * w + c];
      for (std::size_t j = 0; j < w; ++j) aug[c * w + j] *= inv;
      for (std::size_t r = 0; r < n; ++r) {
        if (r == c) continue;
        const double f = aug[r * w + c];
        if (f == 0.0) continue;
        for (std::size_t j = 0; j < w; ++j) aug[r * w + j] -= f * aug[c * w + j];
      }
    }
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t c = 0; c < cols_; ++c) t_[r * stride_ + c] = aug[r * w + n + c];
      t_[r * stride_ + cols_] = aug[r * w + w - 1];
    }
    return true;
  }

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  int basic(std::size_t r) const { return basic_[r]; }
  int nonbasic(std::size_t c) const { return nonbasic_[c]; }
  bool is_basic(int id) const { return pos_[id] >= 0; }
  std::size_t row_of(int id) const { return static_cast<std::size_t>(pos_[id]); }
  std::size_t col_of(int id) const { return static_cast<std::size_t>(-pos_[id] - 1); }
  const Num& entry(std::size_t r, std::size_t c) const { return t_[r * stride_ + c]; }
  // Right-hand side of row r: the value of basic(r) is rhs(r) / det().
  const Num& rhs(std::size_t r) const { return t_[r * stride_ + cols_]; }
  const Num& det() const { return det_; }

  // The leaving row for entering column c by the lexicographic minimum-ratio
  // test, or -1 if no entry of the column is positive.
  int lex_min_ratio_row(std::size_t c) const {
    ties_.clear();
    int best = -1;
    if constexpr (kExact) {
      for (std::size_t r = 0; r < rows_; ++r) {
        const mpz_class& a = entry(r, c);
        if (sgn(a) <= 0) continue;
        if (best < 0) {
          best = static_cast<int>(r);
          ties_.push_back(best);
          continue;
        }
        // rhs_r / a  vs  rhs_best / a_best (all denominators equal det > 0)
        mul_a_ = rhs(r) * entry(best, c);
        mul_b_ = rhs(best) * a;
        const int cmp_result = cmp(mul_a_, mul_b_);
        if (cmp_result < 0) {
          best = static_cast<int>(r);
          ties_.clear();
          ties_.push_back(best);
        } else if (cmp_result == 0) {
          ties_.push_back(static_cast<int>(r));
        }
      }
    } else {
      double best_ratio = 0;
      for (std::size_t r = 0; r < rows_; ++r) {
        const double a = entry(r, c);
        if (!(a > kPivotTolerance)) continue;
        const double ratio = std::max(rhs(r), 0.0) / a;
        if (best < 0 || ratio < best_ratio - tie_tolerance(best_ratio)) {
          best = static_cast<int>(r);
          best_ratio = ratio;
          ties_.clear();
          ties_.push_back(best);
        } else if (ratio <= best_ratio + tie_tolerance(best_ratio)) {
          ties_.push_back(static_cast<int>(r));
        }
      }
    }
    if (ties_.size() <= 1) return best;
    return lex_break_ties(c);
  }

  // lex_min_ratio_row for every column at once: out[c] is column c's leaving
  // row. In double mode one contiguous pass over the rows finds the minimum
  // ratios, and only columns with a tie run the lexicographic comparison.
  void all_min_ratio_rows(std::vector<int>& out) const {
    out.assign(cols_, -1);
    if constexpr (kExact) {
      for (std::size_t c = 0; c < cols_; ++c) out[c] = lex_min_ratio_row(c);
    } else {
      // Per column the current minimum ratio as a window [lo, hi] of the tie
      // tolerance; rows are compared by multiplication (b < lo * a), and a
      // division happens only when the minimum moves.
      lo_.assign(cols_, 0.0);
      hi_.assign(cols_, 0.0);
      tied_.assign(cols_, 0);
      for (std::size_t r = 0; r < rows_; ++r) {
        const double* row = &t_[r * stride_];
        // Rounding can leave a degenerate row slightly negative; treat it as
        // 0 so that it cannot steer later pivots away from the feasible bases.
        const double b = std::max(row[cols_], 0.0);
        for (std::size_t c = 0; c < cols_; ++c) {
          const double a = row[c];
          if (!(a > kPivotTolerance)) continue;
          if (out[c] < 0 || b < lo_[c] * a) {
            const double ratio = b / a;
            out[c] = static_cast<int>(r);
            lo_[c] = ratio - tie_tolerance(ratio);
            hi_[c] = ratio + tie_tolerance(ratio);
            tied_[c] = 0;
          } else if (b <= hi_[c] * a) {
            tied_[c] = 1;
          }
        }
      }
      for (std::size_t c = 0; c < cols_; ++c)
        if (tied_[c]) out[c] = lex_min_ratio_row(c);
    }
  }

  // Exchanges basic(r) and nonbasic(c).
  void pivot(std::size_t r, std::size_t c) {
    if constexpr (kExact) {
      const mpz_class p = entry(r, c);
      Num* pr = &t_[r * stride_];
      for (std::size_t i = 0; i < rows_; ++i) {
        if (i == r) continue;
        Num* pi = &t_[i * stride_];
        const mpz_class& f = pi[c];
        for (std::size_t j = 0; j <= cols_; ++j) {
          if (j == c) continue;
          // pi[j] = (pi[j] * p - f * pr[j]) / det, an exact division
          mpz_mul(tmp_.get_mpz_t(), pi[j].get_mpz_t(), p.get_mpz_t());
          mpz_submul(tmp_.get_mpz_t(), f.get_mpz_t(), pr[j].get_mpz_t());
          mpz_divexact(pi[j].get_mpz_t(), tmp_.get_mpz_t(), det_.get_mpz_t());
        }
        mpz_neg(pi[c].get_mpz_t(), pi[c].get_mpz_t());
      }
      pr[c] = det_;
      det_ = p;
    } else {
      pivot_double(t_.data(), rows_, stride_, r, c);
    }
    exchange_ids(r, c);
  }

  // The numeric state, to save and restore (double mode checkpoints).
  const std::vector<Num>& numbers() const { return t_; }
  void restore_numbers(const Num* saved) { std::copy(saved, saved + t_.size(), t_.begin()); }

  // Undoes pivot(r, c) by restoring the numbers saved before it (no rounding
  // of a reverse pivot) and exchanging the two ids back.
  void undo_pivot(const Num* saved_before, std::size_t r, std::size_t c) {
    restore_numbers(saved_before);
    exchange_ids(r, c);
  }

  // Exact mode: pivots (on any nonzero entry, feasible or not) until exactly
  // the ids in `target` are basic, then makes det() positive, so the tableau
  // is the dictionary of that basis as if reached by feasible pivots (every
  // comparison above assumes det() > 0). False if the target basis matrix is
  // singular. At most `rows` pivots, O(rows^2 cols) big-integer operations.
  bool pivot_to_basis(const std::vector<int>& target) {
    static_assert(kExact, "double tableaux use refactor()");
    std::vector<char> wanted(pos_.size(), 0);
    for (int id : target) wanted[static_cast<std::size_t>(id)] = 1;
    for (int id : target) {
      if (is_basic(id)) continue;
      const std::size_t c = col_of(id);
      std::size_t r = 0;
      while (r < rows_ && (wanted[static_cast<std::size_t>(basic_[r])] || sgn(entry(r, c)) == 0)) ++r;
      if (r == rows_) return false;
      pivot(r, c);
    }
    if (sgn(det_) < 0) {
      det_ = -det_;
      for (Num& v : t_) v = -v;
    }
    return true;
  }

 private:
  void exchange_ids(std::size_t r, std::size_t c) {
    const int entering = nonbasic_[c];
    const int leaving = basic_[r];
    basic_[r] = entering;
    nonbasic_[c] = leaving;
    pos_[entering] = static_cast<int>(r);
    pos_[leaving] = -static_cast<int>(c) - 1;
  }

  static double tie_tolerance(double x) { return kTieRelTolerance * std::abs(x) + kTieAbsTolerance; }

  // Value of the basis-inverse entry (row r, column of initial basic variable
  // id), in the tableau's own units (times det() in exact mode).
  Num inverse_entry(std::size_t r, int id) const {
    if (pos_[id] >= 0) return static_cast<std::size_t>(pos_[id]) == r ? det_ : Num(0);
    return entry(r, col_of(id));
  }

  int lex_break_ties(std::size_t c) const {
    for (int id : initial_basic_) {
      if (ties_.size() <= 1) break;
      if constexpr (kExact) {
        // keep the rows minimizing inverse_entry(r, id) / entry(r, c)
        std::vector<int> kept{ties_[0]};
        for (std::size_t k = 1; k < ties_.size(); ++k) {
          const int r = ties_[k], b = kept[0];
          mul_a_ = inverse_entry(r, id) * entry(b, c);
          mul_b_ = inverse_entry(b, id) * entry(r, c);
          const int cmp_result = cmp(mul_a_, mul_b_);
          if (cmp_result < 0) {
            kept.assign(1, r);
          } else if (cmp_result == 0) {
            kept.push_back(r);
          }
        }
        ties_ = std::move(kept);
      } else {
        double best = 0;
        std::vector<int> kept;
        for (int r : ties_) {
          const double v = inverse_entry(r, id) / entry(r, c);
          if (kept.empty() || v < best - tie_tolerance(best)) {
            kept.assign(1, r);
            best = v;
          } else if (v <= best + tie_tolerance(best)) {
            kept.push_back(r);
          }
        }
        ties_ = std::move(kept);
      }
    }
    return ties_[0];
  }

  std::size_t rows_ = 0, cols_ = 0, stride_ = 0;
  std::vector<Num> t_;
  Num det_;
  std::vector<int> basic_, nonbasic_, initial_basic_;
  std::vector<int> pos_;  // >= 0: row of a basic id; < 0: -(column + 1)
  std::vector<Num> original_;   // double mode: the initial tableau
  std::vector<int> initial_pos_;
  mutable std::vector<int> ties_;
  mutable std::vector<double> lo_, hi_;
  mutable std::vector<char> tied_;
  mutable Num mul_a_, mul_b_, tmp_;
};

}  // namespace negsim::detail
