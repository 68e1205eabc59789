// CLI: `negsim solve` checks every method option against the method registry
// (an option the method does not read is exit 2 naming both), lists the
// registry in --help, and writes the typed result fields in JSON.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "sim/report/solve_report.hpp"
#include "sim/solve/method_registry.hpp"
#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;

namespace {
const std::string kShared = NEGSIM_SHARED_DIR;
const std::string kE04 = "'" + kShared + "/games/gambit/e04.nfg'";  // 3x2, 2 pure + 1 mixed equilibria

// The option as typed on the command line, with a valid value if it takes one.
std::string option_args(negsim::MethodOption option) {
  using negsim::MethodOption;
  const std::string flag(negsim::option_flag(option));
  switch (option) {
    case MethodOption::label: return flag + " 2";
    case MethodOption::starts: return flag + " 2";
    case MethodOption::seed: return flag + " 3";
    case MethodOption::objective: return flag + " welfare";
    case MethodOption::max_equilibria: return flag + " 5";
    case MethodOption::iterations: return flag + " 5";
    case MethodOption::target: return flag + " 0.1";
    default: return flag;  // a switch
  }
}

// A game each method applies to.
std::string game_for(const negsim::MethodInfo& method) {
  if (method.constant_sum_only) return "scenarios/classic/matching_pennies.yaml";
  return kE04;
}
}  // namespace

TEST_CASE("cli solve: an option the method does not read is exit 2 naming the option and the method") {
  // The case from the issue: --label used to be ignored by enum.
  auto r = run_negsim("solve " + kE04 + " --method enum --label 3");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--label does not apply to --method enum") != std::string::npos);
  CHECK(r.err.find("--label applies to --method lh") != std::string::npos);
  CHECK(r.out.empty());
  int pairs = 0;
  for (const negsim::MethodInfo& method : negsim::method_registry()) {
    for (negsim::MethodOption option : negsim::kAllMethodOptions) {
      if (method.reads(option)) continue;
      CAPTURE(method.name);
      CAPTURE(option_flag(option));
      r = run_negsim("solve " + game_for(method) + " --method " + method.name + " " + option_args(option));
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(std::string(option_flag(option)) + " does not apply to --method " + method.name) !=
            std::string::npos);
      ++pairs;
    }
  }
  CHECK(pairs >= 40);
  // Lemke-Howson's three ways to choose labels exclude each other.
  r = run_negsim("solve " + kE04 + " --method lh --all-labels --label 2");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--label does not apply with --all-labels") != std::string::npos);
  CHECK(run_negsim("solve " + kE04 + " --method lh --all-labels --race").exit_code == 2);
}

TEST_CASE("cli solve: every option a method reads is accepted") {
  for (const negsim::MethodInfo& method : negsim::method_registry()) {
    for (negsim::MethodOption option : method.options) {
      CAPTURE(method.name);
      CAPTURE(option_flag(option));
      const auto r = run_negsim("solve " + game_for(method) + " --method " + method.name + " " + option_args(option));
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      CHECK_FALSE(r.out.empty());
    }
  }
}

TEST_CASE("cli solve: --help lists every registered method with its guarantee") {
  const auto r = run_negsim("solve --help");
  REQUIRE(r.exit_code == 0);
  for (const negsim::MethodInfo& method : negsim::method_registry()) {
    CAPTURE(method.name);
    CHECK(r.out.find("\n  " + method.name + " ") != std::string::npos);
    CHECK(r.out.find("finds: " + method.guarantee) != std::string::npos);
  }
}

TEST_CASE("cli solve: JSON carries the typed fields (paths, limit_reached, rejected candidates)") {
  auto r = run_negsim("solve " + kE04 + " --method lh --race --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == negsim::kJsonSchemaVersion);
  CHECK(j["rejected_candidates"] == 0);
  CHECK(j["rejected_max_regrets"].empty());
  CHECK_FALSE(j.contains("limit_reached"));
  int winners = 0;
  for (const auto& path : j["paths"]) {
    CHECK(path["label"].get<int>() >= 1);
    CHECK(path["label"].get<int>() <= 5);
    if (path["end"] == "equilibrium") {
      ++winners;
      CHECK(path["steps"].get<int>() >= 1);
    } else {
      CHECK(path["end"] == "overtaken");
    }
  }
  CHECK(winners == 1);
  // One path per label with --all-labels, each ending at an equilibrium.
  r = run_negsim("solve " + kE04 + " --method lh --all-labels --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  j = nlohmann::json::parse(r.out);
  REQUIRE(j["paths"].size() == 5);
  for (int k = 0; k < 5; ++k) {
    CHECK(j["paths"][k]["label"] == k + 1);
    CHECK(j["paths"][k]["end"] == "equilibrium");
  }
  // --max-equilibria is the user's cap: the list is cut and says so, exit 0.
  r = run_negsim("solve " + kE04 + " --method pure --max-equilibria 1 --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  j = nlohmann::json::parse(r.out);
  CHECK(j["equilibria"].size() == 1);
  CHECK(j["complete"] == false);
  CHECK(j["limit_reached"]["kind"] == "equilibria_cap");
  CHECK(j["limit_reached"]["message"].get<std::string>().find("--max-equilibria") != std::string::npos);
  r = run_negsim("solve " + kE04 + " --method enum --max-equilibria 2");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("INCOMPLETE: stopped at --max-equilibria") != std::string::npos);
  CHECK(run_negsim("solve " + kE04 + " --max-equilibria 0").exit_code == 2);
}
