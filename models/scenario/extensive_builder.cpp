#include "models/scenario/extensive_builder.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace negsim {

namespace {

// The rational with 12 significant decimal digits nearest to x.
mpq_class decimal(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12e", x);
  const std::string text = buffer;
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const int exponent = std::stoi(text.substr(e + 1));
  const std::size_t dot = mantissa.find('.');
  const int decimals = static_cast<int>(mantissa.size() - dot - 1) - exponent;
  mantissa.erase(dot, 1);
  mpz_class numerator(mantissa, 10), scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(decimals < 0 ? -decimals : decimals));
  mpq_class out = decimals >= 0 ? mpq_class(numerator, scale) : mpq_class(numerator * scale);
  out.canonicalize();
  return out;
}

}  // namespace

std::string sequence_chance_label(const std::string& event, std::size_t round, std::size_t number) {
  return event + " in round " + std::to_string(round) + ", #" + std::to_string(number);
}

std::vector<mpq_class> exact_chance_probabilities(const std::vector<double>& probabilities) {
  std::vector<mpq_class> probs;
  mpq_class sum = 0;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    if (k + 1 == probabilities.size()) {
      probs.push_back(1 - sum);
      break;
    }
    probs.push_back(decimal(probabilities[k]));
    sum += probs.back();
  }
  return probs;
}

ScenarioExtensiveForm build_extensive_form(const SequenceTree& tree, const std::string& title) {
  ScenarioExtensiveForm out;
  ExtensiveFormGame& g = out.game;
  g.title = title;
  for (const std::string& name : tree.player_names) g.add_player(name);
  // The information sets are labelled with what their movers know, put in
  // words only when a writer or report asks.
  if (tree.knowledge) g.set_infoset_labeler(tree.knowledge);
  std::size_t chance_nodes = 0, leaves = 0;
  for (const SequenceNode& node : tree.nodes) {
    chance_nodes += node.kind == SequenceNode::Kind::kChance;
    leaves += node.kind == SequenceNode::Kind::kTerminal;
  }
  g.reserve(tree.nodes.size(), tree.infosets.size() + chance_nodes, leaves);
  out.infoset_of.assign(tree.infosets.size(), kNoIndex);
  out.node_of.assign(tree.nodes.size(), kNoIndex);
  // Depth-first, children in order: the same preorder as the tree's nodes.
  std::vector<std::pair<std::size_t, std::size_t>> stack = {{0, 0}};  // (tree node, game node)
  // Chance nodes so far per (event, round), numbering their labels in preorder.
  std::vector<std::size_t> chance_seen(tree.chance_names.size() * (tree.rounds + 1), 0);
  while (!stack.empty()) {
    const auto [x, m] = stack.back();
    stack.pop_back();
    out.node_of[x] = m;
    const SequenceNode& node = tree.nodes[x];
    if (node.kind == SequenceNode::Kind::kTerminal) {
      g.set_outcome(m, g.add_outcome(node.payoffs.data(), node.payoffs.size()));
      continue;
    }
    std::size_t set = 0;
    if (node.kind == SequenceNode::Kind::kChance) {
      const std::string label =
          node.chance_event == SequenceNode::kTypeDraw
              ? "types"
              : sequence_chance_label(tree.chance_names[node.chance_event], node.round,
                                      ++chance_seen[node.chance_event * (tree.rounds + 1) + node.round]);
      set = g.add_chance_infoset(tree.branch_labels(x), exact_chance_probabilities(node.probabilities), label);
    } else {
      if (out.infoset_of[node.infoset] == kNoIndex) {
        const SequenceInfoSet& info = tree.infosets[node.infoset];
        out.infoset_of[node.infoset] = tree.knowledge ? g.add_infoset_labelled_by(info.player, info.action_labels, info.index)
                                                      : g.add_infoset(info.player, info.action_labels);
      }
      set = out.infoset_of[node.infoset];
    }
    const std::size_t first = g.set_move(m, set);
    for (std::size_t k = node.children.size(); k-- > 0;) stack.push_back({node.children[k], first + k});
  }
  g.finalize();
  if (!g.has_perfect_recall())
    throw std::logic_error("the scenario's sequence tree lacks perfect recall (a builder bug): " +
                           g.recall_problem()->message);
  return out;
}

BehaviorProfile ScenarioExtensiveForm::behavior_of(const std::vector<std::size_t>& actions) const {
  BehaviorProfile profile(game.num_infosets());
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    const EfgInfoset& set = game.infoset(i);
    if (set.is_chance()) profile[i] = set.chance_probs_d;
    else profile[i].assign(set.num_actions(), 0.0);
  }
  for (std::size_t h = 0; h < actions.size(); ++h) profile[infoset_of[h]][actions[h]] = 1.0;
  return profile;
}

}  // namespace negsim
