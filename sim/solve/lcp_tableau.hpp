// Lemke's algorithm for a linear complementarity problem (LCP), on a dense
// condensed tableau: the pivoting engine of sequence_form_lemke (and of any
// other LCP a solver builds).
//
// The LCP: find w, z >= 0 with  w = q + M z,  w_i z_i = 0 for every i.
// Lemke's method adds an artificial variable z0 >= 0 with covering vector
// d > 0 (w = q + M z + d z0), starts at z = 0, z0 = the least value making
// w >= 0 (z0 enters, a w with the most negative q_i / d_i leaves), and then
// pivots complementarily: the complement of the variable that just left
// enters, until z0 leaves (a solution) or no basic variable limits the
// entering one (a secondary ray: the method fails on this LCP).
//
// Contract
//  - LcpTableau<Num>(n, minus_m, minus_d, q): minus_m lists the nonzero
//    entries of -M (row, column, value; a pair at most once), minus_d is -d. Num is double, or mpz_class with integer
//    data (scale each row by a positive integer first: that rescales the
//    row's w and changes neither the path nor the solution's z).
//  - run(start_row, deadline) makes the first pivot at start_row (z0 in, w_start
//    out; the caller names the row, so that ties in the first ratio are broken
//    as the caller's reference implementation breaks them), then follows the
//    complementary path. Leaving variables are chosen by the lexicographic
//    minimum-ratio test on the rows of [rhs | B^-1] in the order of the
//    original w's (Dantzig-Orden-Wolfe; Eaves 1971): in exact arithmetic the
//    path never cycles even in degenerate problems. Double mode compares
//    within a tolerance relative to the data's scale and watches for a
//    repeated basis (pivot_cycle_detector.hpp).
//  - Ends: solved (z0 left the basis), ray (unbounded entering column),
//    cycle (double mode only: rounding), time (deadline, checked every 64 pivots).
//  - value(z_index) after a solve is z_i (exact mode: the numerator over det()).
// Method and references: C. E. Lemke, "Bimatrix equilibrium points and
// mathematical programming", Management Science 11 (1965); B. C. Eaves, "The
// linear complementarity problem", Management Science 17 (1971) (lexicographic
// degeneracy resolution); integer pivoting as in lex_tableau.hpp (J. Edmonds;
// von Stengel 2002, section 3.3).
// Complexity: a pivot costs O(nnz(pivot column) x nnz(pivot row)) (zeros of
// the sparse sequence form are skipped), at most O(n^2); memory O(n^2). The
// number of pivots is usually a small multiple of n, exponential in the worst case.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <vector>

#include <gmpxx.h>

#include "models/deadline.hpp"
#include "sim/solve/pivot_cycle_detector.hpp"

namespace negsim::detail {

enum class LcpEnd { solved, ray, cycle, time };

template <class Num>
class LcpTableau {
 public:
  static constexpr bool kExact = std::is_same_v<Num, mpz_class>;

  struct Entry {
    std::size_t row, col;
    Num value;
  };

  // Variables: w_i has id i, z_i id n + i, z0 id 2n.
  LcpTableau(std::size_t n, const std::vector<Entry>& minus_m, const std::vector<Num>& minus_d,
             const std::vector<Num>& q)
      : n_(n), cols_(n + 1), stride_(n + 2) {
    t_.assign(n_ * stride_, Num(0));
    double scale = 1.0;
    for (const Entry& e : minus_m) t_[e.row * stride_ + e.col] = e.value;
    for (std::size_t r = 0; r < n_; ++r) {
      t_[r * stride_ + n_] = minus_d[r];
      t_[r * stride_ + cols_] = q[r];
      if constexpr (!kExact) {
        for (std::size_t c = 0; c <= cols_; ++c) scale = std::max(scale, std::abs(t_[r * stride_ + c]));
      }
    }
    pivot_tol_ = 1e-11 * scale;
    det_ = 1;
    basic_.resize(n_);
    nonbasic_.resize(cols_);
    pos_.assign(2 * n_ + 1, 0);
    for (std::size_t r = 0; r < n_; ++r) {
      basic_[r] = static_cast<int>(r);
      pos_[r] = static_cast<int>(r);
    }
    for (std::size_t c = 0; c < cols_; ++c) {
      nonbasic_[c] = static_cast<int>(n_ + c);
      pos_[n_ + c] = -static_cast<int>(c) - 1;
    }
  }

  std::size_t size() const { return n_; }
  std::size_t pivots() const { return pivots_; }
  const Num& det() const { return det_; }
  bool is_basic(int id) const { return pos_[id] >= 0; }
  // Value of z_i (exact mode: numerator over det()); 0 when nonbasic.
  Num z_value(std::size_t i) const { return value(static_cast<int>(n_ + i)); }
  Num w_value(std::size_t i) const { return value(static_cast<int>(i)); }
  Num value(int id) const { return pos_[id] >= 0 ? rhs(static_cast<std::size_t>(pos_[id])) : Num(0); }
  // The basic variables' ids (for re-solving the final basis exactly).
  const std::vector<int>& basis() const { return basic_; }

  LcpEnd run(std::size_t start_row, const Deadline& deadline) {
    const int z0 = static_cast<int>(2 * n_);
    PivotCycleDetector cycles(2 * n_ + 1);
    for (int id : basic_) cycles.start_basic(true, id);
    int leaving = basic_[start_row];
    pivot(start_row, col_of(z0));
    for (;;) {
      if ((pivots_ & 63) == 0 && deadline.expired()) return LcpEnd::time;
      const int entering = complement(leaving);
      const std::size_t c = col_of(entering);
      const int r = lex_min_ratio_row(c);
      if (r < 0) return LcpEnd::ray;
      leaving = basic_[static_cast<std::size_t>(r)];
      pivot(static_cast<std::size_t>(r), c);
      if (leaving == z0) return LcpEnd::solved;
      if constexpr (!kExact) {
        if (cycles.repeats_after(true, entering, leaving)) return LcpEnd::cycle;
      }
    }
  }

 private:
  int complement(int id) const {
    return id < static_cast<int>(n_) ? id + static_cast<int>(n_) : id - static_cast<int>(n_);
  }
  std::size_t col_of(int id) const { return static_cast<std::size_t>(-pos_[id] - 1); }
  const Num& entry(std::size_t r, std::size_t c) const { return t_[r * stride_ + c]; }
  const Num& rhs(std::size_t r) const { return t_[r * stride_ + cols_]; }

  bool positive(const Num& a) const {
    if constexpr (kExact) {
      return sgn(a) * sgn(det_) > 0;  // the first pivot (on -d) makes det negative
    } else {
      return a > pivot_tol_;
    }
  }

  // Entry of B^-1 in row r, column of the original w_k (in tableau units).
  Num inverse_entry(std::size_t r, int k) const {
    if (pos_[k] >= 0) return static_cast<std::size_t>(pos_[k]) == r ? det_ : Num(0);
    return entry(r, col_of(k));
  }

  // Compares a/b with c/d for b, d positive in true value: negative, zero or
  // positive. (Exact mode: all four carry the factor det, whose square cancels.)
  int compare_ratio(const Num& a, const Num& b, const Num& c, const Num& d) const {
    if constexpr (kExact) {
      return cmp(a * d, c * b);
    } else {
      const double x = a / b, y = c / d;
      const double tol = 1e-9 * std::max(std::abs(x), std::abs(y)) + 1e-12;
      return x < y - tol ? -1 : (x > y + tol ? 1 : 0);
    }
  }

  int lex_min_ratio_row(std::size_t c) {
    ties_.clear();
    for (std::size_t r = 0; r < n_; ++r) {
      if (!positive(entry(r, c))) continue;
      if (ties_.empty()) {
        ties_.push_back(static_cast<int>(r));
        continue;
      }
      const std::size_t b = static_cast<std::size_t>(ties_[0]);
      Num rr = rhs(r), rb = rhs(b);
      if constexpr (!kExact) {
        rr = std::max(rr, 0.0);  // rounding can leave a degenerate row slightly negative
        rb = std::max(rb, 0.0);
      }
      const int s = compare_ratio(rr, entry(r, c), rb, entry(b, c));
      if (s < 0) {
        ties_.assign(1, static_cast<int>(r));
      } else if (s == 0) {
        ties_.push_back(static_cast<int>(r));
      }
    }
    if (ties_.empty()) return -1;
    for (std::size_t k = 0; k < n_ && ties_.size() > 1; ++k) {
      kept_.assign(1, ties_[0]);
      for (std::size_t i = 1; i < ties_.size(); ++i) {
        const std::size_t r = static_cast<std::size_t>(ties_[i]), b = static_cast<std::size_t>(kept_[0]);
        const int s = compare_ratio(inverse_entry(r, static_cast<int>(k)), entry(r, c),
                                    inverse_entry(b, static_cast<int>(k)), entry(b, c));
        if (s < 0) {
          kept_.assign(1, ties_[i]);
        } else if (s == 0) {
          kept_.push_back(ties_[i]);
        }
      }
      ties_.swap(kept_);
    }
    return ties_[0];
  }

  void pivot(std::size_t r, std::size_t c) {
    Num* pr = &t_[r * stride_];
    nz_.clear();
    for (std::size_t j = 0; j <= cols_; ++j) {
      if (j == c) continue;
      if constexpr (kExact) {
        if (sgn(pr[j]) != 0) nz_.push_back(j);
      } else {
        if (pr[j] != 0.0) nz_.push_back(j);
      }
    }
    if constexpr (kExact) {
      const mpz_class p = pr[c];
      for (std::size_t i = 0; i < n_; ++i) {
        if (i == r) continue;
        Num* pi = &t_[i * stride_];
        const mpz_class f = pi[c];
        if (sgn(f) == 0) {
          // pi[j] = pi[j] * p / det for every j
          for (std::size_t j = 0; j <= cols_; ++j) {
            if (j == c || sgn(pi[j]) == 0) continue;
            mpz_mul(tmp_.get_mpz_t(), pi[j].get_mpz_t(), p.get_mpz_t());
            mpz_divexact(pi[j].get_mpz_t(), tmp_.get_mpz_t(), det_.get_mpz_t());
          }
          continue;
        }
        for (std::size_t j = 0; j <= cols_; ++j) {
          if (j == c || (sgn(pr[j]) == 0 && sgn(pi[j]) == 0)) continue;  // stays 0
          mpz_mul(tmp_.get_mpz_t(), pi[j].get_mpz_t(), p.get_mpz_t());
          mpz_submul(tmp_.get_mpz_t(), f.get_mpz_t(), pr[j].get_mpz_t());
          mpz_divexact(pi[j].get_mpz_t(), tmp_.get_mpz_t(), det_.get_mpz_t());
        }
        mpz_neg(pi[c].get_mpz_t(), pi[c].get_mpz_t());
      }
      pr[c] = det_;
      det_ = p;
    } else {
      const double inv = 1.0 / pr[c];
      for (std::size_t j : nz_) pr[j] *= inv;
      for (std::size_t i = 0; i < n_; ++i) {
        if (i == r) continue;
        double* pi = &t_[i * stride_];
        const double f = pi[c];
        if (f == 0.0) continue;
        for (std::size_t j : nz_) pi[j] -= f * pr[j];
        pi[c] = -f * inv;
      }
      pr[c] = inv;
    }
    const int entering = nonbasic_[c], leaving = basic_[r];
    basic_[r] = entering;
    nonbasic_[c] = leaving;
    pos_[entering] = static_cast<int>(r);
    pos_[leaving] = -static_cast<int>(c) - 1;
    ++pivots_;
  }

  std::size_t n_, cols_, stride_;
  std::vector<Num> t_;
  Num det_;
  double pivot_tol_ = 1e-11;
  std::vector<int> basic_, nonbasic_, pos_;
  std::vector<int> ties_, kept_;
  std::vector<std::size_t> nz_;
  std::size_t pivots_ = 0;
  mpz_class tmp_;
};

}  // namespace negsim::detail
