#include "sim/bargain/scenario_bargaining.hpp"

#include "sim/solve/pure_nash.hpp"

#include "models/errors.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

std::string resolve_stage_disagreement(ScenarioBargaining& bargaining, const Scenario& scenario,
                                       const BuildOptions& options) {
  if (!bargaining.disagreement_from_stage_equilibrium) return "";
  std::vector<double> payoffs;
  std::string used;
  const SourcePos& at = bargaining.disagreement_pos;
  if (scenario.timeline.present) {
    const ScenarioTimeline timeline = build_timeline(scenario, options);
    const BackwardInductionResult spe = solve_backward_induction(timeline.game);
    if (spe.equilibria.empty())
      throw InputError(at.file, at.line, at.column, "bargaining: disagreement: the timeline has no verified SPE");
    payoffs = spe.equilibria.front().payoffs;
    used = "subgame-perfect equilibrium of the timeline (selection first)";
  } else {
    const ScenarioGame game = build_normal_form(scenario, options);
    const auto pure = solve_pure_nash(game.game).equilibria;
    if (pure.empty())
      throw InputError(at.file, at.line, at.column,
                       "bargaining: disagreement: the scenario's game has no pure equilibrium",
                       "give the disagreement payoffs explicitly, or add a timeline");
    payoffs = pure.front().payoffs;
    used = "first pure Nash equilibrium of the one-shot game";
  }
  for (std::size_t b = 0; b < bargaining.scenario_players.size(); ++b)
    bargaining.problem.protocol.disagreement[b] = payoffs[bargaining.scenario_players[b]];
  return used;
}

}  // namespace negsim
