// ExactPayoffTable: 64-bit fractions where they fit, GMP rationals where they
// do not, the same values either way.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>

#include "models/game/exact_payoff_table.hpp"
#include "models/game/normal_form.hpp"

using negsim::ExactPayoffTable;

namespace {

// Random rationals, a third of them too large for 64 bits.
std::vector<mpq_class> random_rationals(std::size_t count, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<mpq_class> out;
  for (std::size_t i = 0; i < count; ++i) {
    const long num = static_cast<long>(rng() >> (1 + rng() % 60)) * (rng() % 2 ? 1 : -1);
    const long den = static_cast<long>((rng() >> (1 + rng() % 62)) + 1);
    mpq_class q(num, den);
    q.canonicalize();
    if (i % 3 == 2) q *= mpq_class(mpz_class("123456789012345678901234567"), 7);
    out.push_back(q);
  }
  return out;
}

}  // namespace

TEST_CASE("ExactPayoffTable keeps every rational, small ones as 64-bit fractions") {
  const std::vector<mpq_class> values = random_rationals(600, 1);
  ExactPayoffTable table(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) table.set(i, values[i]);
  std::size_t small = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    CHECK(table.value(i) == values[i]);
    const bool fits = mpz_fits_slong_p(values[i].get_num_mpz_t()) && mpz_fits_slong_p(values[i].get_den_mpz_t());
    CHECK(table.is_small(i) == fits);
    if (fits) {
      ++small;
      CHECK(table.small(i).num == mpz_get_si(values[i].get_num_mpz_t()));
      CHECK(table.small(i).den == mpz_get_si(values[i].get_den_mpz_t()));
    }
    CHECK(table.nearest_double(i) == negsim::nearest_double(values[i]));
  }
  CHECK(small > 300);  // both kinds are exercised
  CHECK(small < 600);
  // Comparisons agree with GMP's, across kinds and for equal values.
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    const int expected = cmp(values[i], values[i + 1]);
    CHECK(table.compare(i, i + 1) == (expected > 0) - (expected < 0));
    CHECK(table.compare(i, i) == 0);
  }
  ExactPayoffTable copy(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) copy.copy_entry(values.size() - 1 - i, table, i);
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(copy.value(values.size() - 1 - i) == values[i]);
}

TEST_CASE("ExactPayoffTable compares fractions whose cross products need 128 bits") {
  ExactPayoffTable table(3);
  const long big = 9223372036854775807L;  // 2^63 - 1
  table.set_small(0, big, big - 1);       // just above 1
  table.set_small(1, big - 1, big - 2);   // a little further above 1
  table.set_small(2, -big, 3);
  CHECK(table.compare(0, 1) == -1);
  CHECK(table.compare(1, 0) == 1);
  CHECK(table.compare(2, 0) == -1);
  CHECK(table.value(0) > 1);
}

TEST_CASE("NormalFormGame: exact payoffs set from rationals round the doubles and compare exactly") {
  negsim::NormalFormGame g({2, 2});
  g.set_exact_payoffs({mpq_class(1, 3), mpq_class(1, 3), mpq_class(2, 7), mpq_class(-5, 2), mpq_class(0), mpq_class(7),
                       mpq_class(1, 10), mpq_class(mpz_class("100000000000000000000000000001"), 3)});
  CHECK(g.payoff(0, 0) == 1.0 / 3.0);
  CHECK(g.payoff(0, 3) == -2.5);
  CHECK(g.exact_payoff(1, 3) == mpq_class(mpz_class("100000000000000000000000000001"), 3));
  negsim::SmallFraction small;
  CHECK_FALSE(g.small_exact_payoff(1, 3, small));
  CHECK(g.small_exact_payoff(0, 2, small));
  CHECK(small.num == 2);
  CHECK(small.den == 7);
  CHECK(g.compare_exact_payoffs(0, 0, 1) == 0);
  CHECK(g.compare_exact_payoffs(0, 2, 0) == -1);
  CHECK(g.compare_exact_payoffs(1, 3, 2) == 1);
  CHECK(g.compare_exact_payoffs(1, 0, 3) == -1);
}

TEST_CASE("DecimalPayoffs recovers every decimal m / 10^K with |m| < 2^50 from its double") {
  std::mt19937_64 rng(7);
  const long limit = (1L << 50) - 1;
  for (int places = 0; places <= negsim::DecimalPayoffs::kMaxPlaces; ++places) {
    CAPTURE(places);
    const negsim::DecimalPayoffs decimals(places);
    const mpz_class scale = [&] {
      mpz_class s;
      mpz_ui_pow_ui(s.get_mpz_t(), 10, static_cast<unsigned long>(places));
      return s;
    }();
    CHECK(decimals.denominator() == mpz_get_si(scale.get_mpz_t()));
    std::vector<long> numerators = {1, -1, 3, limit, -limit, limit - 1, limit - 3, 999999, 5, 25};
    for (int k = 0; k < 400; ++k) {
      const long magnitude = static_cast<long>(rng() >> (14 + rng() % 50)) % (limit + 1);
      numerators.push_back(rng() % 2 ? magnitude : -magnitude);
    }
    for (const long m : numerators) {
      CAPTURE(m);
      // The double nearest to the decimal, by GMP: what a correct reader stores.
      const mpq_class value(mpz_class(m), scale);
      const double x = negsim::nearest_double(value);
      REQUIRE(negsim::DecimalPayoffs::fits(std::abs(x), places));
      CHECK(decimals.numerator(x) == m);
      mpq_class reduced = value;
      reduced.canonicalize();
      const negsim::SmallFraction f = decimals.lowest_terms(x);
      CHECK(f.num == mpz_get_si(reduced.get_num_mpz_t()));
      CHECK(f.den == mpz_get_si(reduced.get_den_mpz_t()));
      // The next decimal up has a larger double: the doubles order the decimals.
      if (m < limit) CHECK(negsim::nearest_double(mpq_class(mpz_class(m + 1), scale)) > x);
    }
  }
}

TEST_CASE("DecimalPayoffs::fits refuses what its doubles cannot hold exactly") {
  using negsim::DecimalPayoffs;
  CHECK(DecimalPayoffs::fits(0.0, 0));
  CHECK(DecimalPayoffs::fits(1.0, 6));
  CHECK(DecimalPayoffs::fits(1125899906.842623, 6));  // 2^50 - 1 millionths
  CHECK_FALSE(DecimalPayoffs::fits(1125899906.842625, 6));
  CHECK_FALSE(DecimalPayoffs::fits(1125899906842625.0, 0));
  CHECK_FALSE(DecimalPayoffs::fits(0.1234567890123456, 16));  // 16 digits: 2^50 < m
  CHECK_FALSE(DecimalPayoffs::fits(1e-19, 19));               // more places than an int64 denominator
  CHECK_FALSE(DecimalPayoffs::fits(1.0, -1));
  CHECK_FALSE(DecimalPayoffs::fits(HUGE_VAL, 0));
  CHECK_FALSE(DecimalPayoffs::fits(std::nan(""), 0));
  CHECK_THROWS(DecimalPayoffs(19));
}
