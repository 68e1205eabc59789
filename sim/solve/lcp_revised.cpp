#include "sim/solve/lcp_revised.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include "sim/solve/pivot_cycle_detector.hpp"

namespace negsim::detail {

// Vectors "by id" have 2n + 1 entries (w's, z's, z0) of which only the basic
// z's and z0 are used; "by row" have n (the basic w's read at their row).
// Invariant: an id-indexed vector holds 0 at every nonbasic id, so a row of A
// times it sums over the basic z's only.

struct RevisedLcp::Factor {
  Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
  std::size_t k = 0;
  std::size_t lu_nonzeros = 0;
  std::vector<std::size_t> t_rows;  // kernel row -> constraint row (rows whose w is nonbasic)
  std::vector<int> s_id;            // kernel column -> basic z id
  Eigen::VectorXd rhs, sol;
};

RevisedLcp::RevisedLcp(std::size_t n, const std::vector<Entry>& minus_m, const std::vector<double>& minus_d,
                       const std::vector<double>& q)
    : n_(n), minus_d_(minus_d), q_(q), q_path_(q) {
  col_start_.assign(n_ + 1, 0);
  row_start_.assign(n_ + 1, 0);
  for (const Entry& e : minus_m) {
    ++col_start_[e.col + 1];
    ++row_start_[e.row + 1];
  }
  for (std::size_t c = 0; c < n_; ++c) {
    col_start_[c + 1] += col_start_[c];
    row_start_[c + 1] += row_start_[c];
  }
  col_row_.resize(minus_m.size());
  col_value_.resize(minus_m.size());
  row_col_.resize(minus_m.size());
  row_value_.resize(minus_m.size());
  std::vector<std::size_t> cfill(col_start_.begin(), col_start_.end() - 1), rfill(row_start_.begin(), row_start_.end() - 1);
  for (const Entry& e : minus_m) {
    col_row_[cfill[e.col]] = e.row;
    col_value_[cfill[e.col]++] = e.value;
    row_col_[rfill[e.row]] = e.col;
    row_value_[rfill[e.row]++] = e.value;
    data_scale_ = std::max(data_scale_, std::abs(e.value));
  }
  for (std::size_t i = 0; i < n_; ++i) data_scale_ = std::max({data_scale_, std::abs(minus_d_[i]), std::abs(q_[i])});
  basic_.resize(n_);
  pos_.assign(2 * n_ + 1, -1);
  for (std::size_t r = 0; r < n_; ++r) {
    basic_[r] = static_cast<int>(r);
    pos_[r] = static_cast<int>(r);
  }
  beta_val_.assign(2 * n_ + 1, 0.0);
  beta_res_ = q_;
  a_.assign(n_, 0.0);
  e_.assign(n_, 0.0);
  v_val_.assign(2 * n_ + 1, 0.0);
  e_val_.assign(2 * n_ + 1, 0.0);
  v_res_.assign(n_, 0.0);
  e_res_.assign(n_, 0.0);
}

RevisedLcp::~RevisedLcp() = default;
RevisedLcp::RevisedLcp(RevisedLcp&&) noexcept = default;
RevisedLcp& RevisedLcp::operator=(RevisedLcp&&) noexcept = default;

int RevisedLcp::complement(int id) const {
  const int n = static_cast<int>(n_);
  return id < n ? id + n : id - n;
}

// Calls f(row, value) for each nonzero of A's column for variable id (A = [I | -M | -d]).
template <class F>
void RevisedLcp::for_column(int id, F&& f) const {
  if (id < static_cast<int>(n_)) {
    f(static_cast<std::size_t>(id), 1.0);
  } else if (id < static_cast<int>(2 * n_)) {
    const std::size_t c = static_cast<std::size_t>(id) - n_;
    for (std::size_t k = col_start_[c]; k < col_start_[c + 1]; ++k) f(col_row_[k], col_value_[k]);
  } else {
    for (std::size_t i = 0; i < n_; ++i)
      if (minus_d_[i] != 0.0) f(i, minus_d_[i]);
  }
}

void RevisedLcp::perturb(const std::vector<double>& r) {
  for (std::size_t i = 0; i < n_; ++i) q_path_[i] = q_[i] + r[i];
  beta_res_ = q_path_;
}

// The final basis's solution for the unperturbed q (the factor is fresh):
// feasible unless some basic value is below -1e-9 x the largest.
bool RevisedLcp::solve_unperturbed() {
  ftran(q_, beta_val_);
  w_part(q_, beta_val_, beta_res_);
  double low = 0.0, high = 1.0;
  for (int id : basic_) {
    const double v = value(id);
    low = std::min(low, v);
    high = std::max(high, std::abs(v));
  }
  return low >= -1e-9 * high;
}

void RevisedLcp::column(int id, std::vector<double>& a) const {
  std::fill(a.begin(), a.end(), 0.0);
  for_column(id, [&a](std::size_t i, double v) { a[i] += v; });
}

// The basic w_i's value: a_i - (row i of A over the z's and z0) . val.
double RevisedLcp::row_residual(std::size_t i, const std::vector<double>& a, const std::vector<double>& val) const {
  double s = a[i] - minus_d_[i] * val[2 * n_];
  for (std::size_t k = row_start_[i]; k < row_start_[i + 1]; ++k) s -= row_value_[k] * val[n_ + row_col_[k]];
  return s;
}

// res (by row) = a - A_z val: the basic w's part of B^-1 a.
void RevisedLcp::w_part(const std::vector<double>& a, const std::vector<double>& val, std::vector<double>& res) const {
  res = a;
  for (std::size_t id = n_; id <= 2 * n_; ++id) {
    const double x = val[id];
    if (x == 0.0) continue;
    for_column(static_cast<int>(id), [&](std::size_t i, double v) { res[i] -= v * x; });
  }
}

void RevisedLcp::ftran(const std::vector<double>& a, std::vector<double>& val) {
  std::fill(val.begin() + static_cast<long>(n_), val.end(), 0.0);
  Factor& f = *factor_;
  if (f.k > 0) {
    for (std::size_t t = 0; t < f.k; ++t) f.rhs[static_cast<long>(t)] = a[f.t_rows[t]];
    f.sol = f.lu.solve(f.rhs);
    for (std::size_t s = 0; s < f.k; ++s) val[static_cast<std::size_t>(f.s_id[s])] = f.sol[static_cast<long>(s)];
  }
  for (const Eta& e : etas_) {
    const double ul = e.leaving_row >= 0 ? row_residual(static_cast<std::size_t>(e.leaving_row), a, val)
                                         : val[static_cast<std::size_t>(e.leaving)];
    if (ul == 0.0) continue;
    const double x = ul / e.pivot;
    if (e.leaving_row < 0) val[static_cast<std::size_t>(e.leaving)] = 0.0;
    if (!is_w(e.entering)) val[static_cast<std::size_t>(e.entering)] = x;
    for (std::size_t k = 0; k < e.index.size(); ++k) val[static_cast<std::size_t>(e.index[k])] -= e.value[k] * x;
  }
}

// Row of B^-1 for the basic variable `id` (by original row): the adjoint of
// ftran + the w residual, run backwards (reverse mode), so one row costs
// about one FTRAN.
void RevisedLcp::btran(int id, std::vector<double>& abar, std::vector<double>& vbar) {
  std::fill(abar.begin(), abar.end(), 0.0);
  std::fill(vbar.begin() + static_cast<long>(n_), vbar.end(), 0.0);
  auto residual_adjoint = [&](std::size_t i, double g) {  // adjoint of a_i - row i . val
    abar[i] += g;
    vbar[2 * n_] -= g * minus_d_[i];
    for (std::size_t k = row_start_[i]; k < row_start_[i + 1]; ++k) vbar[n_ + row_col_[k]] -= g * row_value_[k];
  };
  if (is_w(id)) {
    residual_adjoint(static_cast<std::size_t>(id), 1.0);
  } else {
    vbar[static_cast<std::size_t>(id)] = 1.0;
  }
  for (auto it = etas_.rbegin(); it != etas_.rend(); ++it) {
    const Eta& e = *it;
    double xbar = 0.0;
    for (std::size_t k = 0; k < e.index.size(); ++k) xbar -= e.value[k] * vbar[static_cast<std::size_t>(e.index[k])];
    if (!is_w(e.entering)) {
      xbar += vbar[static_cast<std::size_t>(e.entering)];
      vbar[static_cast<std::size_t>(e.entering)] = 0.0;
    }
    const double ulbar = xbar / e.pivot;
    if (e.leaving_row >= 0) {
      if (ulbar != 0.0) residual_adjoint(static_cast<std::size_t>(e.leaving_row), ulbar);
    } else {
      vbar[static_cast<std::size_t>(e.leaving)] = ulbar;
    }
  }
  Factor& f = *factor_;
  if (f.k == 0) return;
  for (std::size_t s = 0; s < f.k; ++s) f.rhs[static_cast<long>(s)] = vbar[static_cast<std::size_t>(f.s_id[s])];
  f.sol = f.lu.transpose().solve(f.rhs);
  for (std::size_t t = 0; t < f.k; ++t) abar[f.t_rows[t]] += f.sol[static_cast<long>(t)];
}

bool RevisedLcp::refactor() {
  if (!factor_) factor_ = std::make_unique<Factor>();
  Factor& f = *factor_;
  f.s_id.clear();
  f.t_rows.clear();
  std::vector<long> row_t(n_, -1);
  for (std::size_t i = 0; i < n_; ++i) {
    if (pos_[i] >= 0) continue;
    row_t[i] = static_cast<long>(f.t_rows.size());
    f.t_rows.push_back(i);
  }
  for (std::size_t id = n_; id <= 2 * n_; ++id)
    if (pos_[id] >= 0) f.s_id.push_back(static_cast<int>(id));
  f.k = f.s_id.size();
  if (f.t_rows.size() != f.k) return false;
  // The updated basic solution, to measure how far the eta updates drifted.
  drift_old_.clear();
  if (!etas_.empty())
    for (int id : basic_) drift_old_.push_back(value(id));
  etas_.clear();
  eta_nonzeros_ = 0;
  ++refactorizations_;
  f.lu_nonzeros = 0;
  if (f.k > 0) {
    std::vector<Eigen::Triplet<double>> triplets;
    for (std::size_t s = 0; s < f.k; ++s)
      for_column(f.s_id[s], [&](std::size_t i, double v) {
        if (row_t[i] >= 0) triplets.emplace_back(static_cast<int>(row_t[i]), static_cast<int>(s), v);
      });
    Eigen::SparseMatrix<double> kernel(static_cast<long>(f.k), static_cast<long>(f.k));
    kernel.setFromTriplets(triplets.begin(), triplets.end());
    kernel.makeCompressed();
    f.lu.analyzePattern(kernel);
    f.lu.factorize(kernel);
    if (f.lu.info() != Eigen::Success) return false;
    f.lu_nonzeros = static_cast<std::size_t>(f.lu.nnzL() + f.lu.nnzU());
    f.rhs.resize(static_cast<long>(f.k));
  }
  ftran(q_path_, beta_val_);  // fresh: no rounding carried over from earlier pivots
  w_part(q_path_, beta_val_, beta_res_);
  if (!drift_old_.empty()) {
    // Drift above 1e-9 of the largest value: refactorise twice as often;
    // below 1e-12: allow longer eta files again (up to eta_growth_max).
    double diff = 0.0, high = 1.0;
    for (std::size_t r = 0; r < n_; ++r) {
      const double v = value(basic_[r]);
      diff = std::max(diff, std::abs(v - drift_old_[r]));
      high = std::max(high, std::abs(v));
    }
    if (diff > 1e-9 * high) eta_growth_ = std::max(0.25, eta_growth_ / 2);
    else if (diff < 1e-12 * high) eta_growth_ = std::min(eta_growth_max, eta_growth_ * 2);
  }
  return true;
}

int RevisedLcp::ratio_test() {
  // The entering column's entry and the basic value at each basis position,
  // gathered once into contiguous arrays (the passes below read them 3 times).
  entry_.resize(n_);
  value_.resize(n_);
  double col_max = 0.0, beta_max = 1.0;
  for (std::size_t r = 0; r < n_; ++r) {
    const int id = basic_[r];
    const std::size_t u = static_cast<std::size_t>(id);
    entry_[r] = is_w(id) ? v_res_[u] : v_val_[u];
    value_[r] = is_w(id) ? beta_res_[u] : beta_val_[u];
    col_max = std::max(col_max, std::abs(entry_[r]));
    beta_max = std::max(beta_max, std::abs(value_[r]));
  }
  auto entry = [&](std::size_t r) { return entry_[r]; };
  const double tol = std::max(1e-9 * col_max, 1e-13 * data_scale_);
  const double zero_beta = 1e-11 * beta_max;  // a basic value this small is a degenerate 0
  auto ratio = [&](std::size_t r) {
    const double b = value_[r];
    return b <= zero_beta ? 0.0 : b / entry_[r];
  };
  double best = 0.0;
  bool any = false;
  for (std::size_t r = 0; r < n_; ++r) {
    if (entry_[r] <= tol) continue;
    const double x = ratio(r);
    if (!any || x < best) best = x;
    any = true;
  }
  if (!any) return -1;
  ties_.clear();
  const double limit = best * (1.0 + 1e-12);
  for (std::size_t r = 0; r < n_; ++r)
    if (entry_[r] > tol && ratio(r) <= limit) ties_.push_back(static_cast<int>(r));
  if (ties_.size() == 1) return ties_[0];
  // Lexicographic rule: the tied rows of B^-1 (one BTRAN each), divided by
  // their pivot entries, compared column by column in the order of the
  // original w's.
  const std::size_t t = ties_.size();
  if (tie_rows_.size() < t) tie_rows_.resize(t);
  for (std::size_t i = 0; i < t; ++i) {
    std::vector<double>& row = tie_rows_[i];
    row.resize(n_);
    btran(basic_[static_cast<std::size_t>(ties_[i])], row, e_val_);
    const double inv = 1.0 / entry(static_cast<std::size_t>(ties_[i]));
    for (double& x : row) x *= inv;
  }
  std::vector<std::size_t> alive(t), kept;
  for (std::size_t i = 0; i < t; ++i) alive[i] = i;
  for (std::size_t k = 0; k < n_ && alive.size() > 1; ++k) {
    double low = tie_rows_[alive[0]][k], scale = 0.0;
    for (std::size_t i : alive) {
      low = std::min(low, tie_rows_[i][k]);
      scale = std::max(scale, std::abs(tie_rows_[i][k]));
    }
    // Rounding leaves noise of about 1e-16 where B^-1 has exact zeros: an
    // absolute floor, so that noise alone never decides.
    const double within = low + 1e-9 * std::abs(low) + std::max(1e-12, 1e-11 * scale);
    kept.clear();
    for (std::size_t i : alive)
      if (tie_rows_[i][k] <= within) kept.push_back(i);
    alive.swap(kept);
  }
  return ties_[alive[0]];
}

void RevisedLcp::pivot(std::size_t r, int entering) {
  Eta e;
  e.entering = entering;
  e.leaving = basic_[r];
  e.leaving_row = is_w(e.leaving) ? e.leaving : -1;
  e.pivot = is_w(e.leaving) ? v_res_[static_cast<std::size_t>(e.leaving)] : v_val_[static_cast<std::size_t>(e.leaving)];
  for (std::size_t id = n_; id <= 2 * n_; ++id) {
    if (static_cast<int>(id) == e.leaving || pos_[id] < 0 || v_val_[id] == 0.0) continue;
    e.index.push_back(static_cast<int>(id));
    e.value.push_back(v_val_[id]);
  }
  // The basic solution moves the same way.
  const double bl = is_w(e.leaving) ? beta_res_[static_cast<std::size_t>(e.leaving)]
                                    : beta_val_[static_cast<std::size_t>(e.leaving)];
  const double x = bl / e.pivot;
  if (!is_w(e.leaving)) beta_val_[static_cast<std::size_t>(e.leaving)] = 0.0;
  for (std::size_t k = 0; k < e.index.size(); ++k) beta_val_[static_cast<std::size_t>(e.index[k])] -= e.value[k] * x;
  if (!is_w(entering)) beta_val_[static_cast<std::size_t>(entering)] = x;
  eta_nonzeros_ += e.index.size() + 1;
  etas_.push_back(std::move(e));
  const int leaving = basic_[r];
  basic_[r] = entering;
  pos_[entering] = static_cast<int>(r);
  pos_[leaving] = -1;
  // The basic w's move along the entering column's w part (O(n), where
  // recomputing the residuals would cost a product with the basic columns);
  // every refactorisation recomputes them from q.
  for (std::size_t i = 0; i < n_; ++i) beta_res_[i] -= v_res_[i] * x;
  if (is_w(entering)) beta_res_[static_cast<std::size_t>(entering)] = x;
  ++pivots_;
}

LcpEnd RevisedLcp::run(std::size_t start_row, const Deadline& deadline) {
  const int z0 = static_cast<int>(2 * n_);
  eta_growth_ = eta_growth_max;
  PivotCycleDetector cycles(2 * n_ + 1);
  for (int id : basic_) cycles.start_basic(true, id);
  if (!refactor()) return LcpEnd::cycle;
  int leaving = basic_[start_row];
  column(z0, a_);
  ftran(a_, v_val_);
  w_part(a_, v_val_, v_res_);
  pivot(start_row, z0);
  for (;;) {
    if ((pivots_ & 63) == 0 && deadline.expired()) return LcpEnd::time;
    const bool due = etas_.size() >= refactor_every ||
                     static_cast<double>(eta_nonzeros_) > eta_growth_ * static_cast<double>(factor_->lu_nonzeros + 2 * n_);
    if (due && !refactor()) return LcpEnd::cycle;
    const int entering = complement(leaving);
    column(entering, a_);
    ftran(a_, v_val_);
    w_part(a_, v_val_, v_res_);
    const int r = ratio_test();
    if (r < 0) return LcpEnd::ray;
    leaving = basic_[static_cast<std::size_t>(r)];
    pivot(static_cast<std::size_t>(r), entering);
    if (leaving == z0) {
      if (!refactor()) return LcpEnd::cycle;
      final_feasible_ = q_path_ == q_ || solve_unperturbed();
      return LcpEnd::solved;
    }
    if (cycles.repeats_after(true, entering, leaving)) return LcpEnd::cycle;
  }
}

}  // namespace negsim::detail
