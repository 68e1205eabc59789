#include "sim/solve/path_following.hpp"

#include <cmath>
#include <limits>

namespace negsim {

namespace {

// One QR of J^T gives the tangent (last column of Q), the orientation sign
// det [J; t^T] = det(R) det(Q), and the minimum-norm Newton step.
struct Factorization {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr;
  std::size_t k = 0;

  bool compute(const Eigen::MatrixXd& jac) {
    k = static_cast<std::size_t>(jac.rows());
    qr.compute(jac.transpose());
    const auto& m = qr.matrixQR();
    double largest = 0.0;
    for (std::size_t i = 0; i < k; ++i) largest = std::max(largest, std::abs(m(i, i)));
    for (std::size_t i = 0; i < k; ++i)
      if (!(std::abs(m(i, i)) > 1e-14 * std::max(largest, 1e-300))) return false;
    return true;
  }
  // y <- Q y, applying the k reflections one by one: O(k^2). (Eigen's
  // HouseholderSequence switches to a blocked product above 48 rows, which
  // rebuilds an O(k^3) triangular factor for every vector.)
  void apply_q(Eigen::VectorXd& y) const {
    const auto& m = qr.matrixQR();
    const auto& tau = qr.hCoeffs();
    const Eigen::Index rows = m.rows();
    for (Eigen::Index i = static_cast<Eigen::Index>(k) - 1; i >= 0; --i) {
      if (tau(i) == 0.0) continue;
      const Eigen::Index len = rows - i - 1;
      double dot = y(i) + m.col(i).tail(len).dot(y.tail(len));
      dot *= tau(i);
      y(i) -= dot;
      y.tail(len) -= dot * m.col(i).tail(len);
    }
  }
  Eigen::VectorXd tangent() const {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(k + 1);
    e(k) = 1.0;
    apply_q(e);
    return e;
  }
  // Sign of det [J; t^T] for t = tangent().
  int orientation() const {
    int sign = 1;
    const auto& m = qr.matrixQR();
    for (std::size_t i = 0; i < k; ++i)
      if (m(i, i) < 0) sign = -sign;
    for (Eigen::Index i = 0; i < qr.hCoeffs().size(); ++i)
      if (qr.hCoeffs()(i) != 0.0) sign = -sign;  // each proper reflection has det -1
    return sign;
  }
  // Minimum-norm solution dx of J dx = -h.
  Eigen::VectorXd newton_step(const Eigen::VectorXd& h) const {
    const auto r = qr.matrixQR().topLeftCorner(k, k).triangularView<Eigen::Upper>();
    Eigen::VectorXd y = Eigen::VectorXd::Zero(k + 1);
    y.head(k) = r.transpose().solve(-h);
    apply_q(y);
    return y;
  }
};

}  // namespace

PathEnd follow_path(PathSystem& system, Eigen::VectorXd& x, const PathOptions& options,
                    const std::function<bool(const Eigen::VectorXd&, const Eigen::VectorXd&)>& visit,
                    PathStats* stats) {
  PathStats local;
  PathStats& st = stats ? *stats : local;
  const std::size_t k = system.num_equations();
  Eigen::VectorXd h(k);
  Eigen::MatrixXd jac(k, k + 1);

  // The first tangent and its orientation from a QR of J^T (after pulling
  // the start onto the curve if asked).
  Eigen::VectorXd t;
  int orientation = 0;
  {
    Factorization f;
    for (int it = 0;; ++it) {
      system.evaluate(x, h, jac);
      ++st.evaluations;
      if (!f.compute(jac)) return PathEnd::singular;
      if (!options.correct_start || it >= options.max_corrector_iterations) break;
      const Eigen::VectorXd dx = f.newton_step(h);
      if (!dx.allFinite()) return PathEnd::singular;
      x += dx;
      if (dx.norm() <= options.tolerance) {
        system.evaluate(x, h, jac);
        ++st.evaluations;
        if (!f.compute(jac)) return PathEnd::singular;
        break;
      }
    }
    t = f.tangent();
    orientation = f.orientation();
  }
  if (options.orientation != 0 ? orientation != options.orientation
                               : t(options.direction_coordinate) * options.initial_direction < 0) {
    t = -t;
    orientation = -orientation;
  }
  st.orientation = orientation;
  if (!visit(x, t)) return PathEnd::stopped;

  // Each step: Euler predictor, then chord-Newton corrector steps solving
  // [J; t^T] dx = [-H; 0] with J frozen at the predicted point (one LU of the
  // augmented (K+1) x (K+1) matrix per step; the corrector only needs H).
  // The same LU gives the new tangent y from [J; t^T] y = e, and since
  // sign det [J; y^T] = sign det [J; t^T], the orientation follows from the
  // sign of the LU determinant.
  double step = options.initial_step;
  Eigen::VectorXd trial(k + 1), rhs(k + 1), dx(k + 1);
  Eigen::MatrixXd augmented(k + 1, k + 1);
  Eigen::PartialPivLU<Eigen::MatrixXd> lu(k + 1);
  while (true) {
    if (st.steps >= options.max_steps) return PathEnd::max_steps;
    if (options.deadline != nullptr && options.deadline->expired()) return PathEnd::time_limit;

    double used = step;
    const double limit = system.piece_limit(x, t);
    // Just past the end of the piece, but never a standstill (after a
    // correction the point may sit a hair before a boundary).
    if (limit < used) used = std::min(used, std::max(limit * (1.0 + 1e-6), 1e-8));
    trial = x + used * t;
    // J at `at`, the LU of [J; t^T], and the sign of its determinant.
    int sign = 0;
    auto factor = [&](const Eigen::VectorXd& at) {
      system.evaluate(at, h, jac);
      ++st.evaluations;
      augmented.topRows(k) = jac;
      augmented.row(k) = t.transpose();
      lu.compute(augmented);
      const auto& u = lu.matrixLU();
      double largest = 0.0, smallest = std::numeric_limits<double>::infinity();
      sign = static_cast<int>(lu.permutationP().determinant());
      for (std::size_t i = 0; i <= k; ++i) {
        largest = std::max(largest, std::abs(u(i, i)));
        smallest = std::min(smallest, std::abs(u(i, i)));
        if (u(i, i) < 0) sign = -sign;
      }
      return smallest > 1e-13 * largest && std::isfinite(largest);
    };
    bool converged = false;
    int iterations = 0;
    int refreshes = 0;
    if (factor(trial)) {
      double previous = 0.0;
      bool fresh = true;  // h was computed together with the current J
      for (; iterations < options.max_corrector_iterations; ++iterations) {
        if (!fresh) {
          system.residual(trial, h);
          ++st.residuals;
        }
        rhs.head(k) = -h;
        rhs(k) = 0.0;
        dx = lu.solve(rhs);
        double size = dx.norm();
        if (!std::isfinite(size)) break;
        if (iterations == 0 && size > options.max_first_correction) break;
        if (iterations > 0 && !fresh && size > options.contraction * previous &&
            size > options.tolerance) {
          // The frozen J no longer fits (typically the iterate crossed a kink
          // of a piecewise-smooth H): refresh it at the iterate.
          if (refreshes >= options.max_refreshes || !factor(trial)) break;
          ++refreshes;
          fresh = true;
          --iterations;
          continue;
        }
        fresh = false;
        trial += dx;
        previous = size;
        if (size <= options.tolerance) {
          converged = true;
          break;
        }
      }
    }
    Eigen::VectorXd next_t;
    if (converged) {
      rhs.setZero();
      rhs(k) = 1.0;
      next_t = lu.solve(rhs);
      next_t.normalize();
      if (sign != orientation) next_t = -next_t;
      // The determinant changes sign when the step jumped over a simple
      // bifurcation point (non-generic games, e.g. symmetric ones): the branch
      // goes straight on, so keep the direction and flip the orientation.
      if (options.cross_bifurcations && next_t.dot(t) < -0.9) {
        next_t = -next_t;
        orientation = -orientation;
        st.orientation = orientation;
        ++st.bifurcations;
      }
      if (!next_t.allFinite() ||
          (options.min_turn_cosine > -1.0 && next_t.dot(t) < options.min_turn_cosine))
        converged = false;
    }
    if (!converged) {
      ++st.rejected;
      step *= 0.5;
      if (step < options.min_step) return PathEnd::step_too_small;
      continue;
    }
    x = trial;
    t = next_t;
    ++st.steps;
    if (!visit(x, t)) return PathEnd::stopped;
    // The chord corrector from a good prediction needs about three iterations
    // to reach the tolerance; fewer means the step could be longer.
    if (used < step) continue;  // a step cut at a piece boundary says nothing about the step size
    if (iterations <= options.grow_below) step = std::min(step * options.growth, options.max_step);
    else if (iterations >= options.grow_below + 3) step *= 0.7;
  }
}

bool newton_with_fixed_coordinate(PathSystem& system, Eigen::VectorXd& x, std::size_t fixed,
                                  int max_iterations, double tolerance) {
  const std::size_t k = system.num_equations();
  Eigen::VectorXd h(k);
  Eigen::MatrixXd jac(k, k + 1);
  Eigen::MatrixXd square(k, k);
  for (int it = 0; it < max_iterations; ++it) {
    system.evaluate(x, h, jac);
    for (std::size_t c = 0, col = 0; c <= k; ++c)
      if (c != fixed) square.col(col++) = jac.col(c);
    const Eigen::VectorXd dx = square.colPivHouseholderQr().solve(-h);
    if (!dx.allFinite()) return false;
    for (std::size_t c = 0, col = 0; c <= k; ++c)
      if (c != fixed) x(c) += dx(col++);
    if (dx.norm() <= tolerance) return true;
  }
  system.evaluate(x, h, jac);
  return h.norm() <= 1e-10;
}

PathEndReason path_end_reason_of(PathEnd end, PathEndReason stopped_as) {
  switch (end) {
    case PathEnd::max_steps: return PathEndReason::step_limit;
    case PathEnd::step_too_small: return PathEndReason::step_underflow;
    case PathEnd::time_limit: return PathEndReason::time_limit;
    case PathEnd::singular: return PathEndReason::singular_jacobian;
    case PathEnd::stopped: break;
  }
  return stopped_as;
}

const char* path_end_reason(PathEnd end) {
  switch (end) {
    case PathEnd::max_steps: return "step limit";
    case PathEnd::step_too_small: return "step size underflow";
    case PathEnd::time_limit: return "time limit";
    case PathEnd::singular: return "singular Jacobian";
    case PathEnd::stopped: break;
  }
  return "stopped";
}

}  // namespace negsim
