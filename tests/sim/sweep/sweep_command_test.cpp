#include "sim/sweep/sweep_command.hpp"

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using namespace negsim::testing;

TEST_CASE("sweep command: runs the sweep its options describe") {
  TempDir dir;
  const std::string scenario = dir.write("s.yaml", kSweepScenario);
  const std::string out = dir.file("out.csv");
  CHECK(run_sweep_command({scenario, "--list", "risk=1,0", "--grid", "T=1:5:3", "--set", "R=4", "--jobs", "2",
                           "--out", out, "--no-progress"}) == 0);
  // The same through the library: axes in the order given, --set applied.
  Scenario base = load_scenario_file(scenario);
  base.find_parameter("R")->value = 4;
  const SweepSpec spec(base, {{"list", "risk=1,0"}, {"grid", "T=1:5:3"}}, 0, 0);
  SweepOptions options;
  options.out = dir.file("lib.csv");
  options.progress = false;
  run_sweep(base, spec, options);
  // The command's file starts with the sweep's description line; the rest is
  // what the library writes.
  const std::string text = read_text_file(out);
  const std::size_t first_line = text.find('\n');
  REQUIRE(first_line != std::string::npos);
  const auto id = SweepIdentity::parse(std::string_view(text).substr(0, first_line));
  REQUIRE(id);
  CHECK(id->points == 6);
  CHECK(id->shard_count == 1);
  CHECK(text.substr(first_line + 1) == read_text_file(options.out));
  CHECK(text.substr(first_line + 1).rfind("point,risk,T,", 0) == 0);
}

TEST_CASE("sweep command: bad options are usage errors, bad names input errors") {
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  CHECK_THROWS_AS(run_sweep_command({"--grid", "T=0:1:2"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--jobs", "0"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--format", "xml"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--resume"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--shard", "2/2"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--analyses", "stag"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--bogus"}), UsageError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "Q=0:1:2"}), InputError);
  CHECK_THROWS_AS(run_sweep_command({dir.file("missing.yaml"), "--grid", "T=0:1:2"}), InputError);
  CHECK_THROWS_AS(run_sweep_command({s, "--grid", "T=0:1:2", "--out", dir.file("no/such/dir.csv")}), InputError);
  CHECK(sweep_usage().find("--grid") != std::string::npos);
}

TEST_CASE("negsim sweep: the executable runs sweeps and maps errors to exit codes") {
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  const CommandResult ok = run_negsim("sweep '" + s + "' --grid T=1:5:3 --format jsonl");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.rfind("{\"negsim_sweep\":\"shard=0/1 points=3 ", 0) == 0);
  CHECK(ok.out.find("\n{\"point\":0,\"T\":1,\"analysis\":\"stage\"") != std::string::npos);
  CHECK(ok.err.empty());  // not a terminal: no progress bar
  CHECK(run_negsim("sweep '" + s + "' --grid Q=1:5:3").exit_code == 1);
  CHECK(run_negsim("sweep '" + s + "' --grid T=1:5").exit_code == 2);
  CHECK(run_negsim("sweep '" + s + "' --grid T=1:5:3 --max-profiles 0").exit_code == 2);
}
