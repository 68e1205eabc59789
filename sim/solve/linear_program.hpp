// One linear program solved with GLPK: the only place in negsim that calls
// GLPK (dominance, correlated equilibria, the zero-sum LP, minmax values, the
// feasible region, the outer approximation and the axiomatic bargaining
// solutions all build a LinearProgram).
//
// Contract
//  - Rows and columns are 0-based here (GLPK's are 1-based; the translation
//    happens inside). A new program has every column >= 0 (the usual LP
//    convention; GLPK's own default would fix it at 0), every row free,
//    objective 0 and no matrix entries.
//  - Bounds are closed intervals [lower, upper]; -inf / +inf mean "none"
//    (LpBounds::free(), at_least(l), at_most(u), between(l, u), fixed(v)).
//    lower > upper or a NaN bound is std::invalid_argument (GLPK would abort).
//  - solve() maps GLPK's answer to a typed LpSolution:
//      Optimal     an optimal basic solution: objective, primal (one value per
//                  column) and dual (one value per row, GLPK's sign convention:
//                  d objective / d rhs) are filled;
//      Infeasible  no point satisfies the constraints;
//      Unbounded   feasible, but the objective is unbounded in `sense`;
//      TimeLimit   the deadline had passed before the solve, or GLPK stopped
//                  at the time limit (tm_lim = what is left of the deadline,
//                  or the exact simplex's own cap); nothing is filled;
//      Failed      GLPK could not decide (singular or ill-conditioned basis,
//                  iteration limit, numerical failure); nothing is filled.
//    Only Optimal carries numbers; the caller decides what the others mean
//    (require_optimal() turns them into exceptions: LimitError for TimeLimit,
//    std::runtime_error otherwise).
//  - Output: GLPK prints nothing (glp_term_out off on the solving thread,
//    msg_lev off): no chatter on stdout or stderr.
//  - Warm starts: the program keeps its basis between solves, so changing a
//    bound or an objective coefficient and solving again starts from the last
//    basis (LpStart::Warm). LpStart::Advanced / Standard reset the basis first
//    (glp_adv_basis / glp_std_basis), as a retry after a failed warm start.
//
// Method
//  1. Unless exact == Always: GLPK's floating-point simplex (primal or dual,
//     options.method) with the given tolerances, optional scaling and
//     presolve. A warm basis that GLPK rejects (invalid, singular,
//     ill-conditioned) is replaced by an advanced basis and solved once more.
//     With presolve, GLPK's "no dual feasible solution" does not say whether
//     the primal is infeasible or unbounded, so the LP is solved again
//     without presolve to tell.
//  2. exact == Always, or exact == Fallback and step 1 Failed: GLPK's rational
//     simplex (glp_exact, GMP-based bignum arithmetic) from the current basis
//     (an advanced one if there is none usable). It is exact on the LP data
//     as given (doubles read as exact rationals), so it settles LPs whose
//     floating-point answer is inconclusive or fails an independent check;
//     the values it returns are rounded to double. LpSolution::exact tells
//     which simplex produced the answer.
//
// References: GLPK reference manual (glpk 5.0), chapter 2 ("Basic API
// routines": glp_simplex, glp_exact, glp_adv_basis); V. Chvatal, Linear
// Programming (1983) for the primal and dual simplex methods.
//
// Complexity: building is O(rows + columns + nonzeros). Each solve is a
// simplex run: exponential in the worst case, in practice a few times
// (rows + columns) pivots of O(nonzeros) each; the exact simplex pays
// bignum arithmetic on top, so callers keep it for moderate sizes.
// Limits: GLPK indexes with int: more than INT_MAX - 1 rows, columns or
// nonzeros is std::length_error. Not thread-safe per object; separate
// LinearProgram objects may be solved on separate threads (GLPK keeps its
// environment per thread).
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "models/deadline.hpp"

namespace negsim {

enum class LpSense { Minimize, Maximize };

enum class LpStatus { Optimal, Infeasible, Unbounded, TimeLimit, Failed };
const char* to_string(LpStatus status);

// A closed interval [lower, upper]; infinities mean "no bound on that side".
struct LpBounds {
  double lower = 0.0;
  double upper = std::numeric_limits<double>::infinity();

  static LpBounds free() {
    return {-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  }
  static LpBounds at_least(double lower) { return {lower, std::numeric_limits<double>::infinity()}; }
  static LpBounds at_most(double upper) { return {-std::numeric_limits<double>::infinity(), upper}; }
  static LpBounds between(double lower, double upper) { return {lower, upper}; }
  static LpBounds fixed(double value) { return {value, value}; }
};

// Constraint-matrix entries as sparse triplets. add() takes 0-based indices;
// the storage is GLPK's layout (1-based, entry 0 unused) so loading copies
// nothing. Zero values are kept if added (callers skip them if they wish).
struct LpMatrix {
  std::vector<int> rows{0}, cols{0};
  std::vector<double> values{0.0};

  void add(std::size_t row, std::size_t col, double value);
  std::size_t nonzeros() const { return values.size() - 1; }
  void reserve(std::size_t entries);
};

enum class LpMethod { Primal, Dual };           // GLPK's GLP_PRIMAL / GLP_DUALP
enum class LpStart { Warm, Advanced, Standard };  // keep / glp_adv_basis / glp_std_basis
enum class LpExact { Never, Fallback, Always };   // when to run glp_exact

struct LpSolveOptions {
  LpMethod method = LpMethod::Primal;
  LpStart start = LpStart::Warm;
  LpExact exact = LpExact::Never;
  // GLPK's tol_bnd (primal feasibility) and tol_dj (dual feasibility);
  // 1e-7 are GLPK's defaults.
  double feasibility_tolerance = 1e-7;
  double optimality_tolerance = 1e-7;
  bool scale = false;     // glp_scale_prob(GLP_SF_AUTO) before solving (kept afterwards)
  bool presolve = false;  // GLPK's LP presolver
  // What is left of it is GLPK's tm_lim; checked before solving.
  Deadline deadline{};
  // A cap on the exact simplex alone, in seconds (0 = none); it applies
  // when it is tighter than the deadline. LpSolution::deadline_reached tells
  // a stop at the cap from a stop at the deadline.
  double exact_time_cap_seconds = 0.0;
  // Fill LpSolution::dual. Off for callers that solve one program many times
  // and never read duals (dominance): skipping them saves O(rows) per solve.
  bool read_duals = true;
};

struct LpSolution {
  LpStatus status = LpStatus::Failed;
  bool exact = false;              // produced by glp_exact
  bool deadline_reached = false;   // TimeLimit because of options.deadline (else the exact cap)
  int glpk_code = 0;               // return code of the last GLPK call, for messages
  double objective = 0.0;          // Optimal only
  std::vector<double> primal;      // per column, Optimal only
  std::vector<double> dual;        // per row, Optimal and options.read_duals only

  bool optimal() const { return status == LpStatus::Optimal; }
};

class LinearProgram {
 public:
  LinearProgram(std::size_t num_rows, std::size_t num_cols, LpSense sense);
  ~LinearProgram();
  LinearProgram(LinearProgram&&) noexcept;
  LinearProgram& operator=(LinearProgram&&) noexcept;
  LinearProgram(const LinearProgram&) = delete;
  LinearProgram& operator=(const LinearProgram&) = delete;

  std::size_t num_rows() const { return rows_; }
  std::size_t num_cols() const { return cols_; }

  void set_sense(LpSense sense);
  void set_objective(std::size_t col, double coefficient);
  void set_column_bounds(std::size_t col, LpBounds bounds);
  void set_row_bounds(std::size_t row, LpBounds bounds);
  // Replaces the whole constraint matrix. Indices must be in range and each
  // (row, col) pair may appear once (GLPK's rule); std::invalid_argument
  // otherwise.
  void set_matrix(const LpMatrix& matrix);
  // Replaces the kept basis now (Warm: keeps it), for a caller that wants the
  // starting basis built from the bounds as they are at this point.
  void reset_basis(LpStart start);

  // The solution is kept in the program and returned by reference, valid
  // until the next solve() (copy it to keep it longer): repeated solves of
  // one program then allocate nothing for their answers, which keeps the
  // heap (and malloc's trimming) as it would be without the wrapper.
  const LpSolution& solve(const LpSolveOptions& options = {});

 private:
  struct Glpk;  // owns the glp_prob (GLPK stays out of this header)
  std::unique_ptr<Glpk> glpk_;
  std::size_t rows_ = 0, cols_ = 0;
  LpSolution solution_;
};

// Turns a non-optimal solution into an exception: TimeLimit -> LimitError
// (through the deadline's message when the deadline was reached, so the text
// says "time limit of S s reached while <what>"), anything else ->
// std::runtime_error "<what>: the LP is <status>". Returns the solution.
const LpSolution& require_optimal(const LpSolution& solution, const Deadline& deadline,
                                  const std::string& what);

}  // namespace negsim
