#include "models/game/strategy_names.hpp"

#include <doctest/doctest.h>

#include "sim/repeated/strategy_library.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("strategy names: the loader's list is the library's, and every name and alias builds") {
  const std::vector<StrategyInfo>& catalog = strategy_catalog();
  REQUIRE(catalog.size() == library_strategy_names().size());
  for (std::size_t k = 0; k < catalog.size(); ++k) CHECK(catalog[k].name == library_strategy_names()[k].name);
  const NormalFormGame pd = testing::pd_axelrod();
  StrategyOptions options;
  options.action = 0;  // always-action needs one
  for (const std::string& name : all_strategy_names()) {
    CHECK(canonical_strategy_name(name) != "");
    CHECK_NOTHROW(make_strategy(name, pd, 0, {0, 0}, options).validate());
  }
  CHECK(canonical_strategy_name("tft") == "tit-for-tat");
  CHECK(canonical_strategy_name("tit-for-tatt") == "");
  CHECK(is_known_strategy_spec("generous-tft:g=0.2"));
  CHECK(is_known_strategy_spec("automata/cautious.yaml"));
  CHECK_FALSE(is_known_strategy_spec("grim-triger"));
}
