#include "sim/report/repeated_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <gmpxx.h>

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

// The printed decimal as an exact rational ("0.07143" -> 7143/100000);
// nothing for exponent notation.
std::optional<mpq_class> decimal_value(const std::string& text) {
  if (text.empty() || text.find_first_not_of("-0123456789.") != std::string::npos) return std::nullopt;
  std::string digits;
  long scale = 1;
  bool after_point = false;
  for (char c : text) {
    if (c == '.') after_point = true;
    else digits += c, scale *= after_point ? 10 : 1;
  }
  mpq_class out{mpz_class(digits, 10), mpz_class(scale)};
  out.canonicalize();
  return out;
}

// 4 significant digits, rounded so that the printed number is on the safe
// side of the true value: not below it for a lower bound ("at least"), not
// above it for an upper bound. `exact` ("p/q") is the true value when known.
std::string rounded_bound(double value, const std::string& exact, bool lower_bound) {
  const mpq_class truth = exact.empty() ? mpq_class(value) : mpq_class(exact, 10);
  std::string text = format_number(value, 4);
  for (int step = 0; step < 4; ++step) {
    const std::optional<mpq_class> printed = decimal_value(text);
    if (!printed || (lower_bound ? *printed >= truth : *printed <= truth)) return text;
    const double unit = std::pow(10.0, std::floor(std::log10(std::abs(value))) - 3);
    value += lower_bound ? unit : -unit;
    text = format_number(value, 4);
  }
  return text;
}

std::string endpoint(double value, const std::string& exact, bool lower_bound) {
  const std::string approx = rounded_bound(value, exact, lower_bound);
  return exact.empty() ? approx : exact + " (" + approx + ")";
}

std::string threshold_in_words(double value, const std::string& exact) {
  return endpoint(value, exact, true);
}

}  // namespace

std::string intervals_in_words(const std::vector<DiscountInterval>& intervals) {
  if (intervals.empty()) return "no discount factor";
  std::string out;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const DiscountInterval& d = intervals[i];
    out += i ? " and " : "";
    if (d.lo == d.hi) {  // an isolated point (a touching root)
      out += "only " + (d.lo_exact.empty() ? format_number(d.lo, 6) : d.lo_exact);
      continue;
    }
    // lo = 0 and hi = 1 mean "down to 0" / "up to 1": delta is in (0, 1).
    out += d.lo == 0.0 ? "(0" : "[" + endpoint(d.lo, d.lo_exact, true);
    out += ", ";
    out += d.hi == 1.0 ? "1)" : endpoint(d.hi, d.hi_exact, false) + "]";
  }
  return out;
}

std::string repeated_text(const Scenario& scenario, const ScenarioGame& built,
                          const RepeatedAnalysis& analysis, const std::string& unit) {
  std::ostringstream out;
  const RepeatedGameSpec& spec = analysis.spec.spec;
  const SustainabilityReport& r = analysis.sustainability;
  auto name = [&](std::size_t p) { return scenario.players[p].name; };
  auto action = [&](std::size_t p, std::size_t a) { return action_in_words(scenario, built, p, a); };
  const std::string at_delta = format_number(spec.discount, 4);
  out << "\nRepeated game: is the target deal self-enforcing? (discount factor " << at_delta
      << (spec.discount_parameter.empty() ? "" : " = " + spec.discount_parameter) << ")\n";
  out << "  Target: " << profile_in_words(scenario, built, spec.target) << "\n";
  for (const std::string& note : analysis.spec.completed) out << "    (" << note << ")\n";
  out << "  Per round" << (unit.empty() ? "" : " (" + unit + ")") << ":\n";
  for (std::size_t p = 0; p < r.target_payoffs.size(); ++p) {
    out << "    " << name(p) << ": " << format_number(r.target_payoffs[p], 4) << " at the target; ";
    if (r.best_deviation[p] == spec.target[p])
      out << "no other move";
    else if (r.tempted[p])
      out << format_number(r.deviation_payoffs[p], 4) << " by deviating once to " << action(p, r.best_deviation[p])
          << " (its best deviation)";
    else
      out << "no profitable deviation (its best alternative, " << action(p, r.best_deviation[p]) << ", pays "
          << format_number(r.deviation_payoffs[p], 4) << ")";
    out << "; " << format_number(r.reversion_payoffs[p], 4) << " in the common punishment";
    if (p < r.own_punishment.size() && !r.own_punishment[p].profile.empty() &&
        r.own_punishment[p].profile != r.reversion_profile)
      out << "; " << format_number(r.own_punishment[p].payoff, 4) << " in its own worst stage equilibrium";
    out << "\n";
  }
  out << "  Common punishment: reversion to " << profile_in_words(scenario, built, r.reversion_profile)
      << (r.reversion_is_equilibrium ? " (the pure stage equilibrium with the lowest payoff sum)"
                                     : " (the players' defect moves: the stage game has no pure equilibrium)")
      << "\n";
  out << "  Individually rational (every target payoff at least the player's minmax): "
      << (r.individually_rational ? "yes" : "no") << "\n";
  const std::string reversion = r.reversion_is_equilibrium ? "Nash reversion" : "Reversion to the defect moves";
  if (std::isfinite(r.critical_discount)) {
    out << "  " << reversion << " to the common punishment (grim trigger) sustains the target for discount factors "
        << "of at least " << threshold_in_words(r.critical_discount, r.critical_discount_exact)
        << ", set by the temptation of " << name(r.binding_player) << "; at " << at_delta << " the deal "
        << (spec.discount >= r.critical_discount ? "holds" : "does not hold") << ".\n";
  } else {
    out << "  " << reversion << " to the common punishment cannot sustain the target at any discount factor.\n";
  }
  const bool own_is_common =
      std::all_of(r.own_punishment.begin(), r.own_punishment.end(),
                  [&](const OwnPunishment& o) { return o.profile == r.reversion_profile; });
  if (own_is_common && !r.own_punishment.empty() && !r.own_punishment.front().profile.empty())
    out << "  The common punishment is also each deviator's own worst pure stage equilibrium: no other Nash "
           "reversion needs a smaller discount factor.\n";
  else if (!r.own_punishment.empty() && !r.own_punishment.front().profile.empty()) {
    out << "  Nash reversion to each deviator's own worst stage equilibrium ";
    if (std::isfinite(r.own_punishment_threshold))
      out << "sustains the target for discount factors of at least "
          << threshold_in_words(r.own_punishment_threshold, r.own_punishment_threshold_exact) << ", set by "
          << name(r.own_punishment_binding_player) << "; at " << at_delta << " the deal "
          << (spec.discount >= r.own_punishment_threshold ? "holds" : "does not hold") << ":\n";
    else
      out << "cannot sustain the target at any discount factor:\n";
    for (std::size_t p = 0; p < r.own_punishment.size(); ++p) {
      const OwnPunishment& own = r.own_punishment[p];
      out << "    " << name(p) << ": punished by " << profile_in_words(scenario, built, own.profile)
          << " (pays it " << format_number(own.payoff, 4) << "): ";
      if (own.threshold == 0)
        out << "no profitable deviation at any discount factor\n";
      else if (std::isfinite(own.threshold))
        out << "discount factor at least " << threshold_in_words(own.threshold, own.threshold_exact) << "\n";
      else
        out << "never (the punishment pays it at least its target payoff)\n";
    }
  }
  out << "  Strategies (every player using the same one):\n";
  for (const StrategyVerdict& v : r.strategies) {
    out << "    " << v.strategy << ": subgame perfect for " << intervals_in_words(v.spe_intervals)
        << "; Nash for " << intervals_in_words(v.nash_intervals) << "; at " << at_delta << ": "
        << (v.subgame_perfect ? "subgame perfect" : v.nash ? "Nash but not subgame perfect" : "not an equilibrium");
    if (!v.nash && v.nash_deviation && v.nash_deviation->gain > 0) {
      const DeviationReport& d = *v.nash_deviation;
      out << " (on the path, " << name(d.player) << " gains " << format_number(d.gain, 4)
          << " in normalised value by playing " << action(d.player, d.action) << " and best-replying afterwards)";
    } else if (!v.subgame_perfect && v.deviation && v.deviation->gain > 0) {
      const DeviationReport& d = *v.deviation;
      out << " (" << (d.on_path ? "on the path, " : "after a deviation (off the path), ") << name(d.player)
          << " gains " << format_number(d.gain, 4) << " in normalised value by playing " << action(d.player, d.action)
          << " once)";
    }
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
  auto number_or_null = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  auto intervals = [](const std::vector<DiscountInterval>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const DiscountInterval& i : list)
      out.push_back({{"lo", i.lo}, {"hi", i.hi}, {"lo_exact", i.lo_exact}, {"hi_exact", i.hi_exact},
                     {"lo_open", i.lo == 0.0}, {"hi_open", i.hi == 1.0}});
    return out;
  };
  auto deviation = [&](const DeviationReport& d) {
    return nlohmann::json{{"player", built.player_ids[d.player]},
                          {"action", built.game.action_labels[d.player][d.action]},
                          {"gain", d.gain},
                          {"on_path", d.on_path}};
  };
  nlohmann::json strategies = nlohmann::json::array();
  for (const StrategyVerdict& v : r.strategies) {
    nlohmann::json s = {{"strategy", v.strategy},
                        {"subgame_perfect", v.subgame_perfect},
                        {"nash", v.nash},
                        {"spe_intervals", intervals(v.spe_intervals)},
                        {"nash_intervals", intervals(v.nash_intervals)},
                        {"values", v.values}};
    if (v.deviation) s["deviation"] = deviation(*v.deviation);
    if (v.nash_deviation) s["nash_deviation"] = deviation(*v.nash_deviation);
    strategies.push_back(s);
  }
  std::vector<std::string> deviations;
  for (std::size_t p = 0; p < r.best_deviation.size(); ++p)
    deviations.push_back(built.game.action_labels[p][r.best_deviation[p]]);
  nlohmann::json own = nlohmann::json::array();
  for (std::size_t p = 0; p < r.own_punishment.size(); ++p) {
    const OwnPunishment& o = r.own_punishment[p];
    if (o.profile.empty()) continue;
    own.push_back({{"player", built.player_ids[p]},
                   {"profile", labels(o.profile)},
                   {"payoff", o.payoff},
                   {"threshold", number_or_null(o.threshold)},
                   {"threshold_exact", o.threshold_exact}});
  }
  return {{"discount", spec.discount},
          {"discount_parameter", spec.discount_parameter},
          {"target", labels(spec.target)},
          {"completed", analysis.spec.completed},
          {"target_payoffs", r.target_payoffs},
          {"best_deviation", deviations},
          {"deviation_payoffs", r.deviation_payoffs},
          {"tempted", r.tempted},
          {"reversion_profile", labels(r.reversion_profile)},
          {"reversion_is_equilibrium", r.reversion_is_equilibrium},
          {"reversion_payoffs", r.reversion_payoffs},
          {"minmax", r.minmax},
          {"individually_rational", r.individually_rational},
          {"critical_discount", number_or_null(r.critical_discount)},
          {"critical_discount_exact", r.critical_discount_exact},
          {"binding_player", built.player_ids[r.binding_player]},
          {"own_punishment", own},
          {"own_punishment_threshold", number_or_null(r.own_punishment_threshold)},
          {"own_punishment_threshold_exact", r.own_punishment_threshold_exact},
          {"own_punishment_binding_player", built.player_ids[r.own_punishment_binding_player]},
          {"strategies", strategies}};
}

}  // namespace negsim
