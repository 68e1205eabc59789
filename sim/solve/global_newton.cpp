#include "sim/solve/global_newton.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <unordered_set>
#include <utility>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"
#include "sim/solve/newton_polish.hpp"
#include "sim/solve/path_following.hpp"
#include "sim/solve/payoff_jacobian.hpp"

namespace negsim {

namespace {

// H(z, lambda) = z - r(z) - v(r(z)) - lambda g inside one support cell:
// r is replaced by its affine formula on the cell's supports S_p,
//     r_S(z)_p(a) = z_p(a) - theta_p   (a in S_p),   0 otherwise,
//     theta_p = (sum_{a in S_p} z_p(a) - 1) / |S_p|,
// which agrees with the projection inside the cell and extends it smoothly
// beyond, so each cell's piece of the curve is followed as a smooth curve.
class GnmCellSystem final : public PathSystem {
 public:
  GnmCellSystem(const PayoffJacobian& kernel, std::vector<double> ray)
      : kernel_(kernel),
        k_(kernel.num_strategies()),
        g_(std::move(ray)),
        in_(k_, 0),
        sigma_(k_),
        values_(k_),
        theta_(kernel.num_players()),
        dv_(k_, k_) {}

  std::size_t num_equations() const override { return k_; }
  void set_support(std::vector<char> in) { in_ = std::move(in); }
  const std::vector<char>& support() const { return in_; }
  bool in_support(std::size_t i) const { return in_[i] != 0; }

  // The sum of v over player p's support S_p, and |S_p|.
  std::pair<double, std::size_t> support_sum(const Eigen::VectorXd& v, std::size_t p) const {
    const std::size_t o = kernel_.offset(p), n = kernel_.num_actions(p);
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t a = 0; a < n; ++a)
      if (in_[o + a]) {
        sum += v(o + a);
        ++count;
      }
    return {sum, count};
  }

  // sigma_ = r_S(z) (may be negative outside the cell), theta_ per player.
  void cell_profile(const Eigen::VectorXd& x) {
    for (std::size_t p = 0; p < kernel_.num_players(); ++p) {
      const std::size_t o = kernel_.offset(p), n = kernel_.num_actions(p);
      const auto [sum, count] = support_sum(x, p);
      theta_[p] = (sum - 1.0) / static_cast<double>(count);
      for (std::size_t a = 0; a < n; ++a) sigma_[o + a] = in_[o + a] ? x(o + a) - theta_[p] : 0.0;
    }
  }

  // Signed slack of cell constraint i at x (after cell_profile(x)):
  // sigma_i for i in S, theta_p - z_i otherwise; the cell is where all are >= 0.
  double slack(const Eigen::VectorXd& x, std::size_t p, std::size_t i) const {
    return in_[i] ? sigma_[i] : theta_[p] - x(i);
  }

  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jac) override {
    cell_profile(x);
    kernel_.values_and_jacobian(sigma_.data(), values_.data(), dv_);
    const double lambda = x(k_);
    for (std::size_t i = 0; i < k_; ++i) h(i) = x(i) - sigma_[i] - values_[i] - lambda * g_[i];
    // dH/dz = I - (I + Dv) Dr, Dr block diagonal with (delta_ab - 1/|S|) on S x S.
    jac.setZero();
    Eigen::VectorXd mean(k_);
    for (std::size_t q = 0; q < kernel_.num_players(); ++q) {
      const std::size_t o = kernel_.offset(q), n = kernel_.num_actions(q);
      std::size_t count = 0;
      mean.setZero();
      for (std::size_t b = 0; b < n; ++b)
        if (in_[o + b]) {
          mean += dv_.col(o + b);
          mean(o + b) += 1.0;
          ++count;
        }
      mean /= static_cast<double>(count);
      for (std::size_t b = 0; b < n; ++b) {
        const std::size_t col = o + b;
        if (in_[col]) {
          jac.col(col).head(k_) = mean - dv_.col(col);
          jac(col, col) -= 1.0;
        }
        jac(col, col) += 1.0;
      }
    }
    for (std::size_t i = 0; i < k_; ++i) jac(i, k_) = -g_[i];
  }

  void residual(const Eigen::VectorXd& x, Eigen::VectorXd& h) override {
    cell_profile(x);
    kernel_.values(sigma_.data(), values_.data());
    const double lambda = x(k_);
    for (std::size_t i = 0; i < k_; ++i) h(i) = x(i) - sigma_[i] - values_[i] - lambda * g_[i];
  }

  // Distance along t until a cell constraint's slack reaches zero (the slacks
  // are linear in z), so predictor steps end just past the cell boundary.
  double piece_limit(const Eigen::VectorXd& x, const Eigen::VectorXd& t) override {
    cell_profile(x);
    double limit = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < kernel_.num_players(); ++p) {
      const std::size_t o = kernel_.offset(p), n = kernel_.num_actions(p);
      const auto [rate_sum, count] = support_sum(t, p);
      const double rate_theta = rate_sum / static_cast<double>(count);
      for (std::size_t a = 0; a < n; ++a) {
        const std::size_t i = o + a;
        const double rate = in_[i] ? t(i) - rate_theta : rate_theta - t(i);
        const double s = slack(x, p, i);
        if (rate < 0 && s > 0) limit = std::min(limit, s / -rate);
      }
    }
    return limit;
  }

  const std::vector<double>& sigma() const { return sigma_; }
  const std::vector<double>& theta() const { return theta_; }

 private:
  const PayoffJacobian& kernel_;
  std::size_t k_;
  std::vector<double> g_;
  std::vector<char> in_;
  std::vector<double> sigma_, values_, theta_;
  Eigen::MatrixXd dv_;
};

struct RayResult {
  std::vector<MixedProfile> crossings;
  std::string failure;
  PathEndReason end = PathEndReason::equilibrium;  // why the ray ended early, when failure is set
  PathStats stats;
  std::size_t cells = 0;
};

constexpr double kSlackTolerance = 1e-12;

RayResult follow_ray(const NormalFormGame& game, const PayoffJacobian& kernel,
                     const std::vector<double>& g, const Deadline& deadline) {
  RayResult result;
  const std::size_t k = kernel.num_strategies();
  const std::size_t n = game.num_players();
  // Start: the pure profile maximising g, at a lambda where it is a strict
  // equilibrium of the perturbed game with z inside its pure cell.
  std::vector<double> sigma(k, 0.0), values(k);
  std::vector<std::size_t> top(n), bottom(n);
  std::vector<char> in(k, 0);
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t o = kernel.offset(p), m = game.num_actions(p);
    top[p] = static_cast<std::size_t>(std::max_element(g.begin() + o, g.begin() + o + m) - (g.begin() + o));
    bottom[p] = static_cast<std::size_t>(std::min_element(g.begin() + o, g.begin() + o + m) - (g.begin() + o));
    sigma[o + top[p]] = 1.0;
    in[o + top[p]] = 1;
  }
  kernel.values(sigma.data(), values.data());
  double lambda0 = 0.0;
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t o = kernel.offset(p);
    for (std::size_t a = 0; a < game.num_actions(p); ++a) {
      if (a == top[p]) continue;
      const double gap = g[o + top[p]] - g[o + a];
      lambda0 = std::max(lambda0, (values[o + a] - values[o + top[p]]) / gap);
    }
  }
  lambda0 = 1.1 * lambda0 + 0.1;
  Eigen::VectorXd x(k + 1);
  for (std::size_t i = 0; i < k; ++i) x(i) = sigma[i] + values[i] + lambda0 * g[i];
  x(k) = lambda0;

  GnmCellSystem system(kernel, g);
  system.set_support(in);
  PathOptions path;
  path.direction_coordinate = k;
  path.initial_direction = -1;
  path.initial_step = 0.1;
  path.max_step = 1e6;
  path.max_steps = 100000;
  path.min_turn_cosine = 0.0;
  path.deadline = &deadline;
  int orientation = 0;
  bool finished = false;
  PathEnd end = PathEnd::stopped;
  const std::size_t max_cells = 100000;
  std::unordered_set<std::string> visited;
  bool cycled = false;
  while (result.cells < max_cells) {
    ++result.cells;
    if (deadline.expired()) {
      end = PathEnd::time_limit;
      break;
    }
    path.orientation = orientation;
    Eigen::VectorXd previous = x;
    bool first = true;
    std::size_t exit_index = k;
    double exit_fraction = 2.0;
    Eigen::VectorXd exit_from, exit_to;
    end = follow_path(system, x, path, [&](const Eigen::VectorXd& point, const Eigen::VectorXd&) {
      system.cell_profile(point);
      // Did the piece leave the cell? Find the first slack to reach zero on
      // the segment previous -> point (slacks are linear in z).
      double fraction = 2.0;
      std::size_t index = k;
      if (!first) {
        Eigen::VectorXd slack_now(k);
        for (std::size_t p = 0; p < n; ++p)
          for (std::size_t a = 0; a < game.num_actions(p); ++a) {
            const std::size_t i = kernel.offset(p) + a;
            slack_now(i) = system.slack(point, p, i);
          }
        system.cell_profile(previous);
        for (std::size_t p = 0; p < n; ++p)
          for (std::size_t a = 0; a < game.num_actions(p); ++a) {
            const std::size_t i = kernel.offset(p) + a;
            if (slack_now(i) >= -kSlackTolerance) continue;
            const double before = std::max(system.slack(previous, p, i), 0.0);
            const double f = before / (before - slack_now(i));
            if (f < fraction) {
              fraction = f;
              index = i;
            }
          }
      }
      first = false;
      // A crossing of lambda = 0 inside the cell is an equilibrium.
      const double before = previous(k), lambda = point(k);
      if ((before > 0 && lambda <= 0) || (before < 0 && lambda >= 0)) {
        const double f = before / (before - lambda);
        if (f <= fraction) {
          Eigen::VectorXd crossing = previous + f * (point - previous);
          crossing(k) = 0.0;
          const Eigen::VectorXd guess = crossing;
          newton_with_fixed_coordinate(system, crossing, k);
          system.cell_profile(crossing);
          // A crossing next to a cell boundary may belong to the neighbour
          // cell (the segment interpolation is only first order): if the
          // solution violates this cell's constraints, solve again in the
          // cell with those actions toggled.
          std::vector<char> toggled = system.support();
          bool outside = false;
          for (std::size_t p = 0; p < n; ++p)
            for (std::size_t a = 0; a < game.num_actions(p); ++a) {
              const std::size_t i = kernel.offset(p) + a;
              if (system.slack(crossing, p, i) < -kSlackTolerance) {
                toggled[i] = !toggled[i];
                outside = true;
              }
            }
          if (outside) {
            const std::vector<char> here = system.support();
            system.set_support(toggled);
            Eigen::VectorXd retry = guess;
            if (newton_with_fixed_coordinate(system, retry, k)) crossing = retry;
            system.cell_profile(crossing);
            system.set_support(here);
          }
          std::vector<double> s = system.sigma();
          for (double& v : s) v = std::max(v, 0.0);
          result.crossings.push_back(unflatten_profile(game, s.data()));
        }
      }
      if (index < k) {
        exit_index = index;
        exit_fraction = fraction;
        exit_from = previous;
        exit_to = point;
        return false;
      }
      previous = point;
      if (lambda >= 0) return true;
      // Done once the curve is in the pure cell of argmin g and that profile
      // stays a strict equilibrium for every smaller lambda (a straight ray).
      for (std::size_t p = 0; p < n; ++p)
        for (std::size_t a = 0; a < game.num_actions(p); ++a)
          if (system.in_support(kernel.offset(p) + a) != (a == bottom[p])) return true;
      system.cell_profile(point);
      kernel.values(system.sigma().data(), values.data());
      for (std::size_t p = 0; p < n; ++p) {
        const std::size_t o = kernel.offset(p);
        for (std::size_t a = 0; a < game.num_actions(p); ++a)
          if (values[o + bottom[p]] - values[o + a] + lambda * (g[o + bottom[p]] - g[o + a]) < 0)
            return true;
      }
      finished = true;
      return false;
    }, &result.stats);
    orientation = result.stats.orientation;
    if (finished || exit_index == k) break;
    // Move to the neighbouring cell: toggle the action whose slack hit zero,
    // restart from the boundary point, keeping the orientation.
    x = exit_from + exit_fraction * (exit_to - exit_from);
    std::vector<char> next = system.support();
    next[exit_index] = !next[exit_index];
    system.set_support(std::move(next));
    // In degenerate games (several slacks reaching zero at once) the cell
    // walk can close into a loop; stop when a cell is entered again at the
    // same point.
    std::string key(system.support().begin(), system.support().end());
    key += std::to_string(std::llround(x(k) * 1e8));
    if (!visited.insert(std::move(key)).second) {
      cycled = true;
      break;
    }
    path.correct_start = true;
    path.initial_step = std::max(1e-3, 0.5 * (exit_to - exit_from).norm());
  }
  if (cycled) {
    result.failure = "the cell walk closed into a loop (degenerate game) at lambda " + std::to_string(x(k));
    result.end = PathEndReason::cell_loop;
  } else if (!finished) {
    // The callback stops each piece at a cell exit, so a walk still stopped is out of cells.
    result.failure = end == PathEnd::stopped ? "cell limit" : path_end_reason(end);
    result.end = path_end_reason_of(end, PathEndReason::cell_limit);
    result.failure += " at lambda " + std::to_string(x(k));
  }
  return result;
}

}  // namespace

SolveResult global_newton(const NormalFormGame& game, const SolveOptions& options) {
  SolveResult result;
  result.method = "gnm";
  result.complete = false;
  const Deadline deadline = solve_deadline(options);
  const std::vector<double> tol = regret_tolerances(game, options.rel_tol);
  // Rays, crossings and polishing on the unit-range game (equilibrium.hpp):
  // the same equilibria, thresholds that mean the same for every player;
  // candidates are verified on the game itself.
  std::optional<NormalFormGame> rescaled;
  if (!has_unit_ranges(game)) rescaled = unit_range_game(game);
  const NormalFormGame& unit = rescaled ? *rescaled : game;
  // Dense K x K matrices on every ray: refused before allocating (LimitError).
  std::size_t strategies = 0;
  for (std::size_t p = 0; p < game.num_players(); ++p) strategies += game.num_actions(p);
  check_memory_estimate(jacobian_bytes(strategies),
                        "the gnm rays' dense Jacobian matrices (" + std::to_string(strategies) + " x " +
                            std::to_string(strategies) + ", one row per action of every player)");
  // The deadline reaches inside each Jacobian evaluation (seconds each on a
  // game with thousands of players).
  const PayoffJacobian kernel(unit, 1.0, &deadline);
  const std::size_t k = kernel.num_strategies();
  const int starts = std::max(1, options.starts);
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  int started = 0;
  bool cut = false;  // the time limit stopped a ray or kept rays from starting
  for (int start = 0; start < starts; ++start) {
    if (deadline.expired()) {
      cut = true;
      break;
    }
    started = start + 1;
    std::vector<double> g(k);
    double norm = 0.0;
    for (double& v : g) norm += (v = uniform(rng)) * v;
    for (double& v : g) v /= std::sqrt(norm);
    PathRecord record;
    record.start = start;
    RayResult ray;
    try {
      ray = follow_ray(unit, kernel, g, deadline);
    } catch (const LimitError&) {
      if (!deadline.expired()) throw;
      cut = true;  // stopped inside a Jacobian evaluation: nothing of this ray
      record.end = PathEndReason::time_limit;
      result.paths.push_back(record);
      break;
    }
    if (!ray.failure.empty() && ray.end == PathEndReason::time_limit) cut = true;
    if (!ray.failure.empty())
      result.notes.push_back("ray " + std::to_string(start) + ": path ended early (" + ray.failure + ")");
    record.steps = ray.stats.steps;
    const std::size_t rejected_before = result.rejected;
    for (MixedProfile& candidate : ray.crossings) {
      if (!(unit.max_regret(candidate) <= 1e-10)) {
        try {
          if (auto polished = polish_equilibrium(unit, candidate, 1e-10, &deadline)) candidate = std::move(*polished);
        } catch (const LimitError&) {
          if (!deadline.expired()) throw;
          cut = true;  // verified unpolished, as it is
        }
      }
      add_verified_candidate(result, game, std::move(candidate), "gnm", tol);
    }
    // A ray that ended early says why; else whether its crossings verified.
    record.end = !ray.failure.empty()                 ? ray.end
                 : result.rejected > rejected_before ? PathEndReason::not_verified
                                                      : PathEndReason::equilibrium;
    result.paths.push_back(record);
  }
  result.notes.push_back("global Newton: equilibria on " + std::to_string(starts) +
                         " random rays, not necessarily all equilibria");
  if (result.equilibria.empty() && !cut)
    mark_none_verified(result, "no global Newton ray crossed lambda = 0 at a profile that passed the regret check (" +
                                   std::to_string(result.rejected) + " candidates rejected)");
  if (cut)
    mark_limit_reached(result, LimitKind::time, deadline.message("following global Newton rays: " + std::to_string(started) +
                                                " of " + std::to_string(starts) + " rays begun, " +
                                                std::to_string(result.equilibria.size()) +
                                                " verified equilibria found; the list is incomplete"));
  return result;
}

}  // namespace negsim
