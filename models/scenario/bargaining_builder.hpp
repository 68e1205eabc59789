// From a scenario's `bargaining:` block to a BargainingProblem
// (schema: docs/solvers/sequential_bargaining.md, "Scenario blocks").
//
// Contract
//  - The deal space is the product of the issue values (first issue slowest,
//    like levers), less the deals a constraint rejects; each deal is labelled
//    `issue=value,...`. Issue values are numbers or labels, like lever values.
//  - Utilities are expressions over parameters and `deal.<issue>` (compiled by
//    the scenario expression compiler with a pseudo-player `deal` whose levers
//    are the issues). Discounts, deadline, disagreement, outside options and
//    the extension cost are expressions over parameters only.
//  - Bargaining players are listed in `players` (default: every scenario
//    player in file order); the problem's player p is scenario player
//    scenario_players[p].
//  - `disagreement: stage-equilibrium` sets disagreement_from_stage_equilibrium
//    and leaves the disagreement at 0: models/ cannot solve games, so the
//    caller fills it (sim/bargain/scenario_bargaining.hpp does).
//  - The loader reads the block (Scenario::bargaining, block_readers.hpp) and
//    reports its structural problems at file:line:col with did-you-mean hints
//    for names: unknown or repeated key, unknown or repeated player, a
//    bargaining player without a utility, a missing key, a value of the wrong
//    kind. The builder compiles the expressions (their errors at the exact
//    character) and checks the values, which --set may change: an empty deal
//    space, a discount outside (0, 1], a deadline that is not an integer >= 1,
//    an infinite horizon with every discount 1, a non-finite value. More than
//    max_deals issue combinations is a LimitError (checked before
//    enumerating).
// Complexity: O(combinations * (constraints + players) * expression size).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/game/bargaining.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

struct BargainingBuildOptions {
  std::uint64_t max_deals = 1'000'000;
};

struct ScenarioBargaining {
  BargainingProblem problem;                   // players in bargaining order
  std::vector<std::string> player_ids;         // bargaining player -> scenario id
  std::vector<std::size_t> scenario_players;   // bargaining player -> scenario player index
  std::vector<std::string> issue_ids;
  std::vector<std::vector<std::string>> issue_labels;  // issue -> printed values
  std::vector<std::vector<std::size_t>> deal_issues;   // deal -> value index of each issue
  bool disagreement_from_stage_equilibrium = false;
  std::vector<double> nash_weights;            // `nash_weights`, default 1 each
  SourcePos pos;               // the block
  SourcePos disagreement_pos;  // for errors when resolving the stage equilibrium
};

// Throws InputError if the scenario has no bargaining block.
ScenarioBargaining build_bargaining(const Scenario& scenario, const BargainingBuildOptions& options = {});

}  // namespace negsim
