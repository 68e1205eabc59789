// From a scenario's `repeated:` block to a RepeatedGameSpec over the scenario's
// stage game (models/scenario/builder.hpp).
//
//   repeated:
//     discount: delta            # a number in (0, 1] or a parameter id
//     target: {us.tariff: 0, china.farm: resume, bytedance.divest: joint_venture}
//     rounds: 200                # optional: fixed horizon (or the cap of a geometric end)
//     continuation: 0.95         # optional: probability of another round (number or parameter)
//     strategies: {us: grim-trigger, china: tit-for-tat}   # optional defaults per player
//
// Contract
//  - target: PLAYER.LEVER -> value (a label, or a number of a numeric lever).
//    Levers the target does not name are completed jointly: among feasible
//    profiles that agree with every named lever, the one with the highest sum of
//    payoffs (lowest profile index on ties). `completed` says what was chosen.
//  - discount / continuation: a number or a parameter id (its current value,
//    after --set overrides); discount in (0, 1], continuation in (0, 1];
//    discount 1 needs rounds.
//  - The loader reads the block (Scenario::repeated, block_readers.hpp) and
//    reports its structural errors at file:line:col, with did-you-mean hints
//    for players, levers, values, parameters and keys; unknown and repeated
//    keys in the block, `target` and `strategies` are reported like everywhere
//    else in the file (models/scenario/yaml_fields.hpp). The builder checks
//    what depends on parameter values (discount and continuation ranges, a
//    discount of 1 without rounds) and the game (a target the constraints
//    exclude), at the value's file:line:col.
//  - Strategy specs are kept as written; the loader checks their names against
//    the library's (models/game/strategy_names.hpp), with did-you-mean.
#pragma once

#include <string>
#include <vector>

#include "models/game/repeated.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

struct RepeatedScenarioSpec {
  RepeatedGameSpec spec;
  std::vector<std::string> completed;   // e.g. "us.chips=hold (not named in the target; ...)"
  std::vector<std::string> strategies;  // per player; "" when not given
};

// Throws InputError if the scenario has no `repeated:` block or the block is invalid.
RepeatedScenarioSpec build_repeated_spec(const Scenario& scenario, const ScenarioGame& built);

}  // namespace negsim
