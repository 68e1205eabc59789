#include "models/game/normal_form.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace negsim {

double nearest_double(const mpq_class& value) {
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

// Calls visit(profile_index, actions) for every profile whose probability
// under the others' strategies can be nonzero, in Gambit order. Profiles
// where some player's action has probability zero are skipped as a block,
// which makes sparse (pure or small-support) profiles cheap.
template <typename Visit>
void for_each_supported_profile(const NormalFormGame& game, const MixedProfile& profile,
                                Visit&& visit) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<std::size_t>> support(n);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t a = 0; a < game.num_actions(p); ++a)
      if (profile[p][a] != 0.0) support[p].push_back(a);
    if (support[p].empty()) return;
  }
  std::vector<std::size_t> pos(n, 0), actions(n);
  for (std::size_t p = 0; p < n; ++p) actions[p] = support[p][0];
  while (true) {
    visit(game.profile_index(actions), actions);
    std::size_t p = 0;
    for (; p < n; ++p) {
      if (++pos[p] < support[p].size()) {
        actions[p] = support[p][pos[p]];
        break;
      }
      pos[p] = 0;
      actions[p] = support[p][0];
    }
    if (p == n) return;
  }
}

}  // namespace

std::vector<std::vector<double>> NormalFormGame::all_action_values(
    const MixedProfile& profile) const {
  const std::size_t n = num_players();
  std::vector<std::vector<double>> values(n);
  for (std::size_t p = 0; p < n; ++p) values[p].assign(num_actions_[p], 0.0);
  // values[p][a] = sum over profiles of others' probabilities * payoff(p, a, others).
  // Iterate over the profiles supported by everyone but p, for each p.
  for (std::size_t p = 0; p < n; ++p) {
    MixedProfile others = profile;
    others[p].assign(num_actions_[p], 1.0);  // p's own action enumerated in full
    const std::span<const double> table = payoff_table(p);
    for_each_supported_profile(*this, others, [&](std::size_t index, const PureProfile& acts) {
      double weight = 1.0;
      for (std::size_t q = 0; q < n; ++q)
        if (q != p) weight *= profile[q][acts[q]];
      values[p][acts[p]] += weight * table[index];
    });
  }
  return values;
}

std::vector<double> NormalFormGame::action_values(const MixedProfile& profile,
                                                  std::size_t player) const {
  MixedProfile others = profile;
  others[player].assign(num_actions_[player], 1.0);
  std::vector<double> values(num_actions_[player], 0.0);
  const std::span<const double> table = payoff_table(player);
  for_each_supported_profile(*this, others, [&](std::size_t index, const PureProfile& acts) {
    double weight = 1.0;
    for (std::size_t q = 0; q < num_players(); ++q)
      if (q != player) weight *= profile[q][acts[q]];
    values[acts[player]] += weight * table[index];
  });
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
