#include "sim/cli/efg_commands.hpp"

#include <iostream>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/io/nfg.hpp"
#include "sim/analysis/extensive_analysis.hpp"
#include "sim/report/extensive_analysis_report.hpp"
#include "sim/report/behavior_report.hpp"
#include "sim/report/text_escape.hpp"

namespace negsim::cli {

bool is_efg_path(const std::string& path) { return !path.empty() && game_file_kind(path) == GameFileKind::Efg; }

int solve_efg(const std::string& path, SolveOptions options, const OutputOptions& output,
              const std::vector<MethodOption>& given, const ScenarioOptions& scenario_options) {
  if (!scenario_options.sets.empty()) throw UsageError("--set applies to scenarios, not to .efg files");
  check_format(output, {"text", "json", "gambit"});
  const ExtensiveFormGame game = read_efg_file(path);
  options.deadline = scenario_options.deadline;
  return solve_extensive_game(game, options, output, given);
}

int solve_extensive_game(const ExtensiveFormGame& game, SolveOptions options, const OutputOptions& output,
                         const std::vector<MethodOption>& given, const std::string& model_note) {
  check_format(output, {"text", "json", "gambit"});
  const std::string name = options.method == "auto" ? default_extensive_method(game) : options.method;
  const ExtensiveMethodInfo& method = find_extensive_method(name);
  for (MethodOption option : given)
    if (!method.reads(option))
      throw UsageError(std::string(option_flag(option)) + " does not apply to --method " + method.name +
                       " on an extensive-form game");
  if (const auto why = why_not_applicable(method, game)) {
    if (method.needs_perfect_recall && !game.has_perfect_recall())
      game.require_perfect_recall("--method " + method.name);  // InputError naming the set
    throw UsageError(*why);
  }
  options.method = name;
  const ExtensiveSolveResult result = method.run(game, options);
  require_verified(game, result, options.rel_tol);  // nothing unverified is printed
  if (output.format == "gambit") {
    emit(output, behavior_gambit_report(game, result));
  } else if (output.format == "json") {
    nlohmann::json j = behavior_result_json(game, result);
    if (!model_note.empty()) j["model"] = model_note;
    emit(output, j.dump(2) + "\n");
  } else {
    emit(output, (model_note.empty() ? std::string() : "Solved as " + model_note + "\n") +
                     behavior_text_report(game, result));
  }
  return kExitOk;
}

int run_efg(const std::string& path, const OutputOptions& output, const ScenarioOptions& scenario_options) {
  if (!scenario_options.sets.empty()) throw UsageError("--set applies to scenarios, not to .efg files");
  if (output.format != "text" && output.format != "json")
    throw UsageError("--format " + output.format + " is for scenarios; negsim run GAME.efg writes text or json");
  const ExtensiveFormGame game = read_efg_file(path);
  SolveOptions options;
  options.deadline = scenario_options.deadline;
  const ExtensiveAnalysis analysis = analyze_extensive_game(game, options);
  if (output.format == "json")
    emit(output, extensive_analysis_json(game, analysis).dump(2) + "\n");
  else
    emit(output, extensive_analysis_text(game, analysis));
  // Nothing found and a limit in the way: the report says which, the exit code too.
  bool found = false, limited = false;
  for (const ExtensiveAnalysisPart& part : analysis.parts) {
    found = found || part.result.has_value();
    limited = limited || part.limit;
  }
  return !found && limited ? kExitLimit : kExitOk;
}

int validate_efg(const std::string& path) {
  const ExtensiveFormGame game = read_efg_file(path);
  std::cout << text_line(path) << ": ok: Gambit .efg game";
  if (!game.title.empty()) std::cout << " \"" << text_line(game.title) << "\"";
  std::cout << ", " << game.num_players() << " players, " << game.num_nodes() << " nodes ("
            << game.terminals().size() << " terminal), information sets";
  for (std::size_t p = 0; p < game.num_players(); ++p)
    std::cout << (p ? " + " : " ") << game.player_infosets(p).size();
  std::cout << " (+ " << game.chance_infosets().size() << " chance)";
  if (game.has_perfect_recall()) {
    std::cout << ", perfect recall\n";
  } else {
    std::cout << "\n" << text_line(path) << ": note: imperfect recall: " << text_line(game.recall_problem()->message)
              << "\n  (the game is read and exported; solvers on behaviour strategies refuse it, as Gambit's do)\n";
  }
  return kExitOk;
}

void export_efg_game(const std::string& path, const std::string& nfg_out, const std::string& efg_out) {
  if (is_efg_path(path)) {
    const ExtensiveFormGame game = read_efg_file(path);
    if (!nfg_out.empty()) {
      const NormalFormGame nf = game.reduced_normal_form();
      write_nfg_file(nfg_out, nf);
      std::cerr << "negsim: wrote " << nfg_out << " (reduced normal form, " << nf.num_profiles() << " profiles)\n";
    }
    if (!efg_out.empty()) {
      write_efg_file(efg_out, game);
      std::cerr << "negsim: wrote " << efg_out << " (" << game.num_nodes() << " nodes)\n";
    }
    return;
  }
  throw std::logic_error("export_efg_game: not an .efg file");
}

}  // namespace negsim::cli
