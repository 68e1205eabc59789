#include "sim/bargain/axiomatic.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/solve/linear_program.hpp"

namespace negsim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<double> weights_or_ones(const std::vector<double>& weights, std::size_t n) {
  if (weights.empty()) return std::vector<double>(n, 1.0);
  if (weights.size() != n) throw std::invalid_argument("one bargaining weight per player");
  for (double w : weights)
    if (!(w > 0)) throw std::invalid_argument("bargaining weights must be positive");
  return weights;
}

void check_inputs(const DiscreteDealSpace& deals, const std::vector<double>& d) {
  deals.validate();
  if (d.size() != deals.num_players) throw std::invalid_argument("one disagreement payoff per player");
}

double log_product(const double* u, const std::vector<double>& d, const std::vector<double>& w) {
  double total = 0;
  for (std::size_t p = 0; p < d.size(); ++p) {
    const double gain = u[p] - d[p];
    if (!(gain > 0)) return -kInf;
    total += w[p] * std::log(gain);
  }
  return total;
}

// max  sum_p objective[p] * U_p + objective_t * t
// s.t. U_p + extra[p] * t >= lower[p] (p < n),  U = sum_i lambda_i u_i,
//      sum_i lambda_i = 1, lambda >= 0, t free (unused if all extra and objective_t are 0).
struct HullLp {
  bool ok = false;
  double objective = 0;
  std::vector<double> lambda;
  double t = 0;
};

HullLp solve_hull_lp(const DiscreteDealSpace& deals, const std::vector<double>& objective, double objective_t,
                     const std::vector<double>& extra, const std::vector<double>& lower) {
  const int n = static_cast<int>(deals.num_players), D = static_cast<int>(deals.num_deals());
  // Rows 0..n-1: U_p + extra[p] t >= lower[p]; row n: sum lambda = 1. Columns: lambda (D), then t.
  LinearProgram lp(static_cast<std::size_t>(n) + 1, static_cast<std::size_t>(D) + 1, LpSense::Maximize);
  for (int p = 0; p < n; ++p) lp.set_row_bounds(p, LpBounds::at_least(lower[p]));
  lp.set_row_bounds(n, LpBounds::fixed(1.0));
  LpMatrix entries;
  for (int i = 0; i < D; ++i) {
    double c = 0;
    for (int p = 0; p < n; ++p) {
      const double u = deals.utility(p, i);
      c += objective[p] * u;
      if (u != 0) entries.add(p, i, u);
    }
    lp.set_objective(i, c);
    entries.add(n, i, 1.0);
  }
  lp.set_column_bounds(D, LpBounds::free());
  lp.set_objective(D, objective_t);
  for (int p = 0; p < n; ++p)
    if (extra[p] != 0) entries.add(p, D, extra[p]);
  lp.set_matrix(entries);
  LpSolveOptions options;
  options.presolve = true;
  const LpSolution& solution = lp.solve(options);
  HullLp result;
  if (solution.optimal()) {
    result.ok = true;
    result.objective = solution.objective;
    result.lambda.resize(D);
    for (int i = 0; i < D; ++i) result.lambda[i] = std::max(0.0, solution.primal[i]);
    result.t = solution.primal[D];
  }
  return result;
}

std::vector<std::pair<std::size_t, double>> lottery_of(const std::vector<double>& lambda) {
  std::vector<std::pair<std::size_t, double>> lottery;
  double total = 0;
  for (std::size_t i = 0; i < lambda.size(); ++i)
    if (lambda[i] > 1e-12) lottery.emplace_back(i, lambda[i]), total += lambda[i];
  for (auto& [i, prob] : lottery) prob /= total;
  return lottery;
}

std::vector<double> lottery_utilities(const DiscreteDealSpace& deals,
                                      const std::vector<std::pair<std::size_t, double>>& lottery) {
  std::vector<double> u(deals.num_players, 0.0);
  for (const auto& [i, prob] : lottery)
    for (std::size_t p = 0; p < u.size(); ++p) u[p] += prob * deals.utility(p, i);
  return u;
}

double scale_of(const DiscreteDealSpace& deals, const std::vector<double>& d) {
  double scale = 1.0;
  for (double u : deals.utilities) scale = std::max(scale, std::abs(u));
  for (double x : d) scale = std::max(scale, std::abs(x));
  return scale;
}

// Two players: the Pareto part of the convex hull's upper chain, as deal indices.
std::vector<std::size_t> pareto_hull_chain(const DiscreteDealSpace& deals) {
  std::vector<std::size_t> order(deals.num_deals());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double a1 = deals.utility(0, a), b1 = deals.utility(0, b);
    if (a1 != b1) return a1 < b1;
    return deals.utility(1, a) < deals.utility(1, b);
  });
  auto cross = [&](std::size_t o, std::size_t a, std::size_t b) {
    return (deals.utility(0, a) - deals.utility(0, o)) * (deals.utility(1, b) - deals.utility(1, o)) -
           (deals.utility(1, a) - deals.utility(1, o)) * (deals.utility(0, b) - deals.utility(0, o));
  };
  std::vector<std::size_t> upper;
  for (std::size_t i : order) {
    while (upper.size() >= 2 && cross(upper[upper.size() - 2], upper.back(), i) >= 0) upper.pop_back();
    upper.push_back(i);
  }
  // Keep from the highest-u2 vertex (the rightmost such) to the end.
  std::size_t start = 0;
  for (std::size_t k = 0; k < upper.size(); ++k)
    if (deals.utility(1, upper[k]) >= deals.utility(1, upper[start])) start = k;
  return {upper.begin() + static_cast<std::ptrdiff_t>(start), upper.end()};
}

}  // namespace

AxiomaticSolution nash_solution_discrete(const DiscreteDealSpace& deals, const std::vector<double>& disagreement,
                                         const std::vector<double>& weights) {
  check_inputs(deals, disagreement);
  const auto w = weights_or_ones(weights, deals.num_players);
  AxiomaticSolution best;
  double best_min_gain = -kInf;
  for (std::size_t i = 0; i < deals.num_deals(); ++i) {
    const double* u = deals.deal_utilities(i);
    const double value = log_product(u, disagreement, w);
    if (value == -kInf) continue;
    double min_gain = kInf;
    for (std::size_t p = 0; p < disagreement.size(); ++p) min_gain = std::min(min_gain, u[p] - disagreement[p]);
    const double eps = 1e-12 * std::max(1.0, std::abs(best.nash_product));
    if (!best.exists || value > best.nash_product + eps ||
        (value >= best.nash_product - eps && min_gain > best_min_gain)) {
      best.exists = true;
      best.nash_product = value;
      best.deal = i;
      best.utilities.assign(u, u + disagreement.size());
      best_min_gain = min_gain;
    }
  }
  if (!best.exists) best.note = "no deal gives every player more than its disagreement payoff";
  return best;
}

AxiomaticSolution nash_solution_lotteries(const DiscreteDealSpace& deals, const std::vector<double>& disagreement,
                                          const std::vector<double>& weights) {
  check_inputs(deals, disagreement);
  const std::size_t n = deals.num_players;
  const auto w = weights_or_ones(weights, n);
  AxiomaticSolution best;
  best.nash_product = -kInf;
  if (n == 2) {
    const auto chain = pareto_hull_chain(deals);
    auto consider = [&](std::size_t a, std::size_t b, double lambda) {
      double u[2];
      for (std::size_t p = 0; p < 2; ++p)
        u[p] = (1 - lambda) * deals.utility(p, a) + lambda * deals.utility(p, b);
      const double value = log_product(u, disagreement, w);
      if (value > best.nash_product) {
        best.exists = true;
        best.nash_product = value;
        best.utilities = {u[0], u[1]};
        best.lottery.clear();
        if (lambda < 1) best.lottery.emplace_back(a, 1 - lambda);
        if (lambda > 0 && b != a) best.lottery.emplace_back(b, lambda);
        if (lambda > 0 && b == a) best.lottery = {{a, 1.0}};
      }
    };
    for (std::size_t k = 0; k < chain.size(); ++k) consider(chain[k], chain[k], 0.0);
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      const std::size_t a = chain[k], b = chain[k + 1];
      const double c1 = deals.utility(0, b) - deals.utility(0, a), c2 = deals.utility(1, b) - deals.utility(1, a);
      const double a1 = deals.utility(0, a) - disagreement[0], a2 = deals.utility(1, a) - disagreement[1];
      if (c1 == 0 || c2 == 0) continue;  // the optimum of a monotone edge is at a vertex
      // d/dlambda [w1 log(a1 + l c1) + w2 log(a2 + l c2)] = 0.
      const double lambda = -(w[0] * c1 * a2 + w[1] * c2 * a1) / ((w[0] + w[1]) * c1 * c2);
      if (lambda > 0 && lambda < 1) consider(a, b, lambda);
    }
  } else {
    // Start from the most strictly individually rational lottery.
    const double scale = scale_of(deals, disagreement);
    const HullLp start = solve_hull_lp(deals, std::vector<double>(n, 0.0), 1.0, std::vector<double>(n, -1.0),
                                       disagreement);
    if (!start.ok || !(start.t > 1e-12 * scale)) {
      best.note = "no lottery gives every player more than its disagreement payoff";
      return best;
    }
    std::vector<double> lambda = start.lambda;
    const std::size_t D = deals.num_deals();
    std::vector<double> U(n, 0.0), grad(D);
    auto recompute = [&] {
      std::fill(U.begin(), U.end(), 0.0);
      for (std::size_t i = 0; i < D; ++i)
        if (lambda[i] > 0)
          for (std::size_t p = 0; p < n; ++p) U[p] += lambda[i] * deals.utility(p, i);
    };
    recompute();
    const double w_total = std::accumulate(w.begin(), w.end(), 0.0);
    std::size_t it = 0;
    for (; it < 200000; ++it) {
      std::size_t s = 0, a = D;
      double gap = 0, mean = 0;
      for (std::size_t i = 0; i < D; ++i) {
        double g = 0;
        for (std::size_t p = 0; p < n; ++p) g += w[p] * deals.utility(p, i) / (U[p] - disagreement[p]);
        grad[i] = g;
        mean += lambda[i] * g;
        if (g > grad[s]) s = i;
        if (lambda[i] > 0 && (a == D || g < grad[a])) a = i;
      }
      gap = grad[s] - mean;
      if (gap <= 1e-13 * w_total || s == a) break;
      std::vector<double> delta(n);
      for (std::size_t p = 0; p < n; ++p) delta[p] = deals.utility(p, s) - deals.utility(p, a);
      auto slope = [&](double g) {
        double total = 0;
        for (std::size_t p = 0; p < n; ++p) total += w[p] * delta[p] / (U[p] - disagreement[p] + g * delta[p]);
        return total;
      };
      double hi = lambda[a];
      for (std::size_t p = 0; p < n; ++p)  // stay strictly individually rational
        if (delta[p] < 0) hi = std::min(hi, (1 - 1e-12) * (U[p] - disagreement[p]) / -delta[p]);
      double step;
      if (slope(hi) >= 0) {
        step = hi;
      } else {
        double lo = 0;
        for (int k = 0; k < 200 && hi - lo > 0; ++k) {
          const double mid = 0.5 * (lo + hi);
          if (mid == lo || mid == hi) break;
          (slope(mid) > 0 ? lo : hi) = mid;
        }
        step = 0.5 * (lo + hi);
      }
      lambda[a] = step >= lambda[a] ? 0.0 : lambda[a] - step;
      lambda[s] += step;
      recompute();
    }
    best.iterations = it;
    best.exists = true;
    best.lottery = lottery_of(lambda);
    best.utilities = lottery_utilities(deals, best.lottery);
    best.nash_product = log_product(best.utilities.data(), disagreement, w);
  }
  if (!best.exists) best.note = "no lottery gives every player more than its disagreement payoff";
  return best;
}

AxiomaticSolution kalai_smorodinsky_discrete(const DiscreteDealSpace& deals,
                                             const std::vector<double>& disagreement) {
  check_inputs(deals, disagreement);
  const std::size_t n = deals.num_players;
  std::vector<double> ideal(n, -kInf);
  for (std::size_t i = 0; i < deals.num_deals(); ++i) {
    const double* u = deals.deal_utilities(i);
    bool rational = true;
    for (std::size_t p = 0; p < n; ++p) rational = rational && u[p] >= disagreement[p];
    if (rational)
      for (std::size_t p = 0; p < n; ++p) ideal[p] = std::max(ideal[p], u[p]);
  }
  AxiomaticSolution best;
  if (ideal[0] == -kInf) {
    best.note = "no deal gives every player at least its disagreement payoff";
    return best;
  }
  double best_score = -kInf, best_total = -kInf;
  for (std::size_t i = 0; i < deals.num_deals(); ++i) {
    const double* u = deals.deal_utilities(i);
    double score = kInf, total = 0;
    bool rational = true;
    for (std::size_t p = 0; p < n; ++p) {
      rational = rational && u[p] >= disagreement[p];
      total += u[p] - disagreement[p];
      if (ideal[p] > disagreement[p]) score = std::min(score, (u[p] - disagreement[p]) / (ideal[p] - disagreement[p]));
    }
    if (!rational) continue;
    if (score > best_score + 1e-12 || (score >= best_score - 1e-12 && total > best_total)) {
      best.exists = true;
      best.deal = i;
      best.utilities.assign(u, u + n);
      best_score = score, best_total = total;
    }
  }
  return best;
}

AxiomaticSolution kalai_smorodinsky_lotteries(const DiscreteDealSpace& deals,
                                              const std::vector<double>& disagreement) {
  check_inputs(deals, disagreement);
  const std::size_t n = deals.num_players;
  AxiomaticSolution best;
  std::vector<double> ideal(n);
  for (std::size_t p = 0; p < n; ++p) {
    std::vector<double> objective(n, 0.0);
    objective[p] = 1.0;
    const HullLp lp = solve_hull_lp(deals, objective, 0.0, std::vector<double>(n, 0.0), disagreement);
    if (!lp.ok) {
      best.note = "no lottery gives every player at least its disagreement payoff";
      return best;
    }
    ideal[p] = lp.objective;
  }
  std::vector<double> extra(n), span(n);
  for (std::size_t p = 0; p < n; ++p) span[p] = ideal[p] - disagreement[p], extra[p] = -span[p];
  const HullLp lp = solve_hull_lp(deals, std::vector<double>(n, 0.0), 1.0, extra, disagreement);
  if (!lp.ok) {
    best.note = "the Kalai-Smorodinsky linear program failed";
    return best;
  }
  const double tol = 1e-9 * scale_of(deals, disagreement);
  best.ideal = ideal;
  best.kalai_smorodinsky_point.resize(n);
  for (std::size_t p = 0; p < n; ++p) best.kalai_smorodinsky_point[p] = disagreement[p] + lp.t * span[p];
  // Normalised gains; players whose ideal is their disagreement payoff get
  // exactly d_p from every individually rational lottery and do not count.
  auto weight = [&](std::size_t p) { return span[p] > tol ? 1.0 / span[p] : 0.0; };
  // Is the KS point itself a lottery? Least normalised excess over it.
  std::vector<double> minus_excess(n);
  for (std::size_t p = 0; p < n; ++p) minus_excess[p] = -weight(p);
  const HullLp on_line = solve_hull_lp(deals, minus_excess, 0.0, std::vector<double>(n, 0.0),
                                       best.kalai_smorodinsky_point);
  double excess = on_line.ok ? 0.0 : kInf;
  if (on_line.ok) {
    const std::vector<double> u = lottery_utilities(deals, lottery_of(on_line.lambda));
    for (std::size_t p = 0; p < n; ++p) excess = std::max(excess, std::abs(u[p] - best.kalai_smorodinsky_point[p]));
  }
  std::vector<double> lambda;
  if (excess <= tol) {
    best.ks_variant = KalaiSmorodinskyVariant::kExact;
    lambda = on_line.lambda;
  } else {
    // Lexicographic max-min of the normalised gains: raise the common level
    // of the players not yet fixed; fix those that cannot go above it.
    best.ks_variant = KalaiSmorodinskyVariant::kLexicographicMaxMin;
    std::vector<char> fixed(n, 0);
    std::vector<double> lower = disagreement;  // fixed players: their floor
    for (std::size_t p = 0; p < n; ++p)
      if (weight(p) == 0) fixed[p] = 1;
    lambda = lp.lambda;
    for (std::size_t round = 0; round < n && std::count(fixed.begin(), fixed.end(), 0) > 0; ++round) {
      std::vector<double> level_extra(n, 0.0);
      for (std::size_t p = 0; p < n; ++p)
        if (!fixed[p]) level_extra[p] = extra[p];
      const HullLp level = solve_hull_lp(deals, std::vector<double>(n, 0.0), 1.0, level_extra, lower);
      if (!level.ok) break;
      lambda = level.lambda;
      std::vector<double> floor = lower;
      for (std::size_t p = 0; p < n; ++p)
        if (!fixed[p]) floor[p] = disagreement[p] + level.t * span[p];
      std::size_t newly_fixed = 0;
      for (std::size_t p = 0; p < n; ++p) {
        if (fixed[p]) continue;
        std::vector<double> objective(n, 0.0);
        objective[p] = 1.0;
        const HullLp up = solve_hull_lp(deals, objective, 0.0, std::vector<double>(n, 0.0), floor);
        if (!up.ok || up.objective <= floor[p] + tol) fixed[p] = 2, ++newly_fixed;
      }
      if (newly_fixed == 0)  // rounding: no one can rise measurably
        for (std::size_t p = 0; p < n; ++p) fixed[p] = fixed[p] ? fixed[p] : 2;
      for (std::size_t p = 0; p < n; ++p)
        if (fixed[p] == 2) fixed[p] = 1, lower[p] = floor[p];
    }
    // Every player is at its lexicographic floor: any lottery meeting all
    // floors (the most total normalised gain among them) is the solution.
    std::vector<double> gain(n);
    for (std::size_t p = 0; p < n; ++p) gain[p] = weight(p);
    const HullLp final_lp = solve_hull_lp(deals, gain, 0.0, std::vector<double>(n, 0.0), lower);
    if (final_lp.ok) lambda = final_lp.lambda;
    best.note = "no lottery gives exactly the Kalai-Smorodinsky point (it is reached only by throwing utility "
                "away); reported: the lexicographic max-min lottery of normalised gains (Imai 1983), which "
                "gives every player at least its Kalai-Smorodinsky utility";
  }
  best.exists = true;
  best.lottery = lottery_of(lambda);
  best.utilities = lottery_utilities(deals, best.lottery);
  return best;
}

const char* ks_variant_name(KalaiSmorodinskyVariant variant) {
  switch (variant) {
    case KalaiSmorodinskyVariant::kExact: return "exact";
    case KalaiSmorodinskyVariant::kLexicographicMaxMin: return "lexicographic max-min";
    case KalaiSmorodinskyVariant::kNotApplicable: break;
  }
  return "";
}

namespace {

// Largest u1 in [lo, hi] with value(u1) >= level (value decreasing).
double frontier_reach(const ParetoFrontier2& f, double lo, double hi, double level) {
  if (f.value(hi) >= level) return hi;
  for (int k = 0; k < 300; ++k) {
    const double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi) break;
    (f.value(mid) >= level ? lo : hi) = mid;
  }
  return lo;
}

// Root of a decreasing function on (lo, hi) by bisection to machine precision.
template <class F>
double decreasing_root(F&& g, double lo, double hi) {
  for (int k = 0; k < 300; ++k) {
    const double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi) break;
    (g(mid) > 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

AxiomaticSolution nash_solution_frontier(const ParetoFrontier2& frontier, const std::vector<double>& d,
                                         const std::vector<double>& weights) {
  if (d.size() != 2) throw std::invalid_argument("a frontier problem has 2 players");
  if (!frontier.slope) throw std::invalid_argument("the Nash solution on a frontier needs its slope");
  const auto w = weights_or_ones(weights, 2);
  AxiomaticSolution sol;
  const double lo = std::max(frontier.u1_min, d[0]);
  if (!(lo < frontier.u1_max) || !(frontier.value(lo) > d[1])) {
    sol.note = "no frontier point gives both players more than the disagreement point";
    return sol;
  }
  const double hi = frontier_reach(frontier, lo, frontier.u1_max, d[1]);
  auto foc = [&](double u1) {
    const double g1 = u1 - d[0], g2 = frontier.value(u1) - d[1];
    if (g1 <= 0) return kInf;
    if (g2 <= 0) return -kInf;
    return w[0] / g1 + w[1] * frontier.slope(u1) / g2;
  };
  const double u1 = foc(hi) >= 0 ? hi : decreasing_root(foc, lo, hi);
  sol.exists = true;
  sol.utilities = {u1, frontier.value(u1)};
  sol.nash_product = w[0] * std::log(u1 - d[0]) + w[1] * std::log(sol.utilities[1] - d[1]);
  return sol;
}

AxiomaticSolution kalai_smorodinsky_frontier(const ParetoFrontier2& frontier, const std::vector<double>& d) {
  if (d.size() != 2) throw std::invalid_argument("a frontier problem has 2 players");
  AxiomaticSolution sol;
  const double lo = std::max(frontier.u1_min, d[0]);
  if (!(lo <= frontier.u1_max) || !(frontier.value(lo) >= d[1])) {
    sol.note = "no frontier point gives both players at least the disagreement point";
    return sol;
  }
  const double ideal1 = frontier_reach(frontier, lo, frontier.u1_max, d[1]);
  const double ideal2 = frontier.value(lo);
  auto g = [&](double u1) {
    const double r1 = ideal1 > d[0] ? (u1 - d[0]) / (ideal1 - d[0]) : 0.0;
    const double r2 = ideal2 > d[1] ? (frontier.value(u1) - d[1]) / (ideal2 - d[1]) : 0.0;
    return r2 - r1;
  };
  const double u1 = decreasing_root(g, lo, ideal1);
  sol.exists = true;
  sol.utilities = {u1, frontier.value(u1)};
  return sol;
}

}  // namespace negsim
