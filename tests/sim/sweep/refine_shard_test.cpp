// Refined sweeps split into shards (--refine L --shard I/N) and joined by
// `negsim merge`: the same bytes as one process, checked for completeness.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/sweep/refine_plan.hpp"
#include "sim/sweep/sweep_command.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/sweep/sweep_merge.hpp"
#include "sim/sweep/sweep_output.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

// The refine test's sweep (refine_test.cpp): a stag hunt / prisoner's
// dilemma boundary on the diagonal T = R, an error plane at risk = 0.
std::vector<std::string> sweep_args(const std::string& scenario, const std::string& out,
                                    std::vector<std::string> extra = {}) {
  std::vector<std::string> args{scenario, "--list", "risk=1,0", "--grid", "T=1:5:5", "--grid", "R=1:5:5",
                                "--refine", "2", "--no-progress", "--out", out};
  if (std::find(extra.begin(), extra.end(), "--jobs") == extra.end()) extra.insert(extra.end(), {"--jobs", "1"});
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string merged(const std::vector<std::string>& paths) {
  std::vector<SweepShardFile> files;
  for (const std::string& path : paths) files.push_back({path, read_text_file(path)});
  return merge_sweep_shards(files);
}

std::string merge_error(const std::vector<std::string>& paths) {
  try {
    merged(paths);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected the merge to be refused");
  return "";
}

// The points of a refined CSV file (first cell of every row), counted once each.
std::set<std::string> points_of(const std::string& text) {
  std::set<std::string> points;
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 2; i < lines.size(); ++i) points.insert(csv_fields(lines[i])[0]);
  return points;
}

}  // namespace

TEST_CASE("refine plan shards: every level-0 cell is refined by one shard, and a coarse level 0 deals the mixed cells by weight") {
  const Scenario base = sweep_scenario();
  // 3 x 4 coarse grid (6 cells), L = 2, a step on T + R; a list axis of 2 too.
  const SweepSpec fine = SweepSpec(base, {{"list", "risk=1,2"}, {"grid", "T=0:2:3"}, {"grid", "R=0:3:4"}}, 0, 0).refined(2);
  const RefineGrid grid = RefineGrid::of(fine);
  CHECK(grid.text() == "2f,9r,13r");
  const std::optional<RefineGrid> read = RefineGrid::parse(grid.text(), fine.num_points());
  REQUIRE(read);
  CHECK(read->stride == grid.stride);
  CHECK(read->refined == grid.refined);
  CHECK_FALSE(RefineGrid::parse("2f,9r,13r", fine.num_points() + 1));
  CHECK_FALSE(RefineGrid::parse("2f,3f", 6));
  auto outcome = [&](std::size_t point) {
    return static_cast<std::uint32_t>(fine.level(1, point) + fine.level(2, point) > 9);
  };
  // The level-0 cell (lower corner) holding a fine point's cell.
  auto parent = [&](std::size_t point) {
    std::size_t cell = point;
    for (const std::size_t a : {std::size_t{1}, std::size_t{2}}) cell -= (fine.level(a, point) % 4) * grid.stride[a];
    return cell;
  };
  // The whole plan: each point's level; its level-0 points; the mixed cells
  // and their weights (edges whose ends differ), counted here from corners.
  std::map<std::size_t, unsigned> whole;
  RefinePlan all(grid, 2);
  const std::vector<std::size_t> level0 = all.start();
  const std::vector<std::size_t> cells0 = all.cells();
  CHECK(cells0.size() == 12);  // 2 x 2 x 3
  std::map<std::size_t, std::size_t> weight;  // mixed cell -> edges
  const std::size_t dt = 4 * grid.stride[1], dr = 4 * grid.stride[2];
  for (const std::size_t c : cells0) {
    const std::size_t edges = (outcome(c) != outcome(c + dt)) + (outcome(c) != outcome(c + dr)) +
                              (outcome(c + dt) != outcome(c + dt + dr)) + (outcome(c + dr) != outcome(c + dt + dr));
    if (edges) weight[c] = edges;
  }
  REQUIRE(weight.size() >= 4);
  std::size_t total = 0, heaviest = 0;
  for (const auto& item : weight) {
    total += item.second;
    heaviest = std::max(heaviest, item.second);
  }
  for (auto points = level0; !points.empty(); points = all.next(outcome))
    for (const std::size_t p : points) whole.emplace(p, all.level());
  // The rule (refine_plan.hpp): 24 level-0 points against an estimate of
  // 24 + 2 slices x 4 x 3 cells x 2^2 = 120: a coarse level 0 up to 5
  // shards, round-robin for 6 and 13.
  CHECK(RefinePlan::shares_level0(grid, 2, 2));
  CHECK(RefinePlan::shares_level0(grid, 2, 5));
  CHECK_FALSE(RefinePlan::shares_level0(grid, 2, 6));
  CHECK_FALSE(RefinePlan::shares_level0(grid, 2, 13));
  CHECK_FALSE(RefinePlan::shares_level0(grid, 2, 1));
  for (const std::size_t count : {2, 3, 5, 6, 13}) {
    CAPTURE(count);
    std::map<std::size_t, unsigned> joined;  // the smallest level of each point over the shards
    std::map<std::size_t, std::size_t> refined_by;  // level-0 cell split at level 1 -> shard
    std::size_t cells = 0, computed = 0;
    for (std::size_t s = 0; s < count; ++s) {
      RefinePlan shard(grid, 2, s, count);
      std::set<std::size_t> own;
      std::size_t own_weight = 0;
      for (auto points = shard.start(); !points.empty(); points = shard.next(outcome)) {
        if (shard.level() == 0) {
          cells += shard.cells().size();
          if (shard.shares_level0()) CHECK(points == level0);  // every shard computes the whole level 0
        }
        if (shard.level() == 1) {
          std::set<std::size_t> parents;
          for (const std::size_t child : shard.cells()) parents.insert(parent(child));
          for (const std::size_t cell : parents) {
            CHECK(refined_by.emplace(cell, s).second);  // each mixed cell refined by one shard only
            REQUIRE(weight.count(cell) == 1);
            own_weight += weight[cell];
          }
        }
        for (const std::size_t p : points) {
          CHECK(own.insert(p).second);  // each point once per shard
          const auto it = joined.emplace(p, shard.level()).first;
          it->second = std::min(it->second, shard.level());
          ++computed;
        }
      }
      // Contiguous runs cut at the weights' midpoints: no shard holds more
      // than its share plus one cell.
      if (shard.shares_level0()) CHECK(own_weight * count <= total + count * heaviest);
    }
    if (!RefinePlan::shares_level0(grid, 2, count)) CHECK(cells == 12);  // round-robin: each cell owned once
    CHECK(refined_by.size() == weight.size());  // every mixed cell refined
    CHECK(joined == whole);
    CHECK(computed >= whole.size());
  }
  CHECK_THROWS_AS(RefinePlan(grid, 2, 3, 3), UsageError);
}

TEST_CASE("refine shards: merged --shard I/N for N = 1, 2, 3, 5 equal the single refined run byte for byte") {
  TempDir dir;
  const std::string scenario = dir.write("s.yaml", kSweepScenario);
  for (const std::string format : {"csv", "jsonl"}) {
    CAPTURE(format);
    const std::string single = dir.file("single." + format);
    REQUIRE(run_sweep_command(sweep_args(scenario, single, {"--format", format})) == 0);
    const std::string reference = read_text_file(single);
    CHECK(reference.find(" refine=2 refine_by=regime refine_grid=2f,17r,17r") != std::string::npos);
    // Merging the unsharded file alone gives it back.
    CHECK(merged({single}) == reference);
    for (const std::size_t count : {1, 2, 3, 5}) {
      if (format == "jsonl" && count != 3) continue;  // one JSON lines case is enough
      CAPTURE(count);
      std::vector<std::string> paths;
      std::size_t computed = 0;
      for (std::size_t i = 0; i < count; ++i) {
        paths.push_back(dir.file(std::to_string(i) + "_of_" + std::to_string(count) + "." + format));
        REQUIRE(run_sweep_command(sweep_args(scenario, paths.back(),
                                             {"--format", format, "--shard",
                                              std::to_string(i) + "/" + std::to_string(count)})) == 0);
        if (format == "csv") computed += points_of(read_text_file(paths.back())).size();
      }
      // 50 level-0 points: shared by 2 and 3 shards, round-robin for 5.
      const bool level0 = count == 2 || count == 3;
      CHECK((read_text_file(paths[0]).find(" refine_shards=level0") != std::string::npos) == level0);
      // Any order of the files.
      std::swap(paths.front(), paths.back());
      CHECK(merged(paths) == reference);
      // Shards share the points of their cells' common faces.
      if (format == "csv" && count > 1) CHECK(computed > points_of(reference).size());
    }
  }
}

TEST_CASE("refine shards: a killed refined shard resumes to the same bytes, and --shard auto works") {
  TempDir dir;
  const std::string scenario = dir.write("s.yaml", kSweepScenario);
  const std::string whole = dir.file("whole.csv");
  REQUIRE(run_sweep_command(sweep_args(scenario, whole, {"--shard", "1/3", "--batch", "5"})) == 0);
  const std::string reference = read_text_file(whole);
  // Cut mid-line, and at a third (mid-level); resumed with other --jobs.
  for (const std::size_t cut : {reference.size() / 3, reference.size() * 4 / 5 + 3}) {
    CAPTURE(cut);
    const std::string path = dir.write("cut.csv", reference.substr(0, cut));
    REQUIRE(run_sweep_command(sweep_args(scenario, path, {"--shard", "1/3", "--resume", "--jobs", "2"})) == 0);
    CHECK(read_text_file(path) == reference);
  }
  // A resume with another shard of the same sweep is refused.
  CHECK_THROWS_AS(run_sweep_command(sweep_args(scenario, whole, {"--shard", "2/3", "--resume"})), InputError);
  // A shard file of an older negsim (no refine_shards=, cells dealt
  // round-robin) is refused by --resume, naming why, and left untouched.
  std::string old = reference;
  const std::size_t field = old.find(" refine_shards=level0");
  REQUIRE(field != std::string::npos);
  old.erase(field, std::string(" refine_shards=level0").size());
  const std::string old_path = dir.write("old.csv", old);
  try {
    run_sweep_command(sweep_args(scenario, old_path, {"--shard", "1/3", "--resume"}));
    FAIL("expected --resume to refuse the old shard file");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("older negsim") != std::string::npos);
  }
  CHECK(read_text_file(old_path) == old);

  // --shard auto takes I and N from the environment.
  ::setenv("NEGSIM_SHARD_INDEX", "1", 1);
  ::setenv("NEGSIM_SHARD_COUNT", "3", 1);
  const std::string automatic = dir.file("auto.csv");
  const int code = run_sweep_command(sweep_args(scenario, automatic, {"--shard", "auto"}));
  ::unsetenv("NEGSIM_SHARD_INDEX");
  ::unsetenv("NEGSIM_SHARD_COUNT");
  REQUIRE(code == 0);
  CHECK(read_text_file(automatic) == reference);
}

TEST_CASE("refine shards: merge refuses a missing shard or point, a torn file, rows that differ, a wrong level") {
  TempDir dir;
  const std::string scenario = dir.write("s.yaml", kSweepScenario);
  std::vector<std::string> paths;
  for (int i = 0; i < 3; ++i) {
    paths.push_back(dir.file("part" + std::to_string(i) + ".csv"));
    REQUIRE(run_sweep_command(sweep_args(scenario, paths.back(), {"--shard", std::to_string(i) + "/3"})) == 0);
  }
  const std::string shard1 = read_text_file(paths[1]);
  const std::vector<std::string> lines = lines_of(shard1);
  REQUIRE(lines.size() > 10);
  auto with_shard1 = [&](const std::string& text) {
    std::vector<std::string> given = paths;
    given[1] = dir.write("edited.csv", text);
    return merge_error(given);
  };
  auto join = [](const std::vector<std::string>& rows) {
    std::string text;
    for (const std::string& row : rows) text += row + "\n";
    return text;
  };

  CHECK(merge_error({paths[0], paths[2]}).find("shard(s) 1 of 3 missing") != std::string::npos);
  CHECK(merge_error({paths[0], paths[1], paths[1]}).find("given twice") != std::string::npos);
  // Shards of an older negsim (no refine_shards=level0 in the first line).
  std::vector<std::string> old_paths;
  for (int i = 0; i < 3; ++i) {
    std::string text = read_text_file(paths[i]);
    const std::size_t field = text.find(" refine_shards=level0");
    REQUIRE(field != std::string::npos);
    text.erase(field, std::string(" refine_shards=level0").size());
    old_paths.push_back(dir.write("old" + std::to_string(i) + ".csv", text));
  }
  CHECK(merge_error(old_paths).find("written by an older negsim") != std::string::npos);
  CHECK(merge_error({paths[0], old_paths[1], paths[2]}).find("how the shards share the refinement") != std::string::npos);
  // A torn last line; a file stopped after a whole point (the rows of the
  // last point removed): the replay names the first missing point.
  CHECK(with_shard1(shard1.substr(0, shard1.size() - 4)).find("torn last line") != std::string::npos);
  std::vector<std::string> shorter(lines.begin(), lines.end() - 1);
  const std::string last_point = csv_fields(lines.back())[0];
  while (csv_fields(shorter.back())[0] == last_point) shorter.pop_back();
  const std::string stopped = with_shard1(join(shorter));
  CHECK(stopped.find("incomplete") != std::string::npos);
  CHECK(stopped.find("point " + last_point + " (level ") != std::string::npos);
  // A face point's rows edited in one shard: its copies differ.
  const std::string shard0 = read_text_file(paths[0]);
  std::vector<std::string> rows0 = lines_of(shard0);
  const std::set<std::string> in1 = points_of(shard1);
  bool changed = false;
  for (std::size_t i = 2; i < rows0.size() && !changed; ++i) {
    std::vector<std::string> f = csv_fields(rows0[i]);
    if (!in1.count(f[0]) || f[7] != "ok") continue;
    const std::size_t comma = rows0[i].rfind(",ok,");
    REQUIRE(comma != std::string::npos);
    rows0[i].insert(comma + 4, "9");  // the first cell after status
    changed = true;
  }
  REQUIRE(changed);
  const std::string edited0 = dir.write("edited0.csv", join(rows0));
  CHECK(merge_error({edited0, paths[1], paths[2]}).find("has other rows than in") != std::string::npos);
  // A point at another level than its shard's refinement gives it.
  std::vector<std::string> relevelled = lines;
  for (std::string& line : relevelled)
    if (csv_fields(line)[0] == last_point) line = line.substr(0, line.rfind(',') + 1) + "7";
  CHECK(with_shard1(join(relevelled)).find("where its refinement has point") != std::string::npos);
  // A point of another shard's cell only, appended.
  std::string extra = shard1;
  const std::set<std::string> in0 = points_of(shard0);
  for (const std::string& line : lines_of(shard0)) {
    const std::vector<std::string> f = csv_fields(line);
    if (f.size() > 1 && in0.count(f[0]) && !in1.count(f[0]) && f[0] != "point") {
      extra += line + "\n";
      if (std::stoul(f[5]) + 1 == std::stoul(f[6])) break;  // that point's last row
    }
  }
  CHECK(with_shard1(extra).find("beyond the") != std::string::npos);
  // A plain (unrefined) shard with refined ones.
  const std::string plain = dir.file("plain.csv");
  REQUIRE(run_sweep_command({scenario, "--grid", "T=1:5:5", "--shard", "1/3", "--no-progress", "--out", plain}) == 0);
  CHECK(merge_error({paths[0], plain, paths[2]}).find("not a shard of the same sweep") != std::string::npos);
}

TEST_CASE("sweep description line: the --refine-by columns and the refined grid are read back") {
  SweepIdentity id;
  id.points = 578;
  id.negsim = "1.0";
  id.scenario = id.set = id.axes = id.analyses = "0123456789abcdef";
  id.refine = "2";
  id.refine_by = {"action_a b", "payoff_x,y%"};
  id.refine_grid = "2f,17r,17r";
  const std::string line = id.line(SweepFormat::Csv);
  CHECK(line.find("refine_by=action_a%20b,payoff_x%2Cy%25 refine_grid=2f,17r,17r\n") != std::string::npos);
  const std::optional<SweepIdentity> read = SweepIdentity::parse(line.substr(0, line.size() - 1));
  REQUIRE(read);
  CHECK(read->refine_by == id.refine_by);
  CHECK(read->refine_grid == id.refine_grid);
  CHECK(read->difference(id).empty());
}

TEST_CASE("docs/sweeps.md's GNU parallel recipe for a refined sweep merges to the bytes of one run") {
  REQUIRE_MESSAGE(std::system("parallel --version >/dev/null 2>&1") == 0, "GNU parallel is not installed (scripts/setup)");
  TempDir dir;
  const std::string s = dir.write("s.yaml", kSweepScenario);
  const std::string negsim = std::string("'") + NEGSIM_EXE + "'";
  const std::string common = " sweep '" + s + "' --grid T=1:5:5 --grid R=1:5:5 --refine 2 --jobs 1 --no-progress";
  const std::string recipe = "cd '" + dir.path() + "' && parallel -j 2 --halt now,fail=1 " + negsim + common +
                             " --shard {}/4 --resume --out refined-{}-of-4.csv ::: 0 1 2 3 && " + negsim +
                             " merge refined-*-of-4.csv --out refined.csv";
  REQUIRE(std::system(recipe.c_str()) == 0);
  REQUIRE(std::system(("cd '" + dir.path() + "' && " + negsim + common + " --out whole.csv").c_str()) == 0);
  CHECK(read_text_file(dir.file("refined.csv")) == read_text_file(dir.file("whole.csv")));
}
