#include "sim/solve/newton_polish.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>

#include "sim/solve/equilibrium.hpp"
#include "sim/solve/payoff_jacobian.hpp"

namespace negsim {

namespace {

using Support = std::vector<std::vector<std::size_t>>;

// Solves the indifference system on `support` starting from `start` (flat);
// returns the full flat profile or nothing if Newton fails or leaves the simplex.
std::optional<std::vector<double>> solve_on_support(const PayoffJacobian& kernel,
                                                    const Support& support,
                                                    const std::vector<double>& start) {
  const std::size_t n = kernel.num_players();
  const std::size_t k = kernel.num_strategies();
  std::size_t m = n;
  for (const auto& s : support) m += s.size();
  std::vector<double> sigma(k, 0.0), values(k);
  Eigen::VectorXd x(m);
  for (std::size_t p = 0, row = 0; p < n; ++p) {
    double total = 0.0;
    for (std::size_t a : support[p]) total += std::max(start[kernel.offset(p) + a], 0.0);
    for (std::size_t a : support[p])
      sigma[kernel.offset(p) + a] = total > 0 ? std::max(start[kernel.offset(p) + a], 0.0) / total
                                              : 1.0 / static_cast<double>(support[p].size());
    row += support[p].size();
    (void)row;
  }
  kernel.values(sigma.data(), values.data());
  // Unknowns: support probabilities, player by player, then the N values.
  {
    std::size_t col = 0;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t a : support[p]) x(col++) = sigma[kernel.offset(p) + a];
    for (std::size_t p = 0; p < n; ++p) {
      double u = 0.0;
      for (std::size_t a : support[p]) u += sigma[kernel.offset(p) + a] * values[kernel.offset(p) + a];
      x(col++) = u;
    }
  }
  Eigen::MatrixXd dv(k, k), jac(m, m);
  Eigen::VectorXd residual(m);
  std::vector<std::size_t> column_of(k, m);
  {
    std::size_t col = 0;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t a : support[p]) column_of[kernel.offset(p) + a] = col++;
  }
  const std::size_t value_col = m - n;
  bool converged = false;
  double first_residual = 0.0;
  for (int iteration = 0; iteration < 25; ++iteration) {
    kernel.values_and_jacobian(sigma.data(), values.data(), dv);
    jac.setZero();
    std::size_t row = 0;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t a : support[p]) {
        const std::size_t i = kernel.offset(p) + a;
        residual(row) = values[i] - x(value_col + p);
        for (std::size_t q = 0; q < n; ++q) {
          if (q == p) continue;
          for (std::size_t b : support[q]) {
            const std::size_t j = kernel.offset(q) + b;
            jac(row, column_of[j]) = dv(i, j);
          }
        }
        jac(row, value_col + p) = -1.0;
        ++row;
      }
    }
    for (std::size_t p = 0; p < n; ++p, ++row) {
      double total = -1.0;
      for (std::size_t a : support[p]) {
        total += sigma[kernel.offset(p) + a];
        jac(row, column_of[kernel.offset(p) + a]) = 1.0;
      }
      residual(row) = total;
    }
    const double residual_norm = residual.lpNorm<Eigen::Infinity>();
    if (residual_norm <= 1e-16) break;
    // Newton converges quadratically from a right support guess; a residual
    // that is still large after a few steps means a wrong guess.
    if (iteration >= 3 && residual_norm > 1e-3 * first_residual) return std::nullopt;
    if (iteration == 0) first_residual = std::max(residual_norm, 1e-300);
    // LU for the regular case; the minimum-norm solution when the system is
    // singular (non-isolated equilibria, redundant strategies).
    Eigen::PartialPivLU<Eigen::MatrixXd> lu(jac);
    Eigen::VectorXd dx = lu.solve(-residual);
    if (!dx.allFinite() || (jac * dx + residual).lpNorm<Eigen::Infinity>() > 1e-8 * (1.0 + residual_norm))
      dx = jac.completeOrthogonalDecomposition().solve(-residual);
    if (!dx.allFinite()) return std::nullopt;
    x += dx;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t a : support[p]) sigma[kernel.offset(p) + a] = x(column_of[kernel.offset(p) + a]);
    if (dx.lpNorm<Eigen::Infinity>() <= 1e-15 * (1.0 + x.lpNorm<Eigen::Infinity>())) {
      converged = true;
      break;
    }
    if (x.lpNorm<Eigen::Infinity>() > 1e12) return std::nullopt;  // diverging
  }
  (void)converged;  // a non-converged iterate may still improve; the caller checks regret
  // Back into the simplex: tiny negatives are round-off, anything else a wrong support.
  for (std::size_t p = 0; p < n; ++p) {
    double total = 0.0;
    for (std::size_t a = 0; a < kernel.num_actions(p); ++a) {
      double& s = sigma[kernel.offset(p) + a];
      if (s < -1e-12 || !std::isfinite(s)) return std::nullopt;
      s = std::max(s, 0.0);
      total += s;
    }
    if (!(total > 0)) return std::nullopt;
    for (std::size_t a = 0; a < kernel.num_actions(p); ++a) sigma[kernel.offset(p) + a] /= total;
  }
  return sigma;
}

}  // namespace

std::optional<MixedProfile> polish_equilibrium(const NormalFormGame& game,
                                               const MixedProfile& profile,
                                               double target_regret, const Deadline* deadline) {
  if (profile.size() != game.num_players()) return std::nullopt;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    if (profile[p].size() != game.num_actions(p)) return std::nullopt;
  // Regrets compared across players must be in comparable units: polish on
  // the unit-range game (equilibrium.hpp), where the target is absolute.
  if (!has_unit_ranges(game)) {
    const NormalFormGame unit = unit_range_game(game);
    if (!has_unit_ranges(unit)) return std::nullopt;  // non-finite payoffs
    return polish_equilibrium(unit, profile, target_regret, deadline);
  }
  const double target = target_regret;
  double best_regret = game.max_regret(profile);
  if (best_regret <= target) return std::nullopt;
  const PayoffJacobian kernel(game, 1.0, deadline);
  const std::vector<double> start = flatten_profile(profile);

  // Support guesses, from the exact nonzeros to ever larger supports.
  std::vector<Support> guesses;
  for (const double threshold : {0.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-11}) {
    Support support(game.num_players());
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      const double largest = *std::max_element(profile[p].begin(), profile[p].end());
      for (std::size_t a = 0; a < game.num_actions(p); ++a) {
        const double x = profile[p][a];
        if (threshold == 0.0 ? x > 0.0 : x >= threshold * largest) support[p].push_back(a);
      }
      if (support[p].empty()) {
        support[p].push_back(static_cast<std::size_t>(
            std::max_element(profile[p].begin(), profile[p].end()) - profile[p].begin()));
      }
    }
    if (std::find(guesses.begin(), guesses.end(), support) == guesses.end())
      guesses.push_back(std::move(support));
  }

  // The same guesses widened by every action that beats the player's current
  // payoff: a candidate found just outside its true support cell (or a path
  // point before an action entered) lacks exactly those.
  {
    std::vector<double> values(kernel.num_strategies());
    kernel.values(start.data(), values.data());
    const std::size_t plain = guesses.size();
    for (std::size_t g = 0; g < plain; ++g) {
      Support wider = guesses[g];
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        double payoff = 0.0;
        for (std::size_t a = 0; a < game.num_actions(p); ++a)
          payoff += profile[p][a] * values[kernel.offset(p) + a];
        for (std::size_t a = 0; a < game.num_actions(p); ++a)
          if (values[kernel.offset(p) + a] > payoff + target &&
              std::find(wider[p].begin(), wider[p].end(), a) == wider[p].end())
            wider[p].push_back(a);
        std::sort(wider[p].begin(), wider[p].end());
      }
      if (std::find(guesses.begin(), guesses.end(), wider) == guesses.end())
        guesses.push_back(std::move(wider));
    }
  }

  std::optional<MixedProfile> best;
  for (const Support& support : guesses) {
    const auto solved = solve_on_support(kernel, support, start);
    if (!solved) continue;
    MixedProfile candidate = unflatten_profile(game, solved->data());
    if (!game.is_valid_mixed(candidate, 1e-12)) continue;
    const double regret = game.max_regret(candidate);
    if (regret < best_regret) {
      best_regret = regret;
      best = std::move(candidate);
      if (best_regret <= target) break;
    }
  }
  return best;
}

}  // namespace negsim
