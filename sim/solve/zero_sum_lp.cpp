#include "sim/solve/zero_sum_lp.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "sim/solve/bimatrix.hpp"
#include "sim/solve/lemke_howson.hpp"

namespace negsim {

bool is_constant_sum(const NormalFormGame& game, mpq_class* constant) {
  if (game.num_players() != 2) return false;
  if (game.has_exact()) {
    const mpq_class c = game.exact_payoff(0, 0) + game.exact_payoff(1, 0);
    for (std::size_t k = 1; k < game.num_profiles(); ++k)
      if (game.exact_payoff(0, k) + game.exact_payoff(1, k) != c) return false;
    if (constant) *constant = c;
    return true;
  }
  // Double payoffs: equal sums up to rounding (1e-12 of the players' payoff
  // ranges, which are equal in a constant-sum game, plus the rounding floor).
  const double c = game.payoff(0, 0) + game.payoff(1, 0);
  const std::vector<double> tols = regret_tolerances(game, 1e-12);
  const double tol = std::max(tols[0], tols[1]);
  for (std::size_t k = 1; k < game.num_profiles(); ++k)
    if (std::abs(game.payoff(0, k) + game.payoff(1, k) - c) > tol) return false;
  if (constant) *constant = mpq_class(c);
  return true;
}

namespace {

struct ProblemDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// Solves the row player's maximin LP for payoff matrix `a` (m x n, row-major
// a[i*n+j]); fills x (row strategy), y (column strategy, from the duals), value.
bool solve_maximin(std::size_t m, std::size_t n, const std::vector<double>& a, bool exact_simplex,
                   const Deadline& deadline, std::vector<double>& x, std::vector<double>& y,
                   double& value) {
  glp_term_out(GLP_OFF);
  std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MAX);
  // Columns: x_1..x_m >= 0, then v free.
  glp_add_cols(lp.get(), static_cast<int>(m + 1));
  for (std::size_t i = 1; i <= m; ++i) glp_set_col_bnds(lp.get(), static_cast<int>(i), GLP_LO, 0.0, 0.0);
  glp_set_col_bnds(lp.get(), static_cast<int>(m + 1), GLP_FR, 0.0, 0.0);
  glp_set_obj_coef(lp.get(), static_cast<int>(m + 1), 1.0);
  // Rows: for each column j, sum_i a_ij x_i - v >= 0; then sum_i x_i = 1.
  glp_add_rows(lp.get(), static_cast<int>(n + 1));
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  for (std::size_t j = 0; j < n; ++j) {
    const int row = static_cast<int>(j + 1);
    glp_set_row_bnds(lp.get(), row, GLP_LO, 0.0, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
      ia.push_back(row);
      ja.push_back(static_cast<int>(i + 1));
      ar.push_back(a[i * n + j]);
    }
    ia.push_back(row);
    ja.push_back(static_cast<int>(m + 1));
    ar.push_back(-1.0);
  }
  const int sum_row = static_cast<int>(n + 1);
  glp_set_row_bnds(lp.get(), sum_row, GLP_FX, 1.0, 1.0);
  for (std::size_t i = 0; i < m; ++i) {
    ia.push_back(sum_row);
    ja.push_back(static_cast<int>(i + 1));
    ar.push_back(1.0);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  const std::string what = std::string("solving the zero-sum LP with GLPK's ") +
                           (exact_simplex ? "rational" : "floating-point") + " simplex (" +
                           std::to_string(m) + "x" + std::to_string(n) +
                           "); no verified solution yet, nothing is reported";
  deadline.check(what);
  parm.tm_lim = deadline.milliseconds_left_for_glpk();
  int status = exact_simplex ? glp_exact(lp.get(), &parm) : glp_simplex(lp.get(), &parm);
  if (status == GLP_ETMLIM) deadline.fail(what);
  if (status != 0 || glp_get_status(lp.get()) != GLP_OPT) return false;
  x.resize(m);
  for (std::size_t i = 0; i < m; ++i) x[i] = std::max(0.0, glp_get_col_prim(lp.get(), static_cast<int>(i + 1)));
  value = glp_get_col_prim(lp.get(), static_cast<int>(m + 1));
  // Duals of the column constraints are -(column player's probabilities) in
  // sign convention of a maximization with >= rows; take magnitudes.
  y.resize(n);
  for (std::size_t j = 0; j < n; ++j) y[j] = std::abs(glp_get_row_dual(lp.get(), static_cast<int>(j + 1)));
  double sx = 0, sy = 0;
  for (double v : x) sx += v;
  for (double v : y) sy += v;
  if (sx <= 0 || sy <= 0) return false;
  for (double& v : x) v /= sx;
  for (double& v : y) v /= sy;
  return true;
}

}  // namespace

ZeroSumSolution zero_sum_solution(const NormalFormGame& game, const Deadline& deadline) {
  require_two_players(game, "the zero-sum LP");
  if (!is_constant_sum(game))
    throw std::invalid_argument("the zero-sum LP needs a constant-sum game (A + B constant); this one is not");
  const std::size_t m = game.num_actions(0), n = game.num_actions(1);
  // Player 1's payoffs mapped onto [0, 1] (equilibrium.hpp, unit_range_game):
  // the same optimal strategies, GLPK's tolerances in the same units for
  // every scaling, and the same LP (so the same vertex) for every exact
  // a * u + b.
  const auto table = game.payoff_table(0);
  const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
  const double range = *hi - *lo > 0 ? *hi - *lo : 1.0;
  std::vector<double> a(m * n);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) a[i * n + j] = (game.payoff(0, i + j * m) - *lo) / range;
  const std::vector<double> tol = regret_tolerances(game);
  ZeroSumSolution best;
  for (bool exact_simplex : {false, true}) {
    std::vector<double> x, y;
    double value = 0;
    if (!solve_maximin(m, n, a, exact_simplex, deadline, x, y, value)) continue;
    MixedProfile profile{x, y};
    if (verify_equilibrium(game, profile, "lp", tol)) {
      best.value = game.expected_payoff(profile, 0);
      best.strategies = std::move(profile);
      return best;
    }
  }
  // Double precision could not decide: exact Lemke-Howson from label 1.
  SolveOptions exact;
  exact.exact = true;
  exact.deadline = deadline;
  SolveResult lh = lemke_howson(game, exact);
  if (lh.equilibria.empty() || !lh.equilibria.front().exact)
    throw std::runtime_error("the zero-sum LP found no verified solution (GLPK and exact Lemke-Howson failed)");
  Equilibrium& eq = lh.equilibria.front();
  best.value = eq.payoffs[0];
  best.strategies = std::move(eq.profile);
  best.exact = std::move(eq.exact);
  return best;
}

SolveResult solve_zero_sum(const NormalFormGame& game, const SolveOptions& options) {
  require_two_players(game, "the zero-sum LP");
  mpq_class constant;
  if (!is_constant_sum(game, &constant))
    throw std::invalid_argument("the zero-sum LP needs a constant-sum game (A + B constant); this one is not");
  SolveResult result;
  result.method = "lp";
  result.complete = false;
  result.notes.push_back(constant == 0 ? "zero-sum game"
                                       : "constant-sum game (payoffs sum to " + constant.get_str() + ")");
  const ZeroSumSolution solution = zero_sum_solution(game, solve_deadline(options));
  result.notes.push_back("value (player 1's payoff): " + std::to_string(solution.value));
  auto eq = solution.exact ? verify_exact_equilibrium(game, *solution.exact, "lp")
                           : verify_equilibrium(game, solution.strategies, "lp",
                                                regret_tolerances(game, options.rel_tol));
  if (eq && solution.exact) {
    if (!options.exact) eq->exact.reset();
    result.notes.push_back("double precision could not verify GLPK's answer; solved in exact arithmetic");
  }
  if (eq) {
    result.equilibria.push_back(std::move(*eq));
  } else {
    ++result.rejected;
  }
  return result;
}

}  // namespace negsim
