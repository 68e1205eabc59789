#include "sim/report/scenario_document.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "sim/report/beliefs_report.hpp"
#include "sim/report/bottom_line.hpp"
#include "sim/report/repeated_report.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/sequential_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/svg/svg_bargaining.hpp"
#include "sim/report/svg/svg_beliefs.hpp"
#include "sim/report/svg/svg_game_tree.hpp"
#include "sim/report/svg/svg_outcomes.hpp"
#include "sim/report/svg/svg_repeated.hpp"
#include "sim/report/svg/svg_tipping_points.hpp"

namespace negsim {

namespace {

std::string words(std::string s) {
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string with_unit(const std::string& unit) { return unit.empty() ? "" : " (" + unit + ")"; }

std::string payoffs_in_words(const std::vector<std::string>& names, const std::vector<double>& payoffs) {
  std::string out;
  for (std::size_t p = 0; p < payoffs.size() && p < names.size(); ++p)
    out += (p ? ", " : "") + names[p] + " " + format_number(payoffs[p], 4);
  return out;
}

std::vector<std::string> scenario_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const ScenarioPlayer& p : scenario.players) names.push_back(p.name);
  return names;
}

std::string strategy_in_words(const Scenario& scenario, const ScenarioGame& built, std::size_t player,
                              const std::vector<double>& probs) {
  return mixed_action_in_words(scenario, built, player, probs);
}

ReportTable equilibria_table(const Scenario& scenario, const ScenarioGame& built, const SolveResult& result,
                             const std::string& caption, const std::string& unit) {
  const NormalFormGame& game = built.game;
  ReportTable t;
  t.caption = caption;
  t.header = {"#"};
  for (std::size_t p = 0; p < game.num_players(); ++p) t.header.push_back(game.player_names[p] + " plays");
  for (std::size_t p = 0; p < game.num_players(); ++p) t.header.push_back(game.player_names[p] + with_unit(unit));
  t.header.push_back("max regret");
  t.numeric.assign(t.header.size(), true);
  for (std::size_t p = 0; p < game.num_players(); ++p) t.numeric[1 + p] = false;
  for (std::size_t i = 0; i < result.equilibria.size(); ++i) {
    const Equilibrium& eq = result.equilibria[i];
    std::vector<std::string> row = {std::to_string(i + 1)};
    for (std::size_t p = 0; p < game.num_players(); ++p) row.push_back(strategy_in_words(scenario, built, p, eq.profile[p]));
    for (std::size_t p = 0; p < game.num_players(); ++p) row.push_back(format_number(eq.payoffs[p], 4));
    row.push_back(format_number(eq.max_regret, 2));
    t.rows.push_back(row);
  }
  return t;
}

std::string path_in_words(const Scenario& scenario, const ScenarioGame& built, const SequentialAnalysis& analysis,
                          const SubgamePerfectEquilibrium& spe) {
  const MultiStageGame& game = analysis.timeline.game;
  std::string out;
  for (std::size_t s = 0; s < spe.path.size(); ++s) {
    const PathStep& step = spe.path[s];
    const GameStage& stage = game.stage(step.stage);
    out += s ? "; then " : "";
    for (std::size_t i = 0; i < stage.movers.size(); ++i) {
      const std::size_t player = stage.movers[i];
      out += (i ? " and " : "") + scenario.players[player].name + " ";
      out += step.pure ? action_in_words(scenario, built, player, game.mover_action(step.stage, step.profile, i))
                       : std::string("randomises");
    }
  }
  if (spe.path.size() < game.num_stages()) out += "; then mixed play";
  return out;
}

std::string deal_in_words(const BargainingAnalysis& analysis) {
  const AlternatingOffersResult& o = analysis.offers;
  if (!o.agreement) return "no agreement (" + o.ending + ")";
  return "agreement in round " + std::to_string(o.agreement_round) +
         (o.deal ? " on " + label_in_words(analysis.bargaining.problem.deals.labels[*o.deal]) : "");
}

// The text report's bottom line (sim/report/bottom_line.hpp) as a list.
ReportSection bottom_line_section(const Scenario& scenario, const BottomLine& line) {
  ReportSection section{"bottom-line", "Bottom line", {}};
  std::vector<std::string> names = scenario_names(scenario);
  const std::string unit = with_unit(line.payoff_unit);
  std::vector<std::string> items;
  for (const ConceptPrediction& c : line.predictions) {
    // One sentence per prediction, then its payoffs as another.
    const bool ends_sentence = !c.text.empty() && (c.text.back() == '.' || c.text.ends_with(".)"));
    items.push_back(c.title + ": " + c.text + (ends_sentence ? "" : ".") +
                    (c.payoffs.empty() ? "" : " Payoffs" + unit + ": " + payoffs_in_words(names, c.payoffs) + "."));
  }
  if (line.bayesian) items.push_back(line.bayesian->title + ": " + line.bayesian->text);
  if (line.self_enforcing) items.push_back(line.self_enforcing->text);
  for (const Contradiction& c : line.contradictions) items.push_back("Why the concepts differ: " + c.text);
  if (line.tipping) {
    if (line.tipping_lines.empty())
      items.push_back("Tipping points: the prediction does not change within any searched parameter range.");
    for (std::size_t i = 0; i < line.tipping_lines.size() && i < 3; ++i)
      items.push_back("Tipping point: " + line.tipping_lines[i].text);
  }
  section.blocks.push_back(ReportBlock::list(items));
  return section;
}

ReportSection deviations_section(const Scenario& scenario, const BottomLine& line) {
  ReportSection section{"deviations", "The deviation that matters for each player", {}};
  const bool sequential = line.deviations.front().sequential;
  ReportTable t;
  t.caption = std::string("Each player's alternative closest to paying off") +
              (sequential ? ", and what would follow on the subgame-perfect path"
                          : ", others' moves fixed, at the first pure equilibrium");
  t.header = {"player", "plays", "alternative", "what would follow", "payoff" + with_unit(line.payoff_unit),
              "after the alternative", "difference"};
  t.numeric = {false, false, false, false, true, true, true};
  for (const DeviationRow& row : line.deviations)
    t.rows.push_back({scenario.players[row.player].name, row.on_path, row.alternative,
                      row.response.empty() ? "-" : row.response, format_number(row.payoff, 4),
                      format_number(row.deviation_payoff, 4), format_number(row.gain, 4)});
  section.blocks.push_back(ReportBlock::of(t));
  return section;
}

ReportSection tipping_section(const Scenario& scenario, const TippingPointResult& tipping) {
  ReportSection section{"tipping-points", "Tipping points", {}};
  section.blocks.push_back(ReportBlock::paragraph(
      "For each parameter, the nearest value below and above its current one at which the predicted outcome "
      "changes, found by bisection over fresh, exact analyses (" + std::to_string(tipping.analyses) + " in all)."));
  ReportChart chart = svg::tipping_points_chart(scenario, tipping);
  if (!chart.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(chart)));
  return section;
}

ReportSection one_shot_section(const Scenario& scenario, const ScenarioGame& built, const ScenarioAnalysis& a,
                               const BottomLine& line, const std::string& unit) {
  const NormalFormGame& game = built.game;
  ReportSection section{"one-shot", "The one-shot game", {}};
  std::string size;
  for (std::size_t p = 0; p < game.num_players(); ++p) size += (p ? " x " : "") + std::to_string(game.num_actions(p));
  section.blocks.push_back(ReportBlock::paragraph("All players move at once: " + size + " = " +
                                                  std::to_string(game.num_profiles()) + " combinations of moves."));
  if (a.dominance) {
    const DominanceResult& d = *a.dominance;
    ReportTable t;
    t.caption = "Iterated strict dominance: " + std::to_string(d.steps.size()) + " moves removed";
    t.header = {"player", "moves left", "of"};
    t.numeric = {false, true, true};
    for (std::size_t p = 0; p < game.num_players(); ++p)
      t.rows.push_back({game.player_names[p], std::to_string(d.surviving[p].size()), std::to_string(game.num_actions(p))});
    section.blocks.push_back(ReportBlock::of(t));
    if (line.dominance && !line.dominance->blocks.empty()) {
      std::vector<std::string> items;
      for (const DominanceBlock& b : line.dominance->blocks)
        items.push_back(b.text + " (" + std::to_string(b.removed) + (b.removed == 1 ? " move)" : " moves)"));
      section.blocks.push_back(ReportBlock::paragraph("What dominance removes, lever by lever:"));
      section.blocks.push_back(ReportBlock::list(items));
    }
  }
  ReportChart outcomes = svg::outcomes_chart(built, a, unit);
  if (!outcomes.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(outcomes)));
  section.blocks.push_back(ReportBlock::of(equilibria_table(
      scenario, built, a.pure,
      "Pure Nash equilibria (no player gains by changing its own moves): " + std::to_string(a.pure.equilibria.size()) +
          (a.pure.complete ? "" : " (list cut short)"),
      unit)));
  if (a.mixed) {
    std::string heading = mixed_equilibria_heading(*a.mixed);
    while (!heading.empty() && (heading.front() == '\n' || heading.front() == ' ')) heading.erase(heading.begin());
    const std::size_t line_end = heading.find('\n');
    section.blocks.push_back(ReportBlock::paragraph(heading.substr(0, line_end)));
    for (const std::string& note : a.mixed->notes) section.blocks.push_back(ReportBlock::note(note));
    if (!a.mixed->equilibria.empty())
      section.blocks.push_back(ReportBlock::of(equilibria_table(scenario, built, *a.mixed, "Mixed equilibria", unit)));
  }
  if (a.correlated) {
    const CorrelatedEquilibrium& ce = *a.correlated;
    ReportTable t;
    t.caption = "Correlated equilibrium of maximum total payoff (a mediator recommends moves; no one gains by disobeying)";
    t.header = {"probability"};
    for (std::size_t p = 0; p < game.num_players(); ++p) t.header.push_back(game.player_names[p] + " plays");
    t.numeric.assign(t.header.size(), false);
    t.numeric[0] = true;
    std::vector<std::pair<std::size_t, double>> rows = ce.distribution;
    std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& entry : rows) {
      std::vector<std::string> row = {format_number(100 * entry.second, 4) + "%"};
      for (std::size_t p = 0; p < game.num_players(); ++p)
        row.push_back(action_in_words(scenario, built, p, game.action_of(entry.first, p)));
      t.rows.push_back(row);
    }
    section.blocks.push_back(ReportBlock::of(t));
    section.blocks.push_back(ReportBlock::paragraph("Its payoffs" + with_unit(unit) + ": " +
                                                    payoffs_in_words(game.player_names, ce.payoffs) + "."));
  }
  return section;
}

ReportSection sequential_section(const Scenario& scenario, const ScenarioGame& built, const SequentialAnalysis& s,
                                 const std::string& unit) {
  ReportSection section{"sequential", "The sequential game", {}};
  std::string order;
  for (std::size_t k = 0; k < s.timeline.stages.size(); ++k) {
    order += k ? ", then " : "";
    for (std::size_t i = 0; i < s.timeline.stages[k].size(); ++i)
      order += (i ? " and " : "") + scenario.players[s.timeline.stages[k][i]].name;
  }
  section.blocks.push_back(ReportBlock::paragraph(
      "Moves in order: " + order + " (later movers see earlier moves). Subgame-perfect equilibria by backward induction: " +
      std::to_string(s.result.equilibria.size()) + (s.result.complete ? "" : " listed") + "."));
  for (const std::string& note : s.result.notes) section.blocks.push_back(ReportBlock::note(note));
  ReportChart tree = svg::game_tree_chart(scenario, built, s, unit);
  if (!tree.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(tree)));
  if (s.result.equilibria.size() > 1) {
    ReportTable t;
    t.caption = "Every subgame-perfect equilibrium listed";
    t.header = {"#", "path of play"};
    for (const ScenarioPlayer& p : scenario.players) t.header.push_back(p.name + with_unit(unit));
    t.numeric.assign(t.header.size(), true);
    t.numeric[1] = false;
    for (std::size_t e = 0; e < s.result.equilibria.size(); ++e) {
      std::vector<std::string> row = {std::to_string(e + 1), path_in_words(scenario, built, s, s.result.equilibria[e])};
      for (double v : s.result.equilibria[e].payoffs) row.push_back(format_number(v, 4));
      t.rows.push_back(row);
    }
    section.blocks.push_back(ReportBlock::of(t));
  }
  return section;
}


// The type-agent form's Bayesian Nash equilibria (the `types:` block read by
// the payoffs): per equilibrium, each player's type-contingent strategy in
// words and a table of every (player, type) agent with its prior, its move,
// its expected payoff given its type and its regret, recomputed here from
// the game (models/game) and shown beside the verified maximum.
ReportSection bayesian_section(const Scenario& scenario, const BayesianAnalysis& b, const std::string& unit) {
  ReportSection section{"bayesian", "Bayesian equilibria (private types)", {}};
  const TypeAgentGame& g = b.game;
  const NormalFormGame& game = g.game;
  std::string typed;
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    if (g.prior.labels[p].empty()) continue;
    typed += (typed.empty() ? "" : " ") + scenario.players[p].name + " is ";
    for (std::size_t t = 0; t < g.prior.labels[p].size(); ++t)
      typed += (t ? ", " : "") + words(g.prior.labels[p][t]) + " with probability " +
               format_number(g.prior.marginal(p, t), 3);
    typed += "; only " + scenario.players[p].name + " knows which.";
  }
  const std::size_t pure = b.pure.equilibria.size();
  section.blocks.push_back(ReportBlock::paragraph(
      typed + " Each type of each player is an agent choosing its move knowing its own type (the type-agent form: " +
      std::to_string(game.num_players()) + " agents, " + std::to_string(game.num_profiles()) +
      " combinations of moves). " + (pure == 0 ? "No" : std::to_string(pure)) + " Bayesian Nash equilibri" +
      (pure == 1 ? "um" : "a") + " in pure strategies" + (b.pure.complete ? "" : " (list cut short)") +
      "; expected payoffs are each type's, given its type (interim)."));
  auto add = [&](const Equilibrium& eq, const std::string& name) {
    std::string plan;
    for (std::size_t p = 0; p < scenario.players.size(); ++p)
      plan += (p ? "; " : "") + scenario.players[p].name + " plays " + type_contingent_in_words(scenario, g, eq, p);
    ReportTable t;
    t.caption = name + ": " + plan + " (max regret " + format_number(eq.max_regret, 3) + ", checked independently)";
    t.header = {"player", "type", "prior", "plays", "expected payoff" + with_unit(unit), "regret"};
    t.numeric = {false, false, true, false, true, true};
    const std::vector<double> regrets = game.regrets(eq.profile);
    for (std::size_t a = 0; a < g.agents.size(); ++a) {
      const TypeAgent& agent = g.agents[a];
      const std::string type = type_label(g.prior, agent.player, agent.type);
      t.rows.push_back({scenario.players[agent.player].name, type.empty() ? "-" : words(type),
                        format_number(agent.probability, 3),
                        strategy_in_words(scenario, g.per_type.front(), agent.player, eq.profile[a]),
                        format_number(eq.payoffs[a], 4), format_number(regrets[a], 3)});
    }
    section.blocks.push_back(ReportBlock::of(t));
  };
  for (std::size_t e = 0; e < pure; ++e) add(b.pure.equilibria[e], "Bayesian equilibrium " + std::to_string(e + 1));
  if (b.mixed) {
    const std::size_t mixed = b.mixed->equilibria.size();
    section.blocks.push_back(ReportBlock::paragraph(
        "Mixed Bayesian equilibria (" + b.mixed->method + "): " + std::to_string(mixed) +
        (mixed == 0 ? "." : ". Percentages are the probability a type plays each move.")));
    for (std::size_t e = 0; e < mixed; ++e)
      add(b.mixed->equilibria[e], "Mixed Bayesian equilibrium " + std::to_string(e + 1));
  }
  return section;
}

// The `sequence:` block: the first perfect Bayesian equilibrium, its belief
// path (chart), the threat's credibility by type, the decisions of the
// players who do not know the types, the value of information.
ReportSection beliefs_section(const Scenario& scenario, const BeliefAnalysis& b, const BottomLine& line,
                              const std::string& unit) {
  ReportSection section{"beliefs", "Credibility and beliefs", {}};
  const SequenceTree& tree = b.tree;
  std::string intro = "The sequence: " + std::to_string(tree.rounds) + " round" + (tree.rounds == 1 ? "" : "s") +
                      ", discount " + format_number(tree.discount, 4) + " per round. ";
  for (std::size_t p = 0; p < tree.num_players(); ++p) {
    if (tree.prior.labels[p].empty()) continue;
    intro += tree.player_names[p] + " is ";
    for (std::size_t t = 0; t < tree.prior.labels[p].size(); ++t)
      intro += (t ? ", " : "") + tree.prior.labels[p][t] + " with prior probability " +
               format_number(tree.prior.marginal(p, t), 3);
    intro += "; only " + tree.player_names[p] + " knows which. ";
  }
  intro += "Game tree: " + std::to_string(tree.nodes.size()) + " nodes, " + std::to_string(tree.infosets.size()) +
           " information sets; " + std::to_string(b.result.equilibria.size()) + " pure equilibri" +
           (b.result.equilibria.size() == 1 ? "um" : "a") + " found by " + b.result.method +
           (b.result.complete ? " (every pure one)." : " (not necessarily all).");
  section.blocks.push_back(ReportBlock::paragraph(intro));
  if (line.types) {
    const TypesPrediction& t = *line.types;
    section.blocks.push_back(ReportBlock::paragraph(t.text));
    ReportChart chart = svg::belief_path_chart(scenario, t);
    if (!chart.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(chart)));
    if (t.has_threat) {
      ReportTable credibility;
      credibility.caption = "Credibility of the threat (" + t.threat + "): how often each type carries it out";
      credibility.header = {"type of " + scenario.players[t.player].name, "prior", "carries out the threat"};
      credibility.numeric = {false, true, true};
      for (std::size_t k = 0; k < t.threat_by_type.size(); ++k)
        credibility.rows.push_back({tree.prior.labels[t.player][k], format_number(tree.prior.marginal(t.player, k), 3),
                                    format_number(t.threat_by_type[k], 3)});
      credibility.rows.push_back({"all", "1", format_number(t.threat_probability, 3)});
      section.blocks.push_back(ReportBlock::of(credibility));
    }
  }
  if (!b.result.equilibria.empty()) {
    const TreeEquilibrium& eq = b.result.equilibria.front();
    std::vector<double> threat;
    if (!b.threat_action.empty()) threat = threat_probabilities(tree, eq.actions, b.threat_action);
    std::vector<std::size_t> sets;
    for (std::size_t h = 0; h < tree.infosets.size(); ++h)
      if (eq.assessment[h].reach > 0 && tree.prior.labels[tree.infosets[h].player].empty()) sets.push_back(h);
    std::stable_sort(sets.begin(), sets.end(), [&](std::size_t x, std::size_t y) {
      return std::tie(tree.infosets[x].round, tree.infosets[x].step) <
             std::tie(tree.infosets[y].round, tree.infosets[y].step);
    });
    ReportTable path;
    path.caption = "Equilibrium 1 (" + std::string(eq.kind()) +
                   "): the decisions on its path of the players who do not know the types, with their beliefs";
    path.header = {"round", "who", "knowing", "reached with probability", "plays", "believes"};
    path.numeric = {true, false, false, true, false, false};
    for (std::size_t h : sets) {
      const SequenceInfoSet& info = tree.infosets[h];
      const std::vector<std::vector<double>> tb = type_beliefs(tree, eq, h);
      std::string believes;
      for (std::size_t p = 0; p < tb.size(); ++p)
        for (std::size_t k = 0; k < tb[p].size(); ++k)
          believes += (believes.empty() ? "" : ", ") + tree.player_names[p] + " " + tree.prior.labels[p][k] + ": " +
                      format_number(tb[p][k], 3);
      if (!threat.empty()) {
        double carried = 0;
        for (std::size_t i = 0; i < info.nodes.size(); ++i) carried += eq.assessment[h].belief[i] * threat[info.nodes[i]];
        believes += "; threat carried out: " + format_number(carried, 3);
      }
      std::string knows = info.knows();
      const std::size_t cut = knows.find("knowing ");
      if (cut != std::string::npos) knows = knows.substr(cut + 8);
      path.rows.push_back({std::to_string(info.round), tree.player_names[info.player], knows,
                           format_number(eq.assessment[h].reach, 3), info.action_labels[eq.actions[h]], believes});
    }
    if (!path.rows.empty()) section.blocks.push_back(ReportBlock::of(path));
    ReportTable all;
    all.caption = "Every pure equilibrium found (expected payoffs" + with_unit(unit) + "; each checked independently)";
    all.header = {"#", "kind"};
    for (const std::string& n : tree.player_names) all.header.push_back(n);
    all.header.push_back("max regret");
    all.numeric.assign(all.header.size(), true);
    all.numeric[1] = false;
    for (std::size_t e = 0; e < b.result.equilibria.size(); ++e) {
      const TreeEquilibrium& x = b.result.equilibria[e];
      std::vector<std::string> row = {std::to_string(e + 1), x.kind()};
      double worst = 0;
      for (double v : x.payoffs) row.push_back(format_number(v, 4));
      for (double r : x.regrets) worst = std::max(worst, r);
      row.push_back(format_number(worst, 3));
      all.rows.push_back(row);
    }
    section.blocks.push_back(ReportBlock::of(all));
  }
  if (!b.learning.empty()) {
    ReportTable alone;
    alone.caption = "Value to each player of learning the others' types alone: its expected payoff if it alone knew "
                    "them at each of its moves (the others keeping their information), minus its payoff with private "
                    "types (first equilibrium of each)";
    alone.header = {"player", "learns the type of", "value" + with_unit(unit), "payoff: private -> it knows"};
    alone.numeric = {false, false, true, true};
    for (const BeliefAnalysis::OneSidedValue& item : b.learning) {
      std::string whose;
      for (std::size_t q : item.learns) whose += (whose.empty() ? "" : ", ") + tree.player_names[q];
      std::vector<std::string> row = {tree.player_names[item.player], whose, "-", "-"};
      if (item.value) {
        row[2] = format_number(*item.value, 4);
        row[3] = format_number((*item.payoffs)[item.player] - *item.value, 4) + " -> " +
                 format_number((*item.payoffs)[item.player], 4);
      }
      alone.rows.push_back(row);
    }
    section.blocks.push_back(ReportBlock::of(alone));
  }
  if (b.value_of_information) {
    ReportTable value;
    value.caption = "Value of information to all: each player's expected payoff if every type were known to every "
                    "player at once, minus its payoff with private types (first equilibrium of each)";
    value.header = {"player", "value" + with_unit(unit)};
    value.numeric = {false, true};
    const std::vector<std::string> labels = tree.branch_labels(0);
    for (std::size_t k = 0; k < b.private_by_type.size() && k < b.revealed_by_type.size(); ++k)
      value.header.push_back(labels[k] + ": private -> known");
    value.numeric.resize(value.header.size(), true);
    for (std::size_t p = 0; p < tree.num_players(); ++p) {
      std::vector<std::string> row = {tree.player_names[p], format_number((*b.value_of_information)[p], 4)};
      for (std::size_t k = 0; k < b.private_by_type.size() && k < b.revealed_by_type.size(); ++k)
        row.push_back(format_number(b.private_by_type[k][p], 4) + " -> " + format_number(b.revealed_by_type[k][p], 4));
      value.rows.push_back(row);
    }
    section.blocks.push_back(ReportBlock::of(value));
  }
  return section;
}

}  // namespace

ReportSection scenario_section(const Scenario& scenario, const ScenarioGame& built,
                               const std::vector<std::string>& overrides) {
  return scenario_section(scenario, &built, overrides);
}

ReportSection scenario_section(const Scenario& scenario, const ScenarioGame* built,
                               const std::vector<std::string>& overrides,
                               const std::map<std::string, std::string>& swept) {
  ReportSection section{"scenario", "The scenario", {}};
  if (!scenario.description.empty()) section.blocks.push_back(ReportBlock::paragraph(scenario.description));
  if (!overrides.empty()) {
    std::string changed;
    for (const std::string& s : overrides) changed += (changed.empty() ? "" : ", ") + s;
    section.blocks.push_back(ReportBlock::note("Changed on the command line: " + changed));
  }
  ReportTable players;
  players.caption = "Players and their levers";
  players.header = {"player", "lever", "values"};
  players.numeric = {false, false, false};
  if (built) players.header.push_back("moves"), players.numeric.push_back(true);
  for (std::size_t p = 0; p < scenario.players.size(); ++p) {
    const ScenarioPlayer& sp = scenario.players[p];
    for (std::size_t l = 0; l < sp.levers.size(); ++l) {
      const Lever& lever = sp.levers[l];
      std::string values;
      for (std::size_t v = 0; v < lever.size(); ++v)
        values += (v ? ", " : "") + words(lever.labels[v]) +
                  (lever.numeric && !lever.unit.empty() ? (lever.unit == "%" ? "" : " ") + lever.unit : "");
      if (!lever.doc.empty()) values += " (" + lever.doc + ")";
      if (const auto it = swept.find(sp.id + "." + lever.id); it != swept.end()) values += "; swept: " + it->second;
      players.rows.push_back({l ? "" : sp.name, words(lever.id), values});
      if (built) players.rows.back().push_back(l ? "" : std::to_string(built->game.num_actions(p)));
    }
  }
  section.blocks.push_back(ReportBlock::of(players));
  if (!scenario.parameters.empty()) {
    ReportTable params;
    params.caption = swept.empty() ? "Parameters (change with --set NAME=VALUE or sweep them)"
                                   : "Parameters (the swept ones marked with the range they took)";
    params.header = {"parameter", "value", "unit", "source", "meaning"};
    params.numeric = {false, true, false, false, false};
    for (const ScenarioParameter& p : scenario.parameters) {
      const auto it = swept.find(p.id);
      params.rows.push_back({p.id, it == swept.end() ? format_number(p.value, 10) : "swept: " + it->second, p.unit,
                             p.source, p.doc});
    }
    section.blocks.push_back(ReportBlock::of(params));
  }
  if (!scenario.sources.empty()) {
    ReportTable sources;
    sources.caption = "Sources";
    sources.header = {"id", "source"};
    for (const ScenarioSource& s : scenario.sources)
      sources.rows.push_back({s.id, s.text + (s.url.empty() ? "" : " (" + s.url + ")")});
    section.blocks.push_back(ReportBlock::of(sources));
  }
  return section;
}

ReportSection bargaining_section(const Scenario& scenario, const BargainingAnalysis& analysis) {
  const std::string unit = scenario_payoff_unit(scenario);
  const ScenarioBargaining& b = analysis.bargaining;
  ReportSection section{"bargaining", "Bargaining over the deal", {}};
  std::string issues;
  for (std::size_t i = 0; i < b.issue_ids.size(); ++i) issues += (i ? ", " : "") + label_in_words(b.issue_ids[i]);
  section.blocks.push_back(ReportBlock::paragraph(std::to_string(b.problem.deals.num_deals()) +
                                                  " possible deals over " + issues + ". Alternating offers (" +
                                                  (analysis.offers.infinite_horizon
                                                       ? std::string("infinite horizon")
                                                       : "deadline: round " + std::to_string(analysis.offers.horizon)) +
                                                  "): " + deal_in_words(analysis) + "."));
  for (const std::string& note : analysis.offers.notes) section.blocks.push_back(ReportBlock::note(note));
  ReportChart chart = svg::bargaining_chart(scenario, analysis, unit);
  if (!chart.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(chart)));
  return section;
}

ReportSection repeated_section(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis,
                               const std::vector<Point2>& spe_payoff_set) {
  BoundedPayoffSet set;
  set.vertices = spe_payoff_set;
  set.converged = true;
  return repeated_section(scenario, built, analysis, set);
}

ReportSection repeated_section(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis,
                               const BoundedPayoffSet& payoff_set) {
  (void)built;
  const std::vector<Point2>& spe_payoff_set = payoff_set.vertices;
  const std::string unit = scenario_payoff_unit(scenario);
  const SustainabilityReport& s = analysis.sustainability;
  ReportSection section{"repeated", "The repeated game: is the deal self-enforcing?", {}};
  for (const std::string& c : analysis.spec.completed) section.blocks.push_back(ReportBlock::note("Target: " + c));
  ReportChart chart = svg::repeated_chart(analysis, unit, payoff_set);
  if (!chart.svg.empty()) section.blocks.push_back(ReportBlock::of(std::move(chart)));
  if (!payoff_set.none.empty())
    section.blocks.push_back(ReportBlock::note("No subgame-perfect payoff set is drawn: " + payoff_set.none + "."));
  if (!spe_payoff_set.empty()) {
    // The picture's green polygon as numbers (`negsim repeated --payoff-set`).
    ReportTable set;
    set.caption = payoff_set.converged
                      ? "Subgame-perfect payoff set at discount factor " + format_number(s.discount, 4) +
                            " (pure strategies, public randomisation; Abreu-Sannikov): its vertices"
                      : "Outer bound of the subgame-perfect payoff set at discount factor " +
                            format_number(s.discount, 4) + " (Abreu-Sannikov stopped after " +
                            std::to_string(payoff_set.iterations) +
                            " iterations without converging; `negsim repeated --payoff-set` runs to the end): its vertices";
    const NormalFormGame& g = analysis.spec.spec.stage;
    set.header = {"vertex", g.player_names[0] + with_unit(unit), g.player_names[1] + with_unit(unit)};
    set.numeric = {true, true, true};
    for (std::size_t k = 0; k < spe_payoff_set.size(); ++k)
      set.rows.push_back({std::to_string(k + 1), format_number(spe_payoff_set[k][0], 6),
                          format_number(spe_payoff_set[k][1], 6)});
    section.blocks.push_back(ReportBlock::of(set));
  }
  ReportTable t;
  t.caption = "Candidate strategies, each played by every player (at discount factor " + format_number(s.discount, 4) + ")";
  t.header = {"strategy", "subgame perfect for", "Nash for", "at this discount"};
  for (const StrategyVerdict& v : s.strategies)
    t.rows.push_back({v.strategy, intervals_in_words(v.spe_intervals), intervals_in_words(v.nash_intervals),
                      v.subgame_perfect ? "subgame perfect" : v.nash ? "Nash, not subgame perfect" : "not an equilibrium"});
  section.blocks.push_back(ReportBlock::of(t));
  return section;
}

ReportSection bargaining_bottom_line(const Scenario& scenario, const BargainingAnalysis& analysis) {
  const std::string unit = with_unit(scenario_payoff_unit(scenario));
  const ScenarioBargaining& b = analysis.bargaining;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < b.scenario_players.size(); ++i) names.push_back(scenario.players[b.scenario_players[i]].name);
  std::vector<std::string> items;
  const AlternatingOffersResult& o = analysis.offers;
  items.push_back("Alternating offers: " + deal_in_words(analysis) + "." +
                  (o.agreement && !o.payoffs.empty() ? " Payoffs" + unit + ": " + payoffs_in_words(names, o.payoffs) + "."
                                                     : std::string()));
  items.push_back("Disagreement" + (analysis.disagreement_source.empty() ? std::string() : " (" + analysis.disagreement_source + ")") +
                  ": " + payoffs_in_words(names, b.problem.protocol.disagreement) + ".");
  auto solution = [&](const std::string& name, const AxiomaticSolution& deal, const AxiomaticSolution& lottery) {
    if (deal.exists && deal.deal)
      items.push_back(name + " solution: " + label_in_words(b.problem.deals.labels[*deal.deal]) + ". Utilities" + unit +
                      ": " + payoffs_in_words(names, deal.utilities) + ".");
    else if (lottery.exists && !lottery.utilities.empty())
      items.push_back(name + " solution: no single deal (none gives every bargainer more than disagreement); over "
                      "lotteries of deals, utilities" + unit + ": " + payoffs_in_words(names, lottery.utilities) + ".");
    else
      items.push_back(name + " solution: none (no deal gives every bargainer more than disagreement).");
  };
  solution("Nash bargaining", analysis.nash, analysis.nash_lotteries);
  solution("Kalai-Smorodinsky", analysis.kalai_smorodinsky, analysis.kalai_smorodinsky_lotteries);
  ReportSection section{"bottom-line", "Bottom line", {}};
  section.blocks.push_back(ReportBlock::list(items));
  return section;
}

ReportSection repeated_bottom_line(const Scenario& scenario, const ScenarioGame& built, const RepeatedAnalysis& analysis) {
  const SelfEnforcement se = self_enforcement(scenario, built, analysis);
  ReportSection section{"bottom-line", "Bottom line", {}};
  section.blocks.push_back(ReportBlock::list({"Target deal: " + se.target + ".", se.text}));
  return section;
}

ReportDocument document_for(const Scenario& scenario, std::vector<ReportSection> sections) {
  ReportDocument doc;
  doc.title = scenario.title.empty() ? scenario.id : scenario.title;
  doc.subtitle.push_back("scenario " + scenario.id + " (" + scenario.file + ")");
  doc.sections = std::move(sections);
  return doc;
}

ReportDocument scenario_document(const Scenario& scenario, const ScenarioGame& built,
                                 const ScenarioAnalysis& analysis, const std::vector<std::string>& overrides,
                                 const TippingPointResult* tipping, const BoundedPayoffSet* payoff_set) {
  const std::string unit = scenario_payoff_unit(scenario);
  const BottomLine line = make_bottom_line(scenario, built, analysis, tipping);
  std::vector<ReportSection> sections;
  sections.push_back(bottom_line_section(scenario, line));
  // With types, the credibility of the threat and the beliefs come first.
  const bool types_first = analysis.beliefs && line.types;
  if (types_first && analysis.bayesian) sections.push_back(bayesian_section(scenario, *analysis.bayesian, unit));
  if (types_first) sections.push_back(beliefs_section(scenario, *analysis.beliefs, line, unit));
  if (tipping) sections.push_back(tipping_section(scenario, *tipping));
  // Most relevant model first: the timeline when the scenario has one.
  if (analysis.sequential) sections.push_back(sequential_section(scenario, built, *analysis.sequential, unit));
  if (!line.deviations.empty()) sections.push_back(deviations_section(scenario, line));
  sections.push_back(one_shot_section(scenario, built, analysis, line, unit));
  if (analysis.bargaining) sections.push_back(bargaining_section(scenario, *analysis.bargaining));
  if (analysis.repeated)
    sections.push_back(payoff_set ? repeated_section(scenario, built, *analysis.repeated, *payoff_set)
                                  : repeated_section(scenario, built, *analysis.repeated));
  if (analysis.bayesian && !types_first) sections.push_back(bayesian_section(scenario, *analysis.bayesian, unit));
  if (analysis.beliefs && !types_first) sections.push_back(beliefs_section(scenario, *analysis.beliefs, line, unit));
  sections.push_back(scenario_section(scenario, built, overrides));
  ReportDocument doc = document_for(scenario, std::move(sections));
  if (!overrides.empty()) {
    std::string changed;
    for (const std::string& s : overrides) changed += (changed.empty() ? "changed: " : ", ") + s;
    doc.subtitle.push_back(changed);
  }
  return doc;
}

}  // namespace negsim
