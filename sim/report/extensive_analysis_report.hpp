// Reports of `negsim run GAME.efg` (sim/analysis/extensive_analysis.hpp):
// the game's size, then each part (pure, pure-spe, lcp, qpe, lp, logit) as
// `negsim solve GAME.efg --method NAME` reports it (behavior_report.hpp), or
// why it was skipped. Formats only: every number comes from the analysis.
//  - Text: a header line per part ("== lcp: Lemke's algorithm ..."), then the
//    part's report without its title line.
//  - JSON: {schema_version, game, analyses: [{analysis (the registry name),
//    summary, and either the solve JSON's method, form, form_note, complete,
//    note, equilibria, or skipped (the reason) and limit (true when a limit
//    was hit)}]}.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/game/extensive_form.hpp"
#include "sim/analysis/extensive_analysis.hpp"

namespace negsim {

std::string extensive_analysis_text(const ExtensiveFormGame& game, const ExtensiveAnalysis& analysis);
nlohmann::json extensive_analysis_json(const ExtensiveFormGame& game, const ExtensiveAnalysis& analysis);

}  // namespace negsim
