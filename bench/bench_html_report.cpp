// The report of the TikTok scenario: the whole `negsim run` (analysis and
// report) as HTML, Markdown and text, and the formatting alone with the
// analysis done once outside the loop. The text report is the baseline in
// the same run, and BM_RunReportOneThread the serial analysis; counter
// `bytes` is the size of the report. The goal for the
// HTML report (issue 14): under 0.2 s and under 2 MB.
//
// Run from the source tree (`build/negsim_bench --benchmark_filter=Report`):
// the scenario is read from scenarios/tiktok_2025.yaml, or from
// $NEGSIM_REPORT_SCENARIO; the benchmarks skip with a message otherwise.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "models/scenario/loader.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/markdown_report.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/scenario_report.hpp"

namespace {

using namespace negsim;

struct Loaded {
  std::string error;
  std::optional<Scenario> scenario;
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded out;
    const char* env = std::getenv("NEGSIM_REPORT_SCENARIO");
    const std::string path = env ? env : "scenarios/tiktok_2025.yaml";
    try {
      out.scenario = load_scenario_file(path);
    } catch (const std::exception& e) {
      out.error = "cannot load " + path + " (run from the source tree or set NEGSIM_REPORT_SCENARIO): " + e.what();
    }
    return out;
  }();
  return l;
}

enum class Kind { Text, Html, Markdown };

std::string write(Kind kind, const Scenario& scenario, const ScenarioGame& built, const ScenarioAnalysis& analysis) {
  if (kind == Kind::Text) return scenario_text_report(scenario, built, analysis, {});
  const ReportDocument doc = scenario_document(scenario, built, analysis, {});
  if (kind == Kind::Html) return html_report(doc);
  const MarkdownReport md = markdown_report(doc, "report_files");
  std::string all = md.text;
  for (const auto& file : md.files) all += file.second;
  return all;
}

// Build, analyse and write, as `negsim run --format ...` does.
void BM_RunReport(benchmark::State& state) {
  const Loaded& l = loaded();
  if (!l.scenario) return state.SkipWithError(l.error.c_str());
  const Kind kind = static_cast<Kind>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const ScenarioGame built = build_stage_game(*l.scenario, AnalysisOptions{});
    const ScenarioAnalysis analysis = analyze_scenario(*l.scenario, built);
    const std::string report = write(kind, *l.scenario, built, analysis);
    bytes = report.size();
    benchmark::DoNotOptimize(report.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RunReport)
    ->ArgName("text0_html1_md2")
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

// The HTML report with the analysis on one thread (tbb::global_control): the
// baseline of the parallel parts (scenario_analysis.cpp, belief_analysis.cpp).
// Wall time is the measure (UseRealTime); CPU time is the whole process's.
void BM_RunReportOneThread(benchmark::State& state) {
  const Loaded& l = loaded();
  if (!l.scenario) return state.SkipWithError(l.error.c_str());
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const ScenarioGame built = build_stage_game(*l.scenario, AnalysisOptions{});
    const ScenarioAnalysis analysis = analyze_scenario(*l.scenario, built);
    const std::string report = write(Kind::Html, *l.scenario, built, analysis);
    bytes = report.size();
    benchmark::DoNotOptimize(report.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RunReportOneThread)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

// The report alone, from one analysis.
void BM_FormatReport(benchmark::State& state) {
  const Loaded& l = loaded();
  if (!l.scenario) return state.SkipWithError(l.error.c_str());
  const Kind kind = static_cast<Kind>(state.range(0));
  const ScenarioGame built = build_stage_game(*l.scenario, AnalysisOptions{});
  const ScenarioAnalysis analysis = analyze_scenario(*l.scenario, built);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string report = write(kind, *l.scenario, built, analysis);
    bytes = report.size();
    benchmark::DoNotOptimize(report.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_FormatReport)->ArgName("text0_html1_md2")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

}  // namespace
