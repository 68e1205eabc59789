// The analysis of a Gambit .efg game for `negsim run GAME.efg`: what a game
// theorist asks of a tree first, each answer from the method registered for
// it (sim/solve/method_registry.hpp, extensive_method_registry) and verified
// there, so `run` and `solve --method NAME` print the same equilibria.
//
// Contract
//  - The game must have perfect recall (every method on behaviour strategies
//    needs it): otherwise InputError naming the failing information set
//    (ExtensiveFormGame::require_perfect_recall), as `solve` does.
//  - Parts, in order, each only where it applies (why_not_applicable):
//      pure      every pure Nash equilibrium (strategic form, as gambit-enumpure)
//      pure-spe  every pure subgame-perfect equilibrium
//      lcp       two players: one equilibrium by Lemke on the sequence form (as gambit-lcp)
//      qpe       two players: a quasi-perfect equilibrium, its own consistent beliefs
//      lp        two players, constant sum: the value and optimal strategies
//      logit     three or more players: the agent logit QRE limit
//      cfr       three or more players: the CFR+ average, an epsilon-equilibrium
//                with its verified exploitability
//    A part that is not applicable says why (skipped); a part that hits a
//    limit (LimitError: too many profiles, the deadline, no verified limit)
//    says so and the others still run. Every result passed require_verified.
//  - Every equilibrium is reported with a belief at every information set:
//    Bayes on the path, off it the limit of uniform trembles
//    (sim/solve/tremble_beliefs.hpp; qpe: its own), as `solve` reports it.
//  - Deadline: options.deadline bounds every part; without one, logit and
//    cfr get kRunIterativeSeconds each (cfr then reports the average reached;
//    logit reports that it stopped, as any limit).
// Complexity: the methods' own (see their headers); pure enumeration is
// refused before any work beyond its profile limit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"
#include "sim/solve/solve_options.hpp"

namespace negsim {

struct ExtensiveAnalysisPart {
  std::string method;                          // the registry name ("pure", "lcp", ...)
  std::string summary;                         // the registry's one-line summary
  std::optional<ExtensiveSolveResult> result;  // verified; nullopt when skipped
  std::string skipped;                         // why not (not applicable, or the limit hit)
  bool limit = false;                          // skipped because a limit was hit
};

struct ExtensiveAnalysis {
  std::vector<ExtensiveAnalysisPart> parts;
};

inline constexpr double kRunIterativeSeconds = 10;

// The methods `run` tries, in order (the list above).
const std::vector<std::string>& extensive_analysis_methods();

ExtensiveAnalysis analyze_extensive_game(const ExtensiveFormGame& game, const SolveOptions& options = {});

}  // namespace negsim
