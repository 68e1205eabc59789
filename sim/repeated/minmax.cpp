#include "sim/repeated/minmax.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <stdexcept>

#include "sim/solve/equilibrium.hpp"
#include "sim/solve/zero_sum_lp.hpp"

namespace negsim {

namespace {

// Profile indices of the others' pure profiles (the player's action 0), in Gambit order.
std::vector<std::size_t> others_bases(const NormalFormGame& g, std::size_t player) {
  std::vector<std::size_t> out;
  out.reserve(g.num_profiles() / g.num_actions(player));
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx)
    if (g.action_of(idx, player) == 0) out.push_back(idx);
  return out;
}

// min_y max_a sum_k y_k U[a][k] over the simplex (U row-major, rows x K): the
// value of the matrix game U for a maximising row player (the punished one).
// Returns the value; y: the punishment; x: the row player's guarantee.
double lp_minmax(const std::vector<double>& U, std::size_t rows, std::size_t K, std::vector<double>* y,
                 std::vector<double>* x = nullptr) {
  std::optional<MatrixGameSolution> solved = solve_matrix_game(rows, K, U, false, Deadline{}, "a minmax LP");
  if (!solved) solved = solve_matrix_game(rows, K, U, true, Deadline{}, "a minmax LP");
  if (!solved) throw std::runtime_error("minmax LP failed");
  if (y) *y = std::move(solved->column);
  if (x) *x = std::move(solved->row);
  return solved->value;
}

// Player p's payoff range, or 1 when it is 0: the unit of its tolerances.
double payoff_unit(const NormalFormGame& g, std::size_t player) {
  const auto table = g.payoff_table(player);
  const auto [lo, hi] = std::minmax_element(table.begin(), table.end());
  return *hi > *lo ? *hi - *lo : 1.0;
}

// The player's best-reply value (and action) against a mixed profile of the others.
double best_reply_value(const NormalFormGame& g, const MixedProfile& prof, std::size_t player, std::size_t* best) {
  const std::vector<double> values = g.action_values(prof, player);
  const auto it = std::max_element(values.begin(), values.end());
  if (best) *best = static_cast<std::size_t>(it - values.begin());
  return *it;
}

}  // namespace

MinmaxValue pure_minmax(const NormalFormGame& g, std::size_t player) {
  const std::vector<std::size_t> bases = others_bases(g, player);
  const std::size_t A = g.num_actions(player), s = g.stride(player);
  double best = INFINITY;
  std::size_t best_base = 0, best_reply = 0;
  for (std::size_t base : bases) {
    double m = -INFINITY;
    std::size_t reply = 0;
    for (std::size_t a = 0; a < A; ++a)
      if (g.payoff(player, base + a * s) > m) m = g.payoff(player, base + a * s), reply = a;
    if (m < best) best = m, best_base = base, best_reply = reply;
  }
  MinmaxValue out;
  out.value = out.upper = out.lower = best;
  out.exact = true;
  PureProfile prof = g.profile_actions(best_base);
  prof[player] = best_reply;
  out.punishers = g.pure_to_mixed(prof);
  out.method = "pure";
  return out;
}

MinmaxValue correlated_minmax(const NormalFormGame& g, std::size_t player) {
  const std::vector<std::size_t> bases = others_bases(g, player);
  const std::size_t A = g.num_actions(player), K = bases.size(), s = g.stride(player);
  std::vector<double> U(A * K);
  for (std::size_t a = 0; a < A; ++a)
    for (std::size_t k = 0; k < K; ++k) U[a * K + k] = g.payoff(player, bases[k] + a * s);
  MinmaxValue out;
  out.value = out.lower = out.upper = lp_minmax(U, A, K, &out.correlated, &out.guarantee);
  out.exact = true;
  out.method = "correlated-lp";
  // Marginals of the joint as a (not necessarily equivalent) independent description.
  out.punishers.assign(g.num_players(), {});
  for (std::size_t q = 0; q < g.num_players(); ++q) out.punishers[q].assign(g.num_actions(q), 0.0);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t q = 0; q < g.num_players(); ++q)
      if (q != player) out.punishers[q][g.action_of(bases[k], q)] += out.correlated[k];
  return out;
}

MinmaxValue mixed_minmax(const NormalFormGame& g, std::size_t player, const MinmaxOptions& options) {
  const std::size_t n = g.num_players();
  if (n == 1) return pure_minmax(g, player);
  if (n == 2) {
    MinmaxValue c = correlated_minmax(g, player);  // with one punisher, correlation is moot
    c.method = "lp";
    c.correlated.clear();
    std::size_t reply;
    best_reply_value(g, c.punishers, player, &reply);
    c.punishers[player].assign(g.num_actions(player), 0.0);
    c.punishers[player][reply] = 1.0;
    return c;
  }
  const double scale = payoff_unit(g, player);  // the punished player's own units
  const MinmaxValue corr = correlated_minmax(g, player);
  const MinmaxValue pure = pure_minmax(g, player);
  MinmaxValue out;
  out.method = "grid+lp";
  out.lower = corr.value;
  out.guarantee = corr.guarantee;  // secures corr.value against correlated punishers, so against independent ones
  out.upper = pure.value;
  out.punishers = pure.punishers;
  // Punishers but the last are gridded; the last one's mixture comes from an LP.
  std::vector<std::size_t> gridded;
  std::size_t last = n;
  for (std::size_t q = 0; q < n; ++q)
    if (q != player) gridded.push_back(q), last = q;
  gridded.pop_back();
  auto simplex_points = [](std::size_t dim, std::size_t r) {
    // Binomial(r + dim - 1, dim - 1).
    double c = 1;
    for (std::size_t i = 1; i < dim; ++i) c = c * static_cast<double>(r + i) / static_cast<double>(i);
    return c;
  };
  std::size_t r = std::max<std::size_t>(options.grid, 1);
  auto total = [&](std::size_t res) {
    double t = 1;
    for (std::size_t q : gridded) t *= simplex_points(g.num_actions(q), res);
    return t;
  };
  while (r > 1 && total(r) > static_cast<double>(options.max_grid_points)) --r;
  const bool grid_ok = total(r) <= static_cast<double>(options.max_grid_points);
  if (grid_ok) {
    MixedProfile prof(n);
    for (std::size_t q = 0; q < n; ++q) prof[q].assign(g.num_actions(q), 0.0);
    const std::size_t A = g.num_actions(player), L = g.num_actions(last);
    std::vector<double> U(A * L), y;
    std::function<void(std::size_t)> rec;
    std::vector<std::size_t> counts;
    // Enumerates compositions of r into num_actions parts for each gridded player.
    std::function<void(std::size_t, std::size_t, std::size_t)> compose;
    std::size_t evaluated = 0;
    auto evaluate = [&]() {
      if (options.deadline.expired())
        options.deadline.fail("bounding player " + std::to_string(player + 1) + "'s minmax value on a grid: " +
                              std::to_string(evaluated) + " of " + std::to_string(static_cast<std::size_t>(total(r))) +
                              " grid points done; nothing is reported");
      ++evaluated;
      // U[a][l] = expected u_i(a, l, gridded mixtures).
      std::fill(U.begin(), U.end(), 0.0);
      for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
        double w = 1;
        for (std::size_t q : gridded) {
          w *= prof[q][g.action_of(idx, q)];
          if (w == 0) break;
        }
        if (w == 0) continue;
        U[g.action_of(idx, player) * L + g.action_of(idx, last)] += w * g.payoff(player, idx);
      }
      const double v = lp_minmax(U, A, L, &y);
      if (v < out.upper - 1e-12 * scale) {
        out.upper = v;
        out.punishers = prof;
        out.punishers[last] = y;
      }
    };
    compose = [&](std::size_t gi, std::size_t a, std::size_t left) {
      if (gi == gridded.size()) {
        evaluate();
        return;
      }
      const std::size_t q = gridded[gi], An = g.num_actions(q);
      if (a + 1 == An) {
        prof[q][a] = static_cast<double>(left) / static_cast<double>(r);
        compose(gi + 1, 0, r);
        return;
      }
      for (std::size_t c = 0; c <= left; ++c) {
        prof[q][a] = static_cast<double>(c) / static_cast<double>(r);
        compose(gi, a + 1, left - c);
      }
    };
    compose(0, 0, r);
  }
  std::size_t reply;
  out.value = best_reply_value(g, out.punishers, player, &reply);
  out.upper = out.value;
  out.punishers[player].assign(g.num_actions(player), 0.0);
  out.punishers[player][reply] = 1.0;
  out.exact = out.upper - out.lower <= 1e-9 * scale;
  return out;
}

std::optional<std::string> minmax_certificate_error(const NormalFormGame& g, std::size_t player,
                                                    const MinmaxValue& m, double rel_tol) {
  const std::size_t n = g.num_players();
  const double tol = rel_tol * payoff_unit(g, player) + regret_tolerances(g, 0.0)[player];
  auto distribution_error = [&](const std::vector<double>& x, std::size_t actions, const std::string& what)
      -> std::optional<std::string> {
    if (x.size() != actions) return what + " has " + std::to_string(x.size()) + " entries, not " + std::to_string(actions);
    double sum = 0;
    for (double v : x) {
      if (!(v >= 0)) return what + " has a negative or NaN probability";
      sum += v;
    }
    if (std::abs(sum - 1) > 1e-9) return what + " sums to " + std::to_string(sum);
    return std::nullopt;
  };
  if (m.punishers.size() != n) return "the punishing profile has the wrong number of players";
  for (std::size_t q = 0; q < n; ++q)
    if (auto e = distribution_error(m.punishers[q], g.num_actions(q), "player " + std::to_string(q + 1) + "'s punishment"))
      return e;
  // The value is what the player gets by best-responding to the punishers.
  const std::vector<double> values = g.action_values(m.punishers, player);
  const double best = *std::max_element(values.begin(), values.end());
  if (!(std::abs(best - m.value) <= tol))
    return "the best reply to the punishers pays " + std::to_string(best) + ", not the reported " +
           std::to_string(m.value);
  if (!(m.upper >= m.value - tol)) return "the upper bound is below the value";
  if (!(m.lower <= m.upper + tol)) return "the lower bound exceeds the upper bound";
  // The lower bound is what the guarantee secures against every pure profile
  // of the others (so against every mixture, correlated or not).
  if (m.guarantee.empty()) {
    if (m.lower != m.upper) return "bounds differ but no guarantee strategy certifies the lower one";
    return std::nullopt;  // pure_minmax: value = upper = lower, checked above
  }
  if (auto e = distribution_error(m.guarantee, g.num_actions(player), "the guarantee")) return e;
  double secured = INFINITY;
  const std::size_t s = g.stride(player);
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    if (g.action_of(idx, player) != 0) continue;
    double v = 0;
    for (std::size_t a = 0; a < g.num_actions(player); ++a) v += m.guarantee[a] * g.payoff(player, idx + a * s);
    secured = std::min(secured, v);
  }
  if (!(secured >= m.lower - tol))
    return "the guarantee secures only " + std::to_string(secured) + ", below the lower bound " + std::to_string(m.lower);
  if (m.exact && !(m.upper - m.lower <= tol + 1e-9 * payoff_unit(g, player)))
    return "marked exact but the bounds differ by " + std::to_string(m.upper - m.lower);
  return std::nullopt;
}

}  // namespace negsim
