// "Is the deal sustainable?": one call that answers the repeated-game question
// for a spec (stage game, target profile, discount): the stage temptations,
// the individually rational check, the critical discount factor of Nash
// reversion, and, for each candidate strategy used by every player, the
// discount intervals where that profile is subgame perfect / Nash and the
// profitable deviation at the spec's discount if there is one.
//
// Nash reversion (grim trigger to the stage equilibrium P) sustains the target
// iff delta >= max_i (T_i - R_i) / (T_i - P_i) (Friedman 1971), T_i the best
// one-shot deviation payoff, R_i the target payoff; the binding deviation is
// the player and action attaining that max. Computed exactly by
// critical_discount on the automata, not by the formula.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/repeated.hpp"
#include "sim/repeated/critical_discount.hpp"
#include "sim/repeated/one_shot_deviation.hpp"

namespace negsim {

struct StrategyVerdict {
  std::string strategy;  // spec given to make_strategy_from_spec, same for every player
  bool subgame_perfect = false, nash = false;  // at the spec's discount
  double spe_threshold = NAN, nash_threshold = NAN;
  std::vector<DiscountInterval> spe_intervals, nash_intervals;
  std::vector<double> values;                     // normalised, at the discount
  std::optional<DeviationReport> deviation;       // most profitable one-shot deviation (SPE check)
};

struct SustainabilityReport {
  double discount = 0;
  std::vector<double> target_payoffs;     // R_i
  std::vector<std::size_t> best_deviation;  // each player's best stage deviation from the target
  std::vector<double> deviation_payoffs;  // T_i
  std::vector<double> reversion_payoffs;  // P_i under the default reversion profile
  PureProfile reversion_profile;
  std::vector<double> minmax;             // mixed minmax (bounds for N >= 3: the upper one)
  bool individually_rational = false;     // R_i >= minmax_i for all i
  std::vector<double> critical_per_player;  // of Nash reversion
  double critical_discount = NAN;           // max over players
  std::size_t binding_player = 0;           // whose constraint sets it
  std::vector<StrategyVerdict> strategies;
};

// Default candidates: grim-trigger, tit-for-tat, k-round-punishment, contrite-tft,
// win-stay-lose-shift, generous-tft, tit-for-two-tats.
std::vector<std::string> default_sustainability_strategies();

SustainabilityReport analyze_sustainability(const RepeatedGameSpec& spec,
                                            const std::vector<std::string>& strategies =
                                                default_sustainability_strategies(),
                                            const Deadline& deadline = Deadline{});  // LimitError when it passes

}  // namespace negsim
