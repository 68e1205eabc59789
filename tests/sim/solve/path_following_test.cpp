#include "sim/solve/path_following.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace negsim;

namespace {

// The unit circle x^2 + y^2 = 1 as the zero set of H: R^2 -> R.
class Circle final : public PathSystem {
 public:
  std::size_t num_equations() const override { return 1; }
  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jac) override {
    residual(x, h);
    jac(0, 0) = 2 * x(0);
    jac(0, 1) = 2 * x(1);
  }
  void residual(const Eigen::VectorXd& x, Eigen::VectorXd& h) override {
    h(0) = x(0) * x(0) + x(1) * x(1) - 1.0;
  }
};

}  // namespace

TEST_CASE("path_following: follows the unit circle once around, in the asked direction") {
  Circle circle;
  Eigen::VectorXd x(2);
  x << 1.0, 0.0;
  PathOptions options;
  options.direction_coordinate = 1;
  options.initial_direction = +1;  // counter-clockwise
  options.max_step = 0.3;
  double angle = 0.0, last = 0.0;
  bool first = true;
  const PathEnd end = follow_path(circle, x, options, [&](const Eigen::VectorXd& p, const Eigen::VectorXd&) {
    CHECK(std::abs(p.norm() - 1.0) < 1e-9);
    const double a = std::atan2(p(1), p(0));
    if (!first) {
      double d = a - last;
      if (d < -M_PI) d += 2 * M_PI;
      CHECK(d > 0);  // never turns back
      angle += d;
    }
    first = false;
    last = a;
    return angle < 2 * M_PI;
  });
  CHECK(end == PathEnd::stopped);
  CHECK(angle >= 2 * M_PI);
}

TEST_CASE("path_following: Newton with a fixed coordinate") {
  Circle circle;
  Eigen::VectorXd x(2);
  x << 0.7, 0.6;
  REQUIRE(newton_with_fixed_coordinate(circle, x, 1));
  CHECK(x(0) == doctest::Approx(0.8).epsilon(1e-12));
  CHECK(x(1) == 0.6);
}

TEST_CASE("path_following: why a path ended, in words") {
  CHECK(std::string(path_end_reason(PathEnd::max_steps)) == "step limit");
  CHECK(std::string(path_end_reason(PathEnd::step_too_small)) == "step size underflow");
  CHECK(std::string(path_end_reason(PathEnd::time_limit)) == "time limit");
  CHECK(std::string(path_end_reason(PathEnd::singular)) == "singular Jacobian");
  CHECK(std::string(path_end_reason(PathEnd::stopped)) == "stopped");
}
