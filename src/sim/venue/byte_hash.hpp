#pragma once
// Hashers for the venue's fixed-size keys (order hashes, addresses, token ids), so they can
// key std::unordered_map. Every byte counts: test ids like Uint256(1) differ only at the end.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"

namespace polycopy::sim {

namespace detail {
// splitmix64's finalizer: spreads every input bit over the whole word.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline std::size_t hash_bytes(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ size;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, data + i, 8);
    h = mix64(h ^ word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, data + i, size - i);
  return static_cast<std::size_t>(mix64(h ^ tail));
}
}  // namespace detail

struct FixedBytesHash {
  template <std::size_t N>
  std::size_t operator()(const chain::FixedBytes<N>& value) const {
    return detail::hash_bytes(value.data(), N);
  }
};

struct Uint256Hash {
  std::size_t operator()(const chain::Uint256& value) const {
    return FixedBytesHash{}(value.word());
  }
};

}  // namespace polycopy::sim
