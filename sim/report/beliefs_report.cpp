#include "sim/report/beliefs_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/report/solve_report.hpp"

namespace negsim {

namespace {

std::string probability_text(double p) { return format_number(p, 3); }

std::string threat_text(const Scenario& scenario) {
  const RepeatedTargetSetting& t = *scenario.sequence.threat;
  const ScenarioPlayer& player = scenario.players[t.player];
  return player.name + " " + player.levers[t.lever].id + "=" + player.levers[t.lever].labels[t.value];
}

// The behaviour equilibrium is shown when it adds to the pure list: no pure
// equilibrium at all, or a mixed move on its path.
bool adds_to_pure_list(const BeliefAnalysis& analysis) {
  if (!analysis.behavior) return false;
  if (analysis.result.equilibria.empty()) return true;
  const BehaviorPerfectBayesian& b = *analysis.behavior;
  for (std::size_t h = 0; h < b.behavior.size(); ++h)
    if (b.assessment[h].reach > 0)
      for (double x : b.behavior[h])
        if (x > 0 && x < 1) return true;
  return false;
}

}  // namespace

std::string bayesian_text(const Scenario& scenario, const BayesianAnalysis& analysis, const std::string& unit) {
  std::ostringstream out;
  const NormalFormGame& g = analysis.game.game;
  out << "\nBayesian equilibria (private types; each type of each player is an agent of the type-agent form: "
      << g.num_players() << " agents, " << g.num_profiles() << " combinations of moves): "
      << analysis.pure.equilibria.size() << " in pure strategies" << (analysis.pure.complete ? "" : " (list cut short)")
      << "\n";
  auto write = [&](const Equilibrium& eq) {
    for (std::size_t a = 0; a < g.num_players(); ++a) {
      out << "    " << g.player_names[a] << ": ";
      bool first = true;
      for (std::size_t k = 0; k < eq.profile[a].size(); ++k) {
        if (eq.profile[a][k] <= 0) continue;
        out << (first ? "" : " + ");
        if (eq.profile[a][k] < 1) out << format_number(100 * eq.profile[a][k], 4) << "% ";
        out << g.action_labels[a][k];
        first = false;
      }
      out << "  (expects " << format_number(eq.payoffs[a], 4) << (unit.empty() ? "" : " " + unit) << ")\n";
    }
  };
  for (std::size_t e = 0; e < analysis.pure.equilibria.size(); ++e) {
    out << "  Equilibrium " << e + 1 << " (max regret " << format_number(analysis.pure.equilibria[e].max_regret, 3)
        << "):\n";
    write(analysis.pure.equilibria[e]);
  }
  if (analysis.pure.equilibria.empty()) out << "  none in pure strategies.\n";
  if (analysis.mixed && !analysis.mixed->equilibria.empty()) {
    out << "  Mixed Bayesian equilibria (" << analysis.mixed->method << "): " << analysis.mixed->equilibria.size() << "\n";
    for (const Equilibrium& eq : analysis.mixed->equilibria) write(eq);
  }
  (void)scenario;
  return out.str();
}

nlohmann::json bayesian_json(const BayesianAnalysis& analysis) {
  nlohmann::json agents = nlohmann::json::array();
  for (std::size_t a = 0; a < analysis.game.agents.size(); ++a)
    agents.push_back({{"name", analysis.game.game.player_names[a]},
                      {"player", analysis.game.agents[a].player},
                      {"type", type_label(analysis.game.prior, analysis.game.agents[a].player, analysis.game.agents[a].type)},
                      {"probability", analysis.game.agents[a].probability}});
  nlohmann::json out = {{"agents", agents},
                        {"profiles", analysis.game.game.num_profiles()},
                        {"pure_equilibria", solve_result_json(analysis.game.game, analysis.pure)}};
  if (analysis.mixed) out["mixed_equilibria"] = solve_result_json(analysis.game.game, *analysis.mixed);
  return out;
}

std::string beliefs_text(const Scenario& scenario, const BeliefAnalysis& analysis, const std::string& unit,
                         bool full_path) {
  std::ostringstream out;
  const SequenceTree& tree = analysis.tree;
  const std::string u = unit.empty() ? "" : " " + unit;
  out << "\nCredibility and beliefs (the sequence: " << tree.rounds << " round" << (tree.rounds == 1 ? "" : "s")
      << ", discount " << format_number(tree.discount, 4) << " per round)\n";
  for (std::size_t p = 0; p < tree.num_players(); ++p) {
    if (tree.prior.labels[p].empty()) continue;
    out << "  " << tree.player_names[p] << " is ";
    for (std::size_t t = 0; t < tree.prior.labels[p].size(); ++t)
      out << (t ? ", " : "") << tree.prior.labels[p][t] << " with prior probability "
          << probability_text(tree.prior.marginal(p, t));
    out << "; only " << tree.player_names[p] << " knows which.\n";
  }
  if (!scenario.types.joint.empty()) {
    // A correlated prior: the marginals above do not say it, and a player's own
    // type then tells it something about the others'.
    out << "  The types are correlated (the joint prior table): ";
    for (std::size_t k = 0; k < tree.prior.profiles.size(); ++k) {
      const TypeProfile& profile = tree.prior.profiles[k];
      std::string names;
      for (std::size_t p = 0; p < tree.num_players(); ++p)
        if (!tree.prior.labels[p].empty())
          names += (names.empty() ? "" : " and ") + tree.player_names[p] + " " + tree.prior.labels[p][profile.types[p]];
      out << (k ? ", " : "") << names << " " << probability_text(profile.probability);
    }
    out << " (type profiles not listed: probability 0).\n";
  }
  out << "  Game tree: " << tree.nodes.size() << " nodes, " << tree.infosets.size() << " information sets. "
      << analysis.result.equilibria.size() << " pure equilibri" << (analysis.result.equilibria.size() == 1 ? "um" : "a")
      << " found by " << analysis.result.method
      << (analysis.result.complete ? " (every pure one)" : " (not necessarily all)") << ".\n";
  if (analysis.result.equilibria.empty())
    out << "  No pure perfect Bayesian equilibrium was found"
        << (analysis.behavior ? "; one in behaviour strategies follows below.\n"
                              : "; mixed ones need the sequence-form solvers (two players only).\n");
  for (std::size_t e = 0; e < analysis.result.equilibria.size(); ++e) {
    const TreeEquilibrium& eq = analysis.result.equilibria[e];
    double worst = 0;
    for (std::size_t p = 0; p < eq.regrets.size(); ++p) worst = std::max(worst, eq.regrets[p]);
    out << "\n  Equilibrium " << e + 1 << " (" << eq.kind() << "; checked: no player gains more than "
        << format_number(worst, 3) << " by any change of plan)\n";
    out << "    Expected payoffs" << (unit.empty() ? "" : " (" + unit + ")") << ":";
    for (std::size_t p = 0; p < eq.payoffs.size(); ++p)
      out << (p ? ", " : " ") << tree.player_names[p] << " " << format_number(eq.payoffs[p], 4);
    out << "\n";
    std::vector<double> threat;
    if (!analysis.threat_action.empty()) threat = threat_probabilities(tree, eq.actions, analysis.threat_action);
    if (e > 0) {
      // The others in one line each: what differs from the first.
      const TreeEquilibrium& first = analysis.result.equilibria.front();
      std::size_t differ = 0, differ_on_path = 0;
      for (std::size_t h = 0; h < tree.infosets.size(); ++h)
        if (eq.actions[h] != first.actions[h]) ++differ, differ_on_path += eq.assessment[h].reach > 0;
      out << "    Differs from equilibrium 1 at " << differ << " information sets (" << differ_on_path
          << " on its path)" << (threat.empty() ? "" : "; the threat is carried out with probability " +
                                                           probability_text(threat[0]))
          << ".\n";
      continue;
    }
    out << "    The path (each decision reached, with the probability it is reached):\n";
    // Information sets of one player in one round where it knows its type,
    // makes the same move and differs only in what else it has seen are one
    // line (a U.S. that remembers every chance moment has many).
    struct Group {
      std::vector<std::size_t> sets;
      double reach = 0;
    };
    std::vector<Group> groups;
    auto own_type = [&](std::size_t h) -> std::size_t {
      const SequenceInfoSet& info = tree.infosets[h];
      if (tree.prior.labels[info.player].empty()) return static_cast<std::size_t>(-1);
      return tree.prior.profiles[tree.nodes[info.nodes.front()].type_profile].types[info.player];
    };
    for (std::size_t h : path_order(tree, eq, true)) {
      const SequenceInfoSet& info = tree.infosets[h];
      Group* into = nullptr;
      if (own_type(h) != static_cast<std::size_t>(-1))
        for (Group& g : groups) {
          const std::size_t f = g.sets.front();
          const SequenceInfoSet& first = tree.infosets[f];
          if (first.player == info.player && first.round == info.round && first.step == info.step &&
              own_type(f) == own_type(h) && eq.actions[f] == eq.actions[h])
            into = &g;
        }
      if (!into) {
        groups.push_back({});
        into = &groups.back();
      }
      into->sets.push_back(h);
      into->reach += eq.assessment[h].reach;
    }
    std::size_t later = 0, last_round = 1;
    for (const Group& g : groups) {
      const std::size_t h = g.sets.front();
      const SequenceInfoSet& info = tree.infosets[h];
      if (!full_path && info.round > 1) {
        // The first round in full; later rounds only counted (the bottom
        // line has the belief round by round).
        ++later, last_round = std::max(last_round, info.round);
        continue;
      }
      if (g.sets.size() == 1)
        out << "      " << info.knows();
      else
        out << "      " << tree.player_names[info.player] << " in round " << info.round << ", knowing its type ("
            << tree.prior.labels[info.player][own_type(h)] << "), in " << g.sets.size()
            << " situations it tells apart by what else it has seen";
      out << " (reached with probability " << probability_text(g.reach) << "): " << info.action_labels[eq.actions[h]]
          << "\n";
      if (g.sets.size() > 1) continue;
      const std::vector<std::vector<double>> beliefs = type_beliefs(tree, eq, h);
      std::string said;
      for (std::size_t p = 0; p < beliefs.size(); ++p) {
        if (beliefs[p].empty() || p == info.player) continue;
        for (std::size_t t = 0; t < beliefs[p].size(); ++t)
          said += std::string(said.empty() ? "" : ", ") + tree.player_names[p] + " is " + tree.prior.labels[p][t] +
                  " with probability " + probability_text(beliefs[p][t]);
      }
      if (!threat.empty() && info.player != scenario.sequence.threat->player)
        said += std::string(said.empty() ? "" : "; ") + "the threat (" + threat_text(scenario) +
                ") will be carried out with probability " + probability_text(threat_belief(analysis.tree, eq, h, threat));
      if (!said.empty()) out << "        believes " << said << "\n";
    }
    if (later > 0)
      out << "      ... and " << later << " more decisions in rounds 2" << (last_round > 2 ? "-" + std::to_string(last_round) : "")
          << " (each with the mover's beliefs: --verbose, or JSON `beliefs`; the belief round by round is in the bottom line)\n";
    const std::vector<std::size_t> off = path_order(tree, eq, false);
    std::size_t trembles = 0, supporting = 0;
    for (std::size_t h : off)
      (eq.assessment[h].source == BeliefSource::kSupporting ? supporting : trembles) += 1;
    out << "    Off the path: " << off.size() << " information set" << (off.size() == 1 ? "" : "s")
        << "; beliefs there: " << trembles
        << " from uniform trembles (consistent)" << (supporting ? ", " + std::to_string(supporting) +
                                                                       " chosen to support the move (weak PBE)"
                                                                 : std::string())
        << ".\n";
    if (!threat.empty()) {
      const std::size_t tp = scenario.sequence.threat->player;
      out << "    Credibility of the threat (" << threat_text(scenario) << "): ";
      const std::vector<std::string> labels = tree.branch_labels(0);
      double overall = threat[0];
      for (std::size_t k = 0; k < tree.nodes[0].children.size(); ++k)
        out << (k ? ", " : "") << (labels[k] == "(no types)" ? "" : labels[k] + ": ")
            << probability_text(threat[tree.nodes[0].children[k]]);
      out << " (carried out along the path)\n      ";
      if (overall <= 0)
        out << "not credible: no type of " << tree.player_names[tp] << " ever carries it out in this equilibrium.\n";
      else
        out << "credible with probability " << probability_text(overall) << ": carried out by the types that "
            << "gain from it, and each extension lowers the belief in it.\n";
    }
  }
  if (adds_to_pure_list(analysis)) {
    // Only when it adds to the pure list: a mixed move on the path, or no pure equilibrium at all.
    const BehaviorPerfectBayesian& b = *analysis.behavior;
    out << "\n  Sequential equilibrium in behaviour strategies (mixed moves allowed; " << b.note << "):\n";
    out << "    Expected payoffs" << (unit.empty() ? "" : " (" + unit + ")") << ":";
    for (std::size_t p = 0; p < b.payoffs.size(); ++p)
      out << (p ? ", " : " ") << tree.player_names[p] << " " << format_number(b.payoffs[p], 4);
    out << "\n";
    for (const bool on_path : {true, false})
      for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
        if ((b.assessment[h].reach > 0) != on_path) continue;
        const SequenceInfoSet& info = tree.infosets[h];
        out << "      " << info.knows() << (on_path ? " (reached with probability " + probability_text(b.assessment[h].reach) + ")"
                                                 : std::string(" (off the path)"))
            << ": ";
        bool first = true;
        for (std::size_t k = 0; k < info.action_labels.size(); ++k) {
          if (b.behavior[h][k] <= 0) continue;
          out << (first ? "" : ", ") << info.action_labels[k];
          if (b.behavior[h][k] < 1) out << " " << probability_text(b.behavior[h][k]);
          first = false;
        }
        out << "\n";
        const std::vector<std::vector<double>> beliefs = type_beliefs(tree, b.assessment, h);
        std::string said;
        for (std::size_t p = 0; p < beliefs.size(); ++p) {
          if (beliefs[p].empty() || p == info.player) continue;
          for (std::size_t t = 0; t < beliefs[p].size(); ++t)
            said += std::string(said.empty() ? "" : ", ") + tree.player_names[p] + " is " + tree.prior.labels[p][t] +
                    " with probability " + probability_text(beliefs[p][t]);
        }
        if (!said.empty()) out << "        believes " << said << (on_path ? "" : " (consistent: the limit of trembles)") << "\n";
      }
  }
  if (!analysis.learning.empty()) {
    out << "\n  Value to each player of learning the others' types alone (its expected payoff if it alone knew them\n"
           "  at each of its moves, the others keeping their information, minus its payoff with private types;\n"
           "  first equilibrium of each):\n";
    for (const BeliefAnalysis::OneSidedValue& item : analysis.learning) {
      std::string whose;
      for (std::size_t i = 0; i < item.learns.size(); ++i)
        whose += std::string(i == 0 ? "" : i + 1 == item.learns.size() ? " and " : ", ") + tree.player_names[item.learns[i]];
      out << "    " << tree.player_names[item.player];
      if (!item.value) {
        out << ": not compared (no pure equilibrium " << (item.payoffs ? "with private types" : "when it knows") << ")\n";
        continue;
      }
      const double v = *item.value;
      if (format_number(std::abs(v), 4) == "0")
        out << " would gain nothing";
      else
        out << (v > 0 ? " would gain " : " would lose ") << format_number(std::abs(v), 4) << u;
      out << " from knowing the type of " << whose << " (expected payoff "
          << format_number((*item.payoffs)[item.player] - v, 4) << " -> " << format_number((*item.payoffs)[item.player], 4)
          << ")\n";
    }
  }
  if (analysis.value_of_information) {
    out << "\n  Value of information to all (expected payoff if every type were known to every player at once, minus\n"
           "  the payoff with private types; first equilibrium of each):\n";
    for (std::size_t p = 0; p < tree.num_players(); ++p)
      out << "    " << tree.player_names[p] << ": " << format_number((*analysis.value_of_information)[p], 4) << u << "\n";
    const std::vector<std::string> labels = tree.branch_labels(0);
    out << "    Complete-information games per type (payoffs private -> known):\n";
    for (std::size_t k = 0; k < analysis.revealed_by_type.size() && k < analysis.private_by_type.size(); ++k) {
      out << "      " << labels[k] << ":";
      for (std::size_t p = 0; p < tree.num_players(); ++p)
        out << (p ? "," : "") << " " << tree.player_names[p] << " " << format_number(analysis.private_by_type[k][p], 4)
            << " -> " << format_number(analysis.revealed_by_type[k][p], 4);
      out << "\n";
    }
  }
  return out.str();
}

nlohmann::json beliefs_json(const Scenario& scenario, const BeliefAnalysis& analysis) {
  const SequenceTree& tree = analysis.tree;
  nlohmann::json equilibria = nlohmann::json::array();
  for (const TreeEquilibrium& eq : analysis.result.equilibria) {
    if (!equilibria.empty()) {
      // After the first: the moves only (beliefs follow from them by the same rules).
      nlohmann::json moves = nlohmann::json::array();
      for (std::size_t h = 0; h < tree.infosets.size(); ++h) moves.push_back(tree.infosets[h].action_labels[eq.actions[h]]);
      equilibria.push_back({{"kind", eq.kind()}, {"payoffs", eq.payoffs}, {"regrets", eq.regrets},
                            {"tolerances", eq.tolerances}, {"actions", moves}});
      continue;
    }
    std::vector<double> threat;
    if (!analysis.threat_action.empty()) threat = threat_probabilities(tree, eq.actions, analysis.threat_action);
    nlohmann::json sets = nlohmann::json::array();
    for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
      const SequenceInfoSet& info = tree.infosets[h];
      nlohmann::json beliefs = nlohmann::json::object();
      const std::vector<std::vector<double>> tb = type_beliefs(tree, eq, h);
      for (std::size_t p = 0; p < tb.size(); ++p) {
        if (tb[p].empty()) continue;
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t t = 0; t < tb[p].size(); ++t) row[tree.prior.labels[p][t]] = tb[p][t];
        beliefs[tree.player_ids[p]] = row;
      }
      nlohmann::json set = {{"player", tree.player_ids[info.player]},
                            {"round", info.round},
                            {"step", info.step},
                            {"knows", info.knows()},
                            {"actions", info.action_labels.list()},
                            {"action", info.action_labels[eq.actions[h]]},
                            {"reach", eq.assessment[h].reach},
                            {"belief_source", to_string(eq.assessment[h].source)},
                            {"node_beliefs", eq.assessment[h].belief},
                            {"action_values", eq.assessment[h].action_values},
                            {"type_beliefs", beliefs}};
      if (!threat.empty()) set["threat_probability"] = threat_belief(analysis.tree, eq, h, threat);
      sets.push_back(set);
    }
    nlohmann::json item = {{"kind", eq.kind()}, {"payoffs", eq.payoffs}, {"regrets", eq.regrets},
                           {"tolerances", eq.tolerances}, {"information_sets", sets}};
    if (!threat.empty()) item["threat_probability"] = threat[0];
    equilibria.push_back(item);
  }
  nlohmann::json out = {{"rounds", tree.rounds},
                        {"discount", tree.discount},
                        {"nodes", tree.nodes.size()},
                        {"information_sets", tree.infosets.size()},
                        {"method", analysis.result.method},
                        {"complete", analysis.result.complete},
                        {"equilibria", equilibria}};
  if (scenario.sequence.threat) out["threat"] = threat_text(scenario);
  if (adds_to_pure_list(analysis)) {
    const BehaviorPerfectBayesian& b = *analysis.behavior;
    nlohmann::json sets = nlohmann::json::array();
    for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
      const SequenceInfoSet& info = tree.infosets[h];
      nlohmann::json beliefs = nlohmann::json::object();
      const std::vector<std::vector<double>> tb = type_beliefs(tree, b.assessment, h);
      for (std::size_t p = 0; p < tb.size(); ++p) {
        if (tb[p].empty()) continue;
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t t = 0; t < tb[p].size(); ++t) row[tree.prior.labels[p][t]] = tb[p][t];
        beliefs[tree.player_ids[p]] = row;
      }
      sets.push_back({{"player", tree.player_ids[info.player]}, {"round", info.round}, {"step", info.step},
                      {"knows", info.knows()}, {"actions", info.action_labels.list()}, {"probabilities", b.behavior[h]},
                      {"reach", b.assessment[h].reach}, {"belief_source", to_string(b.assessment[h].source)},
                      {"node_beliefs", b.assessment[h].belief}, {"action_values", b.assessment[h].action_values},
                      {"type_beliefs", beliefs}});
    }
    out["behavior_equilibrium"] = {{"payoffs", b.payoffs}, {"gains", b.gains}, {"pure", b.pure},
                                   {"method", b.note}, {"information_sets", sets}};
  }
  if (analysis.value_of_information) {
    nlohmann::json v = nlohmann::json::object();
    for (std::size_t p = 0; p < tree.num_players(); ++p) v[tree.player_ids[p]] = (*analysis.value_of_information)[p];
    out["value_of_information"] = v;
    out["value_of_information_to_all"] = v;
    out["payoffs_by_type"] = {{"private", analysis.private_by_type}, {"known", analysis.revealed_by_type},
                              {"types", tree.branch_labels(0)}};
  }
  if (!analysis.learning.empty()) {
    nlohmann::json alone = nlohmann::json::object();
    for (const BeliefAnalysis::OneSidedValue& item : analysis.learning) {
      nlohmann::json learns = nlohmann::json::array();
      for (std::size_t q : item.learns) learns.push_back(tree.player_ids[q]);
      alone[tree.player_ids[item.player]] = {
          {"learns", learns},
          {"value", item.value ? nlohmann::json(*item.value) : nlohmann::json()},
          {"payoffs", item.payoffs ? nlohmann::json(*item.payoffs) : nlohmann::json()},
          {"nodes", item.nodes},
          {"method", item.method}};
    }
    out["value_of_learning_types"] = alone;
  }
  return out;
}

}  // namespace negsim
