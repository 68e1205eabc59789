// CLI checks of report wording that only the executable shows.
#include <doctest/doctest.h>

#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;
using negsim::testing::TempDir;

TEST_CASE("cli: repeated --payoff-set: 'a larger --delta' only where some discount factor could help") {
  TempDir tmp;
  // Matching pennies: every feasible payoff leaves a player below its pure minmax 1.
  const std::string pennies = tmp.write("pennies.nfg",
      "NFG 1 R \"pennies\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n");
  const auto r = run_negsim("repeated '" + pennies + "' --target 1,1 --payoff-set --delta 0.9");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no pure-strategy subgame-perfect equilibrium") != std::string::npos);
  CHECK(r.err.find("no discount factor helps") != std::string::npos);
  CHECK(r.err.find("larger --delta") == std::string::npos);
}

TEST_CASE("cli: repeated on a scenario prints its declared payoff unit") {
  const auto r = run_negsim("repeated");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("Per round ($bn):") != std::string::npos);
}
