#include "sim/sweep/sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

// T over [1, 5] (the regime changes at T = R = 3), risk over {1, 0} (risk 0:
// log(0) = -infinity, so those points cannot be built), row's effort fixed
// or free.
std::vector<SweepAxisArgument> test_axes() {
  return {{"grid", "T=1:5:9"}, {"list", "risk=1,0"}, {"list", "row.effort=0|1|2,1"}};
}

std::string run_to_file(const std::string& path, SweepOptions options, const std::vector<SweepAxisArgument>& axes = test_axes(),
                        std::size_t samples = 0) {
  const Scenario base = sweep_scenario();
  const SweepSpec spec(base, axes, samples, 11);
  options.out = path;
  options.progress = false;
  run_sweep(base, spec, options);
  return read_text_file(path);
}

std::string clean_run(const TempDir& dir, SweepFormat format = SweepFormat::Csv) {
  SweepOptions options;
  options.jobs = 1;
  options.format = format;
  return run_to_file(dir.file(format == SweepFormat::Csv ? "clean.csv" : "clean.jsonl"), options);
}

}  // namespace

TEST_CASE("sweep runner: rows match the closed-form equilibria, errors become rows") {
  TempDir dir;
  const std::vector<std::string> lines = lines_of(clean_run(dir));
  REQUIRE(!lines.empty());
  const std::vector<std::string> header = csv_fields(lines[0]);
  const std::vector<std::string> expected_header = {
      "point", "T", "risk", "row.effort", "analysis", "row", "rows", "status", "equilibrium", "action_row",
      "action_column", "payoff_row", "payoff_column", "max_regret", "message"};
  CHECK(header == expected_header);
  std::map<std::size_t, std::vector<std::vector<std::string>>> points;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> f = csv_fields(lines[i]);
    REQUIRE(f.size() == header.size());
    points[std::stoul(f[0])].push_back(f);
  }
  REQUIRE(points.size() == 9 * 2 * 2);
  for (const auto& [point, rows] : points) {
    const double t = std::stod(rows[0][1]);
    const bool risky = rows[0][2] == "0";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      CHECK(rows[r][5] == std::to_string(r));
      CHECK(rows[r][6] == std::to_string(rows.size()));
    }
    if (risky) {
      REQUIRE(rows.size() == 1);
      CHECK(rows[0][4] == "build");
      CHECK(rows[0][7] == "error");
      CHECK(rows[0][14].find("infinity") != std::string::npos);
      continue;
    }
    const std::string effort = rows[0][3] == "1" ? "1" : "0";
    if (t > 3) {
      REQUIRE(rows.size() == 1);
      CHECK(rows[0][9] == "play=defect,effort=" + effort);
      CHECK(rows[0][10] == "play=defect");
    } else {
      REQUIRE(rows.size() == 2);
      CHECK(rows[0][9] == "play=cooperate,effort=" + effort);
      CHECK(rows[0][10] == "play=cooperate");
      CHECK(rows[1][9] == "play=defect,effort=" + effort);
      CHECK(std::stod(rows[0][12]) == 3);  // column's reward R
    }
    for (const auto& row : rows) {
      CHECK(row[7] == "ok");
      CHECK(std::stod(row[13]) == 0);
    }
  }
}

TEST_CASE("sweep runner: output is byte-identical whatever the jobs and batch sizes") {
  TempDir dir;
  for (SweepFormat format : {SweepFormat::Csv, SweepFormat::JsonLines}) {
    const std::string clean = clean_run(dir, format);
    for (unsigned jobs : {2u, 3u}) {
      for (std::size_t batch : {std::size_t{1}, std::size_t{5}, std::size_t{0}}) {
        SweepOptions options;
        options.jobs = jobs;
        options.batch_points = batch;
        options.format = format;
        CHECK(run_to_file(dir.file("parallel"), options) == clean);
      }
    }
  }
  // Also with random and LHS axes (values and seeds come from the point index).
  SweepOptions serial;
  serial.jobs = 1;
  const std::vector<SweepAxisArgument> sampled = {{"lhs", "T=1:5"}, {"random", "S=-1:0.5"}};
  const std::string a = run_to_file(dir.file("a"), serial, sampled, 40);
  SweepOptions parallel;
  parallel.jobs = 2;
  parallel.batch_points = 7;
  CHECK(run_to_file(dir.file("b"), parallel, sampled, 40) == a);
}

TEST_CASE("sweep runner: resume completes any cut of the file to the clean output") {
  TempDir dir;
  for (SweepFormat format : {SweepFormat::Csv, SweepFormat::JsonLines}) {
    const std::string clean = clean_run(dir, format);
    // Cuts: empty, inside the header, at line ends, inside lines, one byte short.
    std::vector<std::size_t> cuts = {0, 1, 7, clean.size() - 1, clean.size()};
    std::size_t line_end = 0;
    for (int k = 0; k < 12 && line_end != std::string::npos; ++k) {
      line_end = clean.find('\n', line_end + 1);
      if (line_end == std::string::npos) break;
      cuts.push_back(line_end);
      cuts.push_back(line_end + 1);
      cuts.push_back(line_end + 9);
    }
    for (std::size_t cut : {clean.size() / 3, clean.size() / 2, clean.size() * 4 / 5}) cuts.push_back(cut);
    for (std::size_t cut : cuts) {
      if (cut > clean.size()) continue;
      CAPTURE(cut);
      const std::string path = dir.file("resumed");
      std::ofstream(path, std::ios::binary | std::ios::trunc) << clean.substr(0, cut);
      SweepOptions options;
      options.resume = true;
      options.jobs = 2;
      options.format = format;
      CHECK(run_to_file(path, options) == clean);
    }
  }
}

TEST_CASE("sweep runner: a sweep stopped between batches resumes to the clean file") {
  TempDir dir;
  const std::string clean = clean_run(dir);
  const std::string path = dir.file("stopped.csv");
  SweepOptions first;
  first.batch_points = 3;
  first.stop_after_batches = 4;
  const std::string partial = run_to_file(path, first);
  CHECK(partial.size() < clean.size());
  CHECK(clean.compare(0, partial.size(), partial) == 0);
  SweepOptions again;
  again.resume = true;
  CHECK(run_to_file(path, again) == clean);
}

TEST_CASE("sweep runner: a sweep killed with SIGKILL resumes to the clean file") {
  TempDir dir;
  const std::vector<SweepAxisArgument> axes = {{"grid", "T=1:5:3000"}, {"list", "risk=1,0"}};
  SweepOptions serial;
  serial.jobs = 1;
  const std::string clean = run_to_file(dir.file("clean.csv"), serial, axes);
  const std::string path = dir.file("killed.csv");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // One thread (no TBB workers after fork), one point per durable batch.
    const Scenario base = sweep_scenario();
    const SweepSpec spec(base, axes, 0, 11);
    SweepOptions options;
    options.jobs = 1;
    options.batch_points = 1;
    options.out = path;
    options.progress = false;
    run_sweep(base, spec, options);
    ::_exit(0);
  }
  // Kill it once about a third of the file is there.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::error_code ec;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > clean.size() / 3) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string killed = read_text_file(path);
  MESSAGE("killed after " << killed.size() << " of " << clean.size() << " bytes");
  CHECK(clean.compare(0, killed.size(), killed) == 0);  // a prefix of the clean file
  SweepOptions resume;
  resume.resume = true;
  CHECK(run_to_file(path, resume, axes) == clean);
}

TEST_CASE("sweep runner: resume refuses a file of another sweep") {
  TempDir dir;
  const std::string path = dir.file("other.csv");
  SweepOptions options;
  run_to_file(path, options, {{"grid", "T=1:5:4"}});
  options.resume = true;
  // Other values on the same axis: the rows do not match.
  CHECK_THROWS_AS(run_to_file(path, options, {{"grid", "T=1:6:4"}}), InputError);
  // Other axes: the header does not match.
  CHECK_THROWS_AS(run_to_file(path, options, {{"grid", "R=1:5:4"}}), InputError);
  // Another shard.
  SweepOptions shard = options;
  shard.shard_index = 1;
  shard.shard_count = 2;
  CHECK_THROWS_AS(run_to_file(path, shard, {{"grid", "T=1:5:4"}}), InputError);
}

TEST_CASE("sweep runner: the shards' rows, sorted by point, are the whole sweep") {
  TempDir dir;
  const std::vector<std::string> whole = lines_of(clean_run(dir));
  for (std::size_t n : {2u, 3u, 5u}) {
    std::vector<std::pair<std::size_t, std::string>> rows;
    for (std::size_t i = 0; i < n; ++i) {
      SweepOptions options;
      options.shard_index = i;
      options.shard_count = n;
      options.jobs = 2;
      const std::vector<std::string> lines = lines_of(run_to_file(dir.file("shard"), options));
      REQUIRE(!lines.empty());
      CHECK(lines[0] == whole[0]);
      for (std::size_t l = 1; l < lines.size(); ++l) {
        const std::size_t point = std::stoul(lines[l]);
        CHECK(point % n == i);
        rows.emplace_back(point, lines[l]);
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    REQUIRE(rows.size() + 1 == whole.size());
    for (std::size_t r = 0; r < rows.size(); ++r) CHECK(rows[r].second == whole[r + 1]);
  }
}

TEST_CASE("sweep runner: a point over the profile budget is an error row, not an abort") {
  TempDir dir;
  SweepOptions options;
  options.build.max_profiles = 6;  // row has 2 x 3 actions, column 2: 12 profiles
  const std::vector<std::string> lines =
      lines_of(run_to_file(dir.file("budget.csv"), options, {{"list", "row.effort=0,0|1|2"}}));
  REQUIRE(lines.size() == 1 + 1 + 1);  // header, point 0 (4 profiles: one row), point 1 error
  CHECK(csv_fields(lines[1])[5] == "ok");
  const std::vector<std::string> error = csv_fields(lines[2]);
  CHECK(error[0] == "1");
  CHECK(error[2] == "build");
  CHECK(error[5] == "error");
  CHECK(error.back().find("budget") != std::string::npos);
}
