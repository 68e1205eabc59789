// Writers for equilibrium results: text for people, JSON for programs
// (schema_version 2, documented in docs/cli.md), and Gambit's `NE,...` lines
// so results diff against Gambit's tools. Solvers return data; only this
// folder formats it.
#pragma once

#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/solve/equilibrium.hpp"

#include <nlohmann/json.hpp>

namespace negsim {

struct CorrelatedEquilibrium;
struct DominanceResult;

// 2: limit_reached became {kind, message}; paths and rejected_max_regrets added.
inline constexpr int kJsonSchemaVersion = 2;

// A probability or payoff for people: integers plainly, others to `digits`
// significant digits with trailing zeros trimmed.
std::string format_number(double value, int digits = 6);

// One `NE,...` line (no newline): exact rationals as p/q when the equilibrium
// carries them, else decimals (integers 0 and 1 printed plainly).
std::string gambit_line(const Equilibrium& eq, int digits = 10);
std::string gambit_report(const SolveResult& result, int digits = 10);

// A strategy in words: "hold" for a pure one, "hold 60%, tighten 40%" for a mix.
std::string describe_strategy(const NormalFormGame& game, std::size_t player,
                              const std::vector<double>& probs);

std::string text_report(const NormalFormGame& game, const SolveResult& result);

nlohmann::json game_summary_json(const NormalFormGame& game);
nlohmann::json equilibrium_json(const NormalFormGame& game, const Equilibrium& eq);
nlohmann::json path_json(const PathRecord& path);
nlohmann::json solve_result_json(const NormalFormGame& game, const SolveResult& result);

// Correlated and coarse correlated equilibria: the distribution over profiles.
std::string correlated_text(const NormalFormGame& game, const CorrelatedEquilibrium& ce);
nlohmann::json correlated_json(const NormalFormGame& game, const CorrelatedEquilibrium& ce);

// Iterated dominance: what was removed, in which round, by what.
std::string dominance_text(const NormalFormGame& game, const DominanceResult& elimination);
nlohmann::json dominance_json(const NormalFormGame& game, const DominanceResult& elimination);

}  // namespace negsim
