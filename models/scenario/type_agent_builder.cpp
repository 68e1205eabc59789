#include "models/scenario/type_agent_builder.hpp"

#include <limits>

#include "models/errors.hpp"
#include "models/memory_budget.hpp"

namespace negsim {

std::size_t TypeAgentGame::agent(std::size_t player, std::size_t type) const {
  for (std::size_t a = 0; a < agents.size(); ++a)
    if (agents[a].player == player && agents[a].type == type) return a;
  return static_cast<std::size_t>(-1);
}

TypeAgentGame build_type_agent_game(const Scenario& scenario, const BuildOptions& options) {
  if (!scenario.types.present)
    throw InputError(scenario.file, 0, 0, "the scenario has no `types:` block",
                     "a Bayesian game needs types, e.g. types: {us: {committed: 0.4, bluffing: 0.6}}");
  TypeAgentGame out;
  out.prior = evaluate_prior(scenario);
  const std::size_t n = scenario.players.size();
  for (const TypeProfile& profile : out.prior.profiles) {
    BuildOptions at = options;
    at.type_profile = profile.types;
    out.per_type.push_back(build_normal_form(scenario, at));
  }
  const NormalFormGame& first = out.per_type.front().game;
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t t = 0; t < out.prior.type_counts[p]; ++t) {
      const double m = out.prior.marginal(p, t);
      if (m > 0) out.agents.push_back({p, t, m});
    }
  // Budget before allocating: the product of the agents' action counts.
  std::vector<std::size_t> counts;
  for (const TypeAgent& a : out.agents) counts.push_back(first.num_actions(a.player));
  const std::uint64_t profiles = NormalFormGame::count_profiles(counts);
  if (profiles > options.max_profiles)
    throw LimitError("the type-agent form of " + scenario.file + " has " + std::to_string(profiles) +
                     " profiles (" + std::to_string(out.agents.size()) + " agents), over the budget of " +
                     std::to_string(options.max_profiles) +
                     " profiles.\n  hint: raise the budget with --max-profiles N, or use fewer types or actions");
  check_memory_estimate(static_cast<double>(profiles) * static_cast<double>(out.agents.size()) * sizeof(double),
                        "the type-agent form of " + scenario.file);
  out.game = NormalFormGame(counts);
  NormalFormGame& g = out.game;
  g.title = (scenario.title.empty() ? scenario.id : scenario.title) + " (type-agent form)";
  g.player_names.clear();
  g.action_labels.clear();
  for (const TypeAgent& a : out.agents) {
    const std::string label = type_label(out.prior, a.player, a.type);
    g.player_names.push_back(first.player_names[a.player] + (label.empty() ? "" : " (" + label + ")"));
    g.action_labels.push_back(first.action_labels[a.player]);
  }
  // For each type profile: the agents that play it, and each agent's
  // conditional weight P(tau | t_p).
  const std::size_t k_count = out.prior.profiles.size();
  std::vector<std::vector<std::size_t>> agent_of(k_count, std::vector<std::size_t>(n));
  for (std::size_t k = 0; k < k_count; ++k)
    for (std::size_t p = 0; p < n; ++p) agent_of[k][p] = out.agent(p, out.prior.profiles[k].types[p]);
  std::vector<std::size_t> agent_actions(out.agents.size(), 0), actions(n);
  for (std::size_t index = 0; index < g.num_profiles(); ++index) {
    if ((index & 0x3FFF) == 0 && index > 0)
      options.deadline.check("filling the type-agent form (" + std::to_string(index) + " of " +
                             std::to_string(g.num_profiles()) + " profiles done)");
    for (std::size_t a = 0; a < out.agents.size(); ++a) agent_actions[a] = g.action_of(index, a);
    for (std::size_t a = 0; a < out.agents.size(); ++a) g.set_payoff(a, index, 0.0);
    for (std::size_t k = 0; k < k_count; ++k) {
      for (std::size_t p = 0; p < n; ++p) actions[p] = agent_actions[agent_of[k][p]];
      const NormalFormGame& at = out.per_type[k].game;
      const std::size_t profile = at.profile_index(actions);
      for (std::size_t p = 0; p < n; ++p) {
        const std::size_t a = agent_of[k][p];
        const double weight = out.prior.profiles[k].probability / out.agents[a].probability;
        g.set_payoff(a, index, g.payoff(a, index) + weight * at.payoff(p, profile));
      }
    }
  }
  return out;
}

}  // namespace negsim
