#include <doctest/doctest.h>

#include <algorithm>
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
    if (method.constant_sum_only) {  // lp: entry deterrence is not zero-sum
      CHECK(negsim::why_not_applicable(method, g).has_value());
      continue;
    }
    CHECK_FALSE(negsim::why_not_applicable(method, g).has_value());
    const negsim::ExtensiveSolveResult r = method.run(g, negsim::SolveOptions{});
    CHECK(!r.equilibria.empty());
    CHECK(!r.form.empty());
    const bool pure = r.method.rfind("pure", 0) == 0;
    for (const auto& eq : r.equilibria) {
      if (eq.exact) {
        if (r.method != "pure-agent") CHECK(negsim::verify_exact_behavior(g, *eq.exact).is_equilibrium);
        if (pure) CHECK(negsim::is_agent_form_equilibrium(g, *eq.exact));
      } else {
        CHECK_FALSE(pure);  // double answers (cfr, logit) pass the double check
        CHECK(negsim::verify_behavior(g, eq.profile, std::max(1e-9, eq.max_relative_gain * 2)).is_equilibrium);
      }
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

TEST_CASE("cli solve .efg: cfr reads --iterations and --target, range-checked, and no other method does") {
  using negsim::testing::run_negsim;
  // km1: the uniform start is not an equilibrium, so CFR+ runs to its budget.
  const std::string game = "'" + std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/km1.efg'";
  auto r = run_negsim("solve " + game + " --method cfr --iterations 40 --target 1e-9");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("40 iterations") != std::string::npos);
  // A loose target stops early, before the iteration budget.
  r = run_negsim("solve " + game + " --method cfr --target 0.5");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("target reached") != std::string::npos);
  for (const char* bad : {"--iterations 0", "--iterations -3", "--iterations 1e3", "--target 0", "--target 1.5",
                          "--target nan"}) {
    CAPTURE(bad);
    r = run_negsim("solve " + game + " --method cfr " + bad);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(std::string(bad).substr(0, std::string(bad).find(' '))) != std::string::npos);
  }
  r = run_negsim("solve " + game + " --method pure --iterations 5");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--iterations does not apply to --method pure") != std::string::npos);
  // On a normal-form game the hint names the method that reads it.
  r = run_negsim("solve '" + std::string(NEGSIM_SHARED_DIR) + "/games/gambit/e04.nfg' --method lh --target 0.1");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--target applies to --method cfr on .efg games") != std::string::npos);
}

TEST_CASE("solve --help and shell completion list the extensive-form methods") {
  using negsim::testing::run_negsim;
  const auto help = run_negsim("solve --help");
  REQUIRE(help.exit_code == 0);
  CHECK(help.out.find("methods for .efg games") != std::string::npos);
  const auto listed = run_negsim("complete methods '" + std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/2smp.efg'");
  REQUIRE(listed.exit_code == 0);
  std::string expected;
  for (const auto& method : negsim::extensive_method_registry()) {
    CAPTURE(method.name);
    CHECK(help.out.find("\n  " + method.name + " ") != std::string::npos);
    std::string guarantee = method.guarantee;
    std::erase(guarantee, '`');  // plain text in --help
    CHECK(help.out.find("finds: " + guarantee) != std::string::npos);
    expected += method.name + "\n";
  }
  CHECK(listed.out == expected);
  // Without a game, or with a normal-form one, the normal-form methods.
  CHECK(run_negsim("complete methods").out.find("cfr\n") == std::string::npos);
}
