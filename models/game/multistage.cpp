#include "models/game/multistage.hpp"

#include <limits>
#include <stdexcept>

namespace negsim {

MultiStageGame::MultiStageGame(std::size_t num_players, std::vector<GameStage> stages,
                               std::uint64_t max_leaves)
    : num_players_(num_players), stages_(std::move(stages)) {
  if (num_players_ == 0) throw std::invalid_argument("a multi-stage game needs a player");
  if (stages_.empty()) throw std::invalid_argument("a multi-stage game needs a stage");
  nodes_at_depth_.push_back(1);
  std::uint64_t nodes = 1;
  for (std::size_t k = 0; k < stages_.size(); ++k) {
    GameStage& st = stages_[k];
    if (st.movers.empty()) throw std::invalid_argument("stage " + std::to_string(k + 1) + " has no mover");
    if (st.num_actions.size() != st.movers.size())
      throw std::invalid_argument("stage " + std::to_string(k + 1) + ": one action count per mover");
    std::vector<bool> seen(num_players_, false);
    std::uint64_t profiles = 1;
    std::vector<std::size_t> strides;
    for (std::size_t i = 0; i < st.movers.size(); ++i) {
      const std::size_t p = st.movers[i];
      if (p >= num_players_) throw std::invalid_argument("stage mover out of range");
      if (seen[p]) throw std::invalid_argument("a player moves twice in one stage");
      seen[p] = true;
      if (st.num_actions[i] == 0) throw std::invalid_argument("a mover needs at least one action");
      strides.push_back(static_cast<std::size_t>(profiles));
      if (profiles > max_leaves / st.num_actions[i]) throw std::length_error("too many leaves");
      profiles *= st.num_actions[i];
    }
    if (nodes > max_leaves / profiles) throw std::length_error("too many leaves");
    nodes *= profiles;
    stage_profiles_.push_back(static_cast<std::size_t>(profiles));
    nodes_at_depth_.push_back(static_cast<std::size_t>(nodes));
    mover_strides_.push_back(std::move(strides));
    st.action_labels.resize(st.movers.size());
    for (std::size_t i = 0; i < st.movers.size(); ++i) {
      auto& labels = st.action_labels[i];
      if (labels.empty())
        for (std::size_t a = 0; a < st.num_actions[i]; ++a) labels.push_back(std::to_string(a + 1));
      if (labels.size() != st.num_actions[i])
        throw std::invalid_argument("stage " + std::to_string(k + 1) + ": wrong number of action labels");
    }
  }
  if (nodes > std::numeric_limits<std::size_t>::max() / num_players_) throw std::length_error("too many leaves");
  payoffs_.assign(static_cast<std::size_t>(nodes) * num_players_, 0.0);
  for (std::size_t p = 0; p < num_players_; ++p) player_names.push_back("Player " + std::to_string(p + 1));
}

std::size_t MultiStageGame::num_decision_nodes() const {
  std::size_t total = 0;
  for (std::size_t k = 0; k < stages_.size(); ++k) total += nodes_at_depth_[k];
  return total;
}

void MultiStageGame::fill_payoffs(const LeafFiller& fill) {
  const std::size_t K = stages_.size();
  std::vector<std::size_t> profile(K, 0);  // odometer, last stage fastest
  std::vector<std::vector<std::size_t>> actions(K);
  for (std::size_t k = 0; k < K; ++k) actions[k].assign(stages_[k].movers.size(), 0);
  std::vector<double> out(num_players_);
  const std::size_t leaves = num_leaves();
  for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t i = 0; i < actions[k].size(); ++i) actions[k][i] = mover_action(k, profile[k], i);
    fill(actions, out);
    for (std::size_t p = 0; p < num_players_; ++p) payoffs_[p * leaves + leaf] = out[p];
    for (std::size_t k = K; k-- > 0;) {
      if (++profile[k] < stage_profiles_[k]) break;
      profile[k] = 0;
    }
  }
}

std::size_t MultiStageGame::stage_profile_index(std::size_t k, std::span<const std::size_t> actions) const {
  std::size_t index = 0;
  for (std::size_t i = 0; i < actions.size(); ++i) index += actions[i] * mover_strides_[k][i];
  return index;
}

std::vector<std::size_t> MultiStageGame::stage_profile_actions(std::size_t k, std::size_t profile) const {
  std::vector<std::size_t> actions(stages_[k].movers.size());
  for (std::size_t i = 0; i < actions.size(); ++i) actions[i] = mover_action(k, profile, i);
  return actions;
}

std::size_t MultiStageGame::mover_slot(std::size_t k, std::size_t player) const {
  const auto& movers = stages_[k].movers;
  for (std::size_t i = 0; i < movers.size(); ++i)
    if (movers[i] == player) return i;
  return static_cast<std::size_t>(-1);
}

std::vector<std::size_t> MultiStageGame::history(std::size_t k, std::size_t node) const {
  std::vector<std::size_t> h(k);
  for (std::size_t j = k; j-- > 0;) {
    h[j] = node % stage_profiles_[j];
    node /= stage_profiles_[j];
  }
  return h;
}

std::size_t MultiStageGame::node_of(std::span<const std::size_t> history) const {
  std::size_t node = 0;
  for (std::size_t j = 0; j < history.size(); ++j) node = node * stage_profiles_[j] + history[j];
  return node;
}

std::string MultiStageGame::describe_stage_profile(std::size_t k, std::size_t profile) const {
  std::string text;
  const GameStage& st = stages_[k];
  for (std::size_t i = 0; i < st.movers.size(); ++i) {
    if (i) text += ", ";
    text += player_names[st.movers[i]] + "=" + st.action_labels[i][mover_action(k, profile, i)];
  }
  return text;
}

}  // namespace negsim
