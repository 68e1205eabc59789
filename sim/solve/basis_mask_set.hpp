// Bases of a pivoting tableau as fixed-width bit masks over variable ids, and
// an open-addressing hash set of such masks: the "visited" set of the
// depth-first vertex enumerations (vertex_enumeration.cpp,
// hybrid_vertex_enumeration.cpp). Keys are stored densely and addressed by
// insertion index. Complexity: O(words) per insert or find, amortized.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace negsim::detail {

using Mask = std::vector<std::uint64_t>;

inline void set_bit(std::uint64_t* m, int id) { m[id >> 6] |= std::uint64_t{1} << (id & 63); }
inline void flip_bit(std::uint64_t* m, int id) { m[id >> 6] ^= std::uint64_t{1} << (id & 63); }
inline bool test_bit(const std::uint64_t* m, int id) { return (m[id >> 6] >> (id & 63)) & 1; }

class MaskSet {
 public:
  explicit MaskSet(std::size_t words) : words_(words), table_(1024, 0) {}

  // Index of the key and whether it was newly inserted.
  std::pair<std::uint32_t, bool> insert(const std::uint64_t* key) {
    if (2 * (count_ + 1) > table_.size()) grow();
    std::size_t slot = hash(key) & (table_.size() - 1);
    while (table_[slot] != 0) {
      const std::uint32_t idx = table_[slot] - 1;
      if (equal(key, &keys_[idx * words_])) return {idx, false};
      slot = (slot + 1) & (table_.size() - 1);
    }
    const auto idx = static_cast<std::uint32_t>(count_++);
    keys_.insert(keys_.end(), key, key + words_);
    table_[slot] = idx + 1;
    return {idx, true};
  }

  long find(const std::uint64_t* key) const {
    std::size_t slot = hash(key) & (table_.size() - 1);
    while (table_[slot] != 0) {
      const std::uint32_t idx = table_[slot] - 1;
      if (equal(key, &keys_[idx * words_])) return idx;
      slot = (slot + 1) & (table_.size() - 1);
    }
    return -1;
  }

  std::size_t size() const { return count_; }

 private:
  bool equal(const std::uint64_t* a, const std::uint64_t* b) const {
    for (std::size_t w = 0; w < words_; ++w)
      if (a[w] != b[w]) return false;
    return true;
  }
  std::size_t hash(const std::uint64_t* key) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::size_t w = 0; w < words_; ++w) {
      h ^= key[w] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h *= 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 31;
    }
    return static_cast<std::size_t>(h);
  }
  void grow() {
    std::vector<std::uint32_t> bigger(table_.size() * 2, 0);
    for (std::size_t idx = 0; idx < count_; ++idx) {
      std::size_t slot = hash(&keys_[idx * words_]) & (bigger.size() - 1);
      while (bigger[slot] != 0) slot = (slot + 1) & (bigger.size() - 1);
      bigger[slot] = static_cast<std::uint32_t>(idx + 1);
    }
    table_.swap(bigger);
  }

  std::size_t words_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> table_;  // insertion index + 1; 0 = empty
  std::size_t count_ = 0;
};

}  // namespace negsim::detail
