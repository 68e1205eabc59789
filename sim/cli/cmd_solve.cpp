#include <iostream>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "models/io/atomic_file.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/efg_commands.hpp"
#include "sim/cli/option_ranges.hpp"
#include "sim/analysis/extensive_analysis.hpp"  // kRunIterativeSeconds
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/type_agent_builder.hpp"
#include "sim/report/scenario_document.hpp"
#include "sim/report/solve_document.hpp"
#include "sim/report/solve_report.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/dominance.hpp"
#include "sim/solve/equilibrium_cap.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/solve.hpp"

namespace negsim::cli {

namespace {

// The method options given on the command line (switches count only when set).
std::vector<MethodOption> given_method_options(const po::variables_map& vm) {
  std::vector<MethodOption> given;
  for (MethodOption option : kAllMethodOptions) {
    const std::string name(option_flag(option).substr(2));
    if (vm.count(name) && !vm[name].defaulted()) given.push_back(option);
  }
  return given;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// Every method of `registry` that applies to `game`, as "a, b, c".
template <class Registry, class Game>
std::string applicable_methods(const Registry& registry, const Game& game) {
  std::string list;
  for (const auto& m : registry)
    if (m.name != "auto" && !why_not_applicable(m, game)) list += (list.empty() ? "" : ", ") + m.name;
  return list;
}

// The method named on the command line must be one of `registry`'s and apply
// to `game` (the model a scenario is solved as): else a usage error listing
// the ones that do.
template <class Registry, class Game>
void require_method_for_model(const std::string& method, const Registry& registry, const Game& game,
                              const std::string& model) {
  if (method == "auto") return;
  for (const auto& m : registry)
    if (m.name == method) {
      if (const auto why = why_not_applicable(m, game))
        throw UsageError(*why + "\n  this scenario is solved as " + model + "; the methods for it are " +
                         applicable_methods(registry, game) + "\n  hint: --prior-averaged solves the stage game with the types averaged out");
      return;
    }
  throw UsageError("--method " + method + " does not apply to this scenario, solved as " + model +
                   "\n  the methods for it are " + applicable_methods(registry, game) +
                   "\n  hint: --prior-averaged solves the stage game with the types averaged out");
}

// What the players of a type-agent game are: {kind, agents: [{name, player,
// type (null for an untyped player), probability (the type's prior)}]}.
nlohmann::json type_agent_json(const TypeAgentGame& g, const Scenario& scenario) {
  nlohmann::json agents = nlohmann::json::array();
  for (std::size_t k = 0; k < g.agents.size(); ++k) {
    const TypeAgent& a = g.agents[k];
    const std::vector<std::string>& labels = g.prior.labels[a.player];
    agents.push_back({{"name", g.game.player_names[k]},
                      {"player", scenario.players[a.player].id},
                      {"type", labels.empty() ? nlohmann::json(nullptr) : nlohmann::json(labels[a.type])},
                      {"probability", a.probability}});
  }
  return {{"kind", "type_agent"},
          {"note", "one agent per player and type, payoffs interim expected: the equilibria are the Bayesian Nash equilibria"},
          {"agents", agents}};
}

}  // namespace

int command_solve(const Args& args) {
  const std::string usage = "usage: negsim solve GAME [--method METHOD] [--format text|json|gambit|html|markdown] [--exact] ...\n"
                            "GAME is a Gambit .nfg or .efg file or a scenario (YAML).";
  ScenarioOptions scenario_options;
  OutputOptions output;
  SolveOptions solve_options;
  std::string objective;
  bool prior_averaged = false;
  po::options_description named("solve options");
  add_output_options(named, output, "text|json|gambit|html|markdown (gambit: NE,... lines as Gambit prints them)");
  add_scenario_options(named, scenario_options);
  named.add_options()
      ("method", po::value(&solve_options.method)->value_name("METHOD"), "equilibrium method (listed below); default auto")
      ("exact", po::bool_switch(&solve_options.exact), "exact rational arithmetic (2-player lh and enum)")
      ("label", count_value(solve_options.label, "label", 1, 1000000)->value_name("K"), "Lemke-Howson starting label, 1..m+n (default 1)")
      ("all-labels", po::bool_switch(&solve_options.all_labels), "Lemke-Howson from every label, distinct results merged")
      ("race", po::bool_switch(&solve_options.label_race), "Lemke-Howson: race the paths of up to 32 labels, 32 pivots a turn, and report the first that ends")
      ("starts", count_value(solve_options.starts, "starts", 1, kMaxStarts)->value_name("K"), "N-player methods: number of starts (default 1)")
      ("seed", count_value(solve_options.seed, "seed", 0, kMaxSeed)->value_name("S"), "seed for random starts (default 0)")
      ("trace", po::bool_switch(&solve_options.trace), "logit: print the whole branch")
      ("objective", po::value(&solve_options.objective)->value_name("OBJ"), "ce/cce: any|welfare|player:NAME (default any)")
      ("max-equilibria", count_value(solve_options.max_equilibria, "max-equilibria", 1, kMaxEquilibriaOption)->value_name("N"), "stop listing after N equilibria (default 10000)")
      ("iterations", count_value(solve_options.iterations, "iterations", 1, kMaxIterationsOption)->value_name("N"), "cfr (.efg): at most N iterations (default 10^6)")
      ("target", real_value(solve_options.target, "target", kTargetExploitabilityRange)->value_name("EPS"), "cfr (.efg): stop when no player gains more than EPS of its payoff range (default 1e-6)")
      ("prior-averaged", po::bool_switch(&prior_averaged), "a scenario with types: solve the stage game with the types averaged out by the prior (default: the type-agent form, or the tree with a sequence)");
  po::variables_map vm;
  if (!parse_command_line(args, usage, named, {"game"}, vm)) {
    std::cout << method_help_text() << extensive_method_help_text();  // after --help's option list
    return kExitOk;
  }
  // An .efg game: the extensive-form methods (their own registry table).
  if (vm.count("game") && is_efg_path(vm["game"].as<std::string>())) {
    refuse_output_onto_input(output.out, "--out", {vm["game"].as<std::string>()});
    return solve_efg(vm["game"].as<std::string>(), solve_options, output, given_method_options(vm), scenario_options);
  }
  // A scenario with a `sequence:` block is solved as its tree, as an .efg
  // game; one with `types:` and no sequence as its type-agent normal form
  // (its equilibria are the Bayesian Nash equilibria). --prior-averaged keeps
  // the stage game with the types averaged out.
  std::optional<TypeAgentGame> type_agents;
  std::optional<Scenario> typed_scenario;
  if (vm.count("game") && !looks_like_nfg(vm["game"].as<std::string>())) {
    const std::string path = vm["game"].as<std::string>();
    // A name no registry knows is a usage error before anything is read.
    bool known = solve_options.method == "auto";
    for (const ExtensiveMethodInfo& m : extensive_method_registry()) known = known || m.name == solve_options.method;
    if (!known) find_method(solve_options.method);  // throws, with the closest name
    Scenario scenario = load_scenario(path, scenario_options);
    if (prior_averaged && !scenario.types.present)
      throw UsageError("--prior-averaged applies to scenarios with types (this one has none)");
    if (!prior_averaged && scenario.sequence.present) {
      refuse_output_onto_input(output.out, "--out", {path});
      solve_options.deadline = scenario_options.deadline;
      SequenceBuildOptions tree_options;
      tree_options.build = build_options(scenario_options);
      const ScenarioExtensiveForm efg =
          build_scenario_extensive_form(scenario, tree_options, scenario.title.empty() ? scenario.id : scenario.title);
      require_method_for_model(solve_options.method, extensive_method_registry(), efg.game,
                               "its sequence tree (types and chance as moves, information sets as observed)");
      const std::string model = "the scenario's sequence tree (types drawn by chance, each mover knowing what it observes)";
      if (solve_options.method != "auto")
        return solve_extensive_game(efg.game, solve_options, output, given_method_options(vm), model);
      // auto: every pure equilibrium when the enumeration fits its limit, else
      // one equilibrium by lcp (two players) or CFR+ (more; within run's budget
      // unless --time-limit gives one), as `run GAME.efg` would.
      try {
        return solve_extensive_game(efg.game, solve_options, output, given_method_options(vm), model);
      } catch (const LimitError& e) {
        if (solve_options.deadline.expired()) throw;
        solve_options.method = efg.game.num_players() == 2 ? "lcp" : "cfr";
        if (solve_options.method == "cfr" && solve_options.deadline.unlimited())
          solve_options.deadline = Deadline::after_seconds(kRunIterativeSeconds);
        std::cerr << "negsim: --method auto: pure enumeration is over its limit (" << first_line(e.what())
                  << "); solving with " << solve_options.method << "\n";
        return solve_extensive_game(efg.game, solve_options, output, given_method_options(vm), model);
      }
    }
    if (!prior_averaged && scenario.types.present) {
      type_agents = build_type_agent_game(scenario, build_options(scenario_options));
      require_method_for_model(solve_options.method, method_registry(), type_agents->game,
                               "its type-agent normal form (one agent per player and type)");
      typed_scenario = std::move(scenario);
    }
  } else if (prior_averaged) {
    throw UsageError("--prior-averaged applies to scenarios with types");
  }
  // The registry decides which options a method reads: any other is a usage
  // error naming the option and the method, before the game is loaded.
  const MethodInfo& method = find_method(solve_options.method);
  require_options_apply(method, given_method_options(vm));
  // Lemke-Howson runs from one label, every label, or a race: one of them.
  if (solve_options.all_labels && (vm.count("label") || solve_options.label_race))
    throw UsageError(std::string(vm.count("label") ? "--label" : "--race") +
                     " does not apply with --all-labels (which runs from every label)");
  if (!vm.count("game")) throw UsageError("solve needs a GAME (.nfg file or scenario)\n" + usage);
  check_format(output, {"text", "json", "gambit", "html", "markdown"});
  if (is_document_format(output) && (solve_options.trace || method.solution == Solution::correlated || solve_options.method == "dominance"))
    throw UsageError("--format " + output.format + " lists Nash equilibria; with --trace, ce, cce or dominance use text or json");
  refuse_output_onto_input(output.out, "--out", {vm["game"].as<std::string>()});
  if (vm.count("label")) {
    if (solve_options.label < 1) throw UsageError("--label counts from 1");
    solve_options.label -= 1;  // users count labels from 1, as Gambit does
  }
  solve_options.deadline = scenario_options.deadline;  // --time-limit: one budget for loading and solving
  LoadedGame loaded;
  if (type_agents) {
    loaded.scenario = std::move(typed_scenario);
    loaded.nfg = type_agents->game;
  } else {
    loaded = load_game(vm["game"].as<std::string>(), scenario_options, solve_options.exact);
  }
  const NormalFormGame& game = loaded.game();
  // The type-agent form says so first: its players are (player, type) agents.
  const std::string model_line = type_agents ? "Solved as the type-agent normal form: one agent per player and type, "
                                               "payoffs interim expected; its equilibria are the Bayesian Nash equilibria\n"
                                             : "";
  if (solve_options.trace) {
    // The logit branch itself (the registry lets only logit read --trace):
    // one line per point, lambda then the profile.
    std::vector<QrePoint> trace;
    const SolveResult result = logit_qre(game, solve_options, &trace);
    std::string text = "lambda";
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (const std::string& label : game.action_labels[p]) text += "," + game.player_names[p] + ":" + label;
    text += "\n";
    for (const QrePoint& point : trace) {
      text += format_number(point.lambda, 10);
      for (const auto& row : point.profile)
        for (double x : row) text += "," + format_number(x, 10);
      text += "\n";
    }
    for (const Equilibrium& eq : result.equilibria) text += gambit_line(eq) + "\n";
    if (result.limit_reached) {
      // The branch so far is a trace, not a claim; only verified equilibria get NE lines.
      text += "# incomplete: " + result.limit_reached->message + "\n";
      emit(output, text);
      if (result.limit_reached->kind == LimitKind::time)
        fail_after_partial_output(result.limit_reached->message, result.equilibria.size());
      return kExitOk;
    }
    emit(output, text);
    return kExitOk;
  }
  if (method.solution == Solution::correlated) {
    if (output.format == "gambit")
      throw UsageError("--format gambit lists Nash equilibria; ce/cce give a distribution (use text or json)");
    const CorrelatedEquilibrium ce = solve_correlated(game, solve_options);
    if (output.format == "json") {
      nlohmann::json j = {{"schema_version", kJsonSchemaVersion}, {"game", game_summary_json(game)},
                          {"method", solve_options.method}, {"objective", solve_options.objective},
                          {"equilibrium", correlated_json(game, ce)}};
      emit(output, j.dump(2) + "\n");
    } else {
      emit(output, correlated_text(game, ce));
    }
    return kExitOk;
  }
  if (solve_options.method == "dominance" && output.format != "gambit") {
    DominanceSolve d = solve_by_dominance(game, solve_options);
    apply_equilibrium_cap(d.result, solve_options.max_equilibria);
    if (output.format == "json") {
      nlohmann::json j = solve_result_json(game, d.result);
      j["dominance"] = dominance_json(game, d.elimination);
      emit(output, j.dump(2) + "\n");
    } else {
      emit(output, dominance_text(game, d.elimination) + "\n" + text_report(game, d.result));
    }
    return kExitOk;
  }
  const SolveResult result = solve(game, solve_options);
  if (is_document_format(output)) {
    ReportDocument doc = solve_document(game, result, vm["game"].as<std::string>());
    // A scenario's sources, parameters, players and levers.
    if (loaded.scenario && loaded.built) doc.sections.push_back(scenario_section(*loaded.scenario, *loaded.built, scenario_options.sets));
    emit_document(output, doc);
  }
  else if (output.format == "gambit") emit(output, gambit_report(result));
  else if (output.format == "json") {
    nlohmann::json j = solve_result_json(game, result);
    if (type_agents) j["model"] = type_agent_json(*type_agents, *loaded.scenario);
    emit(output, j.dump(2) + "\n");
  } else emit(output, model_line + text_report(game, result));
  // A time limit cut the search: the verified equilibria found so far are
  // printed, marked incomplete, and the exit code says so. (--max-equilibria
  // is the user's own cap: the output says it is cut, and the exit code is 0.)
  if (result.limit_reached && result.limit_reached->kind == LimitKind::time)
    fail_after_partial_output(result.limit_reached->message, result.equilibria.size());
  return kExitOk;
}

}  // namespace negsim::cli
