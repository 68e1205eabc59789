// Limits: --time-limit (Deadline) in the pure solver and the scenario
// builder, memory estimates before large allocations, and exit code 3 from
// the CLI with the limit named and nothing unverified printed.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "models/deadline.hpp"
#include "models/errors.hpp"
#include "models/io/nfg.hpp"
#include "models/memory_budget.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/limits.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;

namespace {

using negsim::testing::limit_message;

// Three players with `values` settings each: values^3 profiles.
std::string cube_scenario(int values) {
  std::string list = "[";
  for (int i = 0; i < values; ++i) list += (i ? ", " : "") + std::to_string(i);
  list += "]";
  return "scenario: cube\nplayers:\n  a: {levers: {x: " + list + "}}\n  b: {levers: {x: " + list +
         "}}\n  c: {levers: {x: " + list + "}}\npayoffs:\n  a: \"a.x - b.x\"\n  b: \"b.x * c.x\"\n  c: \"c.x - a.x\"\n";
}

}  // namespace

TEST_CASE("Deadline: no limit unless a positive finite number of seconds is given") {
  CHECK(Deadline{}.unlimited());
  for (const double s : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    const Deadline d = Deadline::after_seconds(s);
    CHECK(d.unlimited());
    CHECK_FALSE(d.expired());
    CHECK_NOTHROW(d.check("nothing"));
  }
  CHECK_FALSE(Deadline::after_seconds(3600).expired());
  CHECK_FALSE(Deadline::after_seconds(1e300).expired());  // no clock overflow
  const Deadline passed = Deadline::after_seconds(1e-9);
  while (!passed.expired()) {
  }
  const std::string message = limit_message([&] { passed.check("doing the work: 3 of 7 done"); });
  CHECK(message.find("time limit of 1e-09 s reached while doing the work: 3 of 7 done") != std::string::npos);
}

TEST_CASE("time limit: the pure solver stops with LimitError and reports nothing") {
  const NormalFormGame game = negsim::testing::random_game({512, 512}, 42, negsim::testing::integer_payoffs(0, 99));
  SolveOptions options;
  options.time_limit_seconds = 1e-9;
  const std::string message = limit_message([&] { solve_pure_nash(game, options); });
  CHECK(message.find("time limit") != std::string::npos);
  CHECK(message.find("players' best responses checked") != std::string::npos);
  CHECK(message.find("no equilibrium is reported") != std::string::npos);
  CHECK_THROWS_AS(solve(game, options), LimitError);  // through the dispatcher too
  // A generous limit changes nothing.
  options.time_limit_seconds = 3600;
  const SolveResult limited = solve_pure_nash(game, options);
  const SolveResult unlimited = solve_pure_nash(game);
  CHECK(limited.equilibria.size() == unlimited.equilibria.size());
  CHECK(limited.complete);
}

TEST_CASE("time limit: the scenario builder stops with LimitError saying how far it got") {
  const Scenario s = load_scenario_text(cube_scenario(64), "cube.yaml");  // 262144 profiles
  BuildOptions options;
  options.deadline = Deadline::after_seconds(1e-9);
  const std::string message = limit_message([&] { build_normal_form(s, options); });
  CHECK(message.find("time limit") != std::string::npos);
  CHECK(message.find("of 262144 profiles done; no game was built") != std::string::npos);
  options.deadline = Deadline::after_seconds(3600);
  CHECK(build_normal_form(s, options).game.num_profiles() == 262144);
}

TEST_CASE("memory: the builder estimates memory before allocating a game the machine cannot hold") {
  // 6 players x 1000 values = 1e18 profiles; with the profile budget lifted,
  // the memory estimate is what stops it, at once.
  std::string text = "scenario: huge\nplayers:\n";
  std::string values = "[";
  for (int i = 0; i < 1000; ++i) values += (i ? ", " : "") + std::to_string(i);
  values += "]";
  std::string payoffs = "payoffs:\n";
  for (int p = 0; p < 6; ++p) {
    text += "  p" + std::to_string(p) + ": {levers: {x: " + values + "}}\n";
    payoffs += "  p" + std::to_string(p) + ": \"p" + std::to_string(p) + ".x\"\n";
  }
  const Scenario s = load_scenario_text(text + payoffs, "huge.yaml");
  BuildOptions options;
  options.max_profiles = std::numeric_limits<std::uint64_t>::max();
  const std::string message = limit_message([&] { build_normal_form(s, options); });
  CHECK(message.find("huge.yaml") != std::string::npos);
  CHECK(message.find("needs about") != std::string::npos);
  CHECK(message.find("EiB") != std::string::npos);
}

TEST_CASE("memory: estimates and the random game generator") {
  CHECK(memory_budget_bytes() > 0);
  CHECK(memory_budget_bytes() < physical_memory_bytes());
  CHECK_NOTHROW(check_memory_estimate(1024.0, "a small thing"));
  CHECK_THROWS_AS(check_memory_estimate(std::nan(""), "a NaN estimate"), LimitError);
  CHECK_THROWS_AS(check_memory_estimate(1e30, "a big thing"), LimitError);
  // 1e15 profiles: refused before reserving the text, not std::length_error.
  CHECK_THROWS_AS(random_nfg_text({100000, 100000, 100000}, 1, 6), LimitError);
  // More than 2^63 profiles.
  CHECK_THROWS_AS(random_nfg_text({1u << 31, 1u << 31, 1u << 31}, 1, 6), LimitError);
}

TEST_CASE("memory: an .nfg header larger than its body is refused before allocating") {
  const std::string text = "NFG 1 R \"\" { \"A\" \"B\" \"C\" } { 100000 100000 100000 }\n1 2 3\n";
  CHECK_THROWS_AS(read_nfg(text), InputError);
}

TEST_CASE("cli: --time-limit exceeded is exit 3 with nothing on standard output") {
  negsim::testing::TempDir tmp;
  const std::string path = tmp.file("big.nfg");
  write_random_nfg_file(path, {256, 256}, 7, 0);
  const auto limited = negsim::testing::run_negsim("solve '" + path + "' --method pure --time-limit 0.000000001");
  CHECK(limited.exit_code == 3);
  CHECK(limited.out.empty());
  CHECK(limited.err.find("limit exceeded: time limit") != std::string::npos);
  const auto json = negsim::testing::run_negsim("solve '" + path + "' --method pure --format json --time-limit 1e-9");
  CHECK(json.exit_code == 3);
  CHECK(json.out.empty());
  const auto generous = negsim::testing::run_negsim("solve '" + path + "' --method pure --time-limit 3600");
  CHECK(generous.exit_code == 0);
}

TEST_CASE("cli: --out is untouched when a limit stops the command") {
  negsim::testing::TempDir tmp;
  const std::string path = tmp.file("big.nfg");
  write_random_nfg_file(path, {256, 256}, 8, 0);
  const std::string out = tmp.write("result.txt", "previous result\n");
  const auto r = negsim::testing::run_negsim("solve '" + path + "' --method pure --time-limit 1e-9 --out '" + out + "'");
  CHECK(r.exit_code == 3);
  CHECK(negsim::testing::read_text_file(out) == "previous result\n");
}

TEST_CASE("memory: a bargaining horizon too long to plan is a LimitError before allocating") {
  // The builder accepts a deadline up to 10^7 rounds and up to 10^6
  // extensions of 10^6 rounds: 10^12 rounds of plan would need petabytes.
  const std::string text = R"(scenario: long-talks
players:
  a: {levers: {x: [0, 1]}}
  b: {levers: {y: [0, 1]}}
payoffs:
  a: "a.x"
  b: "b.y"
bargaining:
  issues:
    share: [0, 0.5, 1]
  utilities:
    a: "deal.share"
    b: "1 - deal.share"
  discount: 0.9
  deadline: 3
  extension: {player: a, rounds: 1000000, times: 1000000}
)";
  const Scenario s = load_scenario_text(text, "long.yaml");
  const ScenarioBargaining bargaining = build_bargaining(s);
  const std::string message = limit_message([&] { solve_alternating_offers(bargaining.problem); });
  CHECK(message.find("bargaining plan of 1000000000003 rounds") != std::string::npos);
  CHECK(message.find("needs about") != std::string::npos);
}

TEST_CASE("cli: solve --method enum at a time limit prints only verified equilibria, marked incomplete, exit 3") {
  negsim::testing::TempDir tmp;
  const std::string path = tmp.file("enum.nfg");
  write_random_nfg_file(path, {12, 12}, 5, 0);  // thousands of bases: enum stops at its first check
  const NormalFormGame game = read_nfg_file(path);
  const auto json = negsim::testing::run_negsim("solve '" + path + "' --method enum --format json --time-limit 1e-9");
  CHECK(json.exit_code == 3);
  CHECK(json.err.find("limit exceeded: time limit of 1e-09 s reached while enumerating vertices") != std::string::npos);
  if (!json.out.empty()) {
    CHECK(json.err.find("verified equilibria found before the limit, marked incomplete") != std::string::npos);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["complete"] == false);
    CHECK(j["limit_reached"]["kind"] == "time");
    CHECK(j["limit_reached"]["message"].get<std::string>().find("bases visited") != std::string::npos);
    for (const auto& eq : j["equilibria"]) {
      MixedProfile profile;
      for (const auto& s : eq["strategies"]) {
        profile.emplace_back(game.num_actions(profile.size()), 0.0);
        for (const auto& a : s["support"])
          for (std::size_t k = 0; k < game.num_actions(profile.size() - 1); ++k)
            if (game.action_labels[profile.size() - 1][k] == a["action"].get<std::string>())
              profile.back()[k] = a["probability"].get<double>();
      }
      CHECK(game.max_regret(profile) <= 1e-6);
    }
  } else {
    CHECK(json.err.find("none is reported") != std::string::npos);
  }
  const auto text = negsim::testing::run_negsim("solve '" + path + "' --method enum --time-limit 1e-9");
  CHECK(text.exit_code == 3);
  if (!text.out.empty()) CHECK(text.out.find("INCOMPLETE: stopped by the time limit") != std::string::npos);
  const auto generous = negsim::testing::run_negsim("solve '" + path + "' --method enum --time-limit 3600");
  const auto unlimited = negsim::testing::run_negsim("solve '" + path + "' --method enum");
  CHECK(generous.exit_code == 0);
  CHECK(generous.out == unlimited.out);
}

TEST_CASE("cli: --time-limit on run, repeated, validate, export and sweep: exit 3, nothing printed") {
  negsim::testing::TempDir tmp;
  for (const std::string command : {"run", "repeated"}) {
    CAPTURE(command);
    const auto r = negsim::testing::run_negsim(command + " --time-limit 1e-9");
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err.find("limit exceeded: time limit of 1e-09 s reached while") != std::string::npos);
    // (That a generous limit changes nothing is checked method by method in
    // time_limits_test.cpp; running these commands twice more would be slow.)
  }
  // The builder stops a big scenario (262144 profiles).
  const std::string cube = tmp.write("cube.yaml", cube_scenario(64));
  const auto validate = negsim::testing::run_negsim("validate '" + cube + "' --time-limit 1e-9");
  CHECK(validate.exit_code == 3);
  CHECK(validate.out.empty());
  CHECK(validate.err.find("profiles done; no game was built") != std::string::npos);
  const std::string nfg = tmp.file("cube.nfg");
  const auto exported = negsim::testing::run_negsim("export '" + cube + "' --nfg '" + nfg + "' --time-limit 1e-9");
  CHECK(exported.exit_code == 3);
  CHECK_FALSE(std::ifstream(nfg).good());
  CHECK(negsim::testing::run_negsim("solve '" + cube + "' --time-limit -1").exit_code == 2);
  // A sweep stops before its first batch; the file is a valid prefix (the
  // description line and the header).
  const std::string csv = tmp.file("sweep.csv");
  const auto sweep = negsim::testing::run_negsim("sweep '" + cube + "' --list a.x=0,1,2 --out '" + csv +
                                                 "' --no-progress --time-limit 1e-9");
  CHECK(sweep.exit_code == 3);
  CHECK(sweep.err.find("sweeping: 0 of 3 points") != std::string::npos);
  CHECK(negsim::testing::read_text_file(csv).rfind("# negsim sweep ", 0) == 0);
  CHECK(negsim::testing::read_text_file(csv).find("\npoint,") != std::string::npos);
}
