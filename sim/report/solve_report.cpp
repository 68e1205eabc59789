#include "sim/report/solve_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/report/text_escape.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"

namespace negsim {

std::string format_number(double value, int digits) {
  if (value == 0.0) return "0";  // also turns -0 into 0
  if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::round(value)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

std::string gambit_line(const Equilibrium& eq, int digits) {
  std::string line = "NE";
  for (std::size_t p = 0; p < eq.profile.size(); ++p)
    for (std::size_t a = 0; a < eq.profile[p].size(); ++a) {
      line += ',';
      line += eq.exact ? (*eq.exact)[p][a].get_str() : format_number(eq.profile[p][a], digits);
    }
  return line;
}

std::string gambit_report(const SolveResult& result, int digits) {
  std::string out;
  for (const Equilibrium& eq : result.equilibria) out += gambit_line(eq, digits) + "\n";
  return out;
}

std::string describe_strategy(const NormalFormGame& game, std::size_t player,
                              const std::vector<double>& probs) {
  std::string out;
  for (std::size_t a = 0; a < probs.size(); ++a) {
    if (probs[a] <= 0.0) continue;
    if (!out.empty()) out += "; ";
    out += game.action_labels[player][a];
    if (probs[a] < 1.0) out += " (" + format_number(100.0 * probs[a], 4) + "%)";
  }
  return out;
}

std::string text_report(const NormalFormGame& game, const SolveResult& result) {
  std::ostringstream out;
  if (!game.title.empty()) out << "Game: " << text_line(game.title) << "\n";  // one line, whatever the file says
  out << game.num_players() << " players, actions ";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out << (p ? " x " : "") << game.num_actions(p);
  out << " (" << game.num_profiles() << " profiles)\n";
  out << "Method: " << result.method << ": " << result.equilibria.size()
      << (result.equilibria.size() == 1 ? " equilibrium" : " equilibria")
      << (!result.limit_reached                               ? (result.complete ? "" : " (not necessarily all)")
          : result.limit_reached->kind == LimitKind::time ? " (INCOMPLETE: stopped by the time limit)"
                                                          : " (INCOMPLETE: stopped at --max-equilibria)")
      << "\n";
  for (const std::string& note : result.notes) out << "Note: " << note << "\n";
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    out << "\nEquilibrium " << i + 1 << " (" << (eq.is_pure() ? "pure" : "mixed") << ", "
        << eq.method << ", max regret " << format_number(eq.max_regret, 3) << ")\n";
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      out << "  " << game.player_names[p] << ": " << describe_strategy(game, p, eq.profile[p])
          << "  -> payoff " << format_number(eq.payoffs[p]) << "\n";
    }
  }
  if (result.rejected > 0) {
    out << "\nWarning: " << result.rejected
        << " candidate(s) failed the independent regret check and were dropped";
    if (!result.rejected_max_regrets.empty())
      out << " (largest max regret "
          << format_number(*std::max_element(result.rejected_max_regrets.begin(), result.rejected_max_regrets.end()), 3)
          << ")";
    out << ".\n";
  }
  return out.str();
}

nlohmann::json game_summary_json(const NormalFormGame& game) {
  nlohmann::json players = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p)
    players.push_back({{"name", game.player_names[p]}, {"actions", game.action_labels[p]}});
  return {{"title", game.title}, {"players", players}, {"profiles", game.num_profiles()}};
}

nlohmann::json equilibrium_json(const NormalFormGame& game, const Equilibrium& eq) {
  nlohmann::json strategies = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    nlohmann::json support = nlohmann::json::array();
    for (std::size_t a = 0; a < game.num_actions(p); ++a) {
      if (eq.profile[p][a] <= 0.0) continue;
      nlohmann::json entry = {{"action", game.action_labels[p][a]}, {"probability", eq.profile[p][a]}};
      if (eq.exact) entry["exact"] = (*eq.exact)[p][a].get_str();
      support.push_back(entry);
    }
    strategies.push_back({{"player", game.player_names[p]}, {"support", support}});
  }
  return {{"pure", eq.is_pure()},     {"method", eq.method},    {"strategies", strategies},
          {"payoffs", eq.payoffs},    {"max_regret", eq.max_regret},
          {"gambit", gambit_line(eq)}};
}

nlohmann::json path_json(const PathRecord& path) {
  nlohmann::json j = {{"steps", path.steps}, {"exact", path.exact}, {"end", path_end_reason_name(path.end)}};
  if (path.label >= 0) j["label"] = path.label + 1;  // counted from 1, as --label
  if (path.start >= 0) j["start"] = path.start;
  return j;
}

nlohmann::json solve_result_json(const NormalFormGame& game, const SolveResult& result) {
  nlohmann::json eqs = nlohmann::json::array();
  for (const Equilibrium& eq : result.equilibria) eqs.push_back(equilibrium_json(game, eq));
  nlohmann::json paths = nlohmann::json::array();
  for (const PathRecord& path : result.paths) paths.push_back(path_json(path));
  nlohmann::json j = {{"schema_version", kJsonSchemaVersion},
                      {"game", game_summary_json(game)},
                      {"method", result.method},
                      {"complete", result.complete},
                      {"notes", result.notes},
                      {"rejected_candidates", result.rejected},
                      {"rejected_max_regrets", result.rejected_max_regrets},
                      {"paths", paths},
                      {"equilibria", eqs}};
  // Only when a limit cut the search (then complete is false too).
  if (result.limit_reached)
    j["limit_reached"] = {{"kind", limit_kind_name(result.limit_reached->kind)},
                          {"message", result.limit_reached->message}};
  return j;
}

namespace {
std::string profile_label(const NormalFormGame& game, std::size_t index) {
  std::string out;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out += (p ? " | " : "") + game.player_names[p] + ": " + game.action_labels[p][game.action_of(index, p)];
  return out;
}

std::string dominator_text(const NormalFormGame& game, std::size_t player,
                           const std::vector<std::pair<std::size_t, double>>& dominator) {
  std::string out;
  for (const auto& [action, weight] : dominator) {
    if (!out.empty()) out += " + ";
    if (weight < 1.0) out += format_number(weight, 4) + " x ";
    out += game.action_labels[player][action];
  }
  return out;
}
}  // namespace

std::string correlated_text(const NormalFormGame& game, const CorrelatedEquilibrium& ce) {
  std::ostringstream out;
  out << (ce.kind == CorrelationKind::Correlated ? "Correlated" : "Coarse correlated")
      << " equilibrium (" << ce.distribution.size() << " profiles with positive probability, max gain from deviating "
      << format_number(ce.max_gain, 3) << ")\n";
  std::vector<std::pair<std::size_t, double>> by_probability = ce.distribution;
  std::stable_sort(by_probability.begin(), by_probability.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [index, prob] : by_probability)
    out << "  " << format_number(100 * prob, 4) << "%  " << profile_label(game, index) << "\n";
  out << "  Payoffs:";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out << (p ? ", " : " ") << game.player_names[p] << " " << format_number(ce.payoffs[p], 6);
  out << "\n";
  return out.str();
}

nlohmann::json correlated_json(const NormalFormGame& game, const CorrelatedEquilibrium& ce) {
  nlohmann::json dist = nlohmann::json::array();
  for (const auto& [index, prob] : ce.distribution) {
    nlohmann::json actions = nlohmann::json::array();
    for (std::size_t p = 0; p < game.num_players(); ++p) actions.push_back(game.action_labels[p][game.action_of(index, p)]);
    dist.push_back({{"profile", actions}, {"probability", prob}});
  }
  return {{"kind", ce.kind == CorrelationKind::Correlated ? "ce" : "cce"},
          {"distribution", dist}, {"payoffs", ce.payoffs}, {"max_gain", ce.max_gain}};
}

std::string dominance_text(const NormalFormGame& game, const DominanceResult& elimination) {
  std::ostringstream out;
  out << "Iterated elimination of strictly dominated strategies: " << elimination.steps.size()
      << " removed\n";
  for (const DominanceStep& step : elimination.steps)
    out << "  round " << step.round << ": " << game.player_names[step.player] << " "
        << game.action_labels[step.player][step.action] << " (dominated by "
        << dominator_text(game, step.player, step.dominator) << ", by at least "
        << format_number(step.margin, 4) << ")\n";
  out << "  Left:";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    out << (p ? "," : "") << " " << game.player_names[p] << " " << elimination.surviving[p].size() << " of "
        << game.num_actions(p);
  out << "\n";
  return out.str();
}

nlohmann::json dominance_json(const NormalFormGame& game, const DominanceResult& elimination) {
  nlohmann::json steps = nlohmann::json::array();
  for (const DominanceStep& step : elimination.steps) {
    nlohmann::json dominator = nlohmann::json::array();
    for (const auto& [action, weight] : step.dominator)
      dominator.push_back({{"action", game.action_labels[step.player][action]}, {"weight", weight}});
    steps.push_back({{"round", step.round}, {"player", game.player_names[step.player]},
                     {"action", game.action_labels[step.player][step.action]},
                     {"dominator", dominator}, {"margin", step.margin}});
  }
  nlohmann::json surviving = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    nlohmann::json labels = nlohmann::json::array();
    for (std::size_t a : elimination.surviving[p]) labels.push_back(game.action_labels[p][a]);
    surviving.push_back(labels);
  }
  return {{"steps", steps}, {"surviving", surviving}};
}

}  // namespace negsim
