#include "models/scenario/scenario.hpp"

#include <algorithm>

namespace negsim {

SourcePos ExpressionText::location_of(std::size_t offset) const {
  SourcePos out = pos;
  if (!char_locations.empty()) {
    const TextLocation& loc = char_locations[std::min(offset, char_locations.size() - 1)];
    out.line = loc.line;
    out.column = loc.column;
  } else if (out.line > 0 && out.column > 0) {
    out.column += static_cast<int>(offset);
  }
  return out;
}

std::size_t Scenario::player_index(const std::string& player_id) const {
  for (std::size_t p = 0; p < players.size(); ++p)
    if (players[p].id == player_id) return p;
  return static_cast<std::size_t>(-1);
}

const ScenarioParameter* Scenario::find_parameter(const std::string& parameter_id) const {
  for (const ScenarioParameter& parameter : parameters)
    if (parameter.id == parameter_id) return &parameter;
  return nullptr;
}

ScenarioParameter* Scenario::find_parameter(const std::string& parameter_id) {
  for (ScenarioParameter& parameter : parameters)
    if (parameter.id == parameter_id) return &parameter;
  return nullptr;
}

std::vector<std::string> Scenario::parameter_ids() const {
  std::vector<std::string> ids;
  ids.reserve(parameters.size());
  for (const ScenarioParameter& parameter : parameters) ids.push_back(parameter.id);
  return ids;
}

std::vector<std::string> Scenario::player_ids() const {
  std::vector<std::string> ids;
  ids.reserve(players.size());
  for (const ScenarioPlayer& player : players) ids.push_back(player.id);
  return ids;
}

std::size_t lever_index(const ScenarioPlayer& player, const std::string& lever_id) {
  for (std::size_t l = 0; l < player.levers.size(); ++l)
    if (player.levers[l].id == lever_id) return l;
  return static_cast<std::size_t>(-1);
}

}  // namespace negsim
