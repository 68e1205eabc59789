#include "sim/report/scenario_report.hpp"

#include <algorithm>
#include <sstream>

#include "sim/report/bottom_line.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/report/repeated_report.hpp"
#include "sim/report/beliefs_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

std::string words(std::string s) {
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}

std::string value_with_unit(const Lever& lever, std::size_t value) {
  std::string out = words(lever.labels[value]);
  if (lever.numeric && !lever.unit.empty())
    out += (lever.unit == "%" ? "" : " ") + lever.unit;
  return out;
}

// A mixed strategy in words: each supported action with its probability.
std::string strategy_in_words(const Scenario& scenario, const ScenarioGame& built,
                              std::size_t player, const std::vector<double>& probs) {
  std::string out;
  for (std::size_t a = 0; a < probs.size(); ++a) {
    if (probs[a] <= 0.0) continue;
    if (!out.empty()) out += "; or ";
    out += action_in_words(scenario, built, player, a);
    if (probs[a] < 1.0) out += " (" + format_number(100.0 * probs[a], 3) + "%)";
  }
  return out;
}

void write_equilibria(std::ostringstream& out, const Scenario& scenario, const ScenarioGame& built,
                      const SolveResult& result, const std::string& unit) {
  const NormalFormGame& game = built.game;
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    out << "  " << i + 1 << ".";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      out << (p ? "     " : " ") << game.player_names[p] << ": "
          << strategy_in_words(scenario, built, p, eq.profile[p]) << "\n";
    out << "     Payoffs" << (unit.empty() ? "" : " (" + unit + ")") << ":";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      out << (p ? ", " : " ") << game.player_names[p] << " " << format_number(eq.payoffs[p], 4);
    out << "   [max regret " << format_number(eq.max_regret, 2) << "]\n";
  }
}

}  // namespace

std::string lever_name_in_words(const Lever& lever) { return words(lever.id); }
std::string lever_value_in_words(const Lever& lever, std::size_t value) { return value_with_unit(lever, value); }

std::string mixed_equilibria_heading(const SolveResult& mixed) {
  // Say how many, by which method, and whether the list is every mixed
  // equilibrium: "0 found" from a search that is not exhaustive must not read
  // as "there are none".
  std::string out = "\nMixed equilibria (some player randomises): ";
  const std::size_t count = mixed.equilibria.size();
  out += count == 0 ? std::string("none found") : std::to_string(count) + " found";
  out += " by " + (mixed.method.empty() ? std::string("an unnamed method") : mixed.method);
  if (mixed.complete)
    out += count == 0 ? "; the search is exhaustive, so there are none" : "; the search is exhaustive: this is every one";
  else
    out += count == 0 ? "; the search is not exhaustive: mixed equilibria may still exist"
                      : "; the search is not exhaustive: other mixed equilibria may exist";
  out += "\n";
  for (const std::string& note : mixed.notes) out += "  Note: " + note + "\n";
  return out;
}

std::string scenario_payoff_unit(const Scenario& scenario) {
  // Declared by the scenario (`units:`), never guessed from parameters: a
  // parameter's unit says what that number measures, not what payoffs do.
  return scenario.units;
}

std::string action_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                            std::size_t action) {
  const ScenarioPlayer& sp = scenario.players[player];
  const std::vector<std::size_t>& values = built.action_levers[player][action];
  std::string out;
  for (std::size_t l = 0; l < sp.levers.size(); ++l) {
    if (l) out += ", ";
    out += words(sp.levers[l].id) + " " + value_with_unit(sp.levers[l], values[l]);
  }
  return out;
}

namespace {

void write_players_and_levers(std::ostringstream& out, const Scenario& scenario, const NormalFormGame& game) {
  out << "\nPlayers and levers\n";
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    const ScenarioPlayer& sp = scenario.players[p];
    out << "  " << sp.name << ": " << game.num_actions(p) << " possible moves\n";
    for (const Lever& lever : sp.levers) {
      out << "    " << words(lever.id) << ": ";
      for (std::size_t v = 0; v < lever.size(); ++v)
        out << (v ? ", " : "") << value_with_unit(lever, v);
      if (!lever.doc.empty()) out << "  (" << text_paragraph(lever.doc) << ")";
      out << "\n";
    }
  }
  out << "  One-shot game: ";
  for (std::size_t p = 0; p < game.num_players(); ++p) out << (p ? " x " : "") << game.num_actions(p);
  out << " = " << game.num_profiles() << " combinations of moves\n";
}

// Every removal with its dominator and margin (--verbose).
void write_dominance_list(std::ostringstream& out, const Scenario& scenario, const ScenarioGame& built,
                          const DominanceResult& d) {
  const NormalFormGame& game = built.game;
  out << "\nMoves no player would make (iterated strict dominance): " << d.steps.size() << " removed\n";
  for (const DominanceStep& step : d.steps) {
    out << "  round " << step.round << ": " << game.player_names[step.player] << " would never play "
        << action_in_words(scenario, built, step.player, step.action) << "\n    (";
    for (std::size_t i = 0; i < step.dominator.size(); ++i) {
      out << (i ? " + " : "");
      if (step.dominator[i].second < 1.0) out << format_number(100 * step.dominator[i].second, 3) << "% ";
      out << action_in_words(scenario, built, step.player, step.dominator[i].first);
    }
    out << " always pays at least " << format_number(step.margin, 4) << " more)\n";
  }
}

}  // namespace

std::string scenario_text_report(const Scenario& scenario, const ScenarioGame& built,
                                 const ScenarioAnalysis& analysis,
                                 const std::vector<std::string>& overrides,
                                 const ScenarioReportOptions& options) {
  std::ostringstream out;
  const NormalFormGame& game = built.game;
  const std::string unit = scenario_payoff_unit(scenario);
  const BottomLine line = make_bottom_line(scenario, built, analysis, options.tipping);
  out << text_line(scenario.title.empty() ? scenario.id : scenario.title) << "\n";  // one line, whatever the file says
  out << "scenario " << scenario.id << " (" << scenario.file << ")\n";
  if (!overrides.empty()) {
    out << "changed:";
    for (const std::string& s : overrides) out << " " << s;
    out << "\n";
  }
  out << bottom_line_text(scenario, line);
  // With types, the credibility of the threat and the beliefs come first.
  const bool types_first = static_cast<bool>(line.types);
  if (types_first) {
    if (analysis.bayesian) out << bayesian_text(scenario, *analysis.bayesian, unit);
    if (analysis.beliefs) out << beliefs_text(scenario, *analysis.beliefs, unit, options.verbose);
  }

  // The details, the most relevant model first: with a timeline the
  // sequential game, its deviations and tipping points; then the one-shot
  // game; then bargaining and the repeated game.
  auto one_shot = [&] {
    if (analysis.dominance) {
      if (options.verbose) write_dominance_list(out, scenario, built, *analysis.dominance);
      else out << dominance_summary_text(line);
      const DominanceResult& d = *analysis.dominance;
      out << "  Left:";
      for (std::size_t p = 0; p < game.num_players(); ++p)
        out << (p ? "," : "") << " " << game.player_names[p] << " " << d.surviving[p].size() << " of "
            << game.num_actions(p) << " moves";
      out << "\n";
    }
    out << "\nPure Nash equilibria of the one-shot game (no player gains by changing its own moves): "
        << analysis.pure.equilibria.size() << (analysis.pure.complete ? "" : " (list cut short)") << "\n";
    if (analysis.pure.equilibria.empty())
      out << "  none: every combination leaves some player a profitable change.\n";
    write_equilibria(out, scenario, built, analysis.pure, unit);
  };
  auto rest_of_one_shot = [&] {
    if (analysis.mixed) out << mixed_equilibria_heading(*analysis.mixed);
    if (analysis.mixed) write_equilibria(out, scenario, built, *analysis.mixed, unit);
    if (analysis.correlated) {
      const CorrelatedEquilibrium& ce = *analysis.correlated;
      out << "\nCorrelated equilibrium of maximum total payoff (a mediator recommends moves; no one gains by\n"
             "disobeying; max gain " << format_number(ce.max_gain, 2) << "):\n";
      std::vector<std::pair<std::size_t, double>> by_probability = ce.distribution;
      std::stable_sort(by_probability.begin(), by_probability.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      for (const auto& [index, prob] : by_probability) {
        out << "  " << format_number(100 * prob, 4) << "%:";
        for (std::size_t p = 0; p < game.num_players(); ++p)
          out << (p ? ";" : "") << " " << game.player_names[p] << " "
              << action_in_words(scenario, built, p, game.action_of(index, p));
        out << "\n";
      }
      out << "  Payoffs" << (unit.empty() ? "" : " (" + unit + ")") << ":";
      for (std::size_t p = 0; p < game.num_players(); ++p)
        out << (p ? ", " : " ") << game.player_names[p] << " " << format_number(ce.payoffs[p], 4);
      out << "\n";
    }
  };
  if (analysis.sequential) {
    out << sequential_text(scenario, built, *analysis.sequential, unit);
    out << deviation_table_text(scenario, line);
    if (options.tipping) out << tipping_points_text(scenario, *options.tipping);
    one_shot();
  } else {
    one_shot();
    out << deviation_table_text(scenario, line);
    if (options.tipping) out << tipping_points_text(scenario, *options.tipping);
  }
  rest_of_one_shot();
  if (analysis.bargaining) out << bargaining_text(scenario, *analysis.bargaining, unit);
  if (analysis.repeated) out << repeated_text(scenario, built, *analysis.repeated, unit);
  if (analysis.bayesian && !types_first) out << bayesian_text(scenario, *analysis.bayesian, unit);
  if (analysis.beliefs && !types_first) out << beliefs_text(scenario, *analysis.beliefs, unit, options.verbose);
  write_players_and_levers(out, scenario, game);
  return out.str();
}

nlohmann::json scenario_json_report(const Scenario& scenario, const ScenarioGame& built,
                                    const ScenarioAnalysis& analysis,
                                    const std::vector<std::string>& overrides,
                                    const ScenarioReportOptions& options) {
  nlohmann::json params = nlohmann::json::object();
  for (const ScenarioParameter& p : scenario.parameters) params[p.id] = p.value;
  nlohmann::json players = nlohmann::json::array();
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    const ScenarioPlayer& sp = scenario.players[p];
    nlohmann::json levers = nlohmann::json::array();
    for (const Lever& lever : sp.levers)
      levers.push_back({{"id", lever.id}, {"values", lever.labels}, {"unit", lever.unit}});
    players.push_back({{"id", sp.id}, {"name", sp.name}, {"levers", levers},
                       {"actions", built.game.action_labels[p]}});
  }
  nlohmann::json report = {{"schema_version", kJsonSchemaVersion},
          {"scenario", {{"id", scenario.id}, {"title", scenario.title}, {"file", scenario.file}}},
          {"overrides", overrides},
          {"parameters", params},
          {"players", players},
          {"profiles", built.game.num_profiles()},
          {"pure_equilibria", solve_result_json(built.game, analysis.pure)}};
  if (analysis.dominance) report["dominance"] = dominance_json(built.game, *analysis.dominance);
  if (analysis.mixed) report["mixed_equilibria"] = solve_result_json(built.game, *analysis.mixed);
  if (analysis.correlated) report["correlated_max_welfare"] = correlated_json(built.game, *analysis.correlated);
  if (analysis.sequential) report["sequential"] = sequential_json(scenario, built, *analysis.sequential);
  if (analysis.bargaining) report["bargaining"] = bargaining_json(*analysis.bargaining);
  if (analysis.repeated) report["repeated"] = repeated_json(built, *analysis.repeated);
  if (analysis.bayesian) report["bayesian"] = bayesian_json(*analysis.bayesian);
  if (analysis.beliefs) report["beliefs"] = beliefs_json(scenario, *analysis.beliefs);
  report["bottom_line"] = bottom_line_json(scenario, make_bottom_line(scenario, built, analysis, options.tipping));
  if (options.tipping) report["tipping_points"] = tipping_points_json(scenario, *options.tipping);
  return report;
}

}  // namespace negsim
