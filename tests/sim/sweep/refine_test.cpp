#include "sim/sweep/refine_plan.hpp"

#include <cmath>
#include <fstream>
#include <tuple>
#include <map>
#include <set>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/report/svg/svg_sweep.hpp"
#include "sim/report/sweep_regimes.hpp"
#include "sim/sweep/sweep_command.hpp"
#include "sim/sweep/sweep_merge.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "tests/sim/sweep/sweep_test_support.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

// The regime of the test scenario changes on the diagonal T = R (T > R:
// defection only; T <= R: a stag hunt with two equilibria); at risk = 0 every
// point is an error. Coarse 5 x 5 grid, refined twice: the fine grid is 17 x 17.
constexpr int kLevels = 2;
std::vector<SweepAxisArgument> coarse_axes() { return {{"list", "risk=1,0"}, {"grid", "T=1:5:5"}, {"grid", "R=1:5:5"}}; }
std::vector<SweepAxisArgument> fine_axes() { return {{"list", "risk=1,0"}, {"grid", "T=1:5:17"}, {"grid", "R=1:5:17"}}; }

std::string run(const std::string& path, const std::vector<SweepAxisArgument>& axes, SweepOptions options) {
  const Scenario base = sweep_scenario();
  const SweepSpec spec(base, axes, 0, 7);
  options.out = path;
  options.progress = false;
  run_sweep(base, spec, options);
  return read_text_file(path);
}

SweepOptions refined_options(unsigned jobs = 1, std::size_t batch = 0) {
  SweepOptions options;
  options.refine_levels = kLevels;
  options.jobs = jobs;
  options.batch_points = batch;
  return options;
}

// A point's rows and its outcome, computed here from the cells (the set of
// (analysis, status, actions) over its rows), independently of RefineOutcome.
struct Point {
  std::vector<std::string> lines;  // without a level column
  std::string outcome;
  std::string risk;
  int t = 0, r = 0;  // fine grid positions
  int level = -1;
};

std::map<std::size_t, Point> read_points(const std::string& text, bool refined, std::vector<std::size_t>* order = nullptr) {
  std::map<std::size_t, Point> points;
  std::map<std::size_t, std::set<std::string>> outcomes;
  const std::vector<std::string> lines = lines_of(text);
  REQUIRE(lines.size() >= 2);
  const std::vector<std::string> header = csv_fields(lines[0]);
  REQUIRE(header.back() == (refined ? "level" : "message"));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> f = csv_fields(lines[i]);
    REQUIRE(f.size() == header.size());
    const std::size_t index = std::stoul(f[0]);
    Point& p = points[index];
    std::string line = lines[i];
    if (refined) {
      line.erase(line.rfind(','));
      p.level = std::stoi(f.back());
    }
    if (p.lines.empty() && order) order->push_back(index);
    p.lines.push_back(line);
    p.risk = f[1];
    p.t = static_cast<int>(std::lround((std::stod(f[2]) - 1) * 4));
    p.r = static_cast<int>(std::lround((std::stod(f[3]) - 1) * 4));
    outcomes[index].insert(f[4] + "/" + f[7] + "/" + f[9] + "/" + f[10]);  // analysis, status, action_row, action_column
  }
  for (auto& [index, p] : points)
    for (const std::string& o : outcomes[index]) p.outcome += o + ";";
  return points;
}

// The fine cells (risk, t, r: lower corner) whose four corners are all
// present and do not all have the same outcome.
std::set<std::tuple<std::string, int, int>> boundary_cells(const std::map<std::size_t, Point>& points) {
  std::map<std::tuple<std::string, int, int>, std::string> at;
  for (const auto& entry : points) at[{entry.second.risk, entry.second.t, entry.second.r}] = entry.second.outcome;
  std::set<std::tuple<std::string, int, int>> cells;
  for (const auto& entry : at) {
    const auto& [risk, t, r] = entry.first;
    const auto a = at.find({risk, t + 1, r}), b = at.find({risk, t, r + 1}), c = at.find({risk, t + 1, r + 1});
    if (a == at.end() || b == at.end() || c == at.end()) continue;
    if (a->second != entry.second || b->second != entry.second || c->second != entry.second) cells.insert(entry.first);
  }
  return cells;
}

}  // namespace

TEST_CASE("refine plan: a 1D step is bisected level by level, a 3D cell splits into 8") {
  const Scenario base = sweep_scenario();
  // Fine grid of 17 values (3 given, L = 3); the outcome changes between
  // fine indices 10 and 11.
  RefinePlan line(SweepSpec(base, {{"grid", "T=0:2:3"}}, 0, 0).refined(3), 3);
  auto step = [](std::size_t point) { return static_cast<std::uint32_t>(point >= 11); };
  CHECK(line.start() == std::vector<std::size_t>{0, 8, 16});
  CHECK(line.next(step) == std::vector<std::size_t>{12});
  CHECK(line.next(step) == std::vector<std::size_t>{10});
  CHECK(line.next(step) == std::vector<std::size_t>{11});
  CHECK(line.level() == 3);
  CHECK(line.cells() == std::vector<std::size_t>{10, 11});
  CHECK(line.next(step).empty());
  // Uniform outcome: nothing is split, and the plan says so at once.
  RefinePlan flat(SweepSpec(base, {{"grid", "T=0:2:3"}}, 0, 0).refined(3), 3);
  flat.start();
  CHECK(flat.next([](std::size_t) { return 0u; }).empty());
  CHECK(flat.level() == 0);
  // Three refined axes of 2 values, L = 1: the fine grid is 3 x 3 x 3; one
  // corner differs, so the one cell splits and the 19 new points come in
  // increasing index.
  RefinePlan cube(SweepSpec(base, {{"grid", "T=0:1:2"}, {"grid", "R=0:1:2"}, {"grid", "S=0:1:2"}}, 0, 0).refined(1), 1);
  CHECK(cube.start() == std::vector<std::size_t>{0, 2, 6, 8, 18, 20, 24, 26});
  const std::vector<std::size_t> level1 = cube.next([](std::size_t point) { return static_cast<std::uint32_t>(point == 26); });
  std::vector<std::size_t> expected;
  for (std::size_t i = 0; i < 27; ++i)
    if (i != 0 && i != 2 && i != 6 && i != 8 && i != 18 && i != 20 && i != 24 && i != 26) expected.push_back(i);
  CHECK(level1 == expected);
  CHECK(cube.cells().size() == 8);
}

TEST_CASE("refine: rows equal the fine grid's at the same points and the boundary cells are the same") {
  TempDir dir;
  const std::string fine_text = run(dir.file("fine.csv"), fine_axes(), SweepOptions{});
  std::vector<std::size_t> order;
  const std::string refined_text = run(dir.file("refined.csv"), coarse_axes(), refined_options());
  const auto fine = read_points(fine_text, false);
  const auto refined = read_points(refined_text, true, &order);
  REQUIRE(fine.size() == 2 * 17 * 17);
  // The header is the fine sweep's plus the level column.
  CHECK(lines_of(refined_text)[0] == lines_of(fine_text)[0] + ",level");
  for (const auto& [index, p] : refined) {
    const auto it = fine.find(index);
    REQUIRE(it != fine.end());
    CHECK(p.lines == it->second.lines);
    // Level 0 is the grid given: every fourth fine value.
    CHECK((p.level == 0) == (p.t % 4 == 0 && p.r % 4 == 0));
  }
  // Points come level by level, ascending within a level.
  for (std::size_t k = 1; k < order.size(); ++k) {
    const Point& a = refined.at(order[k - 1]);
    const Point& b = refined.at(order[k]);
    CHECK((a.level < b.level || (a.level == b.level && order[k - 1] < order[k])));
  }
  const auto fine_boundary = boundary_cells(fine);
  // On the diagonal t = r (corner (t+1, t) has T > R) and just below it
  // (corner (t+1, t+1) has T = R): 16 + 15 cells at risk 1.
  REQUIRE(fine_boundary.size() == 31);
  CHECK(boundary_cells(refined) == fine_boundary);
  CHECK(refined.size() < fine.size() / 2);
  // Every level 2 point has a neighbour of another outcome within one fine step
  // diagonal cells only: nothing is computed far from the boundary or at risk 0.
  for (const auto& entry : refined) {
    const Point& p = entry.second;
    if (p.level == 2) CHECK(std::abs(p.t - p.r) <= 4);
    if (p.risk == "0") CHECK(p.level == 0);
  }

  // The native map of the refined sweep has no holes and shows what the fine
  // grid's map shows, position by position.
  const SweepRegimes fine_regimes = sweep_regimes(read_sweep_csv(fine_text, "fine.csv"));
  const SweepRegimes refined_regimes = sweep_regimes(read_sweep_csv(refined_text, "refined.csv"));
  CHECK(refined_regimes.refined);
  const svg::RegimeMapGrid fine_map = svg::regime_map_grid(fine_regimes, 1, 2);
  const svg::RegimeMapGrid refined_map = svg::regime_map_grid(refined_regimes, 1, 2);
  CHECK(refined_map.refined);
  CHECK(refined_map.depth == 2);
  REQUIRE(refined_map.grid.size() == 17);
  REQUIRE(refined_map.grid[0].size() == 17);
  REQUIRE(fine_map.xs.size() == 17);
  REQUIRE(fine_map.ys.size() == 17);
  for (std::size_t i = 0; i < 17; ++i) {
    CHECK(std::stod(refined_map.xs[i]) == doctest::Approx(std::stod(fine_map.xs[i])));
    CHECK(std::stod(refined_map.ys[i]) == doctest::Approx(std::stod(fine_map.ys[i])));
  }
  for (std::size_t y = 0; y < 17; ++y)
    for (std::size_t x = 0; x < 17; ++x) {
      REQUIRE(refined_map.grid[y][x] != svg::RegimeMapGrid::kEmpty);
      CHECK(refined_regimes.regimes[refined_map.grid[y][x]] == fine_regimes.regimes[fine_map.grid[y][x]]);
    }
  CHECK(svg::regime_map_chart(refined_regimes, 1, 2).svg.find("refined sweep") != std::string::npos);
}

TEST_CASE("refine: the file is the same for any --jobs, batch size, interruption and resume") {
  TempDir dir;
  const std::string reference = run(dir.file("a.csv"), coarse_axes(), refined_options(1));
  CHECK(run(dir.file("b.csv"), coarse_axes(), refined_options(2, 8)) == reference);
  // Killed after a few batches (mid-level), then resumed, twice.
  SweepOptions stop = refined_options(1, 7);
  stop.stop_after_batches = 3;
  const std::string cut = run(dir.file("c.csv"), coarse_axes(), stop);
  CHECK(cut.size() < reference.size());
  CHECK(reference.rfind(cut, 0) == 0);
  SweepOptions resume = refined_options(2, 5);
  resume.resume = true;
  resume.stop_after_batches = 4;
  run(dir.file("c.csv"), coarse_axes(), resume);
  resume.stop_after_batches = 0;
  CHECK(run(dir.file("c.csv"), coarse_axes(), resume) == reference);
  // A torn last line is dropped and recomputed.
  {
    std::ofstream out(dir.file("d.csv"), std::ios::binary);
    out << reference.substr(0, reference.size() * 2 / 3);
  }
  CHECK(run(dir.file("d.csv"), coarse_axes(), resume) == reference);
  // JSON lines: the same points, a "level" key last.
  SweepOptions json = refined_options(2, 4);
  json.format = SweepFormat::JsonLines;
  const std::string jsonl = run(dir.file("e.jsonl"), coarse_axes(), json);
  CHECK(lines_of(jsonl).size() == lines_of(reference).size() - 1);
  CHECK(jsonl.find(",\"level\":2}\n") != std::string::npos);
  json.resume = true;
  {
    std::ofstream out(dir.file("f.jsonl"), std::ios::binary);
    out << jsonl.substr(0, jsonl.size() / 2);
  }
  CHECK(run(dir.file("f.jsonl"), coarse_axes(), json) == jsonl);
}

TEST_CASE("refine: --refine-by chooses the outcome, and what cannot be refined is refused") {
  TempDir dir;
  // By the column player's action only: cooperate appears in the stag hunt
  // (T <= R) alone too, so the boundary is the same; by payoff_column the
  // regions differ in every point, so every cell is split.
  SweepOptions by_action = refined_options();
  by_action.refine_by = {"action_column"};
  CHECK(run(dir.file("a.csv"), coarse_axes(), by_action) ==
        run(dir.file("b.csv"), coarse_axes(), refined_options()));
  // By payoff_column: the stag hunt's (cooperate, cooperate) pays R, which
  // changes between every two rows, so all its cells are split too.
  SweepOptions by_payoff = refined_options();
  by_payoff.refine_by = {"payoff_column"};
  const auto by_regime = read_points(read_text_file(dir.file("b.csv")), true);
  const auto by_payoffs = read_points(run(dir.file("c.csv"), coarse_axes(), by_payoff), true);
  CHECK(by_payoffs.size() > by_regime.size());
  for (const auto& entry : by_regime) CHECK(by_payoffs.count(entry.first) == 1);

  SweepOptions bad = refined_options();
  bad.refine_by = {"payoff_nobody"};
  CHECK_THROWS_AS(run(dir.file("d.csv"), coarse_axes(), bad), UsageError);
  bad = refined_options();
  bad.shard_index = 2;
  bad.shard_count = 2;
  CHECK_THROWS_AS(run(dir.file("e.csv"), coarse_axes(), bad), UsageError);
  CHECK_THROWS_AS(run(dir.file("f.csv"), {{"list", "risk=1,0"}}, refined_options()), UsageError);
  const Scenario base = sweep_scenario();
  CHECK_THROWS_AS(RefinePlan(SweepSpec(base, {{"grid", "T=1:5:3"}, {"random", "R=1:5"}}, 4, 0), 1), UsageError);

  // The command: the description line records the level, so --resume with
  // another level is refused; merging the one file gives it back
  // (refine_shard_test.cpp merges shards).
  const std::string scenario = dir.write("s.yaml", kSweepScenario);
  const std::string out = dir.file("cmd.csv");
  CHECK(run_sweep_command({scenario, "--grid", "T=1:5:5", "--grid", "R=1:5:5", "--refine", "2", "--out", out,
                           "--no-progress"}) == 0);
  CHECK(read_text_file(out).find(" refine=2 refine_by=") != std::string::npos);
  try {
    run_sweep_command({scenario, "--grid", "T=1:5:5", "--grid", "R=1:5:5", "--refine", "1", "--out", out,
                       "--resume", "--no-progress"});
    FAIL("a resume with another --refine level was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("--refine level") != std::string::npos);
  }
  CHECK(merge_sweep_shards({{out, read_text_file(out)}}) == read_text_file(out));
  CHECK_THROWS_AS(run_sweep_command({scenario, "--grid", "T=1:5:5", "--refine-by", "action_row"}), UsageError);
}
