#include "models/game/strategy_names.hpp"

namespace negsim {

const std::vector<StrategyName>& library_strategy_names() {
  static const std::vector<StrategyName> names = {
      {"always-target", "always play the target action (Cooperator)"},
      {"always-defect", "always play the defect action (Defector)"},
      {"always-action", "always play a given action (option action=LABEL)"},
      {"grim-trigger", "target until anyone deviates, then the reversion profile forever (Nash reversion)"},
      {"grudger", "target until another player deviates, then defect forever (Axelrod's Grudger)"},
      {"tit-for-tat", "target first, then defect iff another player deviated last round"},
      {"suspicious-tft", "tit-for-tat that defects in the first round"},
      {"generous-tft", "tit-for-tat that forgives a deviation with probability g (default 0.1)"},
      {"contrite-tft", "tit-for-tat on standing: does not retaliate against punishment of its own unjustified defection"},
      {"tit-for-two-tats", "defect only after two consecutive rounds with a deviation by another player"},
      {"two-tits-for-tat", "defect for two rounds after each deviation by another player"},
      {"win-stay-lose-shift", "Pavlov: target iff last round its own and the others' cooperation agreed"},
      {"k-round-punishment", "after any deviation defect for k rounds (default 3), then return to target"},
      {"escalation-ladder", "one rung up the ladder after a deviation by another player, one down after cooperation"},
      {"random", "target with probability p (default 0.5), else defect"},
      {"go-by-majority", "target iff the others cooperated in at least as many rounds as they deviated"},
      {"alternator", "target, defect, target, defect, ..."},
  };
  return names;
}

const std::map<std::string, std::string>& library_strategy_aliases() {
  static const std::map<std::string, std::string> table = {
      {"cooperator", "always-target"},  {"always-cooperate", "always-target"},
      {"allc", "always-target"},        {"defector", "always-defect"},
      {"alld", "always-defect"},        {"tft", "tit-for-tat"},
      {"pavlov", "win-stay-lose-shift"}, {"wsls", "win-stay-lose-shift"},
      {"grim", "grim-trigger"},         {"gtft", "generous-tft"},
      {"ctft", "contrite-tft"},         {"stft", "suspicious-tft"},
      {"tf2t", "tit-for-two-tats"},     {"2tft", "two-tits-for-tat"},
      {"majority", "go-by-majority"},   {"gobymajority", "go-by-majority"},
  };
  return table;
}

std::string canonical_strategy_name(const std::string& name) {
  for (const StrategyName& s : library_strategy_names())
    if (s.name == name) return name;
  const auto it = library_strategy_aliases().find(name);
  return it == library_strategy_aliases().end() ? std::string() : it->second;
}

std::vector<std::string> all_strategy_names() {
  std::vector<std::string> out;
  for (const StrategyName& s : library_strategy_names()) out.push_back(s.name);
  for (const auto& [alias, _] : library_strategy_aliases()) out.push_back(alias);
  return out;
}

bool is_known_strategy_spec(const std::string& spec) {
  const auto ends_with = [&](const std::string& suffix) {
    return spec.size() >= suffix.size() && spec.compare(spec.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".yaml") || ends_with(".yml")) return true;
  return !canonical_strategy_name(spec.substr(0, spec.find(':'))).empty();
}

}  // namespace negsim
