#include "chain/rlp.hpp"

namespace polycopy::chain::rlp {
namespace {

// The prefix of a payload of `length` bytes: `short_base` + length up to 55 bytes, else
// `short_base` + 55 + the length's own byte count, then the length big-endian.
Bytes prefixed(std::uint8_t short_base, std::size_t length) {
  if (length <= 55) return {static_cast<std::uint8_t>(short_base + length)};
  Bytes length_bytes;
  for (std::size_t rest = length; rest != 0; rest >>= 8)
    length_bytes.insert(length_bytes.begin(), static_cast<std::uint8_t>(rest & 0xff));
  Bytes out{static_cast<std::uint8_t>(short_base + 55 + length_bytes.size())};
  out.insert(out.end(), length_bytes.begin(), length_bytes.end());
  return out;
}

}  // namespace

Bytes encode_bytes(ByteView bytes) {
  if (bytes.size() == 1 && bytes[0] < 0x80) return {bytes[0]};
  Bytes out = prefixed(0x80, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
  return out;
}

Bytes encode_uint(const Uint256& value) {
  const auto& word = value.word().bytes;
  std::size_t first = 0;
  while (first < word.size() && word[first] == 0) ++first;
  return encode_bytes(ByteView(word.data() + first, word.size() - first));
}

Bytes encode_uint(std::uint64_t value) {
  return encode_uint(Uint256(value));
}

Bytes encode_list(const std::vector<Bytes>& encoded_items) {
  std::size_t length = 0;
  for (const auto& item : encoded_items) length += item.size();
  Bytes out = prefixed(0xc0, length);
  out.reserve(out.size() + length);
  for (const auto& item : encoded_items) out.insert(out.end(), item.begin(), item.end());
  return out;
}

}  // namespace polycopy::chain::rlp
