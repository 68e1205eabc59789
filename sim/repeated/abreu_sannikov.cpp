#include "sim/repeated/abreu_sannikov.hpp"

#include <algorithm>
#include <cmath>

#include "sim/repeated/payoff_units.hpp"

namespace negsim {

PayoffSetResult abreu_sannikov(const NormalFormGame& game, double delta,
                               const PayoffSetOptions& options) {
  if (game.num_players() != 2) throw std::invalid_argument("Abreu-Sannikov needs a 2-player stage game");
  // The AS operator acts on each coordinate separately (quadrants, hulls), so
  // it commutes with a positive affine change of each player's payoffs: iterate
  // in per-player normalised coordinates, where every tolerance below is
  // relative to each player's own range, and map the result back.
  const PayoffUnits units = PayoffUnits::of(game);
  const NormalFormGame stage = units.normalise(game);
  if (stage.num_players() != 2) throw std::invalid_argument("Abreu-Sannikov needs a 2-player stage game");
  if (!(delta > 0 && delta < 1)) throw std::invalid_argument("Abreu-Sannikov needs 0 < delta < 1");
  const std::size_t P = stage.num_profiles();
  const std::size_t n0 = stage.num_actions(0);
  const double eps = 1e-11;  // geometric tolerance (incentive and containment tests), in ranges
  const double tol = options.tol;

  // Stage payoffs and best-deviation gains of each profile.
  std::vector<Point2> g(P), dev(P);
  for (std::size_t idx = 0; idx < P; ++idx) {
    g[idx] = {stage.payoff(0, idx), stage.payoff(1, idx)};
    const std::size_t i = idx % n0, j = idx / n0;
    double best0 = -INFINITY, best1 = -INFINITY;
    for (std::size_t a = 0; a < n0; ++a) best0 = std::max(best0, stage.payoff(0, a + j * n0));
    for (std::size_t b = 0; b < stage.num_actions(1); ++b) best1 = std::max(best1, stage.payoff(1, i + b * n0));
    dev[idx] = {best0 - g[idx][0], best1 - g[idx][1]};
  }
  const double ratio = (1 - delta) / delta;

  PayoffSetResult result;
  std::vector<Point2> W = convex_hull(g, eps * 1e-2);
  std::vector<Point2> generated;
  generated.reserve(4 * P + 4);
  for (std::size_t iter = 1; iter <= options.max_iter; ++iter) {
    if (options.deadline.expired())
      options.deadline.fail("computing the SPE payoff set (Abreu-Sannikov): " + std::to_string(iter - 1) +
                            " iterations done, not converged; nothing is reported");
    Point2 punish{INFINITY, INFINITY};
    for (const Point2& w : W) punish = {std::min(punish[0], w[0]), std::min(punish[1], w[1])};
    generated.clear();
    for (std::size_t idx = 0; idx < P; ++idx) {
      const Point2 h{punish[0] + ratio * dev[idx][0], punish[1] + ratio * dev[idx][1]};
      if (g[idx][0] >= h[0] - eps && g[idx][1] >= h[1] - eps && polygon_contains(W, g[idx], eps)) {
        generated.push_back(g[idx]);
        continue;
      }
      // Extreme points of W ∩ {w >= h} on the boundary of the quadrant.
      std::vector<Point2> clipped = clip_half_plane(W, 1, 0, h[0], eps);
      clipped = clip_half_plane(clipped, 0, 1, h[1], eps);
      for (const Point2& c : clipped) {
        if (c[0] > h[0] + eps && c[1] > h[1] + eps) continue;  // slack: not needed (AS)
        generated.push_back({(1 - delta) * g[idx][0] + delta * c[0], (1 - delta) * g[idx][1] + delta * c[1]});
      }
    }
    if (generated.empty())
      throw NoPureSpeError("no pure-strategy subgame-perfect equilibrium at delta = " +
                           std::to_string(delta) + ": no action profile can be enforced");
    std::vector<Point2> next = convex_hull(generated, eps * 1e-2);
    result.iterations = iter;
    bool same = next.size() == W.size();
    for (std::size_t k = 0; same && k < W.size(); ++k)
      same = std::abs(next[k][0] - W[k][0]) <= tol && std::abs(next[k][1] - W[k][1]) <= tol;
    W.swap(next);
    if (same) {
      result.converged = true;
      break;
    }
  }
  // Report the polygon without near-collinear vertices left by the tolerances.
  // Positive per-axis scaling keeps the order and the lowest-then-leftmost start.
  for (const Point2& w : convex_hull(W, 1e-8)) result.vertices.push_back(units.to_game(w));
  Point2 punish{INFINITY, INFINITY};
  for (const Point2& w : W) punish = {std::min(punish[0], w[0]), std::min(punish[1], w[1])};
  result.punishment = units.to_game(punish);
  return result;
}

}  // namespace negsim
