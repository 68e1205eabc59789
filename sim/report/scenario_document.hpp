// The `negsim run` report as a ReportDocument (for --format html|markdown):
// the bottom line first, then the scenario (sources, parameters, players and
// levers), the sequential game, the one-shot game, bargaining and the
// repeated game, each with its tables and pictures. The same results as the
// text report (sim/report/scenario_report.hpp), formatted for reading and
// pasting; nothing is recomputed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/analysis/tipping_points.hpp"
#include "sim/report/report_document.hpp"
#include "sim/repeated/bounded_payoff_set.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim {

// The bottom line, the deviation table and the dominance summary are the
// text report's (sim/report/bottom_line.hpp); `tipping` (when the run
// searched them) adds the tipping points and their chart.
// `payoff_set` (two-player repeated games, bounded_payoff_set.hpp) is drawn in
// the repeated game's picture, its vertices under it.
ReportDocument scenario_document(const Scenario& scenario, const ScenarioGame& built,
                                 const ScenarioAnalysis& analysis, const std::vector<std::string>& overrides,
                                 const TippingPointResult* tipping = nullptr,
                                 const BoundedPayoffSet* payoff_set = nullptr);

// The sections on their own, for `bargain` and `repeated` --format html|markdown.
ReportSection bargaining_section(const Scenario& scenario, const BargainingAnalysis& analysis);
ReportSection repeated_section(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis,
                               const std::vector<Point2>& spe_payoff_set = {});
ReportSection repeated_section(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis,
                               const BoundedPayoffSet& payoff_set);
// Their bottom lines: the agreement, disagreement point and axiomatic
// solutions in words; the target deal and from which discount factor it is
// self-enforcing (bottom_line.hpp's sentence).
ReportSection bargaining_bottom_line(const Scenario& scenario, const BargainingAnalysis& analysis);
ReportSection repeated_bottom_line(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis);
// The scenario's sources, parameters, players and levers (without `built`,
// no count of each player's moves: `bargain` may not build the stage game).
ReportSection scenario_section(const Scenario& scenario, const ScenarioGame& built,
                               const std::vector<std::string>& overrides);
// `swept` (a sweep's report) maps a parameter id or "player.lever" to the
// range a sweep gave it ("10 to 30, 5 values"): its row says so instead of
// the scenario's value.
ReportSection scenario_section(const Scenario& scenario, const ScenarioGame* built,
                               const std::vector<std::string>& overrides,
                               const std::map<std::string, std::string>& swept = {});
// A document with the scenario's title and the given sections.
ReportDocument document_for(const Scenario& scenario, std::vector<ReportSection> sections);

}  // namespace negsim
