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
//
// Complexity: every accessor is O(1) for small entries; value(i) allocates.
#pragma once

#include <cstddef>
#include <cstdint>
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

}  // namespace negsim
