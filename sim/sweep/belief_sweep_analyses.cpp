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
// path, the probability that the player makes it there: the reach of each set
// where it is made times the move's probability there (1 for a pure profile).
std::string path_text(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                      const std::vector<std::vector<double>>& behavior) {
  struct Move {
    std::size_t round, step, player;
    std::string label;
    double probability;
  };
  std::vector<Move> moves;
  for (std::size_t h : path_order(tree, assessment, true)) {
    const SequenceInfoSet& info = tree.infosets[h];
    for (std::size_t a = 0; a < info.action_labels.size(); ++a) {
      if (behavior[h][a] <= 0) continue;
      const std::string& label = info.action_labels[a];
      const double p = assessment[h].reach * behavior[h][a];
      auto same = std::find_if(moves.begin(), moves.end(), [&](const Move& m) {
        return m.round == info.round && m.step == info.step && m.player == info.player && m.label == label;
      });
      if (same == moves.end())
        moves.push_back({info.round, info.step, info.player, label, p});
      else
        same->probability += p;
    }
  }
  std::string out;
  for (const Move& m : moves)
    out += (out.empty() ? "r" : "; r") + std::to_string(m.round) + " " + tree.player_ids[m.player] + " " + m.label +
           " " + format_sweep_number(m.probability);
  return out;
}

// A pure profile as behaviour: probability 1 on each set's action.
std::vector<std::vector<double>> as_behavior(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  std::vector<std::vector<double>> out(tree.infosets.size());
  for (std::size_t h = 0; h < out.size(); ++h) {
    out[h].assign(tree.infosets[h].action_labels.size(), 0.0);
    out[h][actions[h]] = 1.0;
  }
  return out;
}

// The sets where the behaviour profile mixes, on the path or off it, named
// by what the mover knows: `Sender in round 1, knowing its type (weak):
// breakfast=beer 0.667, breakfast=quiche 0.333 | ...`.
std::string mixed_moves_text(const SequenceTree& tree, const std::vector<std::vector<double>>& behavior) {
  std::string out;
  for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
    const bool mixed = std::any_of(behavior[h].begin(), behavior[h].end(), [](double x) { return x > 0 && x < 1; });
    if (!mixed) continue;
    const SequenceInfoSet& info = tree.infosets[h];
    out += (out.empty() ? "" : " | ") + info.knows() + ":";
    bool first = true;
    for (std::size_t a = 0; a < behavior[h].size(); ++a) {
      if (behavior[h][a] <= 0) continue;
      out += (first ? " " : ", ") + info.action_labels[a] + " " + format_sweep_number(behavior[h][a]);
      first = false;
    }
  }
  return out;
}

// At every on-path set whose mover does not know some typed player's type
// (or, with a threat, is not its player): what it believes.
std::string beliefs_text(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                         const std::vector<double>& threat, std::size_t threat_player) {
  std::string out;
  for (std::size_t h : path_order(tree, assessment, true)) {
    const SequenceInfoSet& info = tree.infosets[h];
    const std::vector<std::vector<double>> tb = type_beliefs(tree, assessment, h);
    std::string said;
    for (std::size_t p = 0; p < tb.size(); ++p) {
      if (tb[p].empty() || p == info.player) continue;
      for (std::size_t t = 0; t < tb[p].size(); ++t)
        said += (said.empty() ? "" : ", ") + tree.player_ids[p] + "=" + tree.prior.labels[p][t] + " " +
                format_sweep_number(tb[p][t]);
    }
    if (!threat.empty() && info.player != threat_player)
      said += (said.empty() ? "" : ", ") + std::string("threat ") +
              format_sweep_number(threat_belief(tree, assessment, h, threat));
    if (said.empty()) continue;
    out += (out.empty() ? "r" : "; r") + std::to_string(info.round) + " " + tree.player_ids[info.player] +
           " [reach " + format_sweep_number(assessment[h].reach) + "]: " + said;
  }
  return out;
}

// The columns every equilibrium row shares, pure or behaviour.
struct BeliefRow {
  std::int64_t index = 0, count = 0;
  bool complete = false;
  std::string kind;
  std::vector<double> payoffs;
  const std::vector<InfoSetAssessment>* assessment = nullptr;
  const std::vector<std::vector<double>>* behavior = nullptr;
  double max_regret = 0;
};

void belief_row(const SequenceTree& tree, const BeliefAnalysis& beliefs, std::size_t threat_player,
                const BeliefRow& r, RowSink& rows) {
  const std::size_t n = tree.num_players();
  std::vector<double> threat;
  if (!beliefs.threat_action.empty()) threat = threat_probabilities(tree, *r.behavior, beliefs.threat_action);
  SweepRow& row = rows.add_row("ok");
  row.cells[0] = r.index;
  row.cells[1] = r.count;
  row.cells[2] = yes_no(r.complete);
  row.cells[3] = r.kind;
  for (std::size_t p = 0; p < n; ++p) row.cells[4 + p] = r.payoffs[p];
  if (!threat.empty()) {
    row.cells[4 + n] = threat[0];
    row.cells[5 + n] = yes_no(threat[0] > 0);
  }
  row.cells[6 + n] = path_text(tree, *r.assessment, *r.behavior);
  row.cells[7 + n] = beliefs_text(tree, *r.assessment, threat, threat_player);
  row.cells[8 + n] = static_cast<std::int64_t>(path_order(tree, *r.assessment, false).size());
  if (beliefs.value_of_information)
    for (std::size_t p = 0; p < n; ++p) row.cells[9 + n + p] = (*beliefs.value_of_information)[p];
  row.cells[9 + 2 * n] = mixed_moves_text(tree, *r.behavior);
  row.cells[10 + 2 * n] = r.max_regret;
  for (const BeliefAnalysis::OneSidedValue& item : beliefs.learning)
    if (item.value) row.cells[11 + 2 * n + item.player] = *item.value;
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
  analysis.columns = {"equilibrium", "equilibria", "complete", "kind"};
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("payoff_" + player.id);
  for (const char* c : {"threat_probability", "credible", "path", "beliefs", "off_path"}) analysis.columns.push_back(c);
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("value_of_information_" + player.id);
  analysis.columns.push_back("mixed_moves");
  analysis.columns.push_back("max_regret");
  for (const ScenarioPlayer& player : base.players) analysis.columns.push_back("value_of_learning_types_" + player.id);
  const AnalysisOptions options = only(base_options, &AnalysisParts::beliefs);
  analysis.run = [options](const Scenario& scenario, const ScenarioGame& built, std::uint64_t, RowSink& rows) {
    ScenarioAnalyzer analyzer(scenario, built, options);
    const BeliefAnalysis& beliefs = analyzer.beliefs();
    const SequenceTree& tree = beliefs.tree;
    const PerfectBayesianResult& result = beliefs.result;
    const std::size_t pure = result.equilibria.size();
    const std::size_t count = pure + (beliefs.behavior ? 1 : 0);
    if (count == 0) {
      rows.add_row("none").message = "no pure perfect Bayesian equilibrium found (" + result.method + ")";
      return;
    }
    const std::size_t threat_player = scenario.sequence.threat ? scenario.sequence.threat->player : 0;
    for (std::size_t e = 0; e < pure; ++e) {
      const TreeEquilibrium& eq = result.equilibria[e];
      const std::vector<std::vector<double>> behavior = as_behavior(tree, eq.actions);
      BeliefRow r;
      r.index = static_cast<std::int64_t>(e);
      r.count = static_cast<std::int64_t>(count);
      r.complete = result.complete;
      r.kind = eq.kind();
      r.payoffs = eq.payoffs;
      r.assessment = &eq.assessment;
      r.behavior = &behavior;
      r.max_regret = eq.regrets.empty() ? 0.0 : *std::max_element(eq.regrets.begin(), eq.regrets.end());
      belief_row(tree, beliefs, threat_player, r, rows);
    }
    // Two players: the sequential equilibrium in behaviour strategies (the
    // quasi-perfect one `run` shows when it adds to the pure list), always
    // its own last row so the columns stay comparable across a sweep.
    if (const auto& b = beliefs.behavior) {
      BeliefRow r;
      r.index = static_cast<std::int64_t>(pure);
      r.count = static_cast<std::int64_t>(count);
      r.complete = result.complete;
      r.kind = "behaviour sequential";
      r.payoffs = b->payoffs;
      r.assessment = &b->assessment;
      r.behavior = &b->behavior;
      r.max_regret = b->gains.empty() ? 0.0 : *std::max_element(b->gains.begin(), b->gains.end());
      belief_row(tree, beliefs, threat_player, r, rows);
    }
    std::string& message = rows.rows().front().message;
    if (pure == 0)
      message = "no pure perfect Bayesian equilibrium (" + result.method + "); " + beliefs.behavior->note;
    else if (!result.complete)
      message = "not necessarily every pure equilibrium (" + result.method + ")";
  };
  return analysis;
}

}  // namespace negsim
