// Reports of extensive-form results: Gambit NE lines, text and JSON.
//
// Contract
//  - gambit lines: "NE," then the behaviour probabilities player by player,
//    information set by information set in canonical order (first appearance
//    in the .efg file), action by action, exactly like Gambit's tools, so
//    results diff against gambit-enumpure / gambit-lcp. Exact numbers when
//    the result is exact, else decimals; sets marked no_action print as 0s.
//  - JSON (schema_version as every negsim JSON): the game summary, the
//    method and what its equilibria are (form, form_note), and per
//    equilibrium: payoffs, each player's verified gain, behaviour by
//    information set (player, number, label, actions with probabilities,
//    whether it is reached, its reach probability, the beliefs over its
//    nodes at EVERY set (exact strings too for exact equilibria) and
//    belief_source: "bayes" on the path, "uniform_trembles" off it (then
//    "trembles": the fewest that reach the set), "solver" for the method's
//    own off-path beliefs (qpe), "zero_chance" where only zero-probability
//    chance reaches the set), and the outcomes on the equilibrium path with
//    their probabilities.
//  - Text: the same for people, information sets named by what the mover
//    knows (their labels) and the path spelled out; a header line says how
//    off-path beliefs were obtained.
// Computes nothing a solver should have: reach probabilities are
// ExtensiveFormGame::reach_probabilities, beliefs sim/solve/tremble_beliefs.hpp.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"

namespace negsim {

std::string behavior_gambit_line(const ExtensiveFormGame& game, const BehaviorEquilibrium& eq, int digits = 10);
std::string behavior_gambit_report(const ExtensiveFormGame& game, const ExtensiveSolveResult& result);
std::string behavior_text_report(const ExtensiveFormGame& game, const ExtensiveSolveResult& result);
nlohmann::json behavior_result_json(const ExtensiveFormGame& game, const ExtensiveSolveResult& result);
nlohmann::json extensive_game_summary_json(const ExtensiveFormGame& game);

}  // namespace negsim
