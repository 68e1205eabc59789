#include "sim/report/behavior_report.hpp"

#include "sim/report/solve_report.hpp"  // format_number, kJsonSchemaVersion
#include "sim/solve/tremble_beliefs.hpp"

namespace negsim {

namespace {

std::string player_label(const ExtensiveFormGame& g, std::size_t p) {
  return g.player_name(p).empty() ? "Player " + std::to_string(p + 1) : g.player_name(p);
}

std::string set_name(const ExtensiveFormGame& g, std::size_t i) {
  const EfgInfoset& s = g.infoset(i);
  std::string name = player_label(g, s.player) + ", information set " + std::to_string(g.infoset_position(i) + 1);
  const std::string label = g.infoset_label(i);
  if (!label.empty()) name += " \"" + label + "\"";
  return name;
}

std::string probability_text(const BehaviorEquilibrium& eq, std::size_t i, std::size_t a, int digits) {
  if (eq.no_action[i]) return "0";
  return eq.exact ? (*eq.exact)[i][a].get_str() : format_number(eq.profile[i][a], digits);
}

// The actions from the root to node n, as "label" strings.
std::vector<std::string> path_to(const ExtensiveFormGame& g, std::size_t n) {
  std::vector<std::string> path;
  while (g.node(n).parent != kNoIndex) {
    const EfgNode& x = g.node(n);
    path.push_back(g.infoset(g.node(x.parent).infoset).actions[x.action_in_parent]);
    n = x.parent;
  }
  return {path.rbegin(), path.rend()};
}

}  // namespace

std::string behavior_gambit_line(const ExtensiveFormGame& game, const BehaviorEquilibrium& eq, int digits) {
  std::string line = "NE";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t i : game.player_infosets(p))
      for (std::size_t a = 0; a < game.infoset(i).num_actions(); ++a) line += "," + probability_text(eq, i, a, digits);
  return line;
}

std::string behavior_gambit_report(const ExtensiveFormGame& game, const ExtensiveSolveResult& result) {
  std::string out;
  for (const BehaviorEquilibrium& eq : result.equilibria) out += behavior_gambit_line(game, eq) + "\n";
  return out;
}

nlohmann::json extensive_game_summary_json(const ExtensiveFormGame& game) {
  nlohmann::json players = nlohmann::json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p)
    players.push_back({{"name", player_label(game, p)},
                       {"information_sets", game.player_infosets(p).size()},
                       {"sequences", game.num_sequences(p)}});
  nlohmann::json j = {{"kind", "extensive"},
                      {"title", game.title},
                      {"players", players},
                      {"nodes", game.num_nodes()},
                      {"terminals", game.terminals().size()},
                      {"chance_information_sets", game.chance_infosets().size()},
                      {"perfect_recall", game.has_perfect_recall()}};
  if (!game.has_perfect_recall()) j["recall_problem"] = game.recall_problem()->message;
  return j;
}

nlohmann::json behavior_result_json(const ExtensiveFormGame& game, const ExtensiveSolveResult& result) {
  nlohmann::json eqs = nlohmann::json::array();
  for (const BehaviorEquilibrium& eq : result.equilibria) {
    const std::vector<double> reach = game.reach_probabilities(eq.profile);
    const EquilibriumBeliefs assessment = equilibrium_beliefs(game, eq);
    nlohmann::json sets = nlohmann::json::array();
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (std::size_t i : game.player_infosets(p)) {
        const EfgInfoset& s = game.infoset(i);
        nlohmann::json actions = nlohmann::json::array();
        for (std::size_t a = 0; a < s.num_actions(); ++a) {
          nlohmann::json act = {{"label", s.actions[a]}, {"probability", eq.no_action[i] ? 0.0 : eq.profile[i][a]}};
          if (eq.exact) act["exact"] = eq.no_action[i] ? std::string("0") : (*eq.exact)[i][a].get_str();
          actions.push_back(act);
        }
        double set_reach = 0;
        for (std::size_t n : s.nodes) set_reach += reach[n];
        nlohmann::json entry = {{"player", player_label(game, p)},
                                {"number", game.infoset_position(i) + 1},
                                {"label", game.infoset_label(i)},
                                {"actions", actions},
                                {"no_action", static_cast<bool>(eq.no_action[i])},
                                {"reach_probability", set_reach},
                                {"reached", set_reach > 0}};
        // Beliefs at every set: Bayes' rule on the path, the tremble limit (or
        // the method's own consistent beliefs) off it (tremble_beliefs.hpp).
        nlohmann::json beliefs = nlohmann::json::array();
        for (std::size_t k = 0; k < s.nodes.size(); ++k) {
          const std::size_t n = s.nodes[k];
          nlohmann::json b = {{"node", n}, {"label", game.node(n).label}, {"history", path_to(game, n)},
                              {"probability", assessment.beliefs.belief[i][k]}};
          if (assessment.exact) b["exact"] = assessment.exact->belief[i][k].get_str();
          beliefs.push_back(std::move(b));
        }
        entry["beliefs"] = std::move(beliefs);
        entry["belief_source"] = belief_origin_name(assessment.beliefs.origin[i]);
        if (assessment.beliefs.origin[i] == BeliefOrigin::uniform_trembles)
          entry["trembles"] = assessment.beliefs.trembles[i];  // the fewest trembles that reach the set
        sets.push_back(entry);
      }
    nlohmann::json path = nlohmann::json::array();
    for (std::size_t z : game.terminals())
      if (reach[z] > 0)
        path.push_back({{"node", z}, {"history", path_to(game, z)}, {"probability", reach[z]},
                        {"payoffs", game.terminal_payoffs(z)}});
    eqs.push_back({{"payoffs", eq.payoffs},
                   {"gains", eq.gains},
                   {"max_relative_gain", eq.max_relative_gain},
                   {"exact", eq.exact.has_value()},
                   {"gambit", behavior_gambit_line(game, eq)},
                   {"information_sets", sets},
                   {"path", path}});
  }
  return {{"schema_version", kJsonSchemaVersion},
          {"game", extensive_game_summary_json(game)},
          {"method", result.method},
          {"form", result.form},
          {"form_note", result.form_note},
          {"complete", result.complete},
          {"note", result.note},
          {"equilibria", eqs}};
}

std::string behavior_text_report(const ExtensiveFormGame& game, const ExtensiveSolveResult& result) {
  std::string out = (game.title.empty() ? std::string("Extensive-form game") : game.title) + "\n";
  out += "Method " + result.method + ": " + std::to_string(result.equilibria.size()) + " " + result.form +
         " equilibri" + (result.equilibria.size() == 1 ? "um" : "a") + (result.complete ? " (complete list)" : "") +
         "\n  " + result.form_note + "\n";
  if (!result.note.empty()) out += "  note: " + result.note + "\n";
  out += "  beliefs: Bayes' rule on the path; off it " +
         std::string(!result.equilibria.empty() && !result.equilibria.front().beliefs.empty()
                         ? "the method's own consistent beliefs"
                         : "the limit of uniform trembles (every action e / its count, e -> 0: consistent, "
                           "Kreps-Wilson)") +
         "\n";
  for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
    const BehaviorEquilibrium& eq = result.equilibria[k];
    const std::vector<double> reach = game.reach_probabilities(eq.profile);
    const EquilibriumBeliefs assessment = equilibrium_beliefs(game, eq);
    out += "\nEquilibrium " + std::to_string(k + 1) + ":";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      out += (p ? ", " : " payoffs ") + player_label(game, p) + " " + format_number(eq.payoffs[p]);
    out += "\n";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (std::size_t i : game.player_infosets(p)) {
        const EfgInfoset& s = game.infoset(i);
        out += "  " + set_name(game, i) + ": ";
        if (eq.no_action[i]) {
          out += "no move (the player's own plan never gets here)\n";
          continue;
        }
        std::string moves;
        for (std::size_t a = 0; a < s.num_actions(); ++a) {
          if (eq.profile[i][a] <= 0) continue;
          if (!moves.empty()) moves += "; ";
          moves += s.actions[a];
          if (eq.profile[i][a] < 1) moves += " " + probability_text(eq, i, a, 6);
        }
        double set_reach = 0;
        for (std::size_t n : s.nodes) set_reach += reach[n];
        out += moves;
        const BeliefOrigin origin = assessment.beliefs.origin[i];
        if (set_reach <= 0) out += "  [off the path]";
        if (s.nodes.size() > 1) {
          std::string beliefs;
          for (std::size_t k = 0; k < s.nodes.size(); ++k) {
            const std::size_t n = s.nodes[k];
            if (!beliefs.empty()) beliefs += ", ";
            const auto history = path_to(game, n);
            std::string h;
            for (const std::string& step : history) h += (h.empty() ? "" : " > ") + step;
            beliefs += (h.empty() ? std::string("root") : h) + ": " + format_number(assessment.beliefs.belief[i][k], 4);
          }
          const char* kind = origin == BeliefOrigin::bayes              ? "  [beliefs "
                             : origin == BeliefOrigin::solver           ? "  [consistent beliefs "
                             : origin == BeliefOrigin::uniform_trembles ? "  [tremble-limit beliefs "
                                                                        : "  [uniform beliefs, only zero-probability chance reaches it: ";
          out += std::string(kind) + beliefs + "]";
        }
        out += "\n";
      }
    out += "  path:";
    for (std::size_t z : game.terminals()) {
      if (reach[z] <= 0) continue;
      std::string h;
      for (const std::string& step : path_to(game, z)) h += (h.empty() ? "" : " > ") + step;
      out += "\n    " + (h.empty() ? std::string("(root)") : h) + "  probability " + format_number(reach[z], 6);
    }
    out += "\n  verified: largest gain from deviating " + format_number(eq.max_relative_gain, 3) +
           " of a payoff range\n";
  }
  return out;
}

}  // namespace negsim
