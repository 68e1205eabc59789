#include "models/scenario/timeline_builder.hpp"

#include <algorithm>

#include "models/errors.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

namespace {

const char* kTimelineExample = "for example: timeline: [[us], [china], [bytedance]]";

}  // namespace

std::vector<std::vector<std::size_t>> read_timeline_stages(const Scenario& scenario) {
  const YamlFields yaml([&scenario](const YAML::Node& node) { return scenario_node_position(scenario, node); });
  if (!scenario.timeline.present)
    yaml.fail({scenario.file, 0, 0}, "the scenario has no timeline block", kTimelineExample);
  const YAML::Node& node = scenario.timeline.node;
  const SourcePos block = scenario.timeline.pos;
  if (!node.IsSequence() || node.size() == 0)
    yaml.fail(block, "timeline: expected a non-empty list of stages, each a list of players", kTimelineExample);
  const std::vector<std::string> ids = scenario.player_ids();
  std::vector<std::size_t> stage_of(scenario.players.size(), static_cast<std::size_t>(-1));
  std::vector<std::vector<std::size_t>> stages;
  for (std::size_t k = 0; k < node.size(); ++k) {
    const YAML::Node stage = node[k];
    std::vector<YAML::Node> names;
    if (stage.IsScalar()) {
      names.push_back(stage);
    } else if (stage.IsSequence()) {
      for (std::size_t i = 0; i < stage.size(); ++i) names.push_back(stage[i]);
    } else {
      yaml.fail(stage, "timeline: stage " + std::to_string(k + 1) + " must be a list of player ids",
                kTimelineExample);
    }
    if (names.empty())
      yaml.fail(stage, "timeline: stage " + std::to_string(k + 1) + " has no player");
    std::vector<std::size_t> movers;
    for (const YAML::Node& name : names) {
      if (!name.IsScalar())
        yaml.fail(name, "timeline: expected a player id in stage " + std::to_string(k + 1));
      const std::string id = name.Scalar();
      const std::size_t p = scenario.player_index(id);
      if (p == static_cast<std::size_t>(-1))
        yaml.fail(name, "timeline: unknown player '" + id + "'" + did_you_mean(id, ids),
                  "players: " + join_names(ids));
      if (stage_of[p] != static_cast<std::size_t>(-1))
        yaml.fail(name, "timeline: player '" + id + "' is already in stage " + std::to_string(stage_of[p] + 1),
                  "each player moves in exactly one stage");
      stage_of[p] = k;
      movers.push_back(p);
    }
    stages.push_back(std::move(movers));
  }
  for (std::size_t p = 0; p < scenario.players.size(); ++p)
    if (stage_of[p] == static_cast<std::size_t>(-1))
      yaml.fail(block, "timeline: player '" + scenario.players[p].id + "' is in no stage",
                "add it to a stage, e.g. [" + scenario.players[p].id + "]");
  return stages;
}

ScenarioTimeline build_timeline(const Scenario& scenario, const BuildOptions& options) {
  read_timeline_stages(scenario);  // the structure is checked before the game is built
  return build_timeline(scenario, build_normal_form(scenario, options), options);
}

ScenarioTimeline build_timeline(const Scenario& scenario, const ScenarioGame& nfg, const BuildOptions& options) {
  ScenarioTimeline out;
  out.stages = read_timeline_stages(scenario);
  const NormalFormGame& g = nfg.game;
  std::vector<GameStage> stages;
  for (const auto& movers : out.stages) {
    GameStage stage;
    for (std::size_t p : movers) {
      if (!stage.name.empty()) stage.name += ", ";
      stage.name += g.player_names[p];
      stage.movers.push_back(p);
      stage.num_actions.push_back(g.num_actions(p));
      stage.action_labels.push_back(g.action_labels[p]);
    }
    stages.push_back(std::move(stage));
  }
  // Same leaf count as profiles (every player moves once), so the budget holds.
  out.game = MultiStageGame(g.num_players(), std::move(stages), std::max<std::uint64_t>(options.max_profiles, 1));
  out.game.player_names = g.player_names;
  out.player_ids = nfg.player_ids;
  std::vector<std::size_t> profile(g.num_players());
  out.game.fill_payoffs([&](const std::vector<std::vector<std::size_t>>& actions, std::span<double> payoff) {
    for (std::size_t k = 0; k < actions.size(); ++k)
      for (std::size_t i = 0; i < actions[k].size(); ++i) profile[out.stages[k][i]] = actions[k][i];
    const std::size_t index = g.profile_index(profile);
    for (std::size_t p = 0; p < payoff.size(); ++p) payoff[p] = g.payoff(p, index);
  });
  return out;
}

}  // namespace negsim
