// Every Nash equilibrium in pure behaviour strategies of an extensive-form
// game, in one of two senses that Gambit users often mix up:
//
//  - Strategic form (the default, and what `gambit-enumpure` prints without
//    -A): pure strategy profiles of the REDUCED normal form from which no
//    player gains by switching to any other pure strategy (a whole plan of
//    moves). One result per reduced strategy profile; an information set that
//    the player's own strategy cannot reach has no action (written 0,...,0 in
//    Gambit's NE lines).
//  - Agent form (`gambit-enumpure -A`): pure behaviour profiles (an action at
//    EVERY information set) from which no single information set's "agent"
//    gains by switching its action alone. Every strategic-form equilibrium,
//    completed at its unreached sets by best responses, is one; the converse
//    fails (a player may gain only by changing several moves at once: see
//    badgame1.efg, "Agent Nash not Player Nash").
//
// Subgame-perfect refinement (Selten 1965): full pure behaviour profiles that
// are equilibria (in the chosen sense) of every subgame
// (ExtensiveFormGame::subgame_roots()). Results then give an action at every
// information set.
//
// Method: strategic form builds the reduced normal form (after its memory
// estimate) and runs the pure-Nash search of sim/solve/pure_nash.hpp on it;
// agent form and subgame perfection enumerate pure behaviour profiles. Every
// result is then checked by the independent verifier (behavior_verify.hpp)
// in exact arithmetic: Nash (strategic) or one-set deviations (agent), at the
// root and, for subgame perfection, at every subgame root. Pure profiles have
// no solver error, so the checks are exact comparisons (no tolerance).
//
// Complexity: strategic O(reduced profiles * nodes); agent and subgame-perfect
// O(pure behaviour profiles * (subgames + infosets * actions) * nodes).
// Limits: perfect recall required (InputError naming the information set);
// more than max_profiles profiles to enumerate is a LimitError (exit 3)
// before any work.
// References: Kuhn (1953); Selten (1965, 1975: the agent normal form);
// Gambit's enumpure (McKelvey, McLennan and Turocy).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/deadline.hpp"
#include "models/game/extensive_form.hpp"
#include "sim/solve/behavior_equilibrium.hpp"
#include "sim/solve/solve_options.hpp"
#include "sim/solve/behavior_verify.hpp"  // is_agent_form_equilibrium

namespace negsim {

enum class EfgEquilibriumForm { strategic, agent };

// "strategic-form" or "agent-form".
const char* efg_form_name(EfgEquilibriumForm form);
// One sentence for reports saying what the form means.
std::string efg_form_explanation(EfgEquilibriumForm form);

struct EfgPureOptions {
  EfgEquilibriumForm form = EfgEquilibriumForm::strategic;
  bool subgame_perfect = false;
  double max_profiles = 5e6;  // profiles to enumerate; above: LimitError
  Deadline deadline;          // checked every 256 profiles (LimitError when over)
};

struct EfgPureEquilibrium {
  // Action at each information set (global index, chance rows kNoIndex);
  // kNoIndex also where the owner's own strategy cannot reach the set
  // (strategic form without subgame perfection only).
  std::vector<std::size_t> actions;
  // The profile as probabilities: rows with an action are 0/1; rows without
  // are all 0 (Gambit's convention), chance rows hold the chance probabilities.
  ExactBehaviorProfile profile;
  std::vector<mpq_class> payoffs;
};

struct EfgPureResult {
  EfgEquilibriumForm form = EfgEquilibriumForm::strategic;
  bool subgame_perfect = false;  // every result is subgame perfect
  std::vector<EfgPureEquilibrium> equilibria;
  double profiles_enumerated = 0;
};

EfgPureResult efg_pure_equilibria(const ExtensiveFormGame& game, const EfgPureOptions& options = {});

// The registry's entry point: runs the enumeration with options.deadline,
// re-verifies every result (Nash at the root and, for subgame perfection, at
// every subgame root; agent form: one-set deviations), lists at most
// options.max_equilibria (then complete = false, note says so).
ExtensiveSolveResult solve_efg_pure(const ExtensiveFormGame& game, const SolveOptions& options,
                                    EfgEquilibriumForm form, bool subgame_perfect);

// A complete exact behaviour profile from `actions`: sets without an action
// (kNoIndex) get `fill` (0-based action) so that verifiers can evaluate it.
ExactBehaviorProfile completed_pure_behavior(const ExtensiveFormGame& game,
                                             const std::vector<std::size_t>& actions,
                                             std::size_t fill = 0);


}  // namespace negsim
