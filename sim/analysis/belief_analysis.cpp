#include "sim/analysis/belief_analysis.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "models/errors.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "sim/analysis/parallel_parts.hpp"
#include "sim/analysis/sequence_verify.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/pure_nash.hpp"

namespace negsim {

BayesianAnalysis analyze_bayesian(const Scenario& scenario, const BuildOptions& build,
                                  const MixedSearchOptions& mixed) {
  BayesianAnalysis out;
  out.game = build_type_agent_game(scenario, build);
  SolveOptions timed;
  timed.deadline = build.deadline;
  out.pure = solve_pure_nash(out.game.game, timed);
  if (cut_short(out.pure)) throw LimitError(out.pure.limit_reached->message + " (the type-agent form); nothing is reported");
  if (out.game.game.num_players() == 2) {
    MixedSearchOptions m = mixed;
    m.deadline = build.deadline;
    MixedSearchResult search = search_mixed_equilibria(out.game.game, m, &out.pure);
    if (cut_short(search.found))
      throw LimitError(search.found.limit_reached->message + " (the type-agent form); nothing is reported");
    std::erase_if(search.found.equilibria, [](const Equilibrium& eq) { return eq.is_pure(); });
    out.mixed = std::move(search.found);
  }
  return out;
}

std::vector<std::vector<double>> payoffs_by_type(const SequenceTree& tree, const std::vector<std::size_t>& actions) {
  // Values of the root's children: a tree cut at each child.
  const std::size_t n = tree.num_players();
  const std::vector<double> value = tree_node_values(tree, actions);
  std::vector<std::vector<double>> out;
  for (std::size_t c : tree.nodes[0].children) out.emplace_back(&value[c * n], &value[c * n] + n);
  return out;
}

std::vector<std::vector<double>> type_beliefs(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t h) {
  return type_beliefs(tree, eq.assessment, h);
}

std::vector<std::vector<double>> type_beliefs(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                                              std::size_t h) {
  std::vector<std::vector<double>> out(tree.num_players());
  const SequenceInfoSet& info = tree.infosets[h];
  for (std::size_t p = 0; p < tree.num_players(); ++p) {
    if (tree.prior.labels[p].empty()) continue;
    out[p].assign(tree.prior.labels[p].size(), 0.0);
    for (std::size_t i = 0; i < info.nodes.size(); ++i)
      out[p][tree.prior.profiles[tree.nodes[info.nodes[i]].type_profile].types[p]] += assessment[h].belief[i];
  }
  return out;
}

double threat_belief(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t h,
                     const std::vector<double>& threat) {
  return threat_belief(tree, eq.assessment, h, threat);
}

double threat_belief(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment, std::size_t h,
                     const std::vector<double>& threat) {
  const SequenceInfoSet& info = tree.infosets[h];
  double sum = 0;
  for (std::size_t i = 0; i < info.nodes.size(); ++i) sum += assessment[h].belief[i] * threat[info.nodes[i]];
  return sum;
}

std::vector<std::size_t> path_order(const SequenceTree& tree, const TreeEquilibrium& eq, bool on_path) {
  return path_order(tree, eq.assessment, on_path);
}

std::vector<std::size_t> path_order(const SequenceTree& tree, const std::vector<InfoSetAssessment>& assessment,
                                    bool on_path) {
  std::vector<std::size_t> out;
  for (std::size_t h = 0; h < tree.infosets.size(); ++h)
    if ((assessment[h].reach > 0) == on_path) out.push_back(h);
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const SequenceInfoSet& x = tree.infosets[a];
    const SequenceInfoSet& y = tree.infosets[b];
    return std::tie(x.round, x.step) < std::tie(y.round, y.step);
  });
  return out;
}

namespace {

// For every information set, which actions carry out the `threat:` (empty without one).
std::vector<std::vector<char>> threat_actions(const Scenario& scenario, const SequenceTree& tree) {
  std::vector<std::vector<char>> out;
  if (const auto& threat = scenario.sequence.threat) {
    for (const SequenceInfoSet& h : tree.infosets) {
      std::vector<char> row(h.action_labels.size(), 0);
      if (h.player == threat->player)
        for (std::size_t i = 0; i < h.levers.size(); ++i)
          if (h.levers[i] == threat->lever)
            for (std::size_t a = 0; a < row.size(); ++a) row[a] = h.action_values[a][i] == threat->value;
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace

void solve_first_belief_equilibrium(const Scenario& scenario, const Deadline& deadline, BeliefAnalysis& out,
                                    PerfectBayesianOptions options) {
  options.deadline = deadline;
  options.max_equilibria = 1;
  out.result = solve_perfect_bayesian(out.tree, options);
  out.threat_action = threat_actions(scenario, out.tree);
}

BeliefAnalysis analyze_beliefs(const Scenario& scenario, const BuildOptions& build, PerfectBayesianOptions options,
                               BeliefScope scope) {
  BeliefAnalysis out;
  options.deadline = build.deadline;
  SequenceBuildOptions tree_options;
  tree_options.build = build;
  if (scope == BeliefScope::kFirstEquilibrium) {
    out.tree = build_sequence_tree(scenario, tree_options);
    solve_first_belief_equilibrium(scenario, build.deadline, out, options);
    return out;
  }
  out.tree = build_sequence_tree(scenario, tree_options);
  // Independent pieces at once (parallel_parts.hpp): the solve with private
  // types, the extensive-form model for the second check, the game with
  // every type known, and per learner the game where it alone knows them
  // (values of information, below).
  std::optional<ScenarioExtensiveForm> efg;
  // One-sided value of information: each mover facing another typed player.
  if (scenario.types.present)
    for (std::size_t p = 0; p < out.tree.num_players(); ++p) {
      BeliefAnalysis::OneSidedValue item;
      item.player = p;
      for (std::size_t q = 0; q < out.tree.num_players(); ++q)
        if (q != p && !out.tree.prior.labels[q].empty()) item.learns.push_back(q);
      const bool moves = std::any_of(out.tree.infosets.begin(), out.tree.infosets.end(),
                                     [p](const SequenceInfoSet& h) { return h.player == p; });
      if (moves && !item.learns.empty()) out.learning.push_back(std::move(item));
    }
  std::vector<PerfectBayesianResult> learning_results(out.learning.size());
  std::vector<std::function<void()>> parts = {
      [&] { out.result = solve_perfect_bayesian(out.tree, options); },
      [&] { efg = build_extensive_form(out.tree, scenario.id); },
      [&] {
        if (!scenario.types.present) return;
        SequenceBuildOptions revealed_options = tree_options;
        revealed_options.reveal_types = true;
        out.revealed_tree = build_sequence_tree(scenario, revealed_options);
        // Only the first equilibrium is compared: one start, one answer.
        PerfectBayesianOptions first = options;
        first.max_equilibria = 1;
        first.random_starts = 0;
        out.revealed = solve_perfect_bayesian(out.revealed_tree, first);
      }};
  for (std::size_t k = 0; k < out.learning.size(); ++k)
    parts.push_back([&, k] {
      SequenceBuildOptions learner_options = tree_options;
      learner_options.reveal_types_to = out.learning[k].player;
      const SequenceTree learner_tree = build_sequence_tree(scenario, learner_options);
      out.learning[k].nodes = learner_tree.nodes.size();
      // The same selection as the all-know game: the first equilibrium, one start.
      PerfectBayesianOptions first = options;
      first.max_equilibria = 1;
      first.random_starts = 0;
      learning_results[k] = solve_perfect_bayesian(learner_tree, first);
    });
  run_parts_in_parallel(parts);
  // A second, independent check of every equilibrium: the project's
  // extensive-form model of the same tree and its behaviour verifier.
  {
    for (const TreeEquilibrium& eq : out.result.equilibria)
      if (!verify_behavior(efg->game, efg->behavior_of(eq.actions), options.rel_tol).is_equilibrium)
        throw std::logic_error("a perfect Bayesian equilibrium of " + scenario.file +
                               " fails the extensive-form verifier (a bug)");
    // Two players: also one equilibrium in behaviour strategies (mixed moves allowed).
    out.behavior = solve_behavior_perfect_bayesian(out.tree, *efg, options.deadline);
  }
  out.threat_action = threat_actions(scenario, out.tree);
  if (scenario.types.present) {
    if (!out.revealed.equilibria.empty())
      out.revealed_by_type = payoffs_by_type(out.revealed_tree, out.revealed.equilibria.front().actions);
    if (!out.result.equilibria.empty())
      out.private_by_type = payoffs_by_type(out.tree, out.result.equilibria.front().actions);
    if (!out.result.equilibria.empty() && !out.revealed.equilibria.empty()) {
      std::vector<double> value(out.tree.num_players(), 0.0);
      for (std::size_t p = 0; p < value.size(); ++p)
        value[p] = out.revealed.equilibria.front().payoffs[p] - out.result.equilibria.front().payoffs[p];
      out.value_of_information = value;
    }
    for (std::size_t k = 0; k < out.learning.size(); ++k) {
      BeliefAnalysis::OneSidedValue& item = out.learning[k];
      item.method = learning_results[k].method;
      if (learning_results[k].equilibria.empty()) continue;
      item.payoffs = learning_results[k].equilibria.front().payoffs;
      if (!out.result.equilibria.empty())
        item.value = (*item.payoffs)[item.player] - out.result.equilibria.front().payoffs[item.player];
    }
  }
  return out;
}

}  // namespace negsim
