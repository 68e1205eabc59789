#include <iostream>

#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/repeated_builder.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/efg_commands.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/repeated/strategy_library.hpp"

namespace negsim::cli {

namespace {

// The `repeated` block as `negsim run` and `negsim repeated` read it: the
// spec (players, target, discount, continuation, rounds) and every default
// strategy, parsed into its automaton against the target, as the commands do.
void check_repeated_block(const Scenario& s, const ScenarioGame& built) {
  const RepeatedScenarioSpec repeated = build_repeated_spec(s, built);
  for (std::size_t p = 0; p < repeated.strategies.size(); ++p) {
    if (repeated.strategies[p].empty()) continue;
    try {
      make_strategy_from_spec(repeated.strategies[p], built.game, p, repeated.spec.target);
    } catch (const UsageError& e) {
      // A strategy written in the file is bad input, not bad usage.
      throw InputError(s.file, 0, 0,
                       "repeated: strategies: " + built.player_ids[p] + ": '" + repeated.strategies[p] +
                           "': " + e.what(),
                       "strategy names and options: docs/solvers/repeated.md");
    }
  }
}

}  // namespace

int command_validate(const Args& args) {
  const std::string usage =
      "usage: negsim validate FILE [--set NAME=VALUE]... [--max-profiles N]\n"
      "FILE is a scenario (YAML; every block any command reads is built and checked) or a Gambit .nfg or .efg game.";
  ScenarioOptions scenario_options;
  po::options_description named("validate options");
  add_scenario_options(named, scenario_options);
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"scenario"}, vm)) return kExitOk;
  if (!vm.count("scenario")) throw UsageError("validate needs a FILE (scenario or .nfg)\n" + usage);
  const std::string path = vm["scenario"].as<std::string>();
  if (is_efg_path(path)) {
    if (!scenario_options.sets.empty()) throw UsageError("--set applies to scenarios, not to .efg files");
    return validate_efg(path);
  }
  // Building the game compiles every expression and evaluates every payoff,
  // so a NaN or infinite payoff is caught here too. A .nfg file is read
  // completely.
  const LoadedGame loaded = load_game(path, scenario_options, false);
  const NormalFormGame& game = loaded.game();
  if (!loaded.scenario) {
    std::cout << text_line(path) << ": ok: Gambit .nfg game";
    if (!game.title.empty()) std::cout << " \"" << text_line(game.title) << "\"";
    std::cout << ", " << game.num_players() << " players (";
    for (std::size_t p = 0; p < game.num_players(); ++p) std::cout << (p ? " x " : "") << game.num_actions(p);
    std::cout << " actions, " << game.num_profiles() << " profiles)\n";
    return kExitOk;
  }
  const Scenario& s = *loaded.scenario;
  // The optional blocks are checked by building them as the commands do.
  const BuildOptions build = build_options(scenario_options);
  if (s.timeline.present) build_timeline(s, build);
  if (s.bargaining.present) {
    // The disagreement point may be a stage equilibrium: resolved by the one
    // scenario analysis, as `run` and `bargain` resolve it.
    AnalysisOptions options;
    options.build = build;
    ScenarioAnalyzer(s, *loaded.built, options).bargaining();
  }
  if (s.repeated.present) check_repeated_block(s, *loaded.built);
  std::string sequence;
  if (s.sequence.present) {  // priors, chance probabilities, rounds, what expressions read
    SequenceBuildOptions tree_options;
    tree_options.build = build;
    const SequenceTree tree = build_sequence_tree(s, tree_options);
    sequence = ", a sequence (" + std::to_string(tree.nodes.size()) + " nodes, " +
               std::to_string(tree.infosets.size()) + " information sets)";
  }
  std::cout << text_line(s.file) << ": ok: scenario " << text_line(s.id) << ", " << s.players.size() << " players (";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    std::cout << (p ? " x " : "") << game.num_actions(p);
  std::cout << " actions, " << game.num_profiles() << " profiles), " << s.parameters.size()
            << " parameters, " << s.sources.size() << " sources"
            << (s.timeline.present ? ", a timeline" : "") << (s.bargaining.present ? ", a bargaining block" : "")
            << (s.repeated.present ? ", a repeated block" : "") << (s.types.present ? ", types" : "") << sequence
            << "\n";
  return kExitOk;
}

}  // namespace negsim::cli
