#include "sim/solve/linear_program.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "tests/support/limits.hpp"

using namespace negsim;
using negsim::testing::expired_deadline;

namespace {

// A program from dense rows (0 entries skipped), row bounds and objective;
// columns keep the default x >= 0.
LinearProgram dense_lp(LpSense sense, const std::vector<std::vector<double>>& a,
                       const std::vector<LpBounds>& rows, const std::vector<double>& objective) {
  LinearProgram lp(a.size(), objective.size(), sense);
  LpMatrix matrix;
  for (std::size_t i = 0; i < a.size(); ++i) {
    lp.set_row_bounds(i, rows[i]);
    for (std::size_t j = 0; j < a[i].size(); ++j)
      if (a[i][j] != 0) matrix.add(i, j, a[i][j]);
  }
  for (std::size_t j = 0; j < objective.size(); ++j) lp.set_objective(j, objective[j]);
  lp.set_matrix(matrix);
  return lp;
}

// Chvatal, Linear Programming (1983), ch. 2: max 5x1 + 4x2 + 3x3 subject to
// three <= rows; optimum 13 at x = (2, 0, 1), dual y = (1, 0, 1).
LinearProgram chvatal_example() {
  return dense_lp(LpSense::Maximize, {{2, 3, 1}, {4, 1, 2}, {3, 4, 2}},
                  {LpBounds::at_most(5), LpBounds::at_most(11), LpBounds::at_most(8)}, {5, 4, 3});
}

// Everything written to file descriptors 1 and 2 while `work` runs.
std::string captured_output(const std::function<void()>& work) {
  std::fflush(stdout);
  std::fflush(stderr);
  char path[] = "/tmp/negsim_lp_output_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  const int saved_out = dup(1), saved_err = dup(2);
  dup2(fd, 1);
  dup2(fd, 2);
  work();
  std::fflush(stdout);
  std::fflush(stderr);
  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  close(fd);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path);
  return text;
}

}  // namespace

TEST_CASE("linear program: Chvatal's example has optimum 13 at (2, 0, 1) with duals (1, 0, 1)") {
  for (LpMethod method : {LpMethod::Primal, LpMethod::Dual}) {
    LinearProgram lp = chvatal_example();
    LpSolveOptions options;
    options.method = method;
    const LpSolution s = lp.solve(options);
    REQUIRE(s.status == LpStatus::Optimal);
    CHECK_FALSE(s.exact);
    CHECK(s.objective == doctest::Approx(13.0));
    REQUIRE(s.primal.size() == 3);
    CHECK(s.primal[0] == doctest::Approx(2.0));
    CHECK(s.primal[1] == doctest::Approx(0.0));
    CHECK(s.primal[2] == doctest::Approx(1.0));
    REQUIRE(s.dual.size() == 3);
    CHECK(s.dual[0] == doctest::Approx(1.0));
    CHECK(s.dual[1] == doctest::Approx(0.0));
    CHECK(s.dual[2] == doctest::Approx(1.0));
  }
}

TEST_CASE("linear program: the same LP with presolve, scaling and the exact simplex agrees") {
  LinearProgram presolved = chvatal_example();
  LpSolveOptions options;
  options.presolve = true;
  options.scale = true;
  CHECK(presolved.solve(options).objective == doctest::Approx(13.0));
  LinearProgram exact = chvatal_example();
  LpSolveOptions exact_options;
  exact_options.exact = LpExact::Always;
  const LpSolution s = exact.solve(exact_options);
  REQUIRE(s.optimal());
  CHECK(s.exact);
  CHECK(s.objective == 13.0);  // exact: 13 is representable
  CHECK(s.primal == std::vector<double>{2.0, 0.0, 1.0});
}

TEST_CASE("linear program: an infeasible LP is Infeasible, with and without presolve") {
  // x1 + x2 <= 1 and x1 + x2 >= 2.
  for (bool presolve : {false, true}) {
    for (LpMethod method : {LpMethod::Primal, LpMethod::Dual}) {
      LinearProgram lp = dense_lp(LpSense::Minimize, {{1, 1}, {1, 1}},
                                  {LpBounds::at_most(1), LpBounds::at_least(2)}, {1, 1});
      LpSolveOptions options;
      options.presolve = presolve;
      options.method = method;
      const LpSolution s = lp.solve(options);
      CHECK(s.status == LpStatus::Infeasible);
      CHECK(s.primal.empty());
      CHECK_THROWS_AS(require_optimal(s, Deadline{}, "solving a test LP"), std::runtime_error);
    }
  }
}

TEST_CASE("linear program: an unbounded LP is Unbounded, with and without presolve") {
  // max x1 + x2 subject to x1 - x2 <= 1: x2 grows without limit.
  for (bool presolve : {false, true}) {
    LinearProgram lp = dense_lp(LpSense::Maximize, {{1, -1}}, {LpBounds::at_most(1)}, {1, 1});
    LpSolveOptions options;
    options.presolve = presolve;
    const LpSolution s = lp.solve(options);
    CHECK(s.status == LpStatus::Unbounded);
    const std::string message = testing::thrown_by<std::runtime_error>(
                                    [&] { require_optimal(s, Deadline{}, "solving a test LP"); })
                                    .what();
    CHECK(message.find("unbounded") != std::string::npos);
  }
}

TEST_CASE("linear program: Chvatal's degenerate cycling example reaches its optimum 1") {
  // Chvatal (1983), ch. 3: the textbook rule cycles on it; optimum 1 at x = (1, 0, 1, 0).
  for (LpMethod method : {LpMethod::Primal, LpMethod::Dual}) {
    LinearProgram lp = dense_lp(LpSense::Maximize,
                                {{0.5, -5.5, -2.5, 9}, {0.5, -1.5, -0.5, 1}, {1, 0, 0, 0}},
                                {LpBounds::at_most(0), LpBounds::at_most(0), LpBounds::at_most(1)},
                                {10, -57, -9, -24});
    LpSolveOptions options;
    options.method = method;
    const LpSolution s = lp.solve(options);
    REQUIRE(s.optimal());
    CHECK(s.objective == doctest::Approx(1.0));
    CHECK(s.primal[0] == doctest::Approx(1.0));
    CHECK(s.primal[2] == doctest::Approx(1.0));
  }
}

TEST_CASE("linear program: equality rows and free columns") {
  // min x1 + 2 x2 + 3 x3 s.t. x1 + x2 + x3 = 1, x1 - x2 = 0: x = (1/2, 1/2, 0),
  // value 3/2, duals (3/2, -1/2) (the reduced costs of x1 and x2 vanish).
  LinearProgram lp = dense_lp(LpSense::Minimize, {{1, 1, 1}, {1, -1, 0}},
                              {LpBounds::fixed(1), LpBounds::fixed(0)}, {1, 2, 3});
  const LpSolution s = lp.solve();
  REQUIRE(s.optimal());
  CHECK(s.objective == doctest::Approx(1.5));
  CHECK(s.primal[0] == doctest::Approx(0.5));
  CHECK(s.primal[1] == doctest::Approx(0.5));
  CHECK(s.primal[2] == doctest::Approx(0.0));
  CHECK(s.dual[0] == doctest::Approx(1.5));
  CHECK(s.dual[1] == doctest::Approx(-0.5));

  // A free column: max v s.t. v <= -3 (v would be clamped at 0 if it were >= 0).
  LinearProgram free_lp(1, 1, LpSense::Maximize);
  free_lp.set_column_bounds(0, LpBounds::free());
  free_lp.set_objective(0, 1);
  free_lp.set_row_bounds(0, LpBounds::at_most(-3));
  LpMatrix one;
  one.add(0, 0, 1.0);
  free_lp.set_matrix(one);
  const LpSolution f = free_lp.solve();
  REQUIRE(f.optimal());
  CHECK(f.primal[0] == doctest::Approx(-3.0));
}

TEST_CASE("linear program: changing a bound and solving again starts from the last basis") {
  LinearProgram lp = chvatal_example();
  REQUIRE(lp.solve().objective == doctest::Approx(13.0));
  lp.set_row_bounds(0, LpBounds::at_most(4));  // 2x1 + 3x2 + x3 <= 4
  LpSolveOptions dual;
  dual.method = LpMethod::Dual;  // the old basis stays dual feasible
  const LpSolution s = lp.solve(dual);
  REQUIRE(s.optimal());
  // With y = (1, 0, 1) still optimal, the value drops by y_0 * 1 = 1.
  CHECK(s.objective == doctest::Approx(12.0));
  lp.set_column_bounds(0, LpBounds::fixed(0));
  lp.set_sense(LpSense::Minimize);
  const LpSolution zero = lp.solve(LpSolveOptions{.start = LpStart::Advanced});
  REQUIRE(zero.optimal());
  CHECK(zero.objective == doctest::Approx(0.0));
}

TEST_CASE("linear program: a deadline that has passed gives TimeLimit and, required, a LimitError") {
  LinearProgram lp = chvatal_example();
  LpSolveOptions options;
  options.deadline = expired_deadline();
  for (LpExact exact : {LpExact::Never, LpExact::Always}) {
    options.exact = exact;
    const LpSolution s = lp.solve(options);
    CHECK(s.status == LpStatus::TimeLimit);
    CHECK(s.deadline_reached);
    CHECK(s.primal.empty());
    const std::string message = testing::limit_message(
        [&] { require_optimal(s, options.deadline, "solving Chvatal's example"); });
    CHECK(message.find("time limit of") != std::string::npos);
    CHECK(message.find("solving Chvatal's example") != std::string::npos);
  }
  // The same program solves once the deadline is gone.
  CHECK(lp.solve().objective == doctest::Approx(13.0));
}

TEST_CASE("linear program: the exact simplex settles an LP the floating-point simplex gets wrong") {
  // x >= 1 + 2e-9 and x <= 1 as rows: infeasible by 2e-9, below GLPK's
  // feasibility tolerance (1e-7), so the double simplex accepts x = 1.
  auto make = [] {
    return dense_lp(LpSense::Minimize, {{1}, {1}},
                    {LpBounds::at_least(1 + 2e-9), LpBounds::at_most(1)}, {1});
  };
  LinearProgram floating = make();
  const LpSolution rounded = floating.solve();
  CHECK(rounded.status == LpStatus::Optimal);  // the wrong answer the fallback exists for
  CHECK_FALSE(rounded.exact);

  LinearProgram exact = make();
  LpSolveOptions options;
  options.exact = LpExact::Always;
  const LpSolution s = exact.solve(options);
  CHECK(s.exact);
  CHECK(s.status == LpStatus::Infeasible);

  // On a feasible LP with the same tiny margin the exact optimum keeps it:
  // min x s.t. x >= 1 + 2e-9 (a row). GLPK rounds the rational answer back to
  // double, so the last bits may differ.
  LinearProgram tight = dense_lp(LpSense::Minimize, {{1}}, {LpBounds::at_least(1 + 2e-9)}, {1});
  const LpSolution t = tight.solve(options);
  REQUIRE(t.optimal());
  CHECK(t.primal[0] > 1.0 + 1e-9);
  CHECK(t.primal[0] == doctest::Approx(1 + 2e-9).epsilon(1e-15));
}

TEST_CASE("linear program: bad bounds and bad matrices are exceptions, not GLPK aborts") {
  LinearProgram lp(2, 2, LpSense::Minimize);
  CHECK_THROWS_AS(lp.set_row_bounds(0, LpBounds::between(2, 1)), std::invalid_argument);
  CHECK_THROWS_AS(lp.set_column_bounds(0, LpBounds::at_least(std::nan(""))), std::invalid_argument);
  CHECK_THROWS_AS(lp.set_column_bounds(2, LpBounds{}), std::out_of_range);
  LpMatrix twice;
  twice.add(0, 0, 1.0);
  twice.add(0, 0, 2.0);
  CHECK_THROWS_AS(lp.set_matrix(twice), std::invalid_argument);
  LpMatrix outside;
  outside.add(2, 0, 1.0);
  CHECK_THROWS_AS(lp.set_matrix(outside), std::invalid_argument);
}

TEST_CASE("linear program: GLPK prints nothing, whatever the outcome") {
  const std::string output = captured_output([] {
    LinearProgram a = chvatal_example();
    a.solve(LpSolveOptions{.presolve = true});
    LinearProgram b = dense_lp(LpSense::Minimize, {{1, 1}, {1, 1}},
                               {LpBounds::at_most(1), LpBounds::at_least(2)}, {1, 1});
    b.solve(LpSolveOptions{.presolve = true});
    LinearProgram c = dense_lp(LpSense::Maximize, {{1, -1}}, {LpBounds::at_most(1)}, {1, 1});
    c.solve(LpSolveOptions{.presolve = true});
    LinearProgram d = chvatal_example();
    d.solve(LpSolveOptions{.exact = LpExact::Always});
    LinearProgram e = chvatal_example();
    e.solve(LpSolveOptions{.start = LpStart::Advanced, .scale = true});
  });
  CHECK(output.empty());
}
