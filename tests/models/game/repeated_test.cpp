#include "models/game/repeated.hpp"

#include <doctest/doctest.h>

using negsim::NormalFormGame;
using negsim::RepeatedGameSpec;

TEST_CASE("repeated-game spec validation names the bad field") {
  RepeatedGameSpec spec;
  spec.stage = NormalFormGame({2, 3});
  spec.target = {1, 2};
  spec.discount = 0.9;
  CHECK_NOTHROW(spec.validate());
  CHECK_FALSE(spec.geometric_end());
  spec.target = {1, 3};
  CHECK_THROWS_WITH_AS(spec.validate(), doctest::Contains("player 2"), std::invalid_argument);
  spec.target = {1};
  CHECK_THROWS_AS(spec.validate(), std::invalid_argument);
  spec.target = {0, 0};
  spec.discount = 1.0;
  CHECK_THROWS_WITH_AS(spec.validate(), doctest::Contains("infinite play"), std::invalid_argument);
  spec.rounds = 10;
  CHECK_NOTHROW(spec.validate());
  spec.continuation = 0.8;
  CHECK(spec.geometric_end());
  spec.continuation = 0.0;
  CHECK_THROWS_AS(spec.validate(), std::invalid_argument);
}
