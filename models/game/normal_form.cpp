#include "models/game/normal_form.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <optional>
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
  ExactPayoffTable table(exact.size());
  for (std::size_t i = 0; i < exact.size(); ++i) table.set(i, exact[i]);
  set_exact_payoffs(std::move(table));
}

void NormalFormGame::set_exact_payoffs(ExactPayoffTable exact) {
  if (exact.size() != payoffs_.size())
    throw std::invalid_argument("exact payoff table has the wrong size");
  for (std::size_t i = 0; i < exact.size(); ++i) payoffs_[i] = exact.nearest_double(i);
  exact_payoffs_ = std::move(exact);
  decimal_places_ = -1;
}

void NormalFormGame::adopt_exact_payoffs(ExactPayoffTable exact) {
  if (exact.size() != payoffs_.size())
    throw std::invalid_argument("exact payoff table has the wrong size");
  exact_payoffs_ = std::move(exact);
  decimal_places_ = -1;
}

void NormalFormGame::adopt_decimal_exact_payoffs(int places) {
  DecimalPayoffs check(places);  // throws when out of range
  exact_payoffs_ = ExactPayoffTable();
  decimal_places_ = check.places();
}

void NormalFormGame::list_decimal_payoffs() {
  const DecimalPayoffs decimals(decimal_places_);
  ExactPayoffTable table(payoffs_.size());
  for (std::size_t i = 0; i < payoffs_.size(); ++i) {
    const SmallFraction f = decimals.lowest_terms(payoffs_[i]);
    table.set_small(i, f.num, f.den);
  }
  exact_payoffs_ = std::move(table);
  decimal_places_ = -1;
}

void NormalFormGame::exact_payoff(std::size_t player, std::size_t profile, mpq_class& out) const {
  const std::size_t i = player * num_profiles_ + profile;
  if (decimal_places_ < 0) {
    exact_payoffs_.value(i, out);
    return;
  }
  const SmallFraction f = DecimalPayoffs(decimal_places_).lowest_terms(payoffs_[i]);
  mpz_set_si(out.get_num_mpz_t(), f.num);
  mpz_set_si(out.get_den_mpz_t(), f.den);
}

bool NormalFormGame::small_exact_payoff(std::size_t player, std::size_t profile, SmallFraction& out) const {
  const std::size_t i = player * num_profiles_ + profile;
  if (decimal_places_ >= 0) {
    out = DecimalPayoffs(decimal_places_).lowest_terms(payoffs_[i]);
    return true;
  }
  if (!exact_payoffs_.is_small(i)) return false;
  out = exact_payoffs_.small(i);
  return true;
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

// Exact payoffs and regrets cost GMP arithmetic (an allocation per number).
// The common case, integer or short decimal payoffs and probabilities with
// small denominators, is done in 64-bit integers over common denominators, with
// every product and sum checked for overflow; anything that does not fit
// falls back to GMP, which decides every case. Both give the same rationals.

// The support of every player's row of `profile` (actions with probability > 0).
std::vector<std::vector<std::size_t>> supports(const ExactMixedProfile& profile) {
  std::vector<std::vector<std::size_t>> out(profile.size());
  for (std::size_t q = 0; q < profile.size(); ++q)
    for (std::size_t a = 0; a < profile[q].size(); ++a)
      if (profile[q][a] != 0) out[q].push_back(a);
  return out;
}

// Calls visit(at) for every combination of the other players' support
// positions (at[q] indexes support[q]; at[player] stays 0), player 0's
// position changing fastest; stops early when visit returns false. Returns
// false if it was stopped.
template <class Visit>
bool for_each_support_profile(std::size_t player, const std::vector<std::vector<std::size_t>>& support,
                              Visit&& visit) {
  const std::size_t n = support.size();
  std::vector<std::size_t> at(n, 0);
  while (true) {
    if (!visit(at)) return false;
    std::size_t q = 0;
    for (; q < n; ++q) {
      if (q == player) continue;
      if (++at[q] < support[q].size()) break;
      at[q] = 0;
    }
    if (q == n) return true;
  }
}

// Player p's payoff at a profile as a 64-bit fraction, if it is one: a small
// exact payoff (integers and short decimals, as most .nfg files hold), or a
// double holding an integer below 2^53 in magnitude. Decimals kept as doubles
// come over 10^places, not reduced: the sums below only need one denominator.
bool small_payoff(const NormalFormGame& game, const std::optional<DecimalPayoffs>& decimals, std::size_t player,
                  std::size_t index, SmallFraction& out) {
  if (decimals) {
    out = {decimals->numerator(game.payoff(player, index)), decimals->denominator()};
    return true;
  }
  if (game.has_exact()) return game.small_exact_payoff(player, index, out);
  const double x = game.payoff(player, index);
  if (!(std::abs(x) < 9007199254740992.0) || x != std::trunc(x)) return false;  // 2^53
  out = {static_cast<std::int64_t>(x), 1};
  return true;
}

// A row of probabilities over its common denominator: row[a] = scaled[s] /
// denominator for the s-th action of `support`.
struct IntegerRow {
  std::vector<std::int64_t> scaled;
  std::int64_t denominator = 1;
};

std::optional<IntegerRow> integer_row(const std::vector<mpq_class>& row, const std::vector<std::size_t>& support) {
  IntegerRow out;
  for (std::size_t a : support) {
    const mpq_class& x = row[a];
    if (!mpz_fits_slong_p(x.get_num_mpz_t()) || !mpz_fits_slong_p(x.get_den_mpz_t())) return std::nullopt;
    const std::int64_t d = mpz_get_si(x.get_den_mpz_t());
    if (__builtin_mul_overflow(out.denominator / std::gcd(out.denominator, d), d, &out.denominator))
      return std::nullopt;
  }
  out.scaled.resize(support.size());
  for (std::size_t s = 0; s < support.size(); ++s) {
    const mpq_class& x = row[support[s]];
    if (__builtin_mul_overflow(mpz_get_si(x.get_num_mpz_t()), out.denominator / mpz_get_si(x.get_den_mpz_t()),
                               &out.scaled[s]))
      return std::nullopt;
  }
  return out;
}

// Player p's action values as sums[a] / denominator, in integers; nullopt
// if a number does not fit or anything overflows.
struct IntegerValues {
  std::vector<std::int64_t> sums;
  std::int64_t denominator = 1;
};

std::optional<IntegerValues> integer_action_values(const NormalFormGame& game, const ExactMixedProfile& profile,
                                                   std::size_t player,
                                                   const std::vector<std::vector<std::size_t>>& support) {
  const std::size_t n = game.num_players();
  std::vector<IntegerRow> rows(n);
  IntegerValues out;
  out.sums.assign(game.num_actions(player), 0);
  for (std::size_t q = 0; q < n; ++q) {
    if (q == player) continue;
    if (support[q].empty()) return out;  // not a distribution: nothing is reached
    auto row = integer_row(profile[q], support[q]);
    if (!row || __builtin_mul_overflow(out.denominator, row->denominator, &out.denominator)) return std::nullopt;
    rows[q] = std::move(*row);
  }
  // Two passes over the same entries: the least common denominator of the
  // payoffs reached (decimals scaled to one power of ten, say), then the sums
  // of weight * payoff over it.
  const std::size_t stride = game.stride(player);
  auto base_of = [&](const std::vector<std::size_t>& at) {
    std::size_t base = 0;
    for (std::size_t q = 0; q < n; ++q)
      if (q != player) base += support[q][at[q]] * game.stride(q);
    return base;
  };
  const std::optional<DecimalPayoffs> decimals = game.decimal_payoffs();
  std::int64_t common = decimals ? decimals->denominator() : 1;
  SmallFraction u;
  bool done = decimals.has_value() ||  // every payoff is over 10^places already
              for_each_support_profile(player, support, [&](const std::vector<std::size_t>& at) {
                const std::size_t base = base_of(at);
                for (std::size_t a = 0; a < out.sums.size(); ++a) {
                  if (!small_payoff(game, decimals, player, base + a * stride, u)) return false;
                  if (common % u.den != 0 && __builtin_mul_overflow(common / std::gcd(common, u.den), u.den, &common))
                    return false;
                }
                return true;
              });
  if (!done || __builtin_mul_overflow(out.denominator, common, &out.denominator)) return std::nullopt;
  done = for_each_support_profile(player, support, [&](const std::vector<std::size_t>& at) {
    std::int64_t weight = 1;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == player) continue;
      if (__builtin_mul_overflow(weight, rows[q].scaled[at[q]], &weight)) return false;
    }
    const std::size_t base = base_of(at);
    for (std::size_t a = 0; a < out.sums.size(); ++a) {
      std::int64_t scaled, term;
      small_payoff(game, decimals, player, base + a * stride, u);  // succeeded in the first pass
      if (__builtin_mul_overflow(u.num, common / u.den, &scaled) || __builtin_mul_overflow(weight, scaled, &term) ||
          __builtin_add_overflow(out.sums[a], term, &out.sums[a]))
        return false;
    }
    return true;
  });
  if (!done) return std::nullopt;
  return out;
}

mpq_class ratio(std::int64_t num, std::int64_t den) {
  mpq_class q(mpz_class(static_cast<long>(num)), mpz_class(static_cast<long>(den)));
  q.canonicalize();
  return q;
}

// Player p's expected payoff and regret in integers, over one denominator.
struct IntegerOutcome {
  std::int64_t payoff = 0, regret = 0, denominator = 1;
};

std::optional<IntegerOutcome> integer_outcome(const NormalFormGame& game, const ExactMixedProfile& profile,
                                              std::size_t player,
                                              const std::vector<std::vector<std::size_t>>& support) {
  const auto values = integer_action_values(game, profile, player, support);
  if (!values) return std::nullopt;
  const auto own = integer_row(profile[player], support[player]);
  if (!own) return std::nullopt;
  IntegerOutcome out;
  for (std::size_t s = 0; s < support[player].size(); ++s) {
    std::int64_t term;
    if (__builtin_mul_overflow(own->scaled[s], values->sums[support[player][s]], &term) ||
        __builtin_add_overflow(out.payoff, term, &out.payoff))
      return std::nullopt;
  }
  std::int64_t best;
  if (__builtin_mul_overflow(*std::max_element(values->sums.begin(), values->sums.end()), own->denominator, &best) ||
      __builtin_sub_overflow(best, out.payoff, &out.regret) ||
      __builtin_mul_overflow(values->denominator, own->denominator, &out.denominator))
    return std::nullopt;
  return out;
}

// The GMP path: every profile in the other players' supports, multiplied
// into reused temporaries.
std::vector<mpq_class> exact_action_values(const NormalFormGame& game, const ExactMixedProfile& profile,
                                           std::size_t player,
                                           const std::vector<std::vector<std::size_t>>& support) {
  const std::size_t n = game.num_players();
  std::vector<mpq_class> values(game.num_actions(player), 0);
  for (std::size_t q = 0; q < n; ++q)
    if (q != player && support[q].empty()) return values;
  mpq_class weight, payoff, term;
  const bool exact = game.has_exact();
  for_each_support_profile(player, support, [&](const std::vector<std::size_t>& at) {
    weight = 1;
    std::size_t base = 0;
    for (std::size_t q = 0; q < n; ++q) {
      if (q == player) continue;
      const std::size_t a = support[q][at[q]];
      weight *= profile[q][a];
      base += a * game.stride(q);
    }
    for (std::size_t a = 0; a < values.size(); ++a) {
      const std::size_t index = base + a * game.stride(player);
      if (exact) {
        game.exact_payoff(player, index, payoff);
        mpq_mul(term.get_mpq_t(), weight.get_mpq_t(), payoff.get_mpq_t());
      } else {
        mpq_set_d(payoff.get_mpq_t(), game.payoff(player, index));  // the double's exact value
        mpq_mul(term.get_mpq_t(), weight.get_mpq_t(), payoff.get_mpq_t());
      }
      values[a] += term;
    }
    return true;
  });
  return values;
}

}  // namespace

std::vector<mpq_class> NormalFormGame::exact_expected_payoffs(
    const ExactMixedProfile& profile) const {
  const auto support = supports(profile);
  std::vector<mpq_class> result(num_players(), 0);
  for (std::size_t p = 0; p < num_players(); ++p) {
    if (const auto fast = integer_outcome(*this, profile, p, support)) {
      result[p] = ratio(fast->payoff, fast->denominator);
      continue;
    }
    const std::vector<mpq_class> values = exact_action_values(*this, profile, p, support);
    for (std::size_t a = 0; a < values.size(); ++a) result[p] += profile[p][a] * values[a];
  }
  return result;
}

mpq_class NormalFormGame::exact_max_regret(const ExactMixedProfile& profile) const {
  const auto support = supports(profile);
  mpq_class worst = 0;
  for (std::size_t p = 0; p < num_players(); ++p) {
    if (const auto fast = integer_outcome(*this, profile, p, support)) {
      if (fast->regret > 0) {
        const mpq_class regret = ratio(fast->regret, fast->denominator);
        if (regret > worst) worst = regret;
      }
      continue;
    }
    const std::vector<mpq_class> values = exact_action_values(*this, profile, p, support);
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
