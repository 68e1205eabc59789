#include "sim/solve/linear_program.hpp"

#include <glpk.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "models/errors.hpp"

namespace negsim {

struct LinearProgram::Glpk {
  glp_prob* lp = nullptr;
  ~Glpk() {
    if (lp) glp_delete_prob(lp);
  }
};

namespace {

int glpk_index(std::size_t zero_based, std::size_t count, const char* what) {
  if (zero_based >= count)
    throw std::out_of_range(std::string("LinearProgram: ") + what + " index " +
                            std::to_string(zero_based) + " out of range (" +
                            std::to_string(count) + ")");
  return static_cast<int>(zero_based + 1);
}

int glpk_count(std::size_t count, const char* what) {
  if (count >= static_cast<std::size_t>(INT_MAX))
    throw std::length_error(std::string("LinearProgram: too many ") + what + " for GLPK (" +
                            std::to_string(count) + ")");
  return static_cast<int>(count);
}

// GLPK's bound type for [lower, upper]; invalid intervals would make GLPK abort.
int bound_type(const LpBounds& b) {
  if (std::isnan(b.lower) || std::isnan(b.upper) || b.lower > b.upper || b.lower == INFINITY ||
      b.upper == -INFINITY)
    throw std::invalid_argument("LinearProgram: invalid bounds [" + std::to_string(b.lower) + ", " +
                                std::to_string(b.upper) + "]");
  const bool has_lower = std::isfinite(b.lower), has_upper = std::isfinite(b.upper);
  if (!has_lower && !has_upper) return GLP_FR;
  if (!has_upper) return GLP_LO;
  if (!has_lower) return GLP_UP;
  return b.lower == b.upper ? GLP_FX : GLP_DB;
}

double finite_or_zero(double v) { return std::isfinite(v) ? v : 0.0; }

bool basis_trouble(int code) { return code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND; }

// Maps the result of glp_simplex / glp_exact and the problem's status to the
// typed solution, reading the values only when optimal. `out` is reused: its
// vectors keep their capacity.
void read_solution(glp_prob* lp, int code, bool exact, bool capped, const Deadline& deadline,
                   std::size_t rows, std::size_t cols, bool duals, LpSolution& out) {
  out.status = LpStatus::Failed;
  out.deadline_reached = false;
  out.objective = 0.0;
  out.primal.clear();
  out.dual.clear();
  out.glpk_code = code;
  out.exact = exact;
  if (code == GLP_ETMLIM) {
    out.status = LpStatus::TimeLimit;
    out.deadline_reached = !capped || deadline.expired();
    return;
  }
  if (code == GLP_ENOPFS) {
    out.status = LpStatus::Infeasible;
    return;
  }
  if (code != 0) {
    out.status = LpStatus::Failed;
    return;
  }
  switch (glp_get_status(lp)) {
    case GLP_OPT:
      out.status = LpStatus::Optimal;
      break;
    case GLP_NOFEAS:
      out.status = LpStatus::Infeasible;
      return;
    case GLP_UNBND:
      out.status = LpStatus::Unbounded;
      return;
    default:
      out.status = LpStatus::Failed;
      return;
  }
  out.objective = glp_get_obj_val(lp);
  out.primal.resize(cols);
  for (std::size_t j = 0; j < cols; ++j) out.primal[j] = glp_get_col_prim(lp, static_cast<int>(j + 1));
  if (!duals) return;
  out.dual.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) out.dual[i] = glp_get_row_dual(lp, static_cast<int>(i + 1));
}

}  // namespace

const char* to_string(LpStatus status) {
  switch (status) {
    case LpStatus::Optimal: return "optimal";
    case LpStatus::Infeasible: return "infeasible";
    case LpStatus::Unbounded: return "unbounded";
    case LpStatus::TimeLimit: return "stopped at the time limit";
    case LpStatus::Failed: return "not solved (GLPK failed)";
  }
  return "unknown";
}

void LpMatrix::add(std::size_t row, std::size_t col, double value) {
  rows.push_back(glpk_count(row + 1, "rows"));
  cols.push_back(glpk_count(col + 1, "columns"));
  values.push_back(value);
}

void LpMatrix::reserve(std::size_t entries) {
  rows.reserve(entries + 1);
  cols.reserve(entries + 1);
  values.reserve(entries + 1);
}

LinearProgram::LinearProgram(std::size_t num_rows, std::size_t num_cols, LpSense sense)
    : glpk_(std::make_unique<Glpk>()), rows_(num_rows), cols_(num_cols) {
  glp_term_out(GLP_OFF);
  glpk_->lp = glp_create_prob();
  glp_prob* lp = glpk_->lp;
  set_sense(sense);
  if (num_rows > 0) glp_add_rows(lp, glpk_count(num_rows, "rows"));
  if (num_cols > 0) glp_add_cols(lp, glpk_count(num_cols, "columns"));
  for (std::size_t j = 0; j < num_cols; ++j) glp_set_col_bnds(lp, static_cast<int>(j + 1), GLP_LO, 0.0, 0.0);
}

LinearProgram::~LinearProgram() = default;
LinearProgram::LinearProgram(LinearProgram&&) noexcept = default;
LinearProgram& LinearProgram::operator=(LinearProgram&&) noexcept = default;

void LinearProgram::set_sense(LpSense sense) {
  glp_set_obj_dir(glpk_->lp, sense == LpSense::Maximize ? GLP_MAX : GLP_MIN);
}

void LinearProgram::set_objective(std::size_t col, double coefficient) {
  glp_set_obj_coef(glpk_->lp, glpk_index(col, cols_, "column"), coefficient);
}

void LinearProgram::set_column_bounds(std::size_t col, LpBounds bounds) {
  const int type = bound_type(bounds);
  glp_set_col_bnds(glpk_->lp, glpk_index(col, cols_, "column"), type, finite_or_zero(bounds.lower),
                   finite_or_zero(bounds.upper));
}

void LinearProgram::set_row_bounds(std::size_t row, LpBounds bounds) {
  const int type = bound_type(bounds);
  glp_set_row_bnds(glpk_->lp, glpk_index(row, rows_, "row"), type, finite_or_zero(bounds.lower),
                   finite_or_zero(bounds.upper));
}

void LinearProgram::set_matrix(const LpMatrix& matrix) {
  if (matrix.rows.size() != matrix.values.size() || matrix.cols.size() != matrix.values.size() ||
      matrix.values.empty())
    throw std::invalid_argument("LinearProgram: malformed matrix (triplet arrays of different lengths)");
  const int entries = glpk_count(matrix.nonzeros(), "matrix entries");
  // GLPK aborts the process on an index out of range or a duplicate entry;
  // glp_check_dup finds both first (negative k: out of range, positive: duplicate).
  const int bad = glp_check_dup(static_cast<int>(rows_), static_cast<int>(cols_), entries,
                                matrix.rows.data(), matrix.cols.data());
  if (bad != 0) {
    const int k = std::abs(bad);
    throw std::invalid_argument(std::string("LinearProgram: matrix entry ") + std::to_string(k - 1) +
                                " at (" + std::to_string(matrix.rows[k] - 1) + ", " +
                                std::to_string(matrix.cols[k] - 1) + ") " +
                                (bad < 0 ? "is out of range" : "appears twice"));
  }
  glp_load_matrix(glpk_->lp, entries, matrix.rows.data(), matrix.cols.data(), matrix.values.data());
}

void LinearProgram::reset_basis(LpStart start) {
  glp_term_out(GLP_OFF);
  if (start == LpStart::Advanced) glp_adv_basis(glpk_->lp, 0);
  if (start == LpStart::Standard) glp_std_basis(glpk_->lp);
}

const LpSolution& LinearProgram::solve(const LpSolveOptions& options) {
  glp_term_out(GLP_OFF);  // per thread in GLPK: set on the thread that solves
  glp_prob* lp = glpk_->lp;
  const Deadline& deadline = options.deadline;
  LpSolution& out = solution_;
  if (deadline.expired()) {
    read_solution(lp, GLP_ETMLIM, false, false, deadline, rows_, cols_, options.read_duals, out);
    return out;
  }
  reset_basis(options.start);
  if (options.scale) glp_scale_prob(lp, GLP_SF_AUTO);

  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  bool fresh_basis_for_exact = false;
  if (options.exact != LpExact::Always) {
    parm.meth = options.method == LpMethod::Dual ? GLP_DUALP : GLP_PRIMAL;
    parm.tol_bnd = options.feasibility_tolerance;
    parm.tol_dj = options.optimality_tolerance;
    parm.presolve = options.presolve ? GLP_ON : GLP_OFF;
    parm.tm_lim = deadline.milliseconds_left_for_glpk();
    int code = glp_simplex(lp, &parm);
    if (basis_trouble(code)) {  // a stale or singular warm basis: start afresh once
      glp_adv_basis(lp, 0);
      parm.tm_lim = deadline.milliseconds_left_for_glpk();
      code = glp_simplex(lp, &parm);
    }
    if (code == GLP_ENODFS && options.presolve) {
      // The presolver proved the dual infeasible: the primal is infeasible or
      // unbounded. The plain simplex tells which.
      parm.presolve = GLP_OFF;
      glp_adv_basis(lp, 0);
      parm.tm_lim = deadline.milliseconds_left_for_glpk();
      code = glp_simplex(lp, &parm);
    }
    read_solution(lp, code, false, false, deadline, rows_, cols_, options.read_duals, out);
    if (out.status != LpStatus::Failed || options.exact == LpExact::Never) return out;
    fresh_basis_for_exact = true;
    if (deadline.expired()) {
      out.status = LpStatus::TimeLimit;
      out.deadline_reached = true;
      return out;
    }
  }

  // The rational simplex (its parameters: msg_lev, it_lim, tm_lim).
  glp_smcp exact;
  glp_init_smcp(&exact);
  exact.msg_lev = GLP_MSG_OFF;
  bool capped = false;
  const auto cap_end = Deadline::after_seconds(options.exact_time_cap_seconds);
  auto run_exact = [&] {  // tm_lim: the tighter of the deadline and the cap, as left now
    const int deadline_ms = deadline.milliseconds_left_for_glpk();
    const int cap_ms = cap_end.milliseconds_left_for_glpk();
    capped = cap_ms < deadline_ms;
    exact.tm_lim = std::min(deadline_ms, cap_ms);
    return glp_exact(lp, &exact);
  };
  if (fresh_basis_for_exact) glp_adv_basis(lp, 0);
  int code = run_exact();
  if (code == GLP_EBADB || code == GLP_ESING) {  // no usable basis: advanced, then standard
    glp_adv_basis(lp, 0);
    code = run_exact();
    if (code == GLP_ESING) {
      glp_std_basis(lp);
      code = run_exact();
    }
  }
  read_solution(lp, code, true, capped, deadline, rows_, cols_, options.read_duals, out);
  return out;
}

const LpSolution& require_optimal(const LpSolution& solution, const Deadline& deadline,
                                  const std::string& what) {
  if (solution.optimal()) return solution;
  if (solution.status == LpStatus::TimeLimit) {
    if (solution.deadline_reached && !deadline.unlimited()) deadline.fail(what);
    throw LimitError("GLPK's exact simplex reached its own time cap while " + what);
  }
  throw std::runtime_error(what + ": the LP is " + to_string(solution.status) + " (GLPK code " +
                           std::to_string(solution.glpk_code) + ")");
}

}  // namespace negsim
