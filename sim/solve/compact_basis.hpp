// A vertex of the polytope { z >= 0 : M z <= 1 } kept by the inverse of its
// small tight block: the double-precision engine of Lemke-Howson.
//
// Why: a dictionary (lex_tableau.hpp) updates all rows x cols entries at every
// pivot, although most basic variables of a Lemke-Howson path are slacks.
// With S the basic structural variables (|S| = k) and T the tight constraints
// (nonbasic slacks, also |T| = k), the basis matrix is [M_{:,S} | I_{:,~T}]
// up to order, and everything Lemke-Howson needs follows from
// G^-1 = (M_{T,S})^-1, a k x k matrix:
//   z_S = G^-1 1_T,  w_j = 1 - M_{j,S} z_S (j not in T),
//   the entering column of structural i:  u = G^-1 M_{T,i},
//     slack entries  M_{j,i} - M_{j,S} u;
//   the entering column of slack j in T (position q):  G^-1[:, q],
//     slack entries  -M_{j',S} G^-1[:, q].
// One pivot costs O(rows k + k^2) instead of O(rows cols): on random 200x200
// games k averages 6 to 27 along the path. This is the revised simplex
// method's idea (keep a basis inverse, not the whole tableau; V. Chvatal,
// "Linear Programming" (1983), ch. 7), specialised to a basis that is mostly
// identity: the k x k inverse is updated by bordering (a row and column
// added), Sherman-Morrison (one replaced) or a block deletion (one removed).
//
// Contract
//  - M is rows x cols (row-major) with positive entries. Constraint j's slack
//    carries id row_ids[j], structural i carries col_ids[i]; ids are distinct
//    in [0, num_ids). Starts at the vertex z = 0 (every slack basic).
//  - enter(id) lets a nonbasic variable enter, chooses the leaving variable by
//    the lexicographic minimum-ratio test (same rule, tolerances and tie order
//    as LexTableau, so both follow the same Lemke-Howson path) and returns its
//    id, or kUnbounded when no basic variable limits the entering one.
//  - The inverse is recomputed from M every kRefactorEvery pivots (Gauss-Jordan
//    with partial pivoting, O(k^3)) so rounding does not build up along long
//    paths; enter returns kSingular if that basis is numerically singular.
//  - value(id) is the variable's current value (0 when nonbasic).
//  - Several bases can share one PolytopeMatrix (the Lemke-Howson label race).
// Complexity: enter is O(rows k + k^2) amortized; memory O(rows cols) shared,
// O(rows + cols + k^2) per basis.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace negsim::detail {

// The constraint matrix M, shared by every basis of one polytope.
struct PolytopeMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> by_row;  // M, rows x cols
  std::vector<double> by_col;  // M^T, cols x rows: column i of M contiguous
  static std::shared_ptr<const PolytopeMatrix> make(std::size_t rows, std::size_t cols,
                                                    const std::vector<double>& matrix);
};

class CompactBasis {
 public:
  static constexpr int kUnbounded = -1;
  static constexpr int kSingular = -2;
  static constexpr std::size_t kRefactorEvery = 64;

  CompactBasis(std::size_t rows, std::size_t cols, const std::vector<double>& matrix,
               const std::vector<int>& row_ids, const std::vector<int>& col_ids, std::size_t num_ids);
  CompactBasis(std::shared_ptr<const PolytopeMatrix> matrix, const std::vector<int>& row_ids,
               const std::vector<int>& col_ids, std::size_t num_ids);

  bool is_basic(int id) const;
  double value(int id) const;
  std::size_t support_size() const { return basic_cols_.size(); }
  int enter(int id);

 private:
  // Variables are numbered 0..cols-1 (structurals) and cols..cols+rows-1 (slacks).
  bool is_slack(std::size_t v) const { return v >= cols_; }
  double m(std::size_t row, std::size_t col) const { return by_row_[row * cols_ + col]; }
  double& inv(std::size_t p, std::size_t q) { return inverse_[p * stride_ + q]; }
  double inv(std::size_t p, std::size_t q) const { return inverse_[p * stride_ + q]; }
  void reserve_support(std::size_t k);

  void entering_column(std::size_t v);
  long choose_leaving();  // -1 if no basic variable limits the entering one
  long break_ties();
  double entry_of(long var) const;
  double value_of(long var) const;
  double inverse_entry(long basic, std::size_t slack_row) const;
  void row_times_inverse(std::size_t row);  // row_inv_ = M_{row,S} G^-1
  bool refactor();

  std::shared_ptr<const PolytopeMatrix> matrix_;
  std::size_t rows_, cols_, max_k_;
  std::size_t stride_;       // row stride of inverse_ (grows with the support)
  const double* by_row_;     // matrix_->by_row
  const double* by_col_;     // matrix_->by_col
  std::vector<int> id_of_;      // variable -> id
  std::vector<long> var_of_;    // id -> variable (-1: not in this polytope)

  std::vector<std::size_t> basic_cols_;  // S: structurals in the basis (row p of the inverse)
  std::vector<std::size_t> tight_rows_;  // T: constraints whose slack is nonbasic (column q)
  std::vector<long> pos_in_s_, pos_in_t_;  // -1 when absent
  std::vector<double> inverse_;            // (M_{T,S})^-1, row p ~ S[p], col q ~ T[q], stride stride_
  std::vector<double> z_, w_;  // values of structurals and slacks; a tight row's slack is stored as +inf

  // Scratch of the current pivot: entries of the entering column (the amount
  // each basic variable decreases per unit of the entering one).
  std::vector<double> entry_s_, entry_w_, row_inv_, column_, gathered_, ones_, refactor_scratch_;
  std::vector<double> ratio_w_, ratio_s_;
  std::vector<long> tied_, kept_;
  std::size_t pivots_since_refactor_ = 0;
};

}  // namespace negsim::detail
