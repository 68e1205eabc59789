// A Bayesian game without sequence (a scenario with `types:`) as its
// type-agent normal form (Selten 1975; Harsanyi 1967-68; Myerson, Game Theory,
// 1991, section 2.8): every (player, type) of positive prior probability is
// an agent choosing one of the player's actions, so every normal-form method
// (pure enumeration, Lemke-Howson, vertex enumeration, logit, ...) finds the
// Bayesian Nash equilibria.
//
// Contract
//  - Agents are listed player by player, types in the file's order; agent
//    (p, t) has player p's actions (labels as in build_normal_form) and is
//    named "NAME (type)" (untyped players: "NAME").
//  - Agent (p, t)'s payoff at an agent profile is player p's INTERIM expected
//    payoff given type t: sum over type profiles tau with tau_p = t of
//    P(tau | t) u_p(a_{1,tau_1}, ..., a_{n,tau_n}; tau), where u(.; tau) is the
//    complete-information game at tau (build_normal_form with
//    BuildOptions::type_profile, so constraints and infeasible payoffs follow
//    the same rules). A profile of the agents is a Nash equilibrium of this
//    game iff it is a Bayesian Nash equilibrium (every type best-responds).
//  - per_type[k] is the complete-information game at prior.profiles[k] (for
//    "what if types were known" comparisons).
//  - Budget: BuildOptions::max_profiles bounds the agent profiles (LimitError
//    with the count); memory is estimated before allocating.
// Complexity: O(agent profiles * agents * type profiles) after building one
// game per type profile.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/type_prior.hpp"

namespace negsim {

struct TypeAgent {
  std::size_t player = 0;  // scenario player index
  std::size_t type = 0;    // type index (0 for untyped players)
  double probability = 1;  // the type's marginal prior probability
};

struct TypeAgentGame {
  NormalFormGame game;             // one player per agent
  std::vector<TypeAgent> agents;   // game player index -> (player, type)
  TypePrior prior;
  std::vector<ScenarioGame> per_type;  // complete-information game per prior.profiles entry

  // The agent index of (player, type), or npos if that type has probability 0.
  std::size_t agent(std::size_t player, std::size_t type) const;
};

// Throws InputError if the scenario has no `types:` block.
TypeAgentGame build_type_agent_game(const Scenario& scenario, const BuildOptions& options = {});

}  // namespace negsim
