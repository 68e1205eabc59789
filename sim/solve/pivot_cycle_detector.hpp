// Detects a complementary-pivoting walk that returns to a state it has been
// in: the lexicographic rule rules that out in exact arithmetic, rounding
// could cause it in double precision.
//
// Contract
//  - The state is the pair of bases (which ids are basic in each of the two
//    polytopes), the polytope that moved last and the id that left it (the
//    next entering one). start_basic() declares the initial bases;
//    repeats_after() records one pivot and says whether the state after it
//    was seen before. A false "repeat" needs a 64-bit hash collision.
//  - Method: Zobrist hashing (one random 64-bit key per id and polytope,
//    XORed in and out at each pivot; A. L. Zobrist 1970) and Brent's cycle
//    detection (R. P. Brent, "An improved Monte Carlo factorization
//    algorithm", BIT 20 (1980)): the state is compared with the one saved at
//    the last power of two.
// Complexity: O(1) per pivot, O(ids) memory; a cycle of length L entered after
// s pivots is reported within 2 max(s + 1, L) + L pivots.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace negsim::detail {

class PivotCycleDetector {
 public:
  explicit PivotCycleDetector(std::size_t num_ids) : keys_(2 * num_ids) {
    std::mt19937_64 rng(0x6e65677369ULL);
    for (std::uint64_t& k : keys_) k = rng();
  }

  void start_basic(bool first_polytope, int id) { hash_ ^= key(first_polytope, id); }

  bool repeats_after(bool first_polytope, int entering, int leaving) {
    hash_ ^= key(first_polytope, entering) ^ key(first_polytope, leaving);
    const std::uint64_t state =
        hash_ ^ (static_cast<std::uint64_t>(leaving) * 0x9e3779b97f4a7c15ULL) ^ (first_polytope ? 1 : 0);
    if (state == saved_) return true;
    if (++since_saved_ == power_) {
      saved_ = state;
      power_ *= 2;
      since_saved_ = 0;
    }
    return false;
  }

 private:
  std::uint64_t key(bool first_polytope, int id) const {
    return keys_[2 * static_cast<std::size_t>(id) + (first_polytope ? 1 : 0)];
  }
  std::vector<std::uint64_t> keys_;
  std::uint64_t hash_ = 0, saved_ = 0;
  std::size_t power_ = 1, since_saved_ = 0;
};

}  // namespace negsim::detail
