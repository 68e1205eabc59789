// The parts of solve, validate and export that take a Gambit .efg game
// (extensive form). The commands call these when the GAME argument is an
// .efg file (models/io/game_file_kind.hpp).
#pragma once

#include <string>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim::cli {

bool is_efg_path(const std::string& path);

// negsim solve GAME.efg: the method from the extensive-form registry
// ("auto" -> default_extensive_method), options checked against it, results
// verified, printed as text, json or gambit NE lines.
int solve_efg(const std::string& path, SolveOptions options, const OutputOptions& output,
              const std::vector<MethodOption>& given, const ScenarioOptions& scenario_options);

// The same on a game already built (a scenario's sequence tree: cmd_solve.cpp);
// options.deadline is the caller's. model_note (optional) says what model of
// a scenario was solved: a first text line "Solved as ...", JSON "model".
int solve_extensive_game(const ExtensiveFormGame& game, SolveOptions options, const OutputOptions& output,
                         const std::vector<MethodOption>& given, const std::string& model_note = "");

// negsim run GAME.efg: the extensive-form analysis
// (sim/analysis/extensive_analysis.hpp), text or json. --set, --select and
// --sensitivity are for scenarios (UsageError).
int run_efg(const std::string& path, const OutputOptions& output, const ScenarioOptions& scenario_options);

// negsim validate GAME.efg: reads the game completely and prints its size,
// and whether it has perfect recall (naming the failing information set).
int validate_efg(const std::string& path);

// negsim export: an .efg game to its reduced normal form (.nfg) or to .efg
// again (normalised); a .nfg game to .efg (simultaneous moves).
void export_efg_game(const std::string& path, const std::string& nfg_out, const std::string& efg_out);

}  // namespace negsim::cli
