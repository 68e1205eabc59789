// The loader's readers of the incomplete-information blocks: `types:` and
// `sequence:` YAML -> TypesBlock and SequenceBlock (scenario.hpp). Format and
// examples: docs/scenario.md ("Types", "Sequences").
//
// Contract
//  - Called by the loader after players and parameters (types before the
//    sequence, which may observe them). Structure is checked completely here,
//    at the offending node's file:line:col with did-you-mean hints: unknown,
//    repeated or missing keys; a player with types given both as a prior and
//    in `joint`; type labels that are not names or repeat; a typed player with
//    a lever called `type` (payoffs read the type as `PLAYER.type`); a player
//    called `chance` when the sequence has chance events (expressions read
//    them as `chance.EVENT`); unknown players, levers, lever values, chance
//    events in `observes`, `fixed` and `threat`; a lever set twice in a round.
//  - Probabilities, payoffs and `stop_when` stay ExpressionText: the builders
//    compile them (after --set) and check ranges (priors in [0, 1] summing to
//    1, rounds a whole number, discount in (0, 1]).
// Complexity: linear in the size of the block.
#pragma once

#include <yaml-cpp/yaml.h>

#include "models/scenario/block_readers.hpp"
#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

TypesBlock read_types_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml,
                            const ExpressionMaker& expression);

// `scenario` must have its players, parameters and types read.
SequenceBlock read_sequence_block(const YAML::Node& node, const Scenario& scenario, const YamlFields& yaml,
                                  const ExpressionMaker& expression);

}  // namespace negsim
