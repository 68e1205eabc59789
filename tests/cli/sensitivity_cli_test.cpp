// `negsim sensitivity` and `run --sensitivity/--verbose` through the real executable.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;

TEST_CASE("negsim sensitivity: text and JSON of the named parameters, checked names") {
  const auto text = run_negsim("sensitivity --sensitivity ban_cost_us,delta --jobs 2");
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  CHECK(text.out.find("Prediction at the current values") != std::string::npos);
  CHECK(text.out.find("if ban_cost_us falls below 4 (now 25 $bn)") != std::string::npos);
  // The sequence's discount: with less patience ByteDance stops waiting out
  // the extensions (the types model, which the bottom line leads with).
  CHECK(text.out.find("if delta falls below 0.49") != std::string::npos);
  CHECK(text.out.find("with private types") != std::string::npos);
  const auto json = run_negsim("sensitivity --sensitivity ban_cost_us --format json");
  REQUIRE_MESSAGE(json.exit_code == 0, json.err);
  const nlohmann::json j = nlohmann::json::parse(json.out);
  REQUIRE(j["tipping_points"]["points"].size() == 1);
  const nlohmann::json& below = j["tipping_points"]["points"][0]["below"];
  CHECK(below["found"] == true);
  CHECK(below["inside"].get<double>() >= below["value"].get<double>());
  CHECK(below["value"].get<double>() >= below["outside"].get<double>());
  // Bad names and bad usage.
  const auto unknown = run_negsim("sensitivity --sensitivity ban_cost_uss");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("did you mean 'ban_cost_us'") != std::string::npos);
  CHECK(run_negsim("sensitivity --sensitivity none").exit_code == 2);
  CHECK(run_negsim("sensitivity --sensitivity a,,b").exit_code == 2);
  CHECK(run_negsim("sensitivity --jobs 0").exit_code == 2);
}

TEST_CASE("negsim run: --sensitivity none drops the tipping points, --verbose lists every removal") {
  const auto plain = run_negsim("run --sensitivity none");
  REQUIRE_MESSAGE(plain.exit_code == 0, plain.err);
  CHECK(plain.out.find("Tipping points") == std::string::npos);
  CHECK(plain.out.find("United States never plays tariff below 30%") != std::string::npos);
  const auto verbose = run_negsim("run --sensitivity none --verbose");
  REQUIRE_MESSAGE(verbose.exit_code == 0, verbose.err);
  CHECK(verbose.out.find("round 2: China would never play farm boycott, algorithm deny, rare earths ease") !=
        std::string::npos);
  const auto some = run_negsim("run --sensitivity delta --format json");
  REQUIRE_MESSAGE(some.exit_code == 0, some.err);
  const nlohmann::json j = nlohmann::json::parse(some.out);
  CHECK(j["tipping_points"]["points"].size() == 1);
  CHECK(j["bottom_line"]["self_enforcing"]["holds"] == true);
  CHECK(j["dominance"]["steps"].size() == 28);
}
