#include "sim/solve/zero_sum_lp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/solve/bimatrix.hpp"
#include "sim/solve/linear_program.hpp"
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

std::optional<MatrixGameSolution> solve_matrix_game(std::size_t m, std::size_t n, const std::vector<double>& given,
                                                    bool exact_simplex, const Deadline& deadline,
                                                    const std::string& purpose) {
  const auto [lo, hi] = std::minmax_element(given.begin(), given.end());
  const double low = given.empty() ? 0.0 : *lo, range = given.empty() || *hi - *lo <= 0 ? 1.0 : *hi - *lo;
  std::vector<double> a(given.size());
  for (std::size_t k = 0; k < a.size(); ++k) a[k] = (given[k] - low) / range;
  // Columns: x_0..x_{m-1} >= 0, then v free. Rows: for each column j,
  // sum_i a_ij x_i - v >= 0; then sum_i x_i = 1.
  LinearProgram lp(n + 1, m + 1, LpSense::Maximize);
  lp.set_column_bounds(m, LpBounds::free());
  lp.set_objective(m, 1.0);
  LpMatrix entries;
  entries.reserve((m + 1) * n + m);
  for (std::size_t j = 0; j < n; ++j) {
    lp.set_row_bounds(j, LpBounds::at_least(0.0));
    for (std::size_t i = 0; i < m; ++i) entries.add(j, i, a[i * n + j]);
    entries.add(j, m, -1.0);
  }
  lp.set_row_bounds(n, LpBounds::fixed(1.0));
  for (std::size_t i = 0; i < m; ++i) entries.add(n, i, 1.0);
  lp.set_matrix(entries);
  const std::string what = "solving " + purpose + " with GLPK's " +
                           (exact_simplex ? "rational" : "floating-point") + " simplex (" +
                           std::to_string(m) + "x" + std::to_string(n) +
                           "); no verified solution yet, nothing is reported";
  deadline.check(what);
  LpSolveOptions options;
  options.exact = exact_simplex ? LpExact::Always : LpExact::Never;
  options.deadline = deadline;
  const LpSolution& solution = lp.solve(options);
  if (solution.status == LpStatus::TimeLimit) deadline.fail(what);
  if (!solution.optimal()) return std::nullopt;
  MatrixGameSolution out;
  out.row.resize(m);
  for (std::size_t i = 0; i < m; ++i) out.row[i] = std::max(0.0, solution.primal[i]);
  out.value = low + range * solution.primal[m];
  // Duals of the column constraints are -(column player's probabilities) in
  // sign convention of a maximization with >= rows; take magnitudes.
  out.column.resize(n);
  for (std::size_t j = 0; j < n; ++j) out.column[j] = std::abs(solution.dual[j]);
  double sx = 0, sy = 0;
  for (double v : out.row) sx += v;
  for (double v : out.column) sy += v;
  if (sx <= 0 || sy <= 0) return std::nullopt;
  for (double& v : out.row) v /= sx;
  for (double& v : out.column) v /= sy;
  return out;
}

ZeroSumSolution zero_sum_solution(const NormalFormGame& game, const Deadline& deadline) {
  require_two_players(game, "the zero-sum LP");
  if (!is_constant_sum(game))
    throw std::invalid_argument("the zero-sum LP needs a constant-sum game (A + B constant); this one is not");
  const std::size_t m = game.num_actions(0), n = game.num_actions(1);
  // solve_matrix_game maps player 1's payoffs onto [0, 1] (equilibrium.hpp,
  // unit_range_game): the same LP (so the same vertex) for every exact a * u + b.
  std::vector<double> a(m * n);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) a[i * n + j] = game.payoff(0, i + j * m);
  const std::vector<double> tol = regret_tolerances(game);
  ZeroSumSolution best;
  for (bool exact_simplex : {false, true}) {
    std::optional<MatrixGameSolution> solved = solve_matrix_game(m, n, a, exact_simplex, deadline, "the zero-sum LP");
    if (!solved) continue;
    MixedProfile profile{std::move(solved->row), std::move(solved->column)};
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
    reject_candidate(result, game, &solution.strategies);
  }
  return result;
}

}  // namespace negsim
