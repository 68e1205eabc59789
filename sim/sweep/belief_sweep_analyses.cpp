#include "sim/sweep/belief_sweep_analyses.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "models/errors.hpp"
#include "models/scenario/type_prior.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

namespace {

AnalysisOptions only(AnalysisOptions options, bool AnalysisParts::*part) {
  options.parts = AnalysisParts::none();
  options.parts.*part = true;
  return options;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// One agent's strategy: its label when pure, else `mix(0.5 a; 0.5 b)`.
std::string strategy_text(const std::vector<std::string>& labels, const std::vector<double>& probabilities) {
  for (std::size_t a = 0; a < probabilities.size(); ++a)
    if (probabilities[a] == 1.0) return labels[a];
  std::string out = "mix(";
  bool first = true;
  for (std::size_t a = 0; a < probabilities.size(); ++a) {
    if (probabilities[a] <= 0) continue;
    out += (first ? "" : "; ") + format_sweep_number(probabilities[a]) + " " + labels[a];
    first = false;
  }
  return out + ")";
}

void bayesian_row(const NormalFormGame& game, const Equilibrium& eq, std::size_t index, std::size_t count,
                  RowSink& rows) {
  SweepRow& row = rows.add_row("ok");
  row.cells[0] = static_cast<std::int64_t>(index);
  row.cells[1] = static_cast<std::int64_t>(count);
  row.cells[2] = std::string(eq.is_pure() ? "pure" : "mixed");
  std::string agents, payoffs;
  for (std::size_t a = 0; a < game.num_players(); ++a) {
    agents += (a ? " | " : "") + game.player_names[a] + ": " + strategy_text(game.action_labels[a], eq.profile[a]);
    payoffs += (a ? " " : "") + format_sweep_number(eq.payoffs[a]);
  }
  row.cells[3] = agents;
  row.cells[4] = payoffs;
  row.cells[5] = eq.max_regret;
}

// `r1 us deadline=extend 0.6; ...`: per (round, step, player, move) on the
// path, the probability of reaching a set where the player makes it.
std::string path_text(const SequenceTree& tree, const TreeEquilibrium& eq) {
  struct Move {
    std::size_t round, step, player;
    std::string label;
    double reach;
  };
  std::vector<Move> moves;
  for (std::size_t h : path_order(tree, eq, true)) {
    const SequenceInfoSet& info = tree.infosets[h];
    const std::string& label = info.action_labels[eq.actions[h]];
    auto same = std::find_if(moves.begin(), moves.end(), [&](const Move& m) {
      return m.round == info.round && m.step == info.step && m.player == info.player && m.label == label;
    });
    if (same == moves.end())
      moves.push_back({info.round, info.step, info.player, label, eq.assessment[h].reach});
    else
      same->reach += eq.assessment[h].reach;
  }
  std::string out;
  for (const Move& m : moves)
    out += (out.empty() ? "r" : "; r") + std::to_string(m.round) + " " + tree.player_ids[m.player] + " " + m.label +
           " " + format_sweep_number(m.reach);
  return out;
}

// At every on-path set whose mover does not know some typed player's type
// (or, with a threat, is not its player): what it believes.
std::string beliefs_text(const SequenceTree& tree, const TreeEquilibrium& eq, const std::vector<double>& threat,
                         std::size_t threat_player) {
  std::string out;
  for (std::size_t h : path_order(tree, eq, true)) {
    const SequenceInfoSet& info = tree.infosets[h];
    const std::vector<std::vector<double>> tb = type_beliefs(tree, eq, h);
    std::string said;
    for (std::size_t p = 0; p < tb.size(); ++p) {
      if (tb[p].empty() || p == info.player) continue;
      for (std::size_t t = 0; t < tb[p].size(); ++t)
        said += (said.empty() ? "" : ", ") + tree.player_ids[p] + "=" + tree.prior.labels[p][t] + " " +
                format_sweep_number(tb[p][t]);
    }
    if (!threat.empty() && info.player != threat_player)
      said += (said.empty() ? "" : ", ") + std::string("threat ") +
              format_sweep_number(threat_belief(tree, eq, h, threat));
    if (said.empty()) continue;
    out += (out.empty() ? "r" : "; r") + std::to_string(info.round) + " " + tree.player_ids[info.player] +
           " [reach " + format_sweep_number(eq.assessment[h].reach) + "]: " + said;
  }
  return out;
}

}  // namespace

SweepAnalysis make_bayesian_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  if (!base.types.present) throw UsageError("--analyses bayesian: the scenario has no `types` block");
  SweepAnalysis analysis;
  analysis.name = "bayesian";
  analysis.columns = {"equilibrium", "equilibria", "kind", "agents", "agent_payoffs", "max_regret"};
  const AnalysisOptions options = only(base_options, &AnalysisParts::bayesian);
  analysis.run = [options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    ScenarioAnalyzer analyzer(scenario, built, options);
    const BayesianAnalysis& bayes = analyzer.bayesian();
    const NormalFormGame& game = bayes.game.game;
    const std::size_t mixed = bayes.mixed ? bayes.mixed->equilibria.size() : 0;
    const std::size_t count = bayes.pure.equilibria.size() + mixed;
    if (count == 0) {
      rows.add_row("none").message = "no Bayesian equilibrium found";
      return;
    }
    std::size_t k = 0;
    for (const Equilibrium& eq : bayes.pure.equilibria) bayesian_row(game, eq, k++, count, rows);
    if (bayes.mixed)
      for (const Equilibrium& eq : bayes.mixed->equilibria) bayesian_row(game, eq, k++, count, rows);
    if (bayes.mixed) rows.rows().front().message = "mixed equilibria by " + bayes.mixed->method;
  };
  return analysis;
}

SweepAnalysis make_beliefs_analysis(const Scenario& base, const AnalysisOptions& base_options) {
  if (!base.sequence.present) throw UsageError("--analyses beliefs: the scenario has no `sequence` block");
  SweepAnalysis analysis;
  analysis.name = "beliefs";
  const std::size_t n = base.players.size();
  analysis.columns = {"equilibrium", "equilibria", "complete", "kind"};
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("payoff_" + player.id);
  for (const char* c : {"threat_probability", "credible", "path", "beliefs", "off_path"}) analysis.columns.push_back(c);
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("value_of_information_" + player.id);
  const AnalysisOptions options = only(base_options, &AnalysisParts::beliefs);
  analysis.run = [n, options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    ScenarioAnalyzer analyzer(scenario, built, options);
    const BeliefAnalysis& beliefs = analyzer.beliefs();
    const SequenceTree& tree = beliefs.tree;
    const PerfectBayesianResult& result = beliefs.result;
    if (result.equilibria.empty()) {
      rows.add_row("none").message = "no pure perfect Bayesian equilibrium found (" + result.method + ")";
      return;
    }
    const std::size_t threat_player = scenario.sequence.threat ? scenario.sequence.threat->player : 0;
    for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
      const TreeEquilibrium& eq = result.equilibria[e];
      std::vector<double> threat;
      if (!beliefs.threat_action.empty()) threat = threat_probabilities(tree, eq.actions, beliefs.threat_action);
      SweepRow& row = rows.add_row("ok");
      row.cells[0] = static_cast<std::int64_t>(e);
      row.cells[1] = static_cast<std::int64_t>(result.equilibria.size());
      row.cells[2] = yes_no(result.complete);
      row.cells[3] = std::string(eq.kind());
      for (std::size_t p = 0; p < n; ++p) row.cells[4 + p] = eq.payoffs[p];
      if (!threat.empty()) {
        row.cells[4 + n] = threat[0];
        row.cells[5 + n] = yes_no(threat[0] > 0);
      }
      row.cells[6 + n] = path_text(tree, eq);
      row.cells[7 + n] = beliefs_text(tree, eq, threat, threat_player);
      row.cells[8 + n] = static_cast<std::int64_t>(path_order(tree, eq, false).size());
      if (beliefs.value_of_information)
        for (std::size_t p = 0; p < n; ++p) row.cells[9 + n + p] = (*beliefs.value_of_information)[p];
    }
    if (!result.complete) rows.rows().front().message = "not necessarily every pure equilibrium (" + result.method + ")";
  };
  return analysis;
}

}  // namespace negsim
