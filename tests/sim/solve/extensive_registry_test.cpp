#include <doctest/doctest.h>

#include <string>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "sim/solve/method_registry.hpp"
#include "tests/support/extensive_games.hpp"
#include "tests/support/run_command.hpp"

TEST_CASE("the extensive-form methods table in docs/cli.md is the registry's") {
  const std::string docs = negsim::testing::read_text_file(std::string(NEGSIM_SOURCE_DIR) + "/docs/cli.md");
  const std::string table = negsim::extensive_method_table_markdown();
  INFO("expected table:\n" << table);
  CHECK(docs.find(table) != std::string::npos);
}

TEST_CASE("every extensive-form method returns only verified profiles") {
  const negsim::ExtensiveFormGame g = negsim::testing::entry_deterrence();
  for (const auto& method : negsim::extensive_method_registry()) {
    INFO(method.name);
    CHECK_FALSE(negsim::why_not_applicable(method, g).has_value());
    const negsim::ExtensiveSolveResult r = method.run(g, negsim::SolveOptions{});
    CHECK(!r.equilibria.empty());
    CHECK(!r.form.empty());
    for (const auto& eq : r.equilibria) {
      REQUIRE(eq.exact.has_value());
      if (r.method != "pure-agent") CHECK(negsim::verify_exact_behavior(g, *eq.exact).is_equilibrium);
      CHECK(negsim::is_agent_form_equilibrium(g, *eq.exact));
    }
  }
  CHECK_THROWS_AS(negsim::find_extensive_method("lemke"), negsim::UsageError);
  CHECK(negsim::find_extensive_method("pure").name == "pure");
}

TEST_CASE("the last gate rejects a result that is not an equilibrium") {
  const negsim::ExtensiveFormGame g = negsim::testing::entry_deterrence();
  negsim::ExtensiveSolveResult r;
  r.method = "made-up";
  r.form = "strategic-form";
  negsim::BehaviorEquilibrium eq;
  std::vector<std::size_t> pure(g.num_infosets(), 0);  // In, Fight: the entrant should stay out
  eq.profile = g.pure_behavior(pure);
  eq.no_action.assign(g.num_infosets(), false);
  r.equilibria.push_back(eq);
  CHECK_THROWS_AS(negsim::require_verified(g, r), std::logic_error);
  r.equilibria[0].profile[g.player_infosets(0)[0]] = {0.0, 1.0};  // Out, Fight: Nash
  CHECK_NOTHROW(negsim::require_verified(g, r));
}
