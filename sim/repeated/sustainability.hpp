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
//
// Two punishments are reported: the common one (every deviation answered by
// the pure stage equilibrium with the lowest payoff sum, as grim-trigger
// does), and each deviator's own worst pure stage equilibrium (a deviation by
// i is answered by the stage equilibrium worst for i; still subgame perfect,
// since every punishment is a stage equilibrium played forever, and never
// needs a larger discount factor). For the latter the threshold of player i is
// (T_i - R_i) / (T_i - P_i^i) when T_i > R_i, 0 when i is not tempted, and
// "never" when P_i^i >= R_i < T_i; it is computed in exact rationals when the
// payoffs are short rationals (simple_rational) and reported as "p/q".
//
// best_deviation is each player's best stage alternative to its target action
// (the largest one-shot payoff, whether or not it beats the target), not the
// strategies' "defect" action (which, with no temptation, is the action that
// hurts the others most).
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
  std::optional<DeviationReport> nash_deviation;  // the deviation that breaks Nash, if any
};

// Nash reversion in which a deviation by player i is answered by the pure
// stage equilibrium worst for i.
struct OwnPunishment {
  PureProfile profile;           // empty when the stage game has no pure equilibrium
  double payoff = NAN;           // P_i^i
  double threshold = NAN;        // smallest delta where i's constraint holds; NaN: never
  std::string threshold_exact;   // "p/q" when the payoffs are short rationals
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
  bool reversion_is_equilibrium = false;  // false: no pure stage equilibrium (the defect actions)
  std::vector<double> critical_per_player;  // of Nash reversion
  double critical_discount = NAN;           // max over players
  std::string critical_discount_exact;      // "p/q" when confirmed exactly
  std::size_t binding_player = 0;           // whose constraint sets it
  std::vector<bool> tempted;                // T_i > R_i
  // Nash reversion to each deviator's own worst stage equilibrium.
  std::vector<OwnPunishment> own_punishment;
  double own_punishment_threshold = NAN;    // max over players; NaN: never or no pure equilibrium
  std::string own_punishment_threshold_exact;
  std::size_t own_punishment_binding_player = 0;
  std::vector<StrategyVerdict> strategies;
};

// Whether some feasible payoff (a lottery over pure profiles) gives every
// player at least its pure minmax, for 2-player games (true for more players:
// not decided). When false, no pure-strategy subgame-perfect equilibrium
// exists at any discount factor (each player can always secure its pure
// minmax), so "try a larger discount factor" cannot help. O(profiles^2).
bool feasible_above_pure_minmax(const NormalFormGame& game);

// Default candidates: grim-trigger, tit-for-tat, k-round-punishment, contrite-tft,
// win-stay-lose-shift, generous-tft, tit-for-two-tats.
std::vector<std::string> default_sustainability_strategies();

// with_minmax = false skips the minmax values (one LP search per player, most
// of the time on 3+ players): `minmax` is left empty and individually_rational
// false. For callers that read only the reversion thresholds (tipping points).
SustainabilityReport analyze_sustainability(const RepeatedGameSpec& spec,
                                            const std::vector<std::string>& strategies =
                                                default_sustainability_strategies(),
                                            const Deadline& deadline = Deadline{},  // LimitError when it passes
                                            bool with_minmax = true);

// Whether the target is self-enforcing at the spec's discount factor, and the
// smallest discount factor from which it is (NaN: at none): the smaller of
// the two reversions' thresholds, the common one only when its punishment is
// a stage equilibrium.
bool target_self_enforcing(const SustainabilityReport& report);
double self_enforcing_from(const SustainabilityReport& report);
// target_self_enforcing(analyze_sustainability(spec, {}, deadline, false)),
// the same answer for less: the own-punishment threshold (closed form) is
// computed first, and the common reversion's automata only when it does not
// settle the verdict (the discount is below it, or it does not exist while
// the common punishment is an equilibrium). For callers that read only the
// verdict (tipping points).
bool target_self_enforcing(const RepeatedGameSpec& spec, const Deadline& deadline = Deadline{});

}  // namespace negsim
