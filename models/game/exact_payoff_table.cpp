#include "models/game/exact_payoff_table.hpp"

#include "models/game/normal_form.hpp"  // nearest_double(mpq_class)

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace negsim {

static_assert(sizeof(long) == 8, "mpz_set_si and mpz_get_si take 64-bit values here");

void ExactPayoffTable::set(std::size_t i, const mpq_class& value) {
  mpz_srcptr num = value.get_num_mpz_t();
  mpz_srcptr den = value.get_den_mpz_t();
  if (mpz_fits_slong_p(num) && mpz_fits_slong_p(den)) {
    entries_[i] = {mpz_get_si(num), mpz_get_si(den)};  // mpq_class is kept in lowest terms
    return;
  }
  entries_[i] = {static_cast<std::int64_t>(big_.size()), 0};
  big_.push_back(value);
}

void ExactPayoffTable::copy_entry(std::size_t i, const ExactPayoffTable& from, std::size_t j) {
  if (from.is_small(j)) entries_[i] = from.entries_[j];
  else set(i, from.value(j));
}

mpq_class ExactPayoffTable::value(std::size_t i) const {
  mpq_class out;
  value(i, out);
  return out;
}

void ExactPayoffTable::value(std::size_t i, mpq_class& out) const {
  const SmallFraction& e = entries_[i];
  if (e.den == 0) {
    out = big_[static_cast<std::size_t>(e.num)];
    return;
  }
  mpz_set_si(out.get_num_mpz_t(), e.num);
  mpz_set_si(out.get_den_mpz_t(), e.den);
}

double ExactPayoffTable::nearest_double(std::size_t i) const {
  const SmallFraction& e = entries_[i];
  constexpr std::int64_t kTwoTo53 = std::int64_t{1} << 53;
  if (e.den != 0 && e.num >= -kTwoTo53 && e.num <= kTwoTo53 && e.den <= kTwoTo53) {
    // Both exact doubles: one IEEE division is correctly rounded.
    const double quotient = static_cast<double>(e.num) / static_cast<double>(e.den);
    return quotient == 0.0 ? 0.0 : quotient;
  }
  return negsim::nearest_double(value(i));
}

namespace {

constexpr std::int64_t kPowersOfTen[] = {1,
                                         10,
                                         100,
                                         1000,
                                         10000,
                                         100000,
                                         1000000,
                                         10000000,
                                         100000000,
                                         1000000000,
                                         10000000000,
                                         100000000000,
                                         1000000000000,
                                         10000000000000,
                                         100000000000000,
                                         1000000000000000,
                                         10000000000000000,
                                         100000000000000000,
                                         1000000000000000000};
static_assert(std::size(kPowersOfTen) == DecimalPayoffs::kMaxPlaces + 1);

}  // namespace

bool DecimalPayoffs::fits(double max_abs, int places) {
  // The product errs by at most one rounding upward of |m|, so below 2^50
  // it bounds |m| <= 2^50 (see the header).
  return places >= 0 && places <= kMaxPlaces &&
         max_abs * static_cast<double>(kPowersOfTen[places]) < 1125899906842624.0;  // 2^50
}

DecimalPayoffs::DecimalPayoffs(int places) {
  if (places < 0 || places > kMaxPlaces) throw std::invalid_argument("decimal places out of range");
  places_ = places;
  denominator_ = kPowersOfTen[places];
  scale_ = static_cast<double>(denominator_);  // exact: 10^K = 5^K 2^K with 5^K < 2^53
}

SmallFraction DecimalPayoffs::lowest_terms(double x) const {
  std::int64_t num = numerator(x);
  if (num == 0) return {0, 1};
  // num / (2^K 5^K): cancel the common factors 2 and 5.
  const int twos = std::min(std::countr_zero(static_cast<std::uint64_t>(num)), places_);
  num /= std::int64_t{1} << twos;
  int fives = 0;
  while (fives < places_ && num % 5 == 0) {
    num /= 5;
    ++fives;
  }
  // 5^k is 10^k / 2^k.
  const int five_power = places_ - fives;
  return {num, (kPowersOfTen[five_power] >> five_power) << (places_ - twos)};
}

int ExactPayoffTable::compare(std::size_t i, std::size_t j) const {
  const SmallFraction& a = entries_[i];
  const SmallFraction& b = entries_[j];
  if (a.den != 0 && b.den != 0) {
    if (a.den == b.den) return (a.num > b.num) - (a.num < b.num);
    // Products of two int64 fit in 128 bits.
    const __int128 left = static_cast<__int128>(a.num) * b.den;
    const __int128 right = static_cast<__int128>(b.num) * a.den;
    return (left > right) - (left < right);
  }
  const int c = cmp(value(i), value(j));
  return (c > 0) - (c < 0);
}

}  // namespace negsim
