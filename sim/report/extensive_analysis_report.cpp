#include "sim/report/extensive_analysis_report.hpp"

#include "sim/report/behavior_report.hpp"
#include "sim/report/solve_report.hpp"  // kJsonSchemaVersion

namespace negsim {

std::string extensive_analysis_text(const ExtensiveFormGame& game, const ExtensiveAnalysis& analysis) {
  std::string out = (game.title.empty() ? std::string("Extensive-form game") : game.title) + "\n";
  out += std::to_string(game.num_players()) + " players, " + std::to_string(game.num_nodes()) + " nodes (" +
         std::to_string(game.terminals().size()) + " terminal), information sets";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out += (p ? " + " : " ") + std::to_string(game.player_infosets(p).size());
  out += " (+ " + std::to_string(game.chance_infosets().size()) + " chance), sequences";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out += (p ? " + " : " ") + std::to_string(game.num_sequences(p));
  out += ", perfect recall\n";
  for (const ExtensiveAnalysisPart& part : analysis.parts) {
    out += "\n== " + part.method + ": " + part.summary + "\n";
    if (!part.result) {
      out += (part.limit ? "  stopped: " : "  skipped: ") + part.skipped + "\n";
      continue;
    }
    const std::string report = behavior_text_report(game, *part.result);
    out += report.substr(report.find('\n') + 1);  // without the title line, given once above
  }
  return out;
}

nlohmann::json extensive_analysis_json(const ExtensiveFormGame& game, const ExtensiveAnalysis& analysis) {
  nlohmann::json parts = nlohmann::json::array();
  for (const ExtensiveAnalysisPart& part : analysis.parts) {
    nlohmann::json j;
    if (part.result) {
      j = behavior_result_json(game, *part.result);
      j.erase("schema_version");
      j.erase("game");
    } else {
      j["skipped"] = part.skipped;
      j["limit"] = part.limit;
    }
    j["analysis"] = part.method;  // the registry name; "method" (when solved) is the solver's own account
    j["summary"] = part.summary;
    parts.push_back(std::move(j));
  }
  return {{"schema_version", kJsonSchemaVersion},
          {"game", extensive_game_summary_json(game)},
          {"analyses", parts}};
}

}  // namespace negsim
