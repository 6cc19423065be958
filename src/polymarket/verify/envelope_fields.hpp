#pragma once
// Strict readers for the members of a received POST /order envelope (protocol doc 7.6).
// Each accepts only the wire type the official clients send and refuses anything else with
// "invalid_payload" and a message naming the field by its path ("order.makerAmount"). The
// values are never echoed: a body is untrusted input and may be huge.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket::envelope {

// "invalid_payload" with message.
core::Error invalid_payload(std::string message);

// One JSON object and the path its members are reported under ("" or "order.").
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string path)
      : object_(object), path_(std::move(path)) {}

  bool has(std::string_view name) const;
  // The member must be a JSON object; out points into the reader's object.
  core::Status object(std::string_view name, const nlohmann::json*& out) const;
  core::Status boolean(std::string_view name, bool& out) const;
  core::Status string(std::string_view name, std::string& out) const;
  // A JSON number holding a non-negative integer <= max (no fraction, no exponent form).
  core::Status json_uint(std::string_view name, std::uint64_t max, std::uint64_t& out) const;
  // Strings holding a canonical decimal: digits only, no sign, no leading zeros.
  core::Status decimal(std::string_view name, chain::Uint256& out) const;
  core::Status decimal(std::string_view name, std::uint64_t& out) const;
  core::Status decimal(std::string_view name, std::int64_t& out) const;  // <= INT64_MAX
  // "0x" + 40 hex: lower case or EIP-55, and out remembers which.
  core::Status wire_address(std::string_view name, WireAddress& out) const;
  // "0x" + 40 hex in any case (the V1 taker: only its value is signed).
  core::Status address(std::string_view name, chain::Address& out) const;
  // "0x" + 64 hex digits.
  core::Status bytes32(std::string_view name, chain::Bytes32& out) const;
  // "0x" + an even number of hex digits, kept as text.
  core::Status hex_string(std::string_view name, std::string& out) const;

  // "field '<path><name>' must be <must_be>", for checks made by the caller.
  core::Error invalid(std::string_view name, std::string_view must_be) const;

 private:
  // The member, or an error for a missing one.
  core::Status member(std::string_view name, const nlohmann::json*& out) const;
  core::Status decimal_text(std::string_view name, chain::Uint256& out) const;

  const nlohmann::json& object_;
  std::string path_;
};

}  // namespace polycopy::polymarket::envelope
