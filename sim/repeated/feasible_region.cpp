#include "sim/repeated/feasible_region.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/solve/linear_program.hpp"

namespace negsim {

namespace {
// Is there lambda in the simplex with sum_k lambda_k x_k (>= or ==) w ? (GLPK)
bool convex_combination(const std::vector<std::vector<double>>& points, std::span<const double> w,
                        bool at_least, double tol) {
  const std::size_t K = points.size(), n = w.size();
  LinearProgram lp(n + 1, K, LpSense::Minimize);  // lambda >= 0, objective 0
  LpMatrix entries;
  entries.reserve((n + 1) * K);
  for (std::size_t i = 0; i < n; ++i) {
    lp.set_row_bounds(i, at_least ? LpBounds::at_least(w[i] - tol) : LpBounds::between(w[i] - tol, w[i] + tol));
    for (std::size_t k = 0; k < K; ++k) entries.add(i, k, points[k][i]);
  }
  lp.set_row_bounds(n, LpBounds::fixed(1.0));
  for (std::size_t k = 0; k < K; ++k) entries.add(n, k, 1.0);
  lp.set_matrix(entries);
  return lp.solve().optimal();  // objective 0: feasible means optimal
}
}  // namespace

bool FeasibleRegion::contains(std::span<const double> w, double tol) const {
  if (w.size() != num_players) throw std::invalid_argument("payoff vector of the wrong size");
  const std::vector<double> x = units.to_unit(w);  // tol is in each player's range
  for (std::size_t i = 0; i < num_players; ++i)
    if (x[i] < unit_minmax[i] - tol) return false;
  if (num_players == 2) return polygon_contains(unit_feasible_polygon, {x[0], x[1]}, tol);
  return convex_combination(unit_payoff_points, x, false, tol);
}

FeasibleRegion feasible_region(const NormalFormGame& original, MinmaxKind kind, const MinmaxOptions& options) {
  FeasibleRegion r;
  const std::size_t n = original.num_players();
  // Geometry in per-player normalised coordinates (payoff_units.hpp), mapped back.
  r.units = PayoffUnits::of(original);
  const NormalFormGame game = r.units.normalise(original);
  r.num_players = n;
  r.kind = kind;
  for (std::size_t i = 0; i < n; ++i) {
    const MinmaxValue v = kind == MinmaxKind::Pure         ? pure_minmax(game, i)
                          : kind == MinmaxKind::Correlated ? correlated_minmax(game, i)
                                                           : mixed_minmax(game, i, options);
    r.unit_minmax.push_back(v.value);
    r.minmax.push_back(r.units.to_game(i, v.value));
    r.minmax_exact.push_back(v.exact);
  }
  for (std::size_t idx = 0; idx < game.num_profiles(); ++idx) {
    std::vector<double> w(n);
    for (std::size_t i = 0; i < n; ++i) w[i] = game.payoff(i, idx);
    r.unit_payoff_points.push_back(std::move(w));
  }
  std::sort(r.unit_payoff_points.begin(), r.unit_payoff_points.end());
  r.unit_payoff_points.erase(std::unique(r.unit_payoff_points.begin(), r.unit_payoff_points.end()),
                             r.unit_payoff_points.end());
  for (const auto& w : r.unit_payoff_points) {
    std::vector<double> back(n);
    for (std::size_t i = 0; i < n; ++i) back[i] = r.units.to_game(i, w[i]);
    r.payoff_points.push_back(std::move(back));
  }
  const double eps = 1e-12;  // in each player's range
  if (n == 2) {
    std::vector<Point2> pts;
    for (const auto& w : r.unit_payoff_points) pts.push_back({w[0], w[1]});
    r.unit_feasible_polygon = convex_hull(pts, eps);
    std::vector<Point2> clipped = clip_half_plane(r.unit_feasible_polygon, 1, 0, r.unit_minmax[0], eps);
    clipped = clip_half_plane(clipped, 0, 1, r.unit_minmax[1], eps);
    const std::vector<Point2> unit_polygon = convex_hull(clipped, eps);
    for (const Point2& w : r.unit_feasible_polygon) r.feasible_polygon.push_back(r.units.to_game(w));
    for (const Point2& w : unit_polygon) r.polygon.push_back(r.units.to_game(w));
    r.empty = r.polygon.empty();
  } else {
    r.empty = !convex_combination(r.unit_payoff_points, r.unit_minmax, true, eps);
  }
  return r;
}

}  // namespace negsim
