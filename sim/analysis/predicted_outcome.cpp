#include "sim/analysis/predicted_outcome.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace negsim {

namespace {

// The index of the largest probability: the action of a pure strategy.
std::size_t pure_action(const std::vector<double>& strategy) {
  return static_cast<std::size_t>(std::max_element(strategy.begin(), strategy.end()) - strategy.begin());
}

// `player`'s last move in `round` on the way to node x: {information set,
// action}, or none.
std::pair<std::size_t, std::size_t> move_before(const SequenceTree& tree, std::size_t x, std::size_t player,
                                                std::size_t round) {
  for (std::size_t child = x, node = tree.nodes[x].parent; node != kNoSequenceIndex;
       child = node, node = tree.nodes[node].parent) {
    const SequenceNode& n = tree.nodes[node];
    if (n.kind == SequenceNode::Kind::kDecision && n.player == player && n.round == round)
      return {n.infoset, tree.nodes[child].parent_branch};
  }
  return {kNoSequenceIndex, kNoSequenceIndex};
}

bool descends_from(const SequenceTree& tree, std::size_t x, const std::vector<char>& marked) {
  for (std::size_t node = tree.nodes[x].parent; node != kNoSequenceIndex; node = tree.nodes[node].parent)
    if (marked[node]) return true;
  return false;
}

}  // namespace

void fill_types_outcome(const Scenario& scenario, const BeliefAnalysis& beliefs, PredictedOutcome& out) {
  out.has_types = out.types_found = false;
  out.types_player = out.types_observer = 0;
  out.threat_by_type.clear();
  out.types_line.clear();
  out.after_threat.clear();
  const SequenceTree& tree = beliefs.tree;
  const std::size_t typed = followed_typed_player(scenario, tree);
  if (typed == kNoSequenceIndex) return;
  out.has_types = true;
  out.types_player = typed;
  out.types_found = !beliefs.result.equilibria.empty();
  if (!out.types_found) return;
  const TreeEquilibrium& eq = beliefs.result.equilibria.front();
  if (!beliefs.threat_action.empty() && scenario.sequence.threat) {
    const std::vector<double> threat = threat_probabilities(tree, eq.actions, beliefs.threat_action);
    const std::size_t types = tree.prior.labels[typed].size();
    std::vector<double> carried(types, 0.0), mass(types, 0.0);
    const SequenceNode& root = tree.nodes[0];
    for (std::size_t k = 0; k < root.children.size(); ++k) {
      const std::size_t t = tree.prior.profiles[tree.nodes[root.children[k]].type_profile].types[typed];
      carried[t] += root.probabilities[k] * threat[root.children[k]];
      mass[t] += root.probabilities[k];
    }
    for (std::size_t t = 0; t < types; ++t) {
      const double p = mass[t] > 0 ? carried[t] / mass[t] : 0;
      out.threat_by_type.push_back(p <= 1e-12 ? ThreatUse::kNever : p >= 1 - 1e-12 ? ThreatUse::kAlways
                                                                                   : ThreatUse::kSometimes);
    }
  }
  const std::size_t observer = belief_observer(tree, eq);
  if (observer == kNoSequenceIndex) return;
  out.types_observer = observer;
  std::size_t last_round = 0;
  for (std::size_t h : most_likely_line(tree, eq, observer)) {
    TypesRun step;
    last_round = tree.infosets[h].round;
    const auto seen = observed_move(tree, h, typed, last_round);
    if (seen.first != kNoSequenceIndex) step.observed = sequence_move(tree, seen.first, seen.second);
    step.move = sequence_move(tree, h, eq.actions[h]);
    step.rounds = 1;
    if (!out.types_line.empty() && out.types_line.back().observed == step.observed &&
        out.types_line.back().move == step.move)
      ++out.types_line.back().rounds;
    else
      out.types_line.push_back(std::move(step));
  }
  if (!out.types_line.empty() && last_round == tree.rounds) out.types_line.back().rounds = 0;
  if (!beliefs.threat_action.empty() && scenario.sequence.threat) {
    for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
      const SequenceInfoSet& info = tree.infosets[h];
      if (info.player != observer || eq.assessment[h].reach <= 0) continue;
      const auto seen = observed_move(tree, h, scenario.sequence.threat->player, info.round);
      if (seen.first == kNoSequenceIndex || !beliefs.threat_action[seen.first][seen.second]) continue;
      SequenceMove move = sequence_move(tree, h, eq.actions[h]);
      if (std::find(out.after_threat.begin(), out.after_threat.end(), move) == out.after_threat.end())
        out.after_threat.push_back(std::move(move));
    }
  }
}


std::size_t followed_typed_player(const Scenario& scenario, const SequenceTree& tree) {
  if (scenario.sequence.threat && !tree.prior.labels[scenario.sequence.threat->player].empty())
    return scenario.sequence.threat->player;
  for (std::size_t p = 0; p < tree.num_players(); ++p)
    if (!tree.prior.labels[p].empty()) return p;
  return kNoSequenceIndex;
}

std::size_t belief_observer(const SequenceTree& tree, const TreeEquilibrium& eq) {
  std::size_t observer = kNoSequenceIndex, observer_step = 0;
  for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
    const SequenceInfoSet& info = tree.infosets[h];
    if (info.round != 1 || eq.assessment[h].reach <= 0 || !tree.prior.labels[info.player].empty()) continue;
    if (observer == kNoSequenceIndex || info.step > observer_step) observer = info.player, observer_step = info.step;
  }
  return observer;
}

std::vector<std::size_t> most_likely_line(const SequenceTree& tree, const TreeEquilibrium& eq, std::size_t observer) {
  std::vector<std::size_t> line;
  std::vector<char> previous(tree.nodes.size(), 0);
  for (std::size_t round = 1; round <= tree.rounds; ++round) {
    std::size_t best = kNoSequenceIndex;
    for (std::size_t h = 0; h < tree.infosets.size(); ++h) {
      const SequenceInfoSet& info = tree.infosets[h];
      if (info.player != observer || info.round != round || eq.assessment[h].reach <= 0) continue;
      if (round > 1 && !descends_from(tree, info.nodes.front(), previous)) continue;
      if (best == kNoSequenceIndex || eq.assessment[h].reach > eq.assessment[best].reach) best = h;
    }
    if (best == kNoSequenceIndex) break;
    line.push_back(best);
    std::fill(previous.begin(), previous.end(), 0);
    for (std::size_t x : tree.infosets[best].nodes) previous[x] = 1;
  }
  return line;
}

std::pair<std::size_t, std::size_t> observed_move(const SequenceTree& tree, std::size_t h, std::size_t player,
                                                  std::size_t round) {
  const std::vector<std::size_t>& nodes = tree.infosets[h].nodes;
  const auto first = move_before(tree, nodes.front(), player, round);
  if (first.first == kNoSequenceIndex) return first;
  const std::string& label = tree.infosets[first.first].action_labels[first.second];
  for (std::size_t x : nodes) {
    const auto m = move_before(tree, x, player, round);
    if (m.first == kNoSequenceIndex || tree.infosets[m.first].action_labels[m.second] != label)
      return {kNoSequenceIndex, kNoSequenceIndex};
  }
  return first;
}

SequenceMove sequence_move(const SequenceTree& tree, std::size_t h, std::size_t action) {
  return {tree.infosets[h].levers, tree.infosets[h].action_values[action]};
}

std::string to_string(OutcomeConcept concept_id) {
  switch (concept_id) {
    case OutcomeConcept::kSequential: return "sequential";
    case OutcomeConcept::kOneShot: return "one_shot";
    case OutcomeConcept::kRepeated: return "repeated";
    case OutcomeConcept::kBargaining: return "bargaining";
    case OutcomeConcept::kTypes: return "types";
  }
  return "unknown";
}

AnalysisParts predicted_outcome_parts() {
  AnalysisParts parts = AnalysisParts::none();
  parts.pure = true;
  parts.sequential = true;
  parts.bargaining = true;
  parts.repeated = true;
  parts.beliefs = true;
  return parts;
}

LeverSetting lever_setting(const ScenarioGame& built, std::size_t player, std::size_t action) {
  return built.action_levers[player][action];
}

PredictedOutcome predicted_outcome(const Scenario& scenario, const ScenarioGame& built,
                                   const ScenarioAnalysis& analysis) {
  PredictedOutcome out;
  const std::size_t players = scenario.players.size();
  if (analysis.sequential) {
    out.has_sequential = true;
    const BackwardInductionResult& r = analysis.sequential->result;
    out.sequential_found = !r.equilibria.empty();
    if (out.sequential_found) {
      out.sequential_path.assign(players, LeverSetting{});
      const SubgamePerfectEquilibrium& spe = r.equilibria.front();
      const MultiStageGame& game = analysis.sequential->timeline.game;
      for (const PathStep& step : spe.path) {
        const GameStage& stage = game.stage(step.stage);
        if (!step.pure) {
          out.sequential_pure = false;
          continue;
        }
        std::size_t profile = step.profile;  // first mover fastest
        for (std::size_t i = 0; i < stage.movers.size(); ++i) {
          out.sequential_path[stage.movers[i]] = lever_setting(built, stage.movers[i], profile % stage.num_actions[i]);
          profile /= stage.num_actions[i];
        }
      }
      if (!spe.pure) out.sequential_pure = false;
    }
  }
  for (const Equilibrium& eq : analysis.pure.equilibria) {
    ProfileSetting profile;
    for (std::size_t p = 0; p < players; ++p) profile.push_back(lever_setting(built, p, pure_action(eq.profile[p])));
    out.one_shot.push_back(std::move(profile));
  }
  if (analysis.repeated) {
    out.has_repeated = true;
    out.self_enforcing = target_self_enforcing(analysis.repeated->sustainability);
  }
  if (analysis.bargaining) {
    out.has_bargaining = true;
    const AlternatingOffersResult& o = analysis.bargaining->offers;
    out.agreement = o.agreement;
    out.ending = o.ending;
    if (o.agreement) {
      out.agreement_round = o.agreement_round;
      if (o.deal) {
        out.deal = analysis.bargaining->bargaining.problem.deals.labels[*o.deal];
      } else {
        // A divisible pie: shares compared to 6 significant digits, so a
        // rounding wobble in the last bits is not a "change".
        std::ostringstream shares;
        shares.precision(6);
        for (std::size_t i = 0; i < o.shares.size(); ++i) shares << (i ? "," : "") << o.shares[i];
        out.deal = shares.str();
      }
    }
  }
  if (analysis.beliefs) fill_types_outcome(scenario, *analysis.beliefs, out);
  return out;
}

std::vector<OutcomeConcept> changed_concepts(const PredictedOutcome& a, const PredictedOutcome& b) {
  std::vector<OutcomeConcept> changed;
  // The types model first: the bottom line leads with it.
  if (a.has_types != b.has_types || a.types_found != b.types_found || a.types_player != b.types_player ||
      a.types_observer != b.types_observer || a.threat_by_type != b.threat_by_type || a.types_line != b.types_line ||
      a.after_threat != b.after_threat)
    changed.push_back(OutcomeConcept::kTypes);
  if (a.has_sequential != b.has_sequential || a.sequential_found != b.sequential_found ||
      a.sequential_pure != b.sequential_pure || a.sequential_path != b.sequential_path)
    changed.push_back(OutcomeConcept::kSequential);
  if (a.one_shot != b.one_shot) changed.push_back(OutcomeConcept::kOneShot);
  if (a.has_repeated != b.has_repeated || a.self_enforcing != b.self_enforcing)
    changed.push_back(OutcomeConcept::kRepeated);
  if (a.has_bargaining != b.has_bargaining || a.agreement != b.agreement ||
      a.agreement_round != b.agreement_round || a.deal != b.deal || a.ending != b.ending)
    changed.push_back(OutcomeConcept::kBargaining);
  return changed;
}

}  // namespace negsim
