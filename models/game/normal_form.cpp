#include "models/game/normal_form.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace negsim {

double nearest_double(const mpq_class& value) {
  // Numerator and denominator below 2^53 (every payoff of up to 15 digits,
  // 1/3, 0.123456): both are exact doubles, and one IEEE division rounds to
  // nearest, ties to even, as below. A .nfg read makes one per payoff.
  mpz_srcptr num = mpq_numref(value.get_mpq_t());
  mpz_srcptr den = mpq_denref(value.get_mpq_t());
  if (mpz_sizeinbase(num, 2) <= 53 && mpz_sizeinbase(den, 2) <= 53) {
    const double quotient = mpz_get_d(num) / mpz_get_d(den);
    return quotient == 0.0 ? 0.0 : quotient;  // no -0
  }
  // mpq_get_d truncates toward zero; the nearest double is it or its
  // neighbour away from zero, whichever is closer (ties: even mantissa).
  const double truncated = value.get_d();
  if (!std::isfinite(truncated) || mpq_class(truncated) == value) return truncated;
  const double away = std::nextafter(truncated, value > 0 ? HUGE_VAL : -HUGE_VAL);
  if (!std::isfinite(away)) return truncated;
  const mpq_class below_gap = abs(value - mpq_class(truncated));
  const mpq_class above_gap = abs(mpq_class(away) - value);
  if (below_gap < above_gap) return truncated;
  if (above_gap < below_gap) return away;
  std::int64_t bits;
  std::memcpy(&bits, &truncated, sizeof bits);
  return (bits & 1) == 0 ? truncated : away;
}

NormalFormGame::NormalFormGame(std::vector<std::size_t> num_actions)
    : num_actions_(std::move(num_actions)) {
  if (num_actions_.empty()) throw std::invalid_argument("a game needs at least one player");
  for (std::size_t n : num_actions_)
    if (n == 0) throw std::invalid_argument("every player needs at least one action");
  const std::uint64_t count = count_profiles(num_actions_);
  if (count == 0) throw std::length_error("too many profiles");
  num_profiles_ = static_cast<std::size_t>(count);
  strides_.resize(num_actions_.size());
  std::size_t stride = 1;
  for (std::size_t p = 0; p < num_actions_.size(); ++p) {
    strides_[p] = stride;
    stride *= num_actions_[p];
  }
  payoffs_.assign(num_profiles_ * num_actions_.size(), 0.0);
  player_names.resize(num_actions_.size());
  action_labels.resize(num_actions_.size());
  for (std::size_t p = 0; p < num_actions_.size(); ++p) {
    player_names[p] = "Player " + std::to_string(p + 1);
    for (std::size_t a = 0; a < num_actions_[p]; ++a)
      action_labels[p].push_back(std::to_string(a + 1));
  }
}

std::uint64_t NormalFormGame::count_profiles(std::span<const std::size_t> num_actions) {
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  std::uint64_t count = 1;
  for (std::size_t n : num_actions) {
    if (n == 0) return 0;
    if (count > limit / n) return 0;
    count *= n;
  }
  return count;
}

std::size_t NormalFormGame::num_strategies() const {
  std::size_t total = 0;
  for (std::size_t n : num_actions_) total += n;
  return total;
}

void NormalFormGame::set_exact_payoffs(std::vector<mpq_class> exact) {
  if (exact.size() != payoffs_.size())
    throw std::invalid_argument("exact payoff table has the wrong size");
  for (std::size_t i = 0; i < exact.size(); ++i) payoffs_[i] = nearest_double(exact[i]);
  exact_payoffs_ = std::move(exact);
}

mpq_class NormalFormGame::exact_or_double_payoff(std::size_t player, std::size_t profile) const {
  if (has_exact()) return exact_payoff(player, profile);
  return mpq_class(payoff(player, profile));
}

std::size_t NormalFormGame::profile_index(std::span<const std::size_t> actions) const {
  std::size_t index = 0;
  for (std::size_t p = 0; p < actions.size(); ++p) index += actions[p] * strides_[p];
  return index;
}

PureProfile NormalFormGame::profile_actions(std::size_t index) const {
  PureProfile actions(num_players());
  for (std::size_t p = 0; p < num_players(); ++p) {
    actions[p] = index % num_actions_[p];
    index /= num_actions_[p];
  }
  return actions;
}


namespace {

// The joint distribution of players [first, last) playing independently, as
// a vector indexed like their part of a profile index (lowest player fastest).
std::vector<double> product_distribution(const MixedProfile& profile, std::size_t first,
                                         std::size_t last) {
  std::vector<double> joint{1.0};
  for (std::size_t q = first; q < last; ++q) {
    const std::vector<double>& probs = profile[q];
    std::vector<double> next(joint.size() * probs.size());
    for (std::size_t a = 0; a < probs.size(); ++a)
      for (std::size_t i = 0; i < joint.size(); ++i) next[i + a * joint.size()] = joint[i] * probs[a];
    joint = std::move(next);
  }
  return joint;
}

}  // namespace

std::vector<double> NormalFormGame::action_values(const MixedProfile& profile,
                                                  std::size_t player) const {
  // Player p's table as blocks [high][a][low]: the value of action a is
  //   sum_high P(high) * sum_low P(low) * u(high, a, low),
  // with P(low), P(high) the others' joint distributions: one streaming pass.
  const std::vector<double> low = product_distribution(profile, 0, player);
  const std::vector<double> high = product_distribution(profile, player + 1, num_players());
  const std::size_t n = num_actions_[player];
  const std::size_t stride = strides_[player];
  const double* table = payoff_table(player).data();
  // Small supports (pure or nearly pure profiles) visit only the nonzero
  // entries of P(low), so checking a pure profile costs O(n), not O(profiles).
  std::vector<std::size_t> support;
  for (std::size_t l = 0; l < stride; ++l)
    if (low[l] != 0.0) support.push_back(l);
  const bool sparse = support.size() * 4 < stride;
  std::vector<double> values(n, 0.0);
  for (std::size_t h = 0; h < high.size(); ++h) {
    if (high[h] == 0.0) continue;
    const double* block = table + h * stride * n;
    for (std::size_t a = 0; a < n; ++a) {
      const double* row = block + a * stride;
      double sum = 0.0;
      if (sparse)
        for (std::size_t l : support) sum += low[l] * row[l];
      else
        for (std::size_t l = 0; l < stride; ++l) sum += low[l] * row[l];
      values[a] += high[h] * sum;
    }
  }
  return values;
}

std::vector<std::vector<double>> NormalFormGame::all_action_values(
    const MixedProfile& profile) const {
  std::vector<std::vector<double>> values(num_players());
  for (std::size_t p = 0; p < num_players(); ++p) values[p] = action_values(profile, p);
  return values;
}

double NormalFormGame::expected_payoff(const MixedProfile& profile, std::size_t player) const {
  const std::vector<double> values = action_values(profile, player);
  double total = 0.0;
  for (std::size_t a = 0; a < values.size(); ++a) total += profile[player][a] * values[a];
  return total;
}

std::vector<double> NormalFormGame::expected_payoffs(const MixedProfile& profile) const {
  std::vector<double> result(num_players());
  for (std::size_t p = 0; p < num_players(); ++p) result[p] = expected_payoff(profile, p);
  return result;
}

std::vector<double> NormalFormGame::regrets(const MixedProfile& profile) const {
  std::vector<double> result(num_players());
  for (std::size_t p = 0; p < num_players(); ++p) {
    const std::vector<double> values = action_values(profile, p);
    double expected = 0.0;
    for (std::size_t a = 0; a < values.size(); ++a) expected += profile[p][a] * values[a];
    const double best = *std::max_element(values.begin(), values.end());
    result[p] = std::max(0.0, best - expected);
  }
  return result;
}

double NormalFormGame::max_regret(const MixedProfile& profile) const {
  if (!is_valid_mixed(profile, 1e-6)) return std::numeric_limits<double>::infinity();
  const std::vector<double> r = regrets(profile);
  return *std::max_element(r.begin(), r.end());
}

namespace {

std::vector<mpq_class> exact_action_values(const NormalFormGame& game,
                                           const ExactMixedProfile& profile,
                                           std::size_t player) {
  const std::size_t n = game.num_players();
  std::vector<mpq_class> values(game.num_actions(player), 0);
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    mpq_class weight = 1;
    std::size_t rest = index;
    std::size_t own = 0;
    for (std::size_t q = 0; q < n && weight != 0; ++q) {
      const std::size_t a = rest % game.num_actions(q);
      rest /= game.num_actions(q);
      if (q == player) own = a;
      else weight *= profile[q][a];
    }
    if (weight != 0) values[own] += weight * game.exact_or_double_payoff(player, index);
  }
  return values;
}

}  // namespace

std::vector<mpq_class> NormalFormGame::exact_expected_payoffs(
    const ExactMixedProfile& profile) const {
  std::vector<mpq_class> result(num_players(), 0);
  for (std::size_t p = 0; p < num_players(); ++p) {
    const std::vector<mpq_class> values = exact_action_values(*this, profile, p);
    for (std::size_t a = 0; a < values.size(); ++a) result[p] += profile[p][a] * values[a];
  }
  return result;
}

mpq_class NormalFormGame::exact_max_regret(const ExactMixedProfile& profile) const {
  mpq_class worst = 0;
  for (std::size_t p = 0; p < num_players(); ++p) {
    const std::vector<mpq_class> values = exact_action_values(*this, profile, p);
    mpq_class expected = 0;
    for (std::size_t a = 0; a < values.size(); ++a) expected += profile[p][a] * values[a];
    const mpq_class best = *std::max_element(values.begin(), values.end());
    if (best - expected > worst) worst = best - expected;
  }
  return worst;
}

MixedProfile NormalFormGame::pure_to_mixed(std::span<const std::size_t> actions) const {
  MixedProfile profile(num_players());
  for (std::size_t p = 0; p < num_players(); ++p) {
    profile[p].assign(num_actions_[p], 0.0);
    profile[p][actions[p]] = 1.0;
  }
  return profile;
}

bool NormalFormGame::is_valid_mixed(const MixedProfile& profile, double tol) const {
  if (profile.size() != num_players()) return false;
  for (std::size_t p = 0; p < num_players(); ++p) {
    if (profile[p].size() != num_actions_[p]) return false;
    double sum = 0.0;
    for (double x : profile[p]) {
      if (!(x >= -tol) || !std::isfinite(x)) return false;
      sum += x;
    }
    if (std::abs(sum - 1.0) > tol) return false;
  }
  return true;
}

}  // namespace negsim
