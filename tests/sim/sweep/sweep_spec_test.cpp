#include "sim/sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;
using negsim::testing::sweep_scenario;

namespace {

SweepSpec spec_of(const std::vector<SweepAxisArgument>& axes, std::size_t samples = 0, std::uint64_t seed = 0) {
  return SweepSpec(sweep_scenario(), axes, samples, seed);
}

std::string usage_error(const std::vector<SweepAxisArgument>& axes, std::size_t samples = 0) {
  return negsim::testing::thrown_by<UsageError>([&] { spec_of(axes, samples); }).what();
}

}  // namespace

TEST_CASE("sweep spec: a grid has N evenly spaced values with both ends exact") {
  const SweepSpec spec = spec_of({{"grid", "T=0:1:5"}});
  REQUIRE(spec.num_points() == 5);
  const double expected[] = {0, 0.25, 0.5, 0.75, 1};
  for (std::size_t i = 0; i < 5; ++i) CHECK(spec.number(0, i) == expected[i]);
  // 0.1 * 3 is not 0.3 in binary; the last value is still HI exactly.
  const SweepSpec thirds = spec_of({{"grid", "T=0:0.3:4"}});
  CHECK(thirds.number(0, 3) == 0.3);
  CHECK(thirds.text(0, 3) == "0.3");
  CHECK(spec_of({{"grid", "T=2:2:1"}}).num_points() == 1);
}

TEST_CASE("sweep spec: several grids and lists form a product, the first slowest") {
  const SweepSpec spec = spec_of({{"grid", "T=1:3:3"}, {"list", "R=10,20"}});
  REQUIRE(spec.num_points() == 6);
  const double t[] = {1, 1, 2, 2, 3, 3};
  const double r[] = {10, 20, 10, 20, 10, 20};
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(spec.number(0, i) == t[i]);
    CHECK(spec.number(1, i) == r[i]);
  }
  // apply_point sets the parameters of the working copy.
  const Scenario base = sweep_scenario();
  Scenario work = spec.prepare(base);
  spec.apply_point(3, base, work);
  CHECK(work.find_parameter("T")->value == 2);
  CHECK(work.find_parameter("R")->value == 20);
  CHECK(work.find_parameter("P")->value == 1);
}

TEST_CASE("sweep spec: a lever axis fixes a numeric lever or replaces its value set") {
  const Scenario base = sweep_scenario();
  const SweepSpec spec(base, {{"list", "row.effort=2,0|1.5"}}, 0, 0);
  REQUIRE(spec.num_points() == 2);
  CHECK(spec.text(0, 1) == "0|1.5");
  Scenario work = spec.prepare(base);
  spec.apply_point(0, base, work);
  ScenarioGame game = build_normal_form(work);
  CHECK(game.game.num_actions(0) == 2);  // play x {2}, the first lever slowest
  CHECK(game.game.action_labels[0][0] == "play=cooperate,effort=2");
  CHECK(game.game.action_labels[0][1] == "play=defect,effort=2");
  spec.apply_point(1, base, work);
  game = build_normal_form(work);
  CHECK(game.game.num_actions(0) == 4);  // play x {0, 1.5}
  CHECK(game.game.action_labels[0][1] == "play=cooperate,effort=1.5");
}

TEST_CASE("sweep spec: a label lever is restricted to the listed labels") {
  const Scenario base = sweep_scenario();
  const SweepSpec spec(base, {{"list", "column.play=defect,cooperate|defect"}}, 0, 0);
  Scenario work = spec.prepare(base);
  spec.apply_point(0, base, work);
  ScenarioGame game = build_normal_form(work);
  REQUIRE(game.game.num_actions(1) == 1);
  CHECK(game.game.action_labels[1][0] == "play=defect");
  spec.apply_point(1, base, work);
  game = build_normal_form(work);
  CHECK(game.game.num_actions(1) == 2);
  CHECK_THROWS_AS(SweepSpec(base, {{"grid", "column.play=0:1:2"}}, 0, 0), UsageError);
  CHECK_THROWS_AS(SweepSpec(base, {{"list", "column.play=defekt"}}, 0, 0), InputError);
}

TEST_CASE("sweep spec: random samples are uniform in range and reproducible from the seed") {
  const SweepSpec a = spec_of({{"random", "T=2:4"}}, 200, 7);
  const SweepSpec b = spec_of({{"random", "T=2:4"}}, 200, 7);
  const SweepSpec c = spec_of({{"random", "T=2:4"}}, 200, 8);
  REQUIRE(a.num_points() == 200);
  double sum = 0;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < 200; ++i) {
    CHECK(a.number(0, i) >= 2);
    CHECK(a.number(0, i) < 4);
    CHECK(a.number(0, i) == b.number(0, i));
    differ += a.number(0, i) != c.number(0, i);
    sum += a.number(0, i);
  }
  CHECK(differ > 190);
  CHECK(std::abs(sum / 200 - 3) < 0.15);  // mean 3, sd of the mean 0.04
}

TEST_CASE("sweep spec: Latin hypercube puts one sample in each stratum of every axis") {
  for (std::uint64_t seed : {1u, 2u, 99u}) {
    const std::size_t k = 37;
    const SweepSpec spec = spec_of({{"lhs", "T=0:10"}, {"lhs", "R=-1:1"}, {"lhs", "P=5:6"}}, k, seed);
    REQUIRE(spec.num_points() == k);
    const double low[] = {0, -1, 5}, high[] = {10, 1, 6};
    for (std::size_t axis = 0; axis < 3; ++axis) {
      std::set<std::size_t> strata;
      for (std::size_t i = 0; i < k; ++i) {
        const double v = spec.number(axis, i);
        REQUIRE(v >= low[axis]);
        REQUIRE(v < high[axis]);
        strata.insert(static_cast<std::size_t>((v - low[axis]) / (high[axis] - low[axis]) * k));
      }
      CHECK(strata.size() == k);
    }
    // The axes are permuted independently (not all in the same order).
    std::size_t same = 0;
    for (std::size_t i = 0; i < k; ++i)
      same += static_cast<std::size_t>(spec.number(0, i) / 10 * k) == static_cast<std::size_t>((spec.number(1, i) + 1) / 2 * k);
    CHECK(same < k / 2);
  }
}

TEST_CASE("sweep spec: samples repeat in every grid cell, samples vary fastest") {
  const SweepSpec spec = spec_of({{"random", "T=0:1"}, {"grid", "R=1:2:2"}}, 3, 5);
  REQUIRE(spec.num_points() == 6);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(spec.number(1, i) == 1);
    CHECK(spec.number(1, 3 + i) == 2);
    CHECK(spec.number(0, i) == spec.number(0, 3 + i));
  }
}

TEST_CASE("sweep spec: point seeds are distinct and depend only on seed and index") {
  const SweepSpec a = spec_of({{"grid", "T=0:1:1000"}}, 0, 3);
  const SweepSpec b = spec_of({{"grid", "T=0:1:1000"}}, 0, 3);
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < 1000; ++i) {
    seeds.insert(a.point_seed(i));
    CHECK(a.point_seed(i) == b.point_seed(i));
  }
  CHECK(seeds.size() == 1000);
  CHECK(spec_of({{"grid", "T=0:1:2"}}, 0, 4).point_seed(0) != a.point_seed(0));
}

TEST_CASE("sweep spec: malformed arguments are usage errors naming the argument") {
  CHECK(usage_error({{"grid", "T=0:1"}}).find("--grid T=0:1") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:x:3"}}).find("'x'") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:1:0"}}).find("N '0'") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:1:nan"}}).find("--grid") != std::string::npos);
  CHECK(usage_error({{"grid", "T0:1:3"}}).find("missing '='") != std::string::npos);
  CHECK(usage_error({{"list", "T=1,,2"}}).find("empty") != std::string::npos);
  CHECK(usage_error({{"list", "T=1|2"}}).find("parameter") != std::string::npos);
  CHECK(usage_error({{"random", "T=3:1"}}, 5).find("LO must be below HI") != std::string::npos);
  CHECK(usage_error({{"random", "T=0:1"}}).find("--samples") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:1:2"}}, 4).find("--samples") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:1:2"}, {"list", "T=3"}}).find("twice") != std::string::npos);
  CHECK(usage_error({{"grid", "T=inf:1:2"}}).find("finite") != std::string::npos);
}

TEST_CASE("sweep spec: unknown names are input errors with a did-you-mean hint") {
  try {
    spec_of({{"grid", "risc=0:1:2"}});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.file() == "--grid");
    CHECK(e.message().find("unknown parameter 'risc' (did you mean 'risk'?)") != std::string::npos);
  }
  try {
    spec_of({{"list", "row.efort=1"}});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.message().find("did you mean 'row.effort'?") != std::string::npos);
  }
}

TEST_CASE("sweep spec: numbers print in shortest round-trip form") {
  CHECK(format_sweep_number(0.1) == "0.1");
  CHECK(format_sweep_number(20) == "20");
  CHECK(format_sweep_number(-0.0) == "0");
  CHECK(std::stod(format_sweep_number(1.0 / 3)) == 1.0 / 3);
}

// Regressions found by tests/fuzz/sweep_spec_fuzz.cpp (reproducers in
// tests/fuzz/corpus/sweep_spec/).

TEST_CASE("regression: a grid of 10^12 levels is instant, one of 4.5e17 is refused before allocating") {
  // `--grid row.effort=0:0.3:446744073709551615` used to store every level
  // first (and only then check the 2^53-point limit): a hang, then out of memory.
  const SweepSpec big = spec_of({{"grid", "T=0:1:1000000000000"}});
  CHECK(big.num_points() == 1000000000000u);
  CHECK(big.number(0, 0) == 0);
  CHECK(big.number(0, 999999999999u) == 1);
  CHECK(big.number(0, 500000000000u) == doctest::Approx(0.5));
  CHECK(usage_error({{"grid", "T=0:1:446744073709551615"}}).find("2^53") != std::string::npos);
  CHECK(usage_error({{"grid", "T=0:1:100000000"}, {"grid", "R=0:1:100000000"}}).find("2^53") != std::string::npos);
}

TEST_CASE("regression: ranges whose width overflows are refused, wide finite ranges give finite values") {
  // HI - LO = inf made every grid, random and LHS value infinite or NaN
  // (inf * 0), and NaN went into the scenario.
  CHECK(usage_error({{"grid", "T=-1e308:1e308:3"}}).find("HI - LO") != std::string::npos);
  CHECK(usage_error({{"random", "T=-1e308:1e308"}}, 4).find("HI - LO") != std::string::npos);
  CHECK(usage_error({{"lhs", "T=-1.7e308:1.7e308"}}, 4).find("HI - LO") != std::string::npos);
  // HI - LO finite but (HI - LO) * i is not: 1e308 * 2 overflowed before the division.
  const SweepSpec wide = spec_of({{"grid", "T=0:1e308:4"}});
  for (std::size_t i = 0; i < 4; ++i) CHECK(std::isfinite(wide.number(0, i)));
  CHECK(wide.number(0, 2) / 1e300 == doctest::Approx(2e8 / 3));
  CHECK(wide.number(0, 3) == 1e308);
  const SweepSpec sampled = spec_of({{"random", "T=-8e307:8e307"}, {"lhs", "R=-8e307:8e307"}}, 64, 3);
  for (std::size_t i = 0; i < 64; ++i) {
    CHECK(std::isfinite(sampled.number(0, i)));
    CHECK(std::isfinite(sampled.number(1, i)));
  }
}

TEST_CASE("regression: LHS samples beyond the memory budget are a LimitError, not bad_alloc") {
  CHECK_THROWS_AS(spec_of({{"lhs", "T=0:1"}}, std::size_t{1} << 52), LimitError);
  CHECK_THROWS_AS(spec_of({{"random", "T=0:1"}}, (std::size_t{1} << 53) + 1), UsageError);
  // Random axes store nothing: 2^53 samples are accepted.
  CHECK(spec_of({{"random", "T=0:1"}}, std::size_t{1} << 53).num_points() == std::size_t{1} << 53);
}
