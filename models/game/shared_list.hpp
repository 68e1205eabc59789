// An immutable list shared by its copies: copying one copies a pointer (an
// atomic reference count), not the elements. For tables that many objects
// hold alike, such as the action labels of information sets with the same
// actions, built once per tree instead of once per node.
//
// Contract: read-only after construction; reads like a const std::vector<T>
// (size, [], begin/end, and converts to const std::vector<T>&); equal when
// the elements are equal. Default-constructed: empty (one shared empty list).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace negsim {

template <class T>
class SharedList {
 public:
  SharedList() : items_(empty_list()) {}
  SharedList(std::vector<T> items)  // NOLINT: implicit, as the vector it stands for
      : items_(std::make_shared<const std::vector<T>>(std::move(items))) {}
  SharedList(std::initializer_list<T> items) : SharedList(std::vector<T>(items)) {}

  std::size_t size() const { return items_->size(); }
  bool empty() const { return items_->empty(); }
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  auto begin() const { return items_->begin(); }
  auto end() const { return items_->end(); }
  const std::vector<T>& list() const { return *items_; }
  operator const std::vector<T>&() const { return *items_; }  // NOLINT: read as the vector

  friend bool operator==(const SharedList& a, const SharedList& b) {
    return a.items_ == b.items_ || *a.items_ == *b.items_;
  }

 private:
  static const std::shared_ptr<const std::vector<T>>& empty_list() {
    static const auto list = std::make_shared<const std::vector<T>>();
    return list;
  }
  std::shared_ptr<const std::vector<T>> items_;
};

}  // namespace negsim
