// Sweeps of the TikTok scenario's stage game: points per second at 1 and 2
// threads, parallel efficiency, and the cost of each step of a point.
//
// The scenario is read from scenarios/tiktok_2025.yaml relative to the
// current folder (run from the source tree: `cd /path/to/negsim &&
// build/negsim_bench --benchmark_filter=Sweep`), or from $NEGSIM_SWEEP_SCENARIO;
// the benchmarks skip with a message when it cannot be loaded.
//
// Baselines in the same run:
//  - BM_SweepStep: the steps of one point, to show where its time goes:
//    copy (a scenario copy, which the engine avoids), compile (the three
//    payoff expressions from their text, as every point did before issue 16),
//    bind (the same expressions parsed once and bound to the point's values,
//    what the engine does now), build (compile + build, a fresh
//    build_normal_form), build_bound (build with a reused ScenarioProgram),
//    build_into (the same, into a reused ScenarioGame, as the engine does
//    since the second part of issue 16: no allocation once warm),
//    solve (pure Nash, verified), point (the engine's whole point: values,
//    build, solve, rows).
//  - BM_SweepScaling: the same batch at 1 and at 2 threads in one iteration;
//    counters points_per_second_1, points_per_second_2 and efficiency
//    = rate_2 / (2 * rate_1), and the CPU time per point (cpu_us_per_point_1,
//    _2: the process's CPU time, every thread) so that a loaded machine's
//    wall-clock rates can be read against the work done; and where the
//    2-thread run loses time (SweepRunStats): the points' own CPU cost alone
//    and beside the other thread (point_cpu_us_1, _2), CPU outside the
//    points (outside_cpu_share_2), threads' wall time outside the points
//    (idle_share_2), the second thread's start delay and the end's tail
//    (start_delay_us_2, tail_us_2) and the pieces TBB cut (pieces_2).
//  - BM_SweepBargaining: the bargaining block of one point built by
//    compiling its expressions (as every point did before) beside binding
//    templates parsed once (BargainingTemplates, what the sweep does now),
//    and the whole `bargaining` analysis of a point both ways.
//
// The grid is the one of the command-line measurement in docs/sweeps.md
// ("Speed"): 80 x 50 = 4,000 points.
#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "models/scenario/bargaining_templates.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/sweep/sweep_runner.hpp"

namespace {

using namespace negsim;

struct Fixture {
  bool ok = false;
  std::string error;
  Scenario scenario;
  std::unique_ptr<SweepSpec> spec;
  std::unique_ptr<SweepEngine> engine;
};

// An 80 x 50 grid over TikTok's value with the algorithm and the U.S. cost of
// another extension: 4,000 points, about the regime map of docs/sweeps.md.
Fixture& fixture() {
  static Fixture f = [] {
    Fixture out;
    const char* env = std::getenv("NEGSIM_SWEEP_SCENARIO");
    const std::string path = env ? env : "scenarios/tiktok_2025.yaml";
    try {
      out.scenario = load_scenario_file(path);
      out.spec = std::make_unique<SweepSpec>(
          out.scenario,
          std::vector<SweepAxisArgument>{{"grid", "value_with_algorithm=0:200:80"},
                                         {"grid", "extension_cost_us=0:20:50"}},
          0, 1);
      out.engine = std::make_unique<SweepEngine>(out.scenario, *out.spec,
                                                 make_sweep_analyses({"stage"}, out.scenario), SweepFormat::Csv);
      out.ok = true;
    } catch (const std::exception& e) {
      out.error = "cannot load " + path + " (run from the source tree or set NEGSIM_SWEEP_SCENARIO): " + e.what();
    }
    return out;
  }();
  return f;
}

double process_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Wall seconds of the whole grid; adds the process CPU seconds to *cpu.
double run_batch(const Fixture& f, unsigned jobs, std::vector<std::string>& out, double* cpu = nullptr,
                 SweepRunStats* stats = nullptr) {
  const double cpu_start = process_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const PointSequence all{0, 1, f.spec->num_points()};
  f.engine->run_points(all, 0, all.size(), jobs, out, stats);
  if (cpu) *cpu += process_cpu_seconds() - cpu_start;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_Sweep(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const unsigned jobs = static_cast<unsigned>(state.range(0));
  std::vector<std::string> out;
  run_batch(f, jobs, out);  // warm the per-thread workspaces
  for (auto _ : state) run_batch(f, jobs, out);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.spec->num_points()));
  state.counters["points_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * f.spec->num_points()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Sweep)->ArgName("jobs")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_SweepScaling(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<std::string> out;
  run_batch(f, 1, out);
  run_batch(f, 2, out);
  double seconds_1 = 0, seconds_2 = 0, cpu_1 = 0, cpu_2 = 0;
  // Where a 2-thread run loses time (SweepRunStats): summed over iterations.
  double piece_cpu_1 = 0, piece_cpu_2 = 0, piece_wall_2 = 0, start_delay_2 = 0, tail_2 = 0, pieces_2 = 0;
  SweepRunStats stats;
  for (auto _ : state) {
    seconds_1 += run_batch(f, 1, out, &cpu_1, &stats);
    piece_cpu_1 += stats.piece_cpu_seconds;
    seconds_2 += run_batch(f, 2, out, &cpu_2, &stats);
    piece_cpu_2 += stats.piece_cpu_seconds;
    piece_wall_2 += stats.piece_wall_seconds;
    start_delay_2 += stats.start_delay_seconds;
    tail_2 += stats.tail_seconds;
    pieces_2 += static_cast<double>(stats.pieces);
  }
  const double runs = static_cast<double>(state.iterations());
  const double points = static_cast<double>(state.iterations() * f.spec->num_points());
  state.counters["points_per_second_1"] = points / seconds_1;
  state.counters["points_per_second_2"] = points / seconds_2;
  state.counters["efficiency"] = (points / seconds_2) / (2 * points / seconds_1);
  state.counters["cpu_us_per_point_1"] = 1e6 * cpu_1 / points;
  state.counters["cpu_us_per_point_2"] = 1e6 * cpu_2 / points;
  // The points' own CPU cost, alone and beside the other thread: if _2 is
  // above _1, a point costs more while both threads run (shared caches,
  // memory, or two virtual CPUs on one core), which no scheduling recovers.
  state.counters["point_cpu_us_1"] = 1e6 * piece_cpu_1 / points;
  state.counters["point_cpu_us_2"] = 1e6 * piece_cpu_2 / points;
  // CPU spent outside the points with 2 threads (TBB scheduling, stealing,
  // waking, spinning), as a share of the run's CPU.
  state.counters["outside_cpu_share_2"] = 1 - piece_cpu_2 / cpu_2;
  // The two threads' wall time not inside a piece (waiting for work, to be
  // woken, or for the other to finish), as a share of 2 x the run's wall.
  state.counters["idle_share_2"] = 1 - piece_wall_2 / (2 * seconds_2);
  state.counters["start_delay_us_2"] = 1e6 * start_delay_2 / runs;
  state.counters["tail_us_2"] = 1e6 * tail_2 / runs;
  state.counters["pieces_2"] = pieces_2 / runs;
}
BENCHMARK(BM_SweepScaling)->UseRealTime()->Unit(benchmark::kMillisecond);

// The steps of one point.
enum Step { kCopy, kCompile, kBind, kBuild, kBuildBound, kSolve, kPoint, kBuildInto };

void BM_SweepStep(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const Step step = static_cast<Step>(state.range(0));
  const ScenarioGame game = build_normal_form(f.scenario);
  SweepWorkspace workspace = f.engine->make_workspace();
  std::vector<ExpressionTemplate> templates;
  {
    const ExpressionContext context(f.scenario);
    for (const ExpressionText& text : f.scenario.payoffs) templates.push_back(compile_expression_template(text, context));
  }
  std::vector<CompiledExpression> bound(templates.size());
  ScenarioProgram program;
  ScenarioGame reused;
  std::string out;
  std::size_t point = 0;
  for (auto _ : state) {
    switch (step) {
      case kCopy: {
        Scenario copy = f.scenario;
        benchmark::DoNotOptimize(copy.parameters.data());
        break;
      }
      case kCompile: {
        const ExpressionContext context(f.scenario);
        for (const ExpressionText& text : f.scenario.payoffs)
          benchmark::DoNotOptimize(compile_expression(text, context).code().data());
        break;
      }
      case kBind:
        for (std::size_t i = 0; i < templates.size(); ++i) {
          templates[i].bind(f.scenario, bound[i]);
          benchmark::DoNotOptimize(bound[i].code().data());
        }
        break;
      case kBuild: benchmark::DoNotOptimize(build_normal_form(f.scenario).game.payoffs().data()); break;
      case kBuildBound:
        benchmark::DoNotOptimize(build_normal_form(f.scenario, program).game.payoffs().data());
        break;
      case kSolve: benchmark::DoNotOptimize(solve_pure_nash(game.game).equilibria.size()); break;
      case kBuildInto:
        build_normal_form(f.scenario, program, {}, reused);
        benchmark::DoNotOptimize(reused.game.payoffs().data());
        break;
      case kPoint:
        out.clear();
        f.engine->run_point(point, workspace, out);
        point = (point + 1) % f.spec->num_points();
        break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["profiles"] = static_cast<double>(game.game.num_profiles());
}
BENCHMARK(BM_SweepStep)
    ->ArgName("step")
    ->Arg(kCopy)
    ->Arg(kCompile)
    ->Arg(kBind)
    ->Arg(kBuild)
    ->Arg(kBuildBound)
    ->Arg(kSolve)
    ->Arg(kBuildInto)
    ->Arg(kPoint)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// The bargaining block of TikTok's scenario at one point: compiled (as
// before issue 16's rest) or bound from templates made once.
enum BargainingStep { kBargainingCompiled, kBargainingBound, kAnalysisCompiled, kAnalysisBound };

void BM_SweepBargaining(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ok) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  if (!f.scenario.bargaining.present) {
    state.SkipWithError("the scenario has no bargaining block");
    return;
  }
  const auto step = static_cast<BargainingStep>(state.range(0));
  const auto templates = std::make_shared<const BargainingTemplates>(f.scenario);
  const ScenarioGame game = build_normal_form(f.scenario);
  AnalysisOptions options;
  options.parts = AnalysisParts::none();
  options.parts.bargaining = true;
  for (auto _ : state) {
    switch (step) {
      case kBargainingCompiled: benchmark::DoNotOptimize(build_bargaining(f.scenario).problem.deals.num_deals()); break;
      case kBargainingBound:
        benchmark::DoNotOptimize(build_bargaining(f.scenario, templates.get()).problem.deals.num_deals());
        break;
      case kAnalysisCompiled:
        benchmark::DoNotOptimize(analyze_scenario(f.scenario, game, options).bargaining->offers.payoffs.data());
        break;
      case kAnalysisBound: {
        const BargainingTemplatesScope scope(*templates);  // as the sweep's `bargaining` analysis
        benchmark::DoNotOptimize(analyze_scenario(f.scenario, game, options).bargaining->offers.payoffs.data());
        break;
      }
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SweepBargaining)
    ->ArgName("step")
    ->Arg(kBargainingCompiled)
    ->Arg(kBargainingBound)
    ->Arg(kAnalysisCompiled)
    ->Arg(kAnalysisBound)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
