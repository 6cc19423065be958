#pragma once
// Byte strings and fixed-size byte values: 32-byte words/hashes and 20-byte addresses.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace polycopy::chain {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

template <std::size_t N>
struct FixedBytes {
  std::array<std::uint8_t, N> bytes{};

  static constexpr std::size_t size() { return N; }
  const std::uint8_t* data() const { return bytes.data(); }
  std::uint8_t* data() { return bytes.data(); }
  ByteView view() const { return ByteView(bytes.data(), N); }
  bool is_zero() const {
    for (auto b : bytes)
      if (b != 0) return false;
    return true;
  }
  auto operator<=>(const FixedBytes&) const = default;
};

using Bytes32 = FixedBytes<32>;  // hashes, ABI words, bytes32 values
using Address = FixedBytes<20>;  // Ethereum account / contract address
using Bytes4 = FixedBytes<4>;    // function selectors

// The fast EIP-712 path hashes a span of words as one contiguous buffer.
static_assert(sizeof(Bytes32) == 32);

}  // namespace polycopy::chain
