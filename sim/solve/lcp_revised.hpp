// Lemke's algorithm for a large sparse linear complementarity problem, in
// double precision, revised-simplex style: the double-precision engine of
// sequence_form_lemke. Same LCP, same start and same lexicographic rule as
// the dense tableau (lcp_tableau.hpp), so both follow the same path; but the
// tableau is never formed.
//
// The LCP: find w, z >= 0 with w = q + M z (+ d z0), w_i z_i = 0, written as
// A x = q with A = [I | -M | -d]. The engine keeps only
//  - the basis (which variable sits at each of the n basis positions),
//  - a factorisation of the basis matrix B: the basic w's are implicit (a
//    basic w_i is read off row i: a_i minus row i of A times the basic z's),
//    so only the k x k kernel K = A[rows whose w is nonbasic, basic z's and
//    z0] is factorised, by Eigen's sparse LU (supernodal, COLAMD ordering);
//    each later pivot appends an eta vector on the basic z's only (product
//    form of the inverse, Dantzig and Orchard-Hays 1954), and the basis is
//    refactorised from the original data every `refactor_every` pivots or
//    when the etas hold more nonzeros than eta_growth x (the factors + 2n),
//  - the basic solution beta = B^-1 q, updated at each pivot and recomputed
//    at every refactorisation (rounding is not carried along the whole path,
//    the dense tableau's failure mode above about 250 sequences per player).
// Each pivot: one FTRAN (B^-1 a for the entering column), the ratio test,
// and only on ties one BTRAN per tied row (the adjoint of FTRAN, run
// backwards): the row of B^-1 the lexicographic rule compares (rows of
// [beta | B^-1] in the order of the original w's, Dantzig-Orden-Wolfe; Eaves 1971).
//
// Contract
//  - RevisedLcp(n, minus_m, minus_d, q): minus_m lists the nonzero entries of
//    -M (row, column, value; a pair at most once), minus_d is -d.
//  - run(start_row, deadline): first pivot z0 in, w_start out, then the
//    complementary path. Ends: solved (z0 left), ray (no entry of the
//    entering column is positive beyond the tolerance), cycle (a repeated
//    basis, or a kernel singular at refactorisation: rounding), time
//    (deadline, checked every 64 pivots).
//  - Tolerances are relative to scale: an entry of the entering column counts
//    as positive above 1e-9 x the column's largest magnitude (and 1e-13 x
//    the data's); a basic value below 1e-11 x the largest is a degenerate 0;
//    ratios tie within 1e-12 relative; entries of B^-1 rows tie within 1e-9
//    relative plus max(1e-12, 1e-11 x the column's largest) (rounding noise
//    where B^-1 has exact zeros must not decide).
//  - z_value(i) after solved: z_i from a fresh factorisation of the final
//    basis (negative rounding clamped to 0 by the caller). basis() lists the
//    basic ids (w_i = i, z_i = n + i, z0 = 2n) for an exact re-solve.
// References: C. E. Lemke, "Bimatrix equilibrium points and mathematical
// programming", Management Science 11 (1965) 681-689; B. von Stengel,
// "Computing equilibria for two-person games", Handbook of Game Theory 3
// (2002), ch. 45 (Lemke's method, the lexicographic rule); G. B. Dantzig and
// W. Orchard-Hays, "The product form for the inverse in the simplex method",
// MTAC 8 (1954); B. C. Eaves, Management Science 17 (1971).
// Complexity per pivot: FTRAN O(nnz(LU of K) + nnz(A) + n + nnz(etas)), the
// ratio test O(n), a BTRAN of the same cost per tied row; a refactorisation
// costs one sparse LU of K (k <= n). Memory O(n + nnz(LU) + nnz(etas)), not O(n^2).
// The number of pivots is usually a small multiple of n, exponential in the
// worst case (Savani and von Stengel 2006).
// Limits: double precision only (exact arithmetic uses the integer tableau).
// On the gambit start of random sequence-form trees most of the time goes to
// lexicographic ties (one BTRAN per tied row, 10 to 95 tied rows at half the
// pivots); perturb() removes them. The kernel solutions and etas are dense
// on these trees, so refactorisations come every 20 to 200 pivots and cost
// a COLAMD ordering each (about 30% of a tie-free run). Accuracy: on a
// 661-row LCP the eta path ended in a ray where refactor_every = 1 succeeds
// (sequence_form_lemke retries so up to 1,500 rows).
// A failure (ray, cycle, singular kernel reported as cycle) is detected,
// never silent; the caller retries or redoes the path exactly.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "models/deadline.hpp"
#include "sim/solve/lcp_tableau.hpp"

namespace negsim::detail {

class RevisedLcp {
 public:
  struct Entry {
    std::size_t row, col;
    double value;
  };

  RevisedLcp(std::size_t n, const std::vector<Entry>& minus_m, const std::vector<double>& minus_d,
             const std::vector<double>& q);
  ~RevisedLcp();
  RevisedLcp(RevisedLcp&&) noexcept;
  RevisedLcp& operator=(RevisedLcp&&) noexcept;

  LcpEnd run(std::size_t start_row, const Deadline& deadline);

  // Follow the path for q + r instead of q (call before run): a tie-breaking
  // perturbation that replaces most lexicographic ties (each costs one BTRAN
  // per tied row) by plain comparisons. After solved, the values are the
  // final basis's for the unperturbed q, and final_feasible() says whether
  // they are >= 0 (up to 1e-9 relative): if not, the perturbation was too
  // large for this basis and the caller must not use it.
  void perturb(const std::vector<double>& r);
  bool final_feasible() const { return final_feasible_; }

  std::size_t size() const { return n_; }
  std::size_t pivots() const { return pivots_; }
  std::size_t refactorizations() const { return refactorizations_; }
  double z_value(std::size_t i) const { return value(static_cast<int>(n_ + i)); }
  double w_value(std::size_t i) const { return value(static_cast<int>(i)); }
  double value(int id) const {
    if (pos_[id] < 0) return 0.0;
    return id < static_cast<int>(n_) ? beta_res_[static_cast<std::size_t>(id)] : beta_val_[static_cast<std::size_t>(id)];
  }
  const std::vector<int>& basis() const { return basic_; }

  // Refactorise after refactor_every pivots, or when the etas hold more than
  // eta_growth x (nonzeros of the kernel's LU + 2n) nonzeros; eta_growth
  // starts at eta_growth_max and halves whenever a refactorisation finds the
  // updated solution drifted by over 1e-9 of its largest value.
  std::size_t refactor_every = 100;
  double eta_growth_max = 1.0;

 private:
  // One pivot of the product form, on the basic z's and z0 only (the basic
  // w's are implicit: w_i = a_i - row i of A times the rest, see below).
  struct Eta {
    int entering, leaving;
    long leaving_row;                // i when the leaving variable is w_i, else -1
    double pivot;                    // the entering column's entry at the leaving variable
    std::vector<int> index;          // other basic z's (ids) with a nonzero entry
    std::vector<double> value;
  };
  struct Factor;  // the kernel's sparse LU and the maps of the basis it was taken at

  int complement(int id) const;
  bool is_w(int id) const { return id < static_cast<int>(n_); }
  template <class F> void for_column(int id, F&& f) const;
  double row_residual(std::size_t i, const std::vector<double>& a, const std::vector<double>& val) const;
  void ftran(const std::vector<double>& a, std::vector<double>& val);  // val (ids) = B^-1 a on the basic z's
  void btran(int id, std::vector<double>& abar, std::vector<double>& vbar);  // abar (rows) = row of B^-1 for basic id
  void w_part(const std::vector<double>& a, const std::vector<double>& val, std::vector<double>& res) const;
  void column(int id, std::vector<double>& a) const;
  bool refactor();
  bool solve_unperturbed();
  int ratio_test();
  void pivot(std::size_t r, int entering);

  std::size_t n_;
  // -M by column and by row, -d, q.
  std::vector<std::size_t> col_start_, col_row_, row_start_, row_col_;
  std::vector<double> col_value_, row_value_;
  std::vector<double> minus_d_, q_, q_path_;  // q_path_: q plus the perturbation, if any
  bool final_feasible_ = true;
  double eta_growth_ = 1.0;
  std::vector<double> drift_old_;
  double data_scale_ = 1.0;

  std::vector<int> basic_, pos_;  // position -> id, id -> position (or -1)
  std::vector<double> beta_val_, beta_res_;  // B^-1 q: basic z's by id; residuals by row (the basic w's)
  std::vector<Eta> etas_;
  std::size_t eta_nonzeros_ = 0;
  std::unique_ptr<Factor> factor_;
  std::size_t pivots_ = 0, refactorizations_ = 0;

  // scratch: the entering column (basic z's by id, basic w's by row), a unit column for the lexicographic test
  std::vector<double> a_, v_val_, v_res_, e_, e_val_, e_res_;
  std::vector<int> ties_;
  std::vector<double> entry_, value_;  // ratio test: the entering column and basic values by basis position
  std::vector<std::vector<double>> tie_rows_;
};

}  // namespace negsim::detail
