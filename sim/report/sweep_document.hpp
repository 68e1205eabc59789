// The report of a sweep (`negsim report SWEEP.csv`, `negsim sweep --report
// FILE`): what was swept, the regimes (sets of equilibria) and how many
// points each holds, the regime map over two axes and the outcome shares
// along one axis, and the scenario it ran (players, parameters with the
// swept ones marked, sources) when the caller has it, as a ReportDocument
// (html or markdown).
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/report/report_document.hpp"
#include "sim/report/sweep_regimes.hpp"

namespace negsim {

struct SweepReportOptions {
  std::string analysis;             // default: the file's first analysis
  std::vector<std::string> levers;  // describe equilibria by these levers (player.lever)
  std::string x, y;                 // axes of the map (default: the first two); x also for the shares
  // The scenario the sweep ran, with the sweep's --set values applied (the
  // caller checks it against the file's fingerprint): the report ends with
  // its players and levers, parameters (the swept ones marked with the range
  // they took) and sources. Null: that section is one line, `scenario_missing`
  // (a default sentence when empty).
  const Scenario* scenario = nullptr;
  std::vector<std::string> sets;     // the sweep's --set NAME=VALUE, as given
  std::string scenario_missing;
};

// InputError for an axis that is not in the file (with the list of axes).
ReportDocument sweep_document(const SweepTable& table, const SweepReportOptions& options = {});

// Reads the CSV at `csv_path` and writes its report to `report_path`.
void write_sweep_report(const std::string& csv_path, const std::string& report_path, const std::string& format,
                        const SweepReportOptions& options = {});

// "markdown" for a path ending in .md or .markdown, "text" for .txt
// (text_document.hpp), else "html".
std::string report_format_for(const std::string& path);

}  // namespace negsim
