#include "models/game/bargaining.hpp"

#include <stdexcept>

#include <doctest/doctest.h>

using namespace negsim;

TEST_CASE("deal spaces store utilities deal-major and validate") {
  DiscreteDealSpace deals;
  deals.num_players = 2;
  CHECK_THROWS_AS(deals.validate(), std::invalid_argument);  // empty
  CHECK(deals.add("a", {1, 2}) == 0);
  CHECK(deals.add("b", {3, 4}) == 1);
  CHECK(deals.utility(1, 0) == 2);
  CHECK(deals.utility(0, 1) == 3);
  CHECK(deals.deal_utilities(1)[1] == 4);
  CHECK_THROWS_AS(deals.add("c", {1}), std::invalid_argument);
  deals.validate();
}

TEST_CASE("protocol validation: discount range, deadline, proposer order") {
  BargainingProtocol proto;
  proto.discount = {0.9, 0.9};
  proto.proposer_order = {0, 1};
  proto.disagreement = {0, 0};
  proto.deadline = 3;
  proto.validate();
  CHECK(proto.proposer(1) == 0);
  CHECK(proto.proposer(4) == 1);
  proto.discount[1] = 0;
  CHECK_THROWS_AS(proto.validate(), std::invalid_argument);
  proto.discount[1] = 1;
  proto.deadline = 0;
  CHECK_THROWS_AS(proto.validate(), std::invalid_argument);
  proto.deadline = std::nullopt;
  proto.discount = {1, 1};
  CHECK_THROWS_AS(proto.validate(), std::invalid_argument);  // infinite horizon without impatience
  proto.discount = {0.9, 1};
  proto.proposer_order = {2};
  CHECK_THROWS_AS(proto.validate(), std::invalid_argument);
}
