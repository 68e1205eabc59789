#include "models/scenario/timeline_builder.hpp"

#include <algorithm>

#include "models/errors.hpp"

namespace negsim {

std::vector<std::vector<std::size_t>> read_timeline_stages(const Scenario& scenario) {
  if (!scenario.timeline.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no timeline block",
                     "for example: timeline: [[us], [china], [bytedance]]");
  return scenario.timeline.stages;  // checked by the loader
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
