#include "sim/sweep/sweep_merge.hpp"

#include "sim/sweep/sweep_output.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "models/errors.hpp"
#include "sim/sweep/shard_from_environment.hpp"
#include "sim/sweep/sweep_command.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

// Runs `negsim sweep` in-process; `extra` after the common options.
int sweep_exit(const std::string& scenario, const std::string& out, std::vector<std::string> extra) {
  std::vector<std::string> args{scenario, "--grid", "T=1:5:7", "--list", "risk=1,0,2", "--no-progress",
                                "--jobs", "2", "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_sweep_command(args);
}

void sweep(const std::string& scenario, const std::string& out, std::vector<std::string> extra) {
  REQUIRE(sweep_exit(scenario, out, std::move(extra)) == 0);
}

std::string merged(const std::vector<std::string>& paths) {
  std::vector<SweepShardFile> files;
  for (const std::string& path : paths) files.push_back({path, read_text_file(path)});
  return merge_sweep_shards(files);
}

std::string error_of(const std::vector<std::string>& paths) {
  try {
    merged(paths);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected the merge to be refused");
  return "";
}

}  // namespace

TEST_CASE("sweep description line: written, read back, and different for another scenario, --set or axes") {
  SweepIdentity id;
  id.shard_index = 2;
  id.shard_count = 5;
  id.points = 1234;
  id.negsim = "1.2.3";
  id.scenario = sweep_hash({"scenario bytes"});
  id.set = sweep_hash({});
  id.axes = sweep_hash({"--grid T=1:5:7"});
  id.analyses = sweep_hash({"stage"});
  for (const SweepFormat format : {SweepFormat::Csv, SweepFormat::JsonLines}) {
    const std::string line = id.line(format);
    REQUIRE(line.back() == '\n');
    const auto back = SweepIdentity::parse(std::string_view(line).substr(0, line.size() - 1));
    REQUIRE(back);
    CHECK(back->line(format) == line);
    CHECK(back->difference(id).empty());
  }
  CHECK(id.line(SweepFormat::Csv).rfind("# negsim sweep shard=2/5 points=1234 negsim=1.2.3 scenario=", 0) == 0);
  CHECK(sweep_hash({"ab", "c"}) != sweep_hash({"a", "bc"}));
  SweepIdentity other = id;
  other.scenario = sweep_hash({"scenario bytes, edited"});
  CHECK(other.difference(id).find("scenario") != std::string::npos);
  other = id;
  other.set = sweep_hash({"T=4"});
  CHECK(other.difference(id).find("--set") != std::string::npos);
  CHECK_FALSE(SweepIdentity::parse("point,T,analysis"));
  CHECK_FALSE(SweepIdentity::parse("# negsim sweep shard=3/2 points=1 negsim=1 scenario=x"));
}

TEST_CASE("negsim merge: the shards of a sweep merge to the bytes of one run, in CSV and JSON lines") {
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  for (const std::string format : {"csv", "jsonl"}) {
    CAPTURE(format);
    const std::string whole = dir.file("whole." + format);
    sweep(s, whole, {"--format", format, "--set", "R=4"});
    std::vector<std::string> shards;
    for (int i = 3; i-- > 0;) {  // any order
      shards.push_back(dir.file("shard" + std::to_string(i) + "." + format));
      sweep(s, shards.back(), {"--format", format, "--set", "R=4", "--shard", std::to_string(i) + "/3"});
    }
    CHECK(merged(shards) == read_text_file(whole));
    // The command writes the same bytes.
    const std::string out = dir.file("merged." + format);
    std::string args = "merge";
    for (const std::string& shard : shards) args += " '" + shard + "'";
    const CommandResult r = run_negsim(args + " --out '" + out + "'");
    CHECK(r.exit_code == 0);
    CHECK(read_text_file(out) == read_text_file(whole));
    CHECK(run_negsim(args + " --out '" + out + "'").exit_code == 2);  // exists: --force to replace
    CHECK(run_negsim(args + " --out '" + out + "' --force").exit_code == 0);
  }
}

TEST_CASE("negsim merge: a missing, repeated, torn or foreign shard is refused, naming the problem") {
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  std::vector<std::string> shards;
  for (int i = 0; i < 3; ++i) {
    shards.push_back(dir.file("shard" + std::to_string(i) + ".csv"));
    sweep(s, shards.back(), {"--shard", std::to_string(i) + "/3"});
  }
  CHECK(error_of({shards[0], shards[2]}).find("shard(s) 1 of 3 missing") != std::string::npos);
  CHECK(error_of({shards[0], shards[1], shards[1], shards[2]}).find("given twice") != std::string::npos);
  // Torn: the last line cut; incomplete: the last point's rows cut.
  const std::string text = read_text_file(shards[1]);
  const std::string torn = dir.write("torn.csv", text.substr(0, text.size() - 3));
  CHECK(error_of({shards[0], torn, shards[2]}).find("torn last line") != std::string::npos);
  const std::size_t last_line = text.rfind('\n', text.size() - 2);
  const std::string cut = dir.write("cut.csv", text.substr(0, last_line + 1));
  CHECK(error_of({shards[0], cut, shards[2]}).find("incomplete") != std::string::npos);
  // Another sweep: another --set, an edited scenario.
  const std::string other = dir.file("other.csv");
  sweep(s, other, {"--shard", "1/3", "--set", "R=2"});
  CHECK(error_of({shards[0], other, shards[2]}).find("--set") != std::string::npos);
  const std::string edited = dir.write("s.yaml", std::string(kSweepScenario) + "# edited\n");
  sweep(edited, other, {"--shard", "1/3", "--force"});
  CHECK(error_of({shards[0], other, shards[2]}).find("scenario file") != std::string::npos);
  // Not a sweep file at all.
  const std::string plain = dir.write("plain.csv", "point,T\n0,1\n");
  CHECK(error_of({plain}).find("not a sweep description line") != std::string::npos);
  CHECK(run_negsim("merge '" + shards[0] + "' '" + shards[2] + "'").exit_code == 1);
}

TEST_CASE("sweep --resume refuses a file written with another scenario file or --set") {
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  const std::string out = dir.file("out.csv");
  sweep(s, out, {"--set", "R=4"});
  const std::string before = read_text_file(out);
  CHECK_THROWS_WITH_AS(sweep_exit(s, out, {"--set", "R=2", "--resume"}), doctest::Contains("--set values changed"),
                       InputError);
  dir.write("s.yaml", std::string(kSweepScenario) + "# edited\n");
  CHECK_THROWS_WITH_AS(sweep_exit(s, out, {"--set", "R=4", "--resume"}), doctest::Contains("scenario file"),
                       InputError);
  CHECK_THROWS_WITH_AS(sweep_exit(s, out, {"--set", "R=4", "--resume", "--shard", "0/2"}),
                       doctest::Contains("scenario file"), InputError);
  CHECK(read_text_file(out) == before);  // left untouched
  dir.write("s.yaml", kSweepScenario);
  sweep(s, out, {"--set", "R=4", "--resume"});  // the same sweep: nothing to add
  CHECK(read_text_file(out) == before);
}

TEST_CASE("--shard auto: the shard from Slurm arrays, Kubernetes indexed Jobs, or a clear error") {
  using Env = std::map<std::string, std::string>;
  const auto from = [](const Env& env, std::optional<std::size_t> count = std::nullopt) {
    return shard_from_environment(
        [&env](const std::string& name) -> std::optional<std::string> {
          const auto at = env.find(name);
          if (at == env.end()) return std::nullopt;
          return at->second;
        },
        count);
  };
  ShardChoice c = from({{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "16"}});
  CHECK((c.index == 3 && c.count == 16));
  c = from({{"SLURM_ARRAY_TASK_ID", "7"}, {"SLURM_ARRAY_TASK_MIN", "5"}, {"SLURM_ARRAY_TASK_MAX", "8"}});
  CHECK((c.index == 2 && c.count == 4));
  c = from({{"JOB_COMPLETION_INDEX", "4"}, {"NEGSIM_SHARD_COUNT", "8"}});
  CHECK((c.index == 4 && c.count == 8));
  c = from({{"JOB_COMPLETION_INDEX", "0"}}, 2);
  CHECK((c.index == 0 && c.count == 2));
  c = from({{"NEGSIM_SHARD_INDEX", "1"}, {"NEGSIM_SHARD_COUNT", "3"}});
  CHECK((c.index == 1 && c.count == 3));
  CHECK_THROWS_WITH_AS(from({}), doctest::Contains("SLURM_ARRAY_TASK_ID"), UsageError);
  CHECK_THROWS_WITH_AS(from({{"JOB_COMPLETION_INDEX", "1"}}), doctest::Contains("auto/N"), UsageError);
  CHECK_THROWS_AS(from({{"JOB_COMPLETION_INDEX", "9"}}, 4), UsageError);
  CHECK_THROWS_AS(from({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}), UsageError);
  CHECK_THROWS_AS(from({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}, 3), UsageError);
  CHECK_THROWS_WITH_AS(from({{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "2"},
                             {"SLURM_ARRAY_TASK_STEP", "2"}}),
                       doctest::Contains("step"), UsageError);
  // The executable: environment in, shard file out; nothing in it: exit 2.
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  const std::string out = dir.file("k.csv");
  CHECK(run_negsim("sweep '" + s + "' --grid T=1:5:5 --shard auto --no-progress --out '" + out + "'").exit_code == 2);
  CHECK(run_negsim("sweep '" + s + "' --grid T=1:5:5 --shard auto/x --no-progress --out '" + out + "'").exit_code == 2);
  const std::string env = "env JOB_COMPLETION_INDEX=1 NEGSIM_SHARD_COUNT=2 ";
  CHECK(std::system(("cd '" + std::string(NEGSIM_SOURCE_DIR) + "' && " + env + "'" + NEGSIM_EXE + "' sweep '" + s +
                     "' --grid T=1:5:5 --shard auto --no-progress --force --out '" + out + "'")
                        .c_str()) == 0);
  CHECK(read_text_file(out).rfind("# negsim sweep shard=1/2 points=5 ", 0) == 0);
}

TEST_CASE("docs/sweeps.md's GNU parallel recipe runs and merges to the bytes of one run") {
  // Debian's `parallel` (scripts/setup installs it).
  REQUIRE_MESSAGE(std::system("parallel --version >/dev/null 2>&1") == 0, "GNU parallel is not installed (scripts/setup)");
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  const std::string negsim = std::string("'") + NEGSIM_EXE + "'";
  const std::string common = " sweep '" + s + "' --grid T=1:5:9 --list risk=1,2 --jobs 1 --no-progress";
  // The recipe: one shard per job, {} is the shard index, then merge.
  const std::string recipe = "cd '" + dir.path() + "' && parallel --halt now,fail=1 -j 2 " + negsim + common +
                             " --shard {}/4 --resume --out shard-{}-of-4.csv ::: 0 1 2 3 && " + negsim +
                             " merge shard-*-of-4.csv --out sweep.csv";
  REQUIRE(std::system(recipe.c_str()) == 0);
  REQUIRE(std::system(("cd '" + dir.path() + "' && " + negsim + common + " --out whole.csv").c_str()) == 0);
  CHECK(read_text_file(dir.file("sweep.csv")) == read_text_file(dir.file("whole.csv")));
}

TEST_CASE("scripts/kubernetes/sweep-job.yaml is an indexed Job whose shard count matches its completions") {
  const YAML::Node job = YAML::LoadFile(std::string(NEGSIM_SOURCE_DIR) + "/scripts/kubernetes/sweep-job.yaml");
  CHECK(job["apiVersion"].as<std::string>() == "batch/v1");
  CHECK(job["kind"].as<std::string>() == "Job");
  const YAML::Node spec = job["spec"];
  CHECK(spec["completionMode"].as<std::string>() == "Indexed");
  const int completions = spec["completions"].as<int>();
  const YAML::Node container = spec["template"]["spec"]["containers"][0];
  REQUIRE(container);
  std::string count;
  for (const YAML::Node& env : container["env"])
    if (env["name"].as<std::string>() == "NEGSIM_SHARD_COUNT") count = env["value"].as<std::string>();
  CHECK(count == std::to_string(completions));
  const std::string command = container["args"][0].as<std::string>();
  CHECK(command.find("--shard auto") != std::string::npos);
  CHECK(command.find("--resume") != std::string::npos);
  CHECK(spec["template"]["spec"]["restartPolicy"].as<std::string>() == "Never");
}
