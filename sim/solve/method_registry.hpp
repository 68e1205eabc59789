// The equilibrium methods of `negsim solve`, in one table.
//
// Contract
//  - method_registry() lists every method once, in the order of the docs:
//    its name (SolveOptions::method), a one-line summary, the games it
//    applies to, the options it reads, and what it guarantees. Everything
//    that names methods reads this table: solve() dispatches through it, the
//    CLI checks options against it and lists it in `negsim solve --help`, and
//    tests check that the method tables in docs/cli.md and docs/solvers/
//    are exactly method_table_markdown() and that every method keeps the
//    contract it claims (tests/sim/solve/method_conformance_test.cpp).
//  - An option a method does not read is a usage error
//    (require_options_apply), never silently ignored.
//  - A method's guarantee says how many equilibria it promises (every pure
//    one, every extreme one, some, exactly one) and whether --exact gives
//    rational ones. Result::complete may be true only when the guarantee is
//    "all" for that game (guarantee_for) and no limit cut the run.
//  - Methods that return a distribution rather than Nash equilibria (ce,
//    cce) are listed with solution == Solution::correlated and no `run`; the
//    CLI solves them with solve_correlated().
//
// Adding a method: one file pair in sim/solve/, one entry in
// method_registry.cpp, then the table in docs/cli.md (the docs test prints
// the expected text when it fails).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "models/game/normal_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"
#include "sim/solve/equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

// The options of `negsim solve` that only some methods read; each maps to a
// SolveOptions field (option_field).
// iterations and target are read by the extensive-form method cfr only.
enum class MethodOption { exact, label, all_labels, race, starts, seed, trace, objective, max_equilibria, iterations, target };
inline constexpr MethodOption kAllMethodOptions[] = {
    MethodOption::exact,  MethodOption::label, MethodOption::all_labels, MethodOption::race,
    MethodOption::starts, MethodOption::seed,  MethodOption::trace,      MethodOption::objective,
    MethodOption::max_equilibria, MethodOption::iterations, MethodOption::target};
// "--exact", "--label", ...
std::string_view option_flag(MethodOption option);
// The SolveOptions field it sets: "exact", "label", "all_labels", "label_race", ...
std::string_view option_field(MethodOption option);

// How many equilibria a method promises for a game.
enum class Coverage {
  all_pure,     // every pure equilibrium
  all_extreme,  // every extreme equilibrium (2 players; every equilibrium is a mix of them)
  unique,       // the game's only equilibrium when it finds one (dominance solvable), else none
  some,         // one or more, not necessarily all
  one,          // one answer, not necessarily the only one
};
std::string_view coverage_name(Coverage coverage);
// True for all_pure, all_extreme and unique: the method may report complete = true.
inline bool promises_all(Coverage coverage) {
  return coverage == Coverage::all_pure || coverage == Coverage::all_extreme || coverage == Coverage::unique;
}

enum class Arithmetic {
  floating,            // double precision, every result verified in double
  exact_verified,      // floating-point search, every equilibrium re-solved and verified exactly
  rational_if_exact,   // double by default; --exact gives rational equilibria (regret exactly 0)
};

enum class Solution { nash, correlated };

struct MethodInfo {
  std::string name;
  std::string summary;   // one line, for --help and the docs table
  Solution solution = Solution::nash;
  // Which games: players in [min_players, max_players] (0 = no maximum),
  // constant-sum only. Size: no method refuses a game for its size, but
  // `size_note` says how the cost grows.
  std::size_t min_players = 2;
  std::size_t max_players = 0;
  bool constant_sum_only = false;
  std::string size_note;
  std::vector<MethodOption> options;  // besides --time-limit, which every method honours
  // What it promises, in words for the docs ("all extreme equilibria"), and
  // per game (auto's promise depends on the game).
  std::string guarantee;
  std::function<Coverage(const NormalFormGame&)> guarantee_for;
  Arithmetic arithmetic = Arithmetic::floating;
  // Solves with a deadline already set in options (solve() does that); null
  // for Solution::correlated.
  std::function<SolveResult(const NormalFormGame&, const SolveOptions&)> run;

  bool reads(MethodOption option) const;
};

const std::vector<MethodInfo>& method_registry();

// The entry named `name`; UsageError for an unknown name (with a did-you-mean hint).
const MethodInfo& find_method(const std::string& name);

// Why `method` does not apply to `game` (players, constant-sum), or nullopt if it does.
std::optional<std::string> why_not_applicable(const MethodInfo& method, const NormalFormGame& game);

// UsageError naming the first option in `given` that `method` does not read,
// the method, and the options it does read.
void require_options_apply(const MethodInfo& method, const std::vector<MethodOption>& given);

// The methods table of docs/cli.md (markdown, one row per method) and the
// method list of `negsim solve --help` (plain text).
std::string method_table_markdown();
std::string method_help_text();

// ---- Extensive-form methods (game kind: extensive) ------------------------
// `negsim solve GAME.efg --method NAME` dispatches through this second table
// (the table above is for normal-form games and scenarios). Adding an
// extensive-form method: its file pair in sim/solve/, one entry in
// extensive_method_registry() (method_registry.cpp), its row in docs/cli.md
// (extensive_method_table_markdown()). Every run returns only verified
// behaviour profiles (sim/solve/behavior_equilibrium.hpp).
enum class GameKind { normal, extensive };

struct ExtensiveMethodInfo {
  std::string name;
  std::string summary;            // one line
  std::size_t min_players = 1;
  std::size_t max_players = 0;    // 0 = no maximum
  bool constant_sum_only = false;
  bool needs_perfect_recall = true;
  std::vector<MethodOption> options;  // besides --time-limit
  std::string guarantee;          // what it promises, in words
  std::function<ExtensiveSolveResult(const ExtensiveFormGame&, const SolveOptions&)> run;
  bool reads(MethodOption option) const;
};

const std::vector<ExtensiveMethodInfo>& extensive_method_registry();
// The entry named `name`; UsageError for an unknown name (did-you-mean hint).
const ExtensiveMethodInfo& find_extensive_method(const std::string& name);
// The method `--method auto` means for this game.
std::string default_extensive_method(const ExtensiveFormGame& game);
// Why `method` does not apply to `game` (players, perfect recall), or nullopt.
std::optional<std::string> why_not_applicable(const ExtensiveMethodInfo& method, const ExtensiveFormGame& game);
// The extensive-form methods table of docs/cli.md, the method list of
// `negsim solve --help` for .efg games, and the names (shell completion).
std::string extensive_method_table_markdown();
std::string extensive_method_help_text();
std::vector<std::string> extensive_method_names();

}  // namespace negsim
