// Exact payoffs in compact form: a 64-bit fraction per entry, a GMP rational
// only for the entries that do not fit.
//
// Contract
//  - One entry per payoff, in NormalFormGame's layout. Entry i is either small,
//    num/den in lowest terms with den >= 1 and both in int64, or big, a GMP
//    rational kept aside. value(i) gives the same mpq_class either way; callers
//    on hot paths read small(i) when is_small(i) and fall back to value(i).
//  - set(i, q) stores q small whenever it fits, so two tables holding the same
//    rationals hold the same small entries.
//  - Most payoffs read from files (integers, decimals of up to 18 digits, short
//    fractions) are small: a table costs 16 bytes per payoff and building it
//    allocates nothing per entry. GMP is used only by callers of value(i): the
//    exact methods (enum --exact, lcp --exact, ...), never the double methods.
//    (It used to be one mpq_class per payoff, two allocations each, which was
//    most of the time of reading a mid-sized .nfg file; issue 16.)
//  - DecimalPayoffs, below, is the form with no table at all: payoffs that
//    are all short decimals are recovered exactly from their doubles.
//
// Complexity: every accessor is O(1) for small entries; value(i) allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <gmpxx.h>

namespace negsim {

struct SmallFraction {
  std::int64_t num = 0;
  std::int64_t den = 1;  // 0 only inside ExactPayoffTable, marking a big entry
};

class ExactPayoffTable {
 public:
  ExactPayoffTable() = default;
  // `size` entries, all zero.
  explicit ExactPayoffTable(std::size_t size) : entries_(size) {}

  std::size_t size() const { return entries_.size(); }
  // New entries are zero.
  void resize(std::size_t size) { entries_.resize(size); }
  bool empty() const { return entries_.empty(); }

  // num/den must be in lowest terms with den >= 1 (not checked: the reader's hot path).
  void set_small(std::size_t i, std::int64_t num, std::int64_t den) { entries_[i] = {num, den}; }
  void set(std::size_t i, const mpq_class& value);
  // Entry i of `from` (any entry), without going through GMP when it is small.
  void copy_entry(std::size_t i, const ExactPayoffTable& from, std::size_t j);

  bool is_small(std::size_t i) const { return entries_[i].den != 0; }
  // Only when is_small(i).
  const SmallFraction& small(std::size_t i) const { return entries_[i]; }
  mpq_class value(std::size_t i) const;
  // value(i) into `out`, reusing its storage.
  void value(std::size_t i, mpq_class& out) const;
  // The double nearest to entry i (ties to even).
  double nearest_double(std::size_t i) const;
  // -1, 0 or 1 as entry i is less than, equal to or greater than entry j.
  int compare(std::size_t i, std::size_t j) const;

 private:
  std::vector<SmallFraction> entries_;  // den == 0: the value is big_[num]
  std::vector<mpq_class> big_;
};

// Exact payoffs that are all short decimals, kept as nothing but their doubles
// and a number of decimal places K, so that a .nfg file of decimals (every
// `negsim generate` file, most Gambit files) is read at the speed of doubles
// (issue 16). Valid when every payoff x is the double nearest to a decimal
// m / 10^K with |m| <= 2^50 and K <= kMaxPlaces; the reader checks this with
// fits(). Then, since round to nearest errs by at most 2^-53 relatively:
//  - m is the integer nearest to x * 10^K: x is within |m| 2^-53 / 10^K of
//    the decimal and the product (10^K is an exact double) adds one more
//    rounding, so x * 10^K is within about |m| 2^-52 <= 1/4 of m;
//  - two different such decimals, at least 10^-K apart, never round to the
//    same double (each is within |m| 2^-53 / 10^K <= 10^-K / 8 of its double),
//    and rounding is monotone, so comparing the doubles compares the
//    decimals exactly.
class DecimalPayoffs {
 public:
  static constexpr int kMaxPlaces = 18;  // 10^18 < 2^63: the denominator is an int64
  // True when decimals of at most `places` places (0 <= places), none larger
  // than max_abs in magnitude (the largest of their doubles), qualify.
  static bool fits(double max_abs, int places);

  explicit DecimalPayoffs(int places);
  int places() const { return places_; }
  // 10^places.
  std::int64_t denominator() const { return denominator_; }
  // m, for x the double of a payoff (see above).
  std::int64_t numerator(double x) const {
    // Adding and taking away 1.5 * 2^52 rounds to the nearest integer
    // (|x * 10^K| < 2^51); compilers keep both operations without -ffast-math.
    constexpr double kRound = 6755399441055744.0;
    return static_cast<std::int64_t>((x * scale_ + kRound) - kRound);
  }
  // m / 10^places in lowest terms.
  SmallFraction lowest_terms(double x) const;

 private:
  int places_ = 0;
  std::int64_t denominator_ = 1;
  double scale_ = 1;
};

}  // namespace negsim
