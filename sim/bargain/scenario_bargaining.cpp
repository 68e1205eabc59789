#include "sim/bargain/scenario_bargaining.hpp"

#include "models/errors.hpp"

namespace negsim {

std::string resolve_stage_disagreement(ScenarioBargaining& bargaining,
                                       const std::optional<StageEquilibriumPoint>& chosen,
                                       const std::string& missing, const std::string& hint) {
  if (!bargaining.disagreement_from_stage_equilibrium) return "";
  const SourcePos& at = bargaining.disagreement_pos;
  if (!chosen) throw InputError(at.file, at.line, at.column, "bargaining: disagreement: " + missing, hint);
  for (std::size_t b = 0; b < bargaining.scenario_players.size(); ++b)
    bargaining.problem.protocol.disagreement[b] = chosen->payoffs.at(bargaining.scenario_players[b]);
  return chosen->description;
}

}  // namespace negsim
