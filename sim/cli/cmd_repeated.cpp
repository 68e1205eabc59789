#include <sstream>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "models/scenario/repeated_builder.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/report/repeated_report.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/scenario_report.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/repeated/abreu_sannikov.hpp"
#include "sim/repeated/one_shot_deviation.hpp"
#include "sim/repeated/simulate.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/repeated/sustainability.hpp"

namespace negsim::cli {

namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) parts.push_back(part);
  return parts;
}

// Per-round CSV of simulated histories: run,round,player,action,payoff.
std::string history_csv(const NormalFormGame& game, const SimulationResult& result) {
  std::string out = "run,round,player,action,payoff,trembled\n";
  for (const History& h : result.histories)
    for (std::size_t t = 0; t < h.profiles.size(); ++t)
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        const std::size_t profile = h.profiles[t];
        out += std::to_string(h.run) + "," + std::to_string(t + 1) + "," + csv_cell(game.player_names[p]) +
               "," + csv_cell(game.action_labels[p][game.action_of(profile, p)]) + "," +
               format_number(game.payoff(p, profile), 10) + "," +
               ((h.trembled.size() > t && (h.trembled[t] >> p & 1)) ? "1" : "0") + "\n";
      }
  return out;
}

// The target's labels, one per player: --target given once per player, or
// once with the labels joined by ';', or (when no label has a comma) by ','.
// Scenario actions of players with several levers read `tariff=20,chips=hold`,
// so ',' cannot separate them; ';' never occurs in a label.
std::vector<std::string> target_labels(const std::vector<std::string>& given, std::size_t players) {
  std::vector<std::string> labels;
  if (given.size() > 1) {
    labels = given;
  } else if (given[0].find(';') != std::string::npos) {
    std::stringstream ss(given[0]);
    std::string part;
    while (std::getline(ss, part, ';')) labels.push_back(part);
  } else {
    labels = split_commas(given[0]);
  }
  for (std::string& label : labels) {  // "a; b" as well as "a;b"
    while (!label.empty() && label.front() == ' ') label.erase(label.begin());
    while (!label.empty() && label.back() == ' ') label.pop_back();
  }
  if (labels.size() != players)
    throw UsageError("--target needs one action label per player (" + std::to_string(players) + "), got " +
                     std::to_string(labels.size()) +
                     "\n  hint: join labels that contain commas with ';' (--target 'tariff=20,chips=hold;resume;sale')"
                     " or give --target once per player");
  return labels;
}

}  // namespace

int command_repeated(const Args& args) {
  const std::string usage =
      "usage: negsim repeated [GAME] [--strategies SPEC] [--delta D] [--rounds N] [--continuation P]\n"
      "                       [--tremble P] [--runs M] [--seed S] [--history FILE.csv]\n"
      "                       [--tournament A,B,...] [--payoff-set] [--target A;B;...]\n"
      "                       [--format text|json|html|markdown] [--out FILE]\n"
      "GAME is a scenario with a `repeated` block (default: the embedded TikTok scenario) or a\n"
      ".nfg stage game with --target. Without --strategies/--tournament/--payoff-set: is the\n"
      "target sustainable, and by which strategies. Strategies: docs/solvers/repeated.md.";
  ScenarioOptions scenario_options;
  OutputOptions output;
  std::string strategies, history_path, tournament;
  std::vector<std::string> targets;
  // Numeric options are checked where they enter (option_ranges.hpp); whether
  // one was given is vm.count(), never a sentinel value.
  double delta = 1, continuation = 1, tremble = 0;
  std::size_t rounds = 0, runs = 1000;
  std::uint64_t seed = 0;
  bool payoff_set = false;
  po::options_description named("repeated options");
  add_output_options(named, output, "text|json|html|markdown (html, markdown: the sustainability report)");
  add_scenario_options(named, scenario_options);
  named.add_options()
      ("strategies", po::value(&strategies)->value_name("SPEC"), "NAME for everyone, or PLAYER=NAME,...: simulate and check this profile")
      ("delta", real_value(delta, "delta", RealRange{0, 1, true, true})->value_name("D"), "discount factor (default: the scenario's)")
      ("target", po::value(&targets)->composing()->value_name("A;B;..."),
       "target action label of each player, joined by ';' (or by ',' when no label has a comma), or --target once per player (needed for .nfg games)")
      ("rounds", count_value(rounds, "rounds", 1, kMaxRounds)->value_name("N"), "rounds per run (default: the scenario's, else 100)")
      ("continuation", real_value(continuation, "continuation", RealRange{0, 1, true, false})->value_name("P"), "probability of another round (geometric end)")
      ("tremble", real_value(tremble, "tremble", RealRange{0, 1})->value_name("P"), "each player's action is replaced at random with probability P")
      ("runs", count_value(runs, "runs", 1, kMaxRuns)->value_name("M"), "Monte Carlo runs (parallel; default 1000)")
      ("seed", count_value(seed, "seed", 0, kMaxSeed)->value_name("S"), "random seed (default 0)")
      ("history", po::value(&history_path)->value_name("FILE"), "write the first run's rounds as CSV")
      ("tournament", po::value(&tournament)->value_name("A,B,..."), "round robin among these strategies (2 players)")
      ("payoff-set", po::bool_switch(&payoff_set), "pure-strategy SPE payoff set with public randomization (2 players; Abreu-Sannikov)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"game"}, vm)) return kExitOk;
  check_format(output, {"text", "json", "html", "markdown"});
  if (is_document_format(output) && (!tournament.empty() || !strategies.empty()))
    throw UsageError("--format " + output.format +
                     " writes the sustainability report (with --payoff-set, its picture); with --strategies or"
                     " --tournament use text or json");
  const std::string path = vm.count("game") ? vm["game"].as<std::string>() : "";
  refuse_output_onto_input(output.out, "--out", {path});
  refuse_output_onto_input(history_path, "--history", {path, output.out});
  const LoadedGame loaded = load_game(path, scenario_options, false);
  const NormalFormGame& game = loaded.game();

  RepeatedGameSpec spec;
  const bool sustainability = !payoff_set && tournament.empty() && strategies.empty();
  const bool scenario_block = loaded.scenario && loaded.scenario->repeated.present && targets.empty();
  if (scenario_block) {
    // Sustainability is the scenario analysis's repeated part (below), which
    // builds the spec itself.
    if (!sustainability) spec = build_repeated_spec(*loaded.scenario, *loaded.built).spec;
  } else {
    if (targets.empty())
      throw UsageError("--target A;B;... (one action label per player) is needed: the game has no `repeated` block");
    const std::vector<std::string> labels = target_labels(targets, game.num_players());
    spec.stage = game;
    for (std::size_t p = 0; p < labels.size(); ++p) spec.target.push_back(find_action(game, p, labels[p]));
  }
  if (vm.count("delta")) {
    spec.discount = delta;
    spec.discount_parameter.clear();
  }
  if (vm.count("rounds")) spec.rounds = rounds;
  if (vm.count("continuation")) spec.continuation = continuation;
  // Every mode but the tournament (which plays `rounds` rounds) values the
  // infinite stream, so it needs delta < 1; a scenario may say 1 for a
  // finite horizon. Say so instead of failing inside the analysis.
  if (!(scenario_block && sustainability) && tournament.empty() && !(spec.discount < 1))
    throw UsageError("this analysis needs a discount factor below 1 (the game's is " + format_number(spec.discount, 6) +
                     "): give --delta D with 0 < D < 1");

  nlohmann::json json = {{"schema_version", kJsonSchemaVersion}};
  std::ostringstream text;
  std::vector<Point2> spe_payoff_set;  // drawn in the html/markdown report
  if (payoff_set) {
    if (game.num_players() != 2) throw UsageError("--payoff-set needs a 2-player stage game");
    try {
      PayoffSetOptions set_options;
      set_options.deadline = scenario_options.deadline;
      const PayoffSetResult set = abreu_sannikov(game, spec.discount, set_options);
      // An unconverged iterate is only an outer bound of the set: not reported.
      if (!set.converged)
        throw LimitError("the Abreu-Sannikov iteration did not converge in " + std::to_string(set.iterations) +
                         " iterations; the payoff set is not reported");
      text << "Pure-strategy subgame-perfect payoff set with public randomization at delta "
           << format_number(spec.discount, 6) << " (Abreu-Sannikov, " << set.iterations << " iterations"
           << (set.converged ? "" : ", not converged") << "):\n";
      nlohmann::json vertices = nlohmann::json::array();
      for (const Point2& v : set.vertices) {
        text << "  (" << format_number(v[0], 9) << ", " << format_number(v[1], 9) << ")\n";
        vertices.push_back(nlohmann::json::array({v[0], v[1]}));
      }
      json["payoff_set"] = {{"delta", spec.discount}, {"vertices", vertices}, {"converged", set.converged}};
      spe_payoff_set = set.vertices;
    } catch (const NoPureSpeError& e) {
      // A larger discount factor helps only if some feasible payoff gives
      // both players their pure minmax.
      throw InputError(path.empty() ? kDefaultScenarioName : path, 0, 0,
                       std::string("no pure-strategy subgame-perfect equilibrium: ") + e.what(),
                       feasible_above_pure_minmax(game)
                           ? "a larger --delta may help"
                           : "no discount factor helps: no feasible payoff gives both players their pure minmax");
    }
  } else if (!tournament.empty()) {
    if (game.num_players() != 2) throw UsageError("--tournament needs a 2-player stage game");
    std::vector<TournamentEntry> entries;
    for (const std::string& name : split_commas(tournament)) entries.push_back(library_entry(name));
    TournamentOptions options;
    options.rounds = spec.rounds ? spec.rounds : 200;
    options.continuation = spec.continuation;
    options.tremble = tremble;
    options.seed = seed;
    options.deadline = scenario_options.deadline;
    const TournamentResult result = run_tournament(game, spec.target, entries, options);
    text << "Round-robin tournament, " << options.rounds << " rounds per match:\n";
    nlohmann::json scores = nlohmann::json::array();
    for (std::size_t rank = 0; rank < result.ranking.size(); ++rank) {
      const std::size_t i = result.ranking[rank];
      text << "  " << rank + 1 << ". " << result.names[i] << "  " << format_number(result.scores[i], 6) << "\n";
      scores.push_back({{"strategy", result.names[i]}, {"score", result.scores[i]}});
    }
    json["tournament"] = scores;
  } else if (!strategies.empty()) {
    const std::vector<std::string> ids = loaded.built ? loaded.built->player_ids : std::vector<std::string>{};
    const std::vector<Automaton> automata = parse_strategy_profile(strategies, game, spec.target, ids);
    SimulationOptions sim = simulation_options(spec);
    if (!spec.rounds && spec.continuation >= 1.0) sim.rounds = 100;
    sim.tremble = tremble;
    sim.runs = runs;
    sim.seed = seed;
    sim.deadline = scenario_options.deadline;
    const SimulationResult result = simulate(game, automata, sim);
    const OneShotResult check = check_one_shot_deviation(game, automata, spec.discount);
    text << "Simulation: " << result.runs << " runs, " << format_number(result.mean_rounds, 6)
         << " rounds on average, tremble " << format_number(tremble, 4) << ", seed " << seed << "\n";
    nlohmann::json players = nlohmann::json::array();
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      text << "  " << game.player_names[p] << ": mean discounted total " << format_number(result.mean_total[p], 6)
           << " +- " << format_number(result.ci_total[p], 3) << " (95%), per round "
           << format_number(result.mean_average[p], 6) << " +- " << format_number(result.ci_average[p], 3) << "\n";
      players.push_back({{"player", game.player_names[p]}, {"mean_total", result.mean_total[p]},
                         {"ci_total", result.ci_total[p]}, {"mean_average", result.mean_average[p]},
                         {"ci_average", result.ci_average[p]}});
    }
    text << "Equilibrium check at delta " << format_number(spec.discount, 6) << " (one-shot deviations, exact state values): "
         << (check.subgame_perfect ? "subgame perfect" : check.nash ? "Nash, not subgame perfect" : "not an equilibrium") << "\n";
    if (check.spe_deviation && check.spe_deviation->gain > 0)
      text << "  profitable deviation: " << game.player_names[check.spe_deviation->player] << " plays "
           << game.action_labels[check.spe_deviation->player][check.spe_deviation->action] << ", gaining "
           << format_number(check.spe_deviation->gain, 6) << " per round (normalised), "
           << (check.spe_deviation->on_path ? "on the path" : "after a deviation (off the path)") << "\n";
    json["simulation"] = {{"runs", result.runs}, {"mean_rounds", result.mean_rounds}, {"players", players}};
    json["check"] = {{"delta", spec.discount}, {"subgame_perfect", check.subgame_perfect}, {"nash", check.nash},
                     {"initial_values", check.initial_values}};
    if (!history_path.empty()) write_file_atomically(history_path, history_csv(game, result));
  }
  // The sustainability report: alone, or as the picture of the payoff set.
  if (sustainability || (payoff_set && is_document_format(output))) {
    if (!loaded.scenario || !loaded.built)
      throw UsageError(payoff_set ? "--format " + output.format + " --payoff-set needs a scenario (for a .nfg game use text or json)"
                                  : "for a .nfg game, give --strategies, --tournament or --payoff-set");
    RepeatedAnalysis analysis;
    if (scenario_block) {
      // The scenario analysis's repeated part, over the stage game loaded above.
      AnalysisOptions options;
      options.build = build_options(scenario_options);
      options.parts = AnalysisParts::none();
      options.parts.repeated = true;
      if (vm.count("delta")) options.repeated.discount = delta;
      if (vm.count("rounds")) options.repeated.rounds = rounds;
      if (vm.count("continuation")) options.repeated.continuation = continuation;
      analysis = std::move(*analyze_scenario(*loaded.scenario, *loaded.built, options).repeated);
    } else {
      analysis.spec.spec = spec;  // --target on a scenario without a repeated block
      analysis.sustainability = analyze_sustainability(spec, default_sustainability_strategies(), scenario_options.deadline);
    }
    if (is_document_format(output)) {
      emit_document(output, document_for(*loaded.scenario,
                                         {repeated_bottom_line(*loaded.scenario, *loaded.built, analysis),
                                          repeated_section(*loaded.scenario, *loaded.built, analysis, spe_payoff_set),
                                          scenario_section(*loaded.scenario, *loaded.built, scenario_options.sets)}));
      return kExitOk;
    }
    text << repeated_text(*loaded.scenario, *loaded.built, analysis, scenario_payoff_unit(*loaded.scenario));
    json["repeated"] = repeated_json(*loaded.built, analysis);
  }
  emit(output, output.format == "json" ? json.dump(2) + "\n" : text.str());
  return kExitOk;
}

}  // namespace negsim::cli
