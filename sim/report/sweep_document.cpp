#include "sim/report/sweep_document.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/text_document.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/report/svg/svg_sweep.hpp"

namespace negsim {

namespace {

std::size_t axis_index(const SweepTable& table, const std::string& name, std::size_t fallback) {
  if (name.empty()) return fallback;
  const auto it = std::find(table.axes.begin(), table.axes.end(), name);
  if (it != table.axes.end()) return static_cast<std::size_t>(it - table.axes.begin());
  std::string list;
  for (const std::string& a : table.axes) list += (list.empty() ? "" : ", ") + a;
  throw InputError(table.file, 1, 1, "no axis '" + name + "' in this sweep", "its axes: " + list);
}

// The regime map (two axes or more) and the shares along one axis.
void add_pictures(ReportDocument& doc, const SweepTable& table, const SweepRegimes& regimes,
                  const SweepReportOptions& options);

}  // namespace

ReportDocument sweep_document(const SweepTable& table, const SweepReportOptions& options) {
  const SweepRegimes regimes = sweep_regimes(table, options.analysis, options.levers);
  ReportDocument doc;
  doc.title = "Sweep: " + table.file;
  std::string axes;
  for (const std::string& a : table.axes) axes += (axes.empty() ? "" : ", ") + a;
  doc.subtitle.push_back(std::to_string(regimes.point_values.size()) + " points over " + axes + "; analysis " +
                         regimes.analysis + (regimes.refined ? "; a refined sweep (--refine)" : ""));
  ReportSection summary{"bottom-line", "Bottom line", {}};
  std::vector<std::string> items;
  // A refined sweep's points crowd round the boundaries: its shares are those
  // of the grid given (level 0), an even sample.
  std::vector<std::size_t> counted = regimes.regime_points;
  std::size_t total = regimes.point_values.size();
  if (regimes.refined) {
    counted.assign(regimes.regimes.size(), 0);
    total = 0;
    for (std::size_t p = 0; p < regimes.point_values.size(); ++p)
      if (regimes.point_level[p] == 0) ++counted[regimes.point_regime[p]], ++total;
  }
  const std::size_t points = std::max<std::size_t>(1, total);
  for (std::size_t k = 0; k < regimes.regimes.size() && k < 5; ++k)
    items.push_back("Regime " + std::to_string(k + 1) + " (" +
                    format_number(100.0 * static_cast<double>(counted[k]) / static_cast<double>(points), 3) +
                    (regimes.refined ? "% of the grid given" : "% of points") + "): " + regimes.regimes[k]);
  if (regimes.regimes.size() > 5) items.push_back(std::to_string(regimes.regimes.size() - 5) + " more regimes below.");
  summary.blocks.push_back(ReportBlock::paragraph(std::to_string(regimes.regimes.size()) +
                                                  " regimes (distinct sets of equilibria" +
                                                  (options.levers.empty() ? "" : ", described by the chosen levers") + "):"));
  summary.blocks.push_back(ReportBlock::list(items));
  // What was swept: each axis's range and how many values it took.
  std::map<std::string, std::string> swept_ranges;  // for the scenario section
  if (!table.axes.empty() && !regimes.point_values.empty()) {
    ReportTable swept;
    swept.caption = options.sets.empty() ? "The parameters swept (every other parameter at the scenario's value)"
                                         : "The parameters swept (every other parameter at the scenario's value or "
                                           "its --set value)";
    swept.header = {"parameter", "from", "to", "values"};
    swept.numeric = {false, true, true, true};
    for (std::size_t a = 0; a < regimes.axes.size(); ++a) {
      std::vector<std::pair<double, std::string>> values;
      for (const std::vector<std::string>& point : regimes.point_values)
        if (a < point.size()) values.push_back({std::strtod(point[a].c_str(), nullptr), point[a]});
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end(),
                               [](const auto& x, const auto& y) { return x.second == y.second; }),
                   values.end());
      if (values.empty()) continue;
      swept.rows.push_back({regimes.axes[a], values.front().second, values.back().second, std::to_string(values.size())});
      swept_ranges[regimes.axes[a]] = values.size() == 1 ? values.front().second
                                                          : values.front().second + " to " + values.back().second + ", " +
                                                                std::to_string(values.size()) + " values";
    }
    if (!swept.rows.empty()) summary.blocks.push_back(ReportBlock::of(swept));
  }
  doc.sections.push_back(summary);
  if (options.scenario)
    doc.subtitle.push_back("scenario " + options.scenario->id + " (" + options.scenario->file + ")");
  add_pictures(doc, table, regimes, options);
  if (options.scenario) {
    doc.sections.push_back(scenario_section(*options.scenario, nullptr, options.sets, swept_ranges));
  } else {
    ReportSection missing{"scenario", "The scenario", {}};
    missing.blocks.push_back(ReportBlock::note(
        options.scenario_missing.empty()
            ? "Its players, parameters and sources are not shown: the sweep file names its scenario by a "
              "fingerprint only (give `negsim report FILE --scenario SCENARIO` to add them)."
            : options.scenario_missing));
    doc.sections.push_back(missing);
  }
  return doc;
}

namespace {

void add_pictures(ReportDocument& doc, const SweepTable& table, const SweepRegimes& regimes,
                  const SweepReportOptions& options) {
  if (table.axes.empty()) return;
  const std::size_t x = axis_index(table, options.x, 0);
  if (table.axes.size() >= 2) {
    const std::size_t y = axis_index(table, options.y, x == 1 ? 0 : 1);
    ReportSection map{"regime-map", "Regime map", {}};
    ReportChart chart = svg::regime_map_chart(regimes, x, y);
    if (!chart.svg.empty()) map.blocks.push_back(ReportBlock::of(std::move(chart)));
    doc.sections.push_back(map);
  }
  ReportSection shares{"shares", "Outcome shares along " + table.axes[x], {}};
  ReportChart chart = svg::regime_shares_chart(regimes, x);
  if (!chart.svg.empty()) shares.blocks.push_back(ReportBlock::of(std::move(chart)));
  if (table.axes.size() < 2) {
    ReportTable t;
    t.caption = "Regimes";
    t.header = {"regime", "equilibria", "points"};
    t.numeric = {true, false, true};
    for (std::size_t k = 0; k < regimes.regimes.size(); ++k)
      t.rows.push_back({std::to_string(k + 1), regimes.regimes[k], std::to_string(regimes.regime_points[k])});
    shares.blocks.push_back(ReportBlock::of(t));
  }
  doc.sections.push_back(shares);
}

}  // namespace

void write_sweep_report(const std::string& csv_path, const std::string& report_path, const std::string& format,
                        const SweepReportOptions& options) {
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) throw InputError(csv_path, 0, 0, "cannot read the sweep file", "check the path");
  std::ostringstream content;
  content << in.rdbuf();
  const ReportDocument document = sweep_document(read_sweep_file(content.str(), csv_path), options);
  if (format == "text")
    write_file_atomically(report_path, text_block(text_report(document)));
  else
    write_report_document(document, report_path, format);
}

std::string report_format_for(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".txt")) return "text";
  return ends_with(".md") || ends_with(".markdown") ? "markdown" : "html";
}

}  // namespace negsim
