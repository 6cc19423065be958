#pragma once
// A set of ids (trader addresses, outcome token ids) kept sorted, so that membership is a
// binary search: the evaluation never scans a long list and never allocates to look up.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace polycopy::strategy {

class IdSet {
 public:
  IdSet() = default;
  // Sorts and drops duplicates. Ids are compared byte for byte: pass them lower-cased.
  explicit IdSet(std::vector<std::string> ids);

  bool contains(std::string_view id) const;
  bool empty() const { return ids_.empty(); }
  std::size_t size() const { return ids_.size(); }

  // For a caller that keeps the set as positions open and close (linear, off the hot path).
  void insert(std::string id);
  void erase(std::string_view id);

 private:
  std::vector<std::string> ids_;  // ascending, unique
};

}  // namespace polycopy::strategy
