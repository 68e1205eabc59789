#include "sim/repeated/outer_approximation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/solve/linear_program.hpp"

#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/payoff_units.hpp"

namespace negsim {

namespace {

std::vector<std::vector<double>> make_directions(std::size_t n, std::size_t extra) {
  std::vector<std::vector<double>> d;
  for (std::size_t i = 0; i < n; ++i)
    for (double s : {1.0, -1.0}) {
      std::vector<double> e(n, 0.0);
      e[i] = s;
      d.push_back(e);
    }
  if (n == 2) {
    for (std::size_t k = 0; k < extra; ++k) {
      const double t = 2 * M_PI * (static_cast<double>(k) + 0.5) / static_cast<double>(extra);
      d.push_back({std::cos(t), std::sin(t)});
    }
  } else if (n >= 3) {
    // Fibonacci-sphere points in the first three coordinates, spread round-robin
    // over coordinate triples for n > 3; plus the all-ones directions.
    d.push_back(std::vector<double>(n, 1.0 / std::sqrt(static_cast<double>(n))));
    d.push_back(std::vector<double>(n, -1.0 / std::sqrt(static_cast<double>(n))));
    const double golden = M_PI * (3.0 - std::sqrt(5.0));
    for (std::size_t k = 0; k < extra; ++k) {
      const double y = 1 - 2 * (static_cast<double>(k) + 0.5) / static_cast<double>(extra);
      const double r = std::sqrt(1 - y * y), t = golden * static_cast<double>(k);
      std::vector<double> e(n, 0.0);
      const std::size_t base = (k * 3) % n;
      e[base % n] = r * std::cos(t);
      e[(base + 1) % n] = y;
      e[(base + 2) % n] = r * std::sin(t);
      d.push_back(e);
    }
  }
  return d;
}

}  // namespace

bool OuterApproximation::contains(std::span<const double> w, double tol) const {
  const std::vector<double> x = units.to_unit(w);  // tol is in each player's range
  for (std::size_t k = 0; k < unit_directions.size(); ++k) {
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s += unit_directions[k][i] * x[i];
    if (s > unit_levels[k] + tol) return false;
  }
  return true;
}

namespace {
// The iteration on a game whose payoffs are normalised to [0, 1] per player.
void iterate(const NormalFormGame& g, double delta, const OuterApproximationOptions& options,
             OuterApproximation& out) {
  const std::size_t n = g.num_players(), P = g.num_profiles();
  out.directions = make_directions(n, options.directions ? options.directions : (n == 2 ? 32 : 48));
  const std::size_t K = out.directions.size();
  const double scale = 1;  // every player's range
  // Deviation gains dev_i(a).
  std::vector<double> dev(P * n);
  for (std::size_t idx = 0; idx < P; ++idx)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t base = idx - g.action_of(idx, i) * g.stride(i);
      double best = -INFINITY;
      for (std::size_t a = 0; a < g.num_actions(i); ++a) best = std::max(best, g.payoff(i, base + a * g.stride(i)));
      dev[idx * n + i] = best - g.payoff(i, idx);
    }
  // W0: the support levels of the stage payoff hull.
  out.levels.assign(K, -INFINITY);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t idx = 0; idx < P; ++idx) {
      double s = 0;
      for (std::size_t i = 0; i < n; ++i) s += out.directions[k][i] * g.payoff(i, idx);
      out.levels[k] = std::max(out.levels[k], s);
    }

  // Columns: the payoff vector w (bounds set per use); rows: directions[k] . w <= levels[k].
  LinearProgram lp(K, n, LpSense::Maximize);
  {
    LpMatrix entries;
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t i = 0; i < n; ++i)
        if (out.directions[k][i] != 0) entries.add(k, i, out.directions[k][i]);
    lp.set_matrix(entries);
  }
  auto solve = [&](LinearProgram& p, LpSense sense, const std::vector<double>& obj, double* value) {
    p.set_sense(sense);
    for (std::size_t i = 0; i < n; ++i) p.set_objective(i, obj[i]);
    const LpSolution* solution = &p.solve();
    if (!solution->optimal()) {
      // Retry from scratch once (warm starts can go stale after bound changes).
      solution = &p.solve(LpSolveOptions{.start = LpStart::Standard});
      if (!solution->optimal()) return false;
    }
    *value = solution->objective;
    return true;
  };
  const double ratio = (1 - delta) / delta;
  out.punishment.assign(n, 0.0);
  std::vector<double> next(K);
  for (std::size_t iter = 1; iter <= options.max_iter; ++iter) {
    if (options.deadline.expired())
      options.deadline.fail("computing the outer approximation of the SPE payoff set: " +
                            std::to_string(iter - 1) + " iterations done, not converged; nothing is reported");
    for (std::size_t k = 0; k < K; ++k) lp.set_row_bounds(k, LpBounds::at_most(out.levels[k]));
    for (std::size_t i = 0; i < n; ++i) lp.set_column_bounds(i, LpBounds::free());
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> e(n, 0.0);
      e[i] = 1;
      double v;
      if (!solve(lp, LpSense::Minimize, e, &v)) throw NoPureSpeError("no pure-strategy SPE: the approximation became empty");
      out.punishment[i] = v;
    }
    std::fill(next.begin(), next.end(), -INFINITY);
    for (std::size_t idx = 0; idx < P; ++idx) {
      bool feasible = true;
      for (std::size_t i = 0; i < n; ++i)
        lp.set_column_bounds(i, LpBounds::at_least(out.punishment[i] + ratio * dev[idx * n + i]));
      for (std::size_t k = 0; k < K && feasible; ++k) {
        double v;
        if (!solve(lp, LpSense::Maximize, out.directions[k], &v)) {
          feasible = false;
          break;
        }
        double stage = 0;
        for (std::size_t i = 0; i < n; ++i) stage += out.directions[k][i] * g.payoff(i, idx);
        next[k] = std::max(next[k], (1 - delta) * stage + delta * v);
      }
    }
    if (std::isinf(next[0]))
      throw NoPureSpeError("no pure-strategy subgame-perfect equilibrium at delta = " + std::to_string(delta));
    double change = 0;
    for (std::size_t k = 0; k < K; ++k) change = std::max(change, std::abs(next[k] - out.levels[k]));
    // Levels only decrease (monotone operator from an outer start); keep the min
    // to stay robust to LP round-off.
    for (std::size_t k = 0; k < K; ++k) out.levels[k] = std::min(out.levels[k], next[k]);
    out.iterations = iter;
    if (change <= options.tol * scale) {
      out.converged = true;
      break;
    }
  }
}
}  // namespace

OuterApproximation outer_approximation(const NormalFormGame& game, double delta,
                                       const OuterApproximationOptions& options) {
  if (!(delta > 0 && delta < 1)) throw std::invalid_argument("outer approximation needs 0 < delta < 1");
  // Directions are fixed in per-player normalised coordinates (payoff_units.hpp),
  // so the same game in other units gets the same polytope, mapped.
  OuterApproximation out;
  out.units = PayoffUnits::of(game);
  iterate(out.units.normalise(game), delta, options, out);
  out.unit_directions = out.directions;
  out.unit_levels = out.levels;
  const std::size_t n = game.num_players();
  // d . x <= c with x_i = (w_i - o_i) / u_i  <=>  sum_i (d_i / u_i) w_i <= c + sum_i d_i o_i / u_i;
  // scaled to a unit normal.
  for (std::size_t k = 0; k < out.directions.size(); ++k) {
    std::vector<double>& d = out.directions[k];
    double level = out.levels[k], norm = 0;
    for (std::size_t i = 0; i < n; ++i) {
      d[i] /= out.units.unit[i];
      level += d[i] * out.units.offset[i];
      norm += d[i] * d[i];
    }
    norm = std::sqrt(norm);
    for (double& x : d) x /= norm;
    out.levels[k] = level / norm;
  }
  for (std::size_t i = 0; i < n; ++i) out.punishment[i] = out.units.to_game(i, out.punishment[i]);
  return out;
}

}  // namespace negsim
