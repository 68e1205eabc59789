#include "sim/report/repeated_report.hpp"

#include <cmath>
#include <sstream>

#include "sim/report/scenario_report.hpp"
#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

std::string profile_in_words(const Scenario& scenario, const ScenarioGame& built,
                             const PureProfile& profile) {
  std::string out;
  for (std::size_t p = 0; p < profile.size(); ++p)
    out += (p ? "; " : "") + scenario.players[p].name + " " +
           action_in_words(scenario, built, p, profile[p]);
  return out;
}

std::string endpoint(double value, const std::string& exact) {
  return exact.empty() ? format_number(value, 4) : exact + " (" + format_number(value, 4) + ")";
}

}  // namespace

std::string intervals_in_words(const std::vector<DiscountInterval>& intervals) {
  if (intervals.empty()) return "no discount factor";
  std::string out;
  for (std::size_t i = 0; i < intervals.size(); ++i)
    out += (i ? " and " : "") + std::string("[") + endpoint(intervals[i].lo, intervals[i].lo_exact) +
           ", " + endpoint(intervals[i].hi, intervals[i].hi_exact) + "]";
  return out;
}

std::string repeated_text(const Scenario& scenario, const ScenarioGame& built,
                          const RepeatedAnalysis& analysis, const std::string& unit) {
  std::ostringstream out;
  const RepeatedGameSpec& spec = analysis.spec.spec;
  const SustainabilityReport& r = analysis.sustainability;
  auto name = [&](std::size_t p) { return scenario.players[p].name; };
  out << "\nRepeated game: is the target deal self-enforcing? (discount factor "
      << format_number(spec.discount, 4)
      << (spec.discount_parameter.empty() ? "" : " = " + spec.discount_parameter) << ")\n";
  out << "  Target: " << profile_in_words(scenario, built, spec.target) << "\n";
  for (const std::string& note : analysis.spec.completed) out << "    (" << note << ")\n";
  out << "  Per round" << (unit.empty() ? "" : " (" + unit + ")") << ":\n";
  for (std::size_t p = 0; p < r.target_payoffs.size(); ++p) {
    out << "    " << name(p) << ": " << format_number(r.target_payoffs[p], 4) << " at the target; "
        << format_number(r.deviation_payoffs[p], 4) << " by deviating once to "
        << action_in_words(scenario, built, p, r.best_deviation[p]) << "; "
        << format_number(r.reversion_payoffs[p], 4) << " once punished\n";
  }
  out << "  Punishment: reversion to " << profile_in_words(scenario, built, r.reversion_profile) << "\n";
  out << "  Individually rational (every target payoff at least the player's minmax): "
      << (r.individually_rational ? "yes" : "no") << "\n";
  if (std::isfinite(r.critical_discount)) {
    out << "  Nash reversion (grim trigger) sustains the target for discount factors of at least "
        << format_number(r.critical_discount, 4) << ", set by the temptation of "
        << name(r.binding_player) << "; at " << format_number(spec.discount, 4) << " the deal "
        << (spec.discount >= r.critical_discount ? "holds" : "does not hold") << ".\n";
  } else {
    out << "  Nash reversion cannot sustain the target at any discount factor.\n";
  }
  out << "  Strategies (every player using the same one):\n";
  for (const StrategyVerdict& v : r.strategies) {
    out << "    " << v.strategy << ": subgame perfect for " << intervals_in_words(v.spe_intervals)
        << "; Nash for " << intervals_in_words(v.nash_intervals) << "; at "
        << format_number(spec.discount, 4) << ": "
        << (v.subgame_perfect ? "subgame perfect" : v.nash ? "Nash but not subgame perfect" : "not an equilibrium");
    if (v.deviation && v.deviation->gain > 0)
      out << " (" << name(v.deviation->player) << " gains " << format_number(v.deviation->gain, 4)
          << " per round by playing " << action_in_words(scenario, built, v.deviation->player, v.deviation->action)
          << " off the path)";
    out << "\n";
  }
  return out.str();
}

nlohmann::json repeated_json(const ScenarioGame& built, const RepeatedAnalysis& analysis) {
  const RepeatedGameSpec& spec = analysis.spec.spec;
  const SustainabilityReport& r = analysis.sustainability;
  auto labels = [&](const PureProfile& profile) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t p = 0; p < profile.size(); ++p) out.push_back(built.game.action_labels[p][profile[p]]);
    return out;
  };
  auto intervals = [](const std::vector<DiscountInterval>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const DiscountInterval& i : list)
      out.push_back({{"lo", i.lo}, {"hi", i.hi}, {"lo_exact", i.lo_exact}, {"hi_exact", i.hi_exact}});
    return out;
  };
  nlohmann::json strategies = nlohmann::json::array();
  for (const StrategyVerdict& v : r.strategies) {
    nlohmann::json s = {{"strategy", v.strategy},
                        {"subgame_perfect", v.subgame_perfect},
                        {"nash", v.nash},
                        {"spe_intervals", intervals(v.spe_intervals)},
                        {"nash_intervals", intervals(v.nash_intervals)},
                        {"values", v.values}};
    if (v.deviation)
      s["deviation"] = {{"player", built.player_ids[v.deviation->player]},
                        {"action", built.game.action_labels[v.deviation->player][v.deviation->action]},
                        {"gain", v.deviation->gain}};
    strategies.push_back(s);
  }
  std::vector<std::string> deviations;
  for (std::size_t p = 0; p < r.best_deviation.size(); ++p)
    deviations.push_back(built.game.action_labels[p][r.best_deviation[p]]);
  return {{"discount", spec.discount},
          {"discount_parameter", spec.discount_parameter},
          {"target", labels(spec.target)},
          {"completed", analysis.spec.completed},
          {"target_payoffs", r.target_payoffs},
          {"best_deviation", deviations},
          {"deviation_payoffs", r.deviation_payoffs},
          {"reversion_profile", labels(r.reversion_profile)},
          {"reversion_payoffs", r.reversion_payoffs},
          {"minmax", r.minmax},
          {"individually_rational", r.individually_rational},
          {"critical_discount", std::isfinite(r.critical_discount) ? nlohmann::json(r.critical_discount) : nlohmann::json(nullptr)},
          {"binding_player", built.player_ids[r.binding_player]},
          {"strategies", strategies}};
}

}  // namespace negsim
