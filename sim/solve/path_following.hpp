// Predictor-corrector continuation of the solution curve of H(x) = 0, where
// H: R^(K+1) -> R^K. Shared by logit_qre (smooth curve) and global_newton
// (piecewise-smooth curve: smooth within each support cell, continuous across).
//
// Method (Allgower & Georg, "Introduction to Numerical Continuation Methods",
// 1990/2003, ch. 2 and 6): an Euler predictor along the unit tangent t, then
// chord-Newton corrector steps on the augmented system [J; t^T] dx = [-H; 0]
// with J frozen at the predicted point, so a step costs one Jacobian, one LU
// of a (K+1) x (K+1) matrix and a few residual evaluations; the same LU gives
// the next tangent. The first tangent comes from a QR of J^T. The tangent is oriented so that
// det [J; t^T] keeps the sign it had at the start; this is the orientation of
// the curve as an oriented 1-manifold, so it stays correct through turning
// points and across the kinks of piecewise-smooth maps (where "keep the
// previous direction" would fail). Step lengths adapt: halved when the
// corrector does not contract, grown when it converges at once.
//
// Cost per step: one evaluation of H and J, one LU, O(K^3), and about three
// evaluations of H alone.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>

#include <Eigen/Dense>

#include "models/deadline.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

class PathSystem {
 public:
  virtual ~PathSystem() = default;
  virtual std::size_t num_equations() const = 0;  // K; the curve lives in R^(K+1)
  // Fills h (K) and jac (K x (K+1)) at x.
  virtual void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jac) = 0;
  // Fills h only (the corrector's cheaper evaluation).
  virtual void residual(const Eigen::VectorXd& x, Eigen::VectorXd& h) = 0;
  // Longest predictor step along t from x that stays in the current smooth
  // piece (piecewise-smooth systems); the follower steps just past it so that
  // no piece is skipped. Infinity for smooth systems.
  virtual double piece_limit(const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
    return std::numeric_limits<double>::infinity();
  }
};

struct PathOptions {
  double initial_step = 0.03;
  double min_step = 1e-12;
  double max_step = 1e4;
  double growth = 2.0;
  int grow_below = 3;  // grow the step when the corrector converged in at most this many iterations
  int max_corrector_iterations = 8;
  double max_first_correction = 0.5;  // reject steps whose first correction is longer
  double contraction = 0.5;           // corrections must shrink at least this fast
  int max_refreshes = 3;              // Jacobian refreshes allowed when the chord stalls
  double tolerance = 1e-10;           // corrector converged when |dx| <= tolerance
  // Reject steps whose tangent turns by more than this (cosine); -1 disables
  // the check (needed for piecewise-smooth curves with kinks).
  double min_turn_cosine = -1.0;
  std::size_t max_steps = 100000;
  // Checked once per step (a step costs a factorisation): PathEnd::time_limit.
  const Deadline* deadline = nullptr;  // none
  // Which coordinate should grow (+1) or shrink (-1) at the start ...
  std::size_t direction_coordinate = 0;
  int initial_direction = +1;
  // ... unless orientation is +1 or -1: then the start tangent t is the one
  // with sign det [J; t^T] = orientation (continuing a curve across pieces).
  int orientation = 0;
  // Continue straight through simple bifurcation points (where det [J; t^T]
  // changes sign and the oriented tangent would reverse).
  bool cross_bifurcations = true;
  // Pull the start point onto the curve with Gauss-Newton steps first.
  bool correct_start = false;
};

enum class PathEnd { stopped, max_steps, step_too_small, time_limit, singular };

// Why a path ended, for notes and errors: "step limit", "step size underflow",
// "time limit", "singular Jacobian" or "stopped" (the callback said stop).
const char* path_end_reason(PathEnd end);
// The same as the typed reason results carry (PathRecord::end); `stopped`
// maps to `stopped_as` (the caller knows why its callback stopped).
PathEndReason path_end_reason_of(PathEnd end, PathEndReason stopped_as);

struct PathStats {
  std::size_t steps = 0;        // accepted steps (accumulates over calls)
  std::size_t rejected = 0;     // rejected predictor steps
  std::size_t evaluations = 0;  // evaluations of H and J
  std::size_t residuals = 0;    // evaluations of H alone
  int orientation = 0;          // sign of det [J; t^T] along the followed direction
  std::size_t bifurcations = 0; // simple bifurcation points crossed
};

// Follows the curve from x (which must satisfy H(x) ~ 0) and calls
// visit(x, tangent) at the start and after each accepted step; visit returns
// false to stop. Returns why it ended; x holds the last accepted point.
PathEnd follow_path(PathSystem& system, Eigen::VectorXd& x, const PathOptions& options,
                    const std::function<bool(const Eigen::VectorXd&, const Eigen::VectorXd&)>& visit,
                    PathStats* stats = nullptr);

// Newton's method on H(x) = 0 with the coordinate `fixed` held constant
// (a square system); returns true if |dx| fell below tolerance.
bool newton_with_fixed_coordinate(PathSystem& system, Eigen::VectorXd& x, std::size_t fixed,
                                  int max_iterations = 30, double tolerance = 1e-12);

}  // namespace negsim
