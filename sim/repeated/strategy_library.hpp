// A library of named repeated-game strategies, built as automata against a
// target profile: playing one's target action is "cooperating", anything else
// "defecting". All library automata except escalation-ladder and alternator
// transition on deviation masks (who left the target), so they work for any
// number of players and actions; "the others cooperated" means every other
// player played its target action.
//
// Names (aliases in parentheses); see strategy_catalog() for one-line docs:
//   always-target (cooperator, always-cooperate), always-defect (defector),
//   always-action, grim-trigger, grudger, tit-for-tat (tft), suspicious-tft,
//   generous-tft, contrite-tft, tit-for-two-tats, two-tits-for-tat,
//   win-stay-lose-shift (pavlov), k-round-punishment, escalation-ladder,
//   random, go-by-majority, alternator.
// References: Axelrod (1984) The Evolution of Cooperation; Nowak & Sigmund
// (1992, 1993) for generous TFT and Pavlov; Sugden (1986), Boyd (1989) for
// contrite TFT; Friedman (1971) for grim trigger (Nash reversion).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/game/normal_form.hpp"
#include "models/game/automaton.hpp"

namespace negsim {

struct StrategyOptions {
  std::optional<std::size_t> defect_action;    // default: default_defect_action()
  std::optional<PureProfile> punish_profile;   // grim-trigger reversion; default: default_punishment_profile()
  std::optional<std::size_t> action;           // always-action
  std::optional<double> probability;           // random: P(target) (0.5); generous-tft: forgiveness g (0.1)
  std::size_t k = 3;                           // k-round-punishment: rounds of punishment
  std::vector<std::size_t> ladder;             // escalation-ladder rungs, mildest first; default see .cpp
  std::size_t memory = 64;                     // go-by-majority: cap on the counted lead
};

struct StrategyInfo {
  std::string name;
  std::string description;
};

// The catalogue of library strategies (canonical names, in a stable order).
const std::vector<StrategyInfo>& strategy_catalog();

// The stage best response of `player` to the others at target; when that is the
// target itself (no temptation), the action that hurts the others most.
std::size_t default_defect_action(const NormalFormGame& game, std::size_t player,
                                  const PureProfile& target);

// The pure stage Nash equilibrium with the lowest payoff sum (the harshest
// credible reversion), or, when the stage game has no pure equilibrium, every
// player's default defect action.
PureProfile default_punishment_profile(const NormalFormGame& game, const PureProfile& target);

// Builds a library strategy for one seat. Throws UsageError (with a did-you-mean
// hint) for an unknown name, std::invalid_argument for bad options.
Automaton make_strategy(const std::string& name, const NormalFormGame& game, std::size_t player,
                        const PureProfile& target, const StrategyOptions& options = {});

// Parses "NAME[:KEY=VALUE]..." and builds the strategy. Keys: defect, action
// (action labels of this player), punish (labels per player joined by '/'),
// p and g (probabilities), k, memory, ladder (labels joined by '/').
// A NAME ending in .yaml/.yml is loaded as a user automaton (automaton_yaml.hpp).
Automaton make_strategy_from_spec(const std::string& spec, const NormalFormGame& game,
                                  std::size_t player, const PureProfile& target);

// Parses a --strategies argument: "NAME" for every player, or comma-separated
// "PLAYER=SPEC" assignments where PLAYER is an id from player_ids, a player
// name, or a 1-based number. Players not named get `fallback` (UsageError if
// fallback is empty). SPEC as in make_strategy_from_spec.
std::vector<Automaton> parse_strategy_profile(const std::string& arg, const NormalFormGame& game,
                                              const PureProfile& target,
                                              const std::vector<std::string>& player_ids = {},
                                              const std::string& fallback = "");

// The action of `player` whose label is `label`; UsageError with a hint if none.
std::size_t find_action(const NormalFormGame& game, std::size_t player, const std::string& label);

}  // namespace negsim
