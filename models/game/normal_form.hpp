// N-player normal-form (strategic) games with dense payoff storage.
//
// Contract
//  - Players are numbered 0..n-1; player p has num_actions(p) >= 1 actions.
//  - A pure profile is one action per player. Profiles are indexed in Gambit's
//    order: player 0's action changes fastest, so
//        index = sum_p action[p] * stride(p),  stride(0) = 1,
//        stride(p+1) = stride(p) * num_actions(p).
//  - Payoffs are stored player-major: payoff(p, index) lives at
//    payoffs()[p * num_profiles() + index]. Each player's payoff table is one
//    contiguous array, which is what the solvers stream over.
//  - Optional exact payoffs in the same layout, kept when a reader was asked
//    to and the game is small enough (see has_exact()): 64-bit fractions, GMP
//    rationals only where those do not fit (exact_payoff_table.hpp), or, for
//    payoffs that are all short decimals, nothing but the doubles and a
//    number of decimal places (DecimalPayoffs), so that keeping them costs
//    the double methods nothing.
//
// Cheap queries live here (payoffs of pure and mixed profiles, regret); every
// equilibrium method lives in sim/solve/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/game/exact_payoff_table.hpp"

namespace negsim {

// A mixed profile: probs[p][a] is the probability that player p plays action a.
using MixedProfile = std::vector<std::vector<double>>;
using ExactMixedProfile = std::vector<std::vector<mpq_class>>;
using PureProfile = std::vector<std::size_t>;

// The double nearest to a rational (mpq's get_d truncates instead).
double nearest_double(const mpq_class& value);

class NormalFormGame {
 public:
  NormalFormGame() = default;
  // Creates a game with the given action counts and all payoffs zero.
  // Player names default to "Player 1", ...; action labels to "1", "2", ...
  explicit NormalFormGame(std::vector<std::size_t> num_actions);

  // Number of profiles for the given action counts, or 0 on overflow of
  // 2^63 (callers check budgets before allocating).
  static std::uint64_t count_profiles(std::span<const std::size_t> num_actions);

  std::size_t num_players() const { return num_actions_.size(); }
  std::size_t num_actions(std::size_t p) const { return num_actions_[p]; }
  const std::vector<std::size_t>& action_counts() const { return num_actions_; }
  std::size_t num_profiles() const { return num_profiles_; }
  std::size_t stride(std::size_t p) const { return strides_[p]; }
  // Total number of strategies (sum of action counts): the length of a
  // flattened mixed profile in player-then-strategy order.
  std::size_t num_strategies() const;

  std::string title;
  std::string comment;
  std::vector<std::string> player_names;
  std::vector<std::vector<std::string>> action_labels;

  double payoff(std::size_t player, std::size_t profile) const {
    return payoffs_[player * num_profiles_ + profile];
  }
  // Changing a double leaves the exact payoffs as they were (set them with
  // set_exact_payoffs to change both).
  void set_payoff(std::size_t player, std::size_t profile, double value) {
    if (decimal_places_ >= 0) list_decimal_payoffs();
    payoffs_[player * num_profiles_ + profile] = value;
  }
  // Player p's whole payoff table, num_profiles() entries.
  std::span<const double> payoff_table(std::size_t player) const {
    return {payoffs_.data() + player * num_profiles_, num_profiles_};
  }
  std::span<double> payoff_table(std::size_t player) {
    if (decimal_places_ >= 0) list_decimal_payoffs();
    return {payoffs_.data() + player * num_profiles_, num_profiles_};
  }
  const std::vector<double>& payoffs() const { return payoffs_; }

  bool has_exact() const { return decimal_places_ >= 0 || !exact_payoffs_.empty(); }
  // By value: hot paths use small_exact_payoff, compare_exact_payoffs or the
  // overload that reuses `out` instead.
  mpq_class exact_payoff(std::size_t player, std::size_t profile) const {
    mpq_class out;
    exact_payoff(player, profile, out);
    return out;
  }
  void exact_payoff(std::size_t player, std::size_t profile, mpq_class& out) const;
  // The exact payoff as a 64-bit fraction in lowest terms, if it is one
  // (has_exact() only); false when it needs GMP.
  bool small_exact_payoff(std::size_t player, std::size_t profile, SmallFraction& out) const;
  // -1, 0 or 1 as player p's exact payoff at profile i is below, equal to or
  // above the one at profile j (has_exact() only).
  int compare_exact_payoffs(std::size_t player, std::size_t i, std::size_t j) const {
    if (decimal_places_ >= 0) {  // the doubles order the decimals exactly (DecimalPayoffs)
      const double a = payoff(player, i), b = payoff(player, j);
      return (a > b) - (a < b);
    }
    return exact_payoffs_.compare(player * num_profiles_ + i, player * num_profiles_ + j);
  }
  // Set when the exact payoffs are short decimals kept as their doubles (a
  // .nfg file of decimals): then the exact payoff of x is
  // decimal_payoffs()->numerator(x) / denominator().
  std::optional<DecimalPayoffs> decimal_payoffs() const {
    if (decimal_places_ < 0) return std::nullopt;
    return DecimalPayoffs(decimal_places_);
  }
  // Sets exact payoffs (same layout as payoffs()); doubles are set to match.
  void set_exact_payoffs(std::vector<mpq_class> exact);
  void set_exact_payoffs(ExactPayoffTable exact);
  // The same, for a reader that has already set every double to the nearest
  // double of its exact payoff (not checked).
  void adopt_exact_payoffs(ExactPayoffTable exact);
  // For a reader that has set every double to the nearest double of a
  // decimal of at most `places` places, checked with DecimalPayoffs::fits:
  // those decimals are the exact payoffs, and no table is kept.
  void adopt_decimal_exact_payoffs(int places);
  // Exact payoffs: the stored ones if any, else the exact values of the doubles.
  mpq_class exact_or_double_payoff(std::size_t player, std::size_t profile) const;

  std::size_t profile_index(std::span<const std::size_t> actions) const;
  PureProfile profile_actions(std::size_t index) const;
  std::size_t action_of(std::size_t index, std::size_t player) const {
    return (index / strides_[player]) % num_actions_[player];
  }

  // Expected payoff of each of player p's pure actions when the others play
  // `profile` (p's own entry is ignored). O(num_profiles * num_players).
  std::vector<double> action_values(const MixedProfile& profile, std::size_t player) const;
  // action_values for every player in one pass over the payoff tables.
  std::vector<std::vector<double>> all_action_values(const MixedProfile& profile) const;
  double expected_payoff(const MixedProfile& profile, std::size_t player) const;
  std::vector<double> expected_payoffs(const MixedProfile& profile) const;

  // Regret of player p: best pure deviation value minus expected payoff (>= 0).
  std::vector<double> regrets(const MixedProfile& profile) const;
  double max_regret(const MixedProfile& profile) const;

  // Exact counterparts, for rational profiles.
  std::vector<mpq_class> exact_expected_payoffs(const ExactMixedProfile& profile) const;
  mpq_class exact_max_regret(const ExactMixedProfile& profile) const;

  // The pure profile as a degenerate mixed profile.
  MixedProfile pure_to_mixed(std::span<const std::size_t> actions) const;
  // True if every row is a probability vector (within tol) of the right size.
  bool is_valid_mixed(const MixedProfile& profile, double tol = 1e-9) const;

 private:
  std::vector<std::size_t> num_actions_;
  std::vector<std::size_t> strides_;
  std::size_t num_profiles_ = 0;
  std::vector<double> payoffs_;
  ExactPayoffTable exact_payoffs_;  // unless decimal_places_ >= 0
  int decimal_places_ = -1;         // >= 0: exact payoffs are the doubles' decimals (DecimalPayoffs)
  // Writes the decimals into exact_payoffs_ before a double changes.
  void list_decimal_payoffs();
};

}  // namespace negsim
