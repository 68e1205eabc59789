#include "sim/repeated/sustainability.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("sustainability of cooperation in the prisoner's dilemma") {
  RepeatedGameSpec spec;
  spec.stage = testing::pd_axelrod();
  spec.target = {0, 0};
  spec.discount = 0.6;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger", "tit-for-tat"});
  CHECK(r.target_payoffs == std::vector<double>{3, 3});
  CHECK(r.deviation_payoffs == std::vector<double>{5, 5});
  CHECK(r.reversion_payoffs == std::vector<double>{1, 1});
  CHECK(r.individually_rational);
  CHECK(r.critical_discount == doctest::Approx(0.5));  // grim trigger: (T-R)/(T-P)
  REQUIRE(r.strategies.size() == 2);
  CHECK(r.strategies[0].subgame_perfect);
  CHECK(r.strategies[0].values[0] == doctest::Approx(3.0));
  CHECK_FALSE(r.strategies[1].nash);                  // TFT needs 2/3
  CHECK(r.strategies[1].nash_threshold == doctest::Approx(2.0 / 3.0));
  REQUIRE(r.strategies[1].deviation);
}

TEST_CASE("asymmetric temptations: the binding player sets the critical discount") {
  RepeatedGameSpec spec;
  spec.stage = testing::bimatrix({{{9, 9}, {1, 10}}, {{12, 1}, {3, 3}}});
  spec.target = {0, 0};
  spec.discount = 0.2;
  const SustainabilityReport r = analyze_sustainability(spec, {"grim-trigger"});
  CHECK(r.critical_discount == doctest::Approx(1.0 / 3.0));
  CHECK(r.binding_player == 0);
  CHECK_FALSE(r.strategies[0].subgame_perfect);
  REQUIRE(r.strategies[0].deviation);
  CHECK(r.strategies[0].deviation->player == 0);
}
