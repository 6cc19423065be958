// ABI encoding against the Solidity ABI specification's examples and the protocol
// reference's selectors and calldata; strict decoding of return data.
#include <gtest/gtest.h>

#include "chain/abi.hpp"
#include "chain/address.hpp"
#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

Bytes32 word(std::string_view hex_digits) {  // right-aligned number word
  return Uint256::parse_hex("0x" + std::string(hex_digits)).value().word();
}

Bytes32 left_aligned(std::string_view text) {  // bytesN value
  Bytes32 w;
  std::copy(text.begin(), text.end(), w.bytes.begin());
  return w;
}

std::string hex_of(const core::Result<Bytes>& r) {
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? to_hex(*r) : "";
}

TEST(AbiSpec, Baz) {
  const AbiValue args[] = {Uint256(69), true};
  EXPECT_EQ(hex_of(abi_encode_call("baz(uint32,bool)", args)),
            "0xcdcd77c0"
            "0000000000000000000000000000000000000000000000000000000000000045"
            "0000000000000000000000000000000000000000000000000000000000000001");
}

TEST(AbiSpec, Sam) {
  const AbiValue args[] = {Bytes{'d', 'a', 'v', 'e'}, true,
                           std::vector<Uint256>{Uint256(1), Uint256(2), Uint256(3)}};
  EXPECT_EQ(hex_of(abi_encode_call("sam(bytes,bool,uint256[])", args)),
            "0xa5643bf2"
            "0000000000000000000000000000000000000000000000000000000000000060"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "00000000000000000000000000000000000000000000000000000000000000a0"
            "0000000000000000000000000000000000000000000000000000000000000004"
            "6461766500000000000000000000000000000000000000000000000000000000"
            "0000000000000000000000000000000000000000000000000000000000000003"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "0000000000000000000000000000000000000000000000000000000000000002"
            "0000000000000000000000000000000000000000000000000000000000000003");
}

TEST(AbiSpec, DynamicTypesExample) {
  const Bytes hello{'H', 'e', 'l', 'l', 'o', ',', ' ', 'w', 'o', 'r', 'l', 'd', '!'};
  const AbiValue args[] = {Uint256(0x123), std::vector<Uint256>{Uint256(0x456), Uint256(0x789)},
                           left_aligned("1234567890"), hello};
  EXPECT_EQ(hex_of(abi_encode_call("f(uint256,uint32[],bytes10,bytes)", args)),
            "0x8be65246"
            "0000000000000000000000000000000000000000000000000000000000000123"
            "0000000000000000000000000000000000000000000000000000000000000080"
            "3132333435363738393000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000e0"
            "0000000000000000000000000000000000000000000000000000000000000002"
            "0000000000000000000000000000000000000000000000000000000000000456"
            "0000000000000000000000000000000000000000000000000000000000000789"
            "000000000000000000000000000000000000000000000000000000000000000d"
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");
  // A string is laid out exactly like bytes.
  const AbiValue as_string[] = {args[0], args[1], args[2], std::string("Hello, world!")};
  EXPECT_EQ(abi_encode(as_string), abi_encode(args));
  EXPECT_TRUE(abi_encode_call("f(uint256,uint32[],bytes10,string)", as_string).ok());
  EXPECT_FALSE(abi_encode_call("f(uint256,uint32[],bytes10,bytes)", as_string).ok());
}

TEST(AbiSelectors, MatchTheProtocolReference) {
  const std::pair<const char*, const char*> cases[] = {
      {"balanceOf(address)", "0x70a08231"},
      {"approve(address,uint256)", "0x095ea7b3"},
      {"balanceOf(address,uint256)", "0x00fdd58e"},
      {"balanceOfBatch(address[],uint256[])", "0x4e1273f4"},
      {"setApprovalForAll(address,bool)", "0xa22cb465"},
      {"redeemPositions(address,bytes32,bytes32,uint256[])", "0x01b7037c"},
      {"redeemPositions(bytes32,uint256[])", "0xdbeccb23"},
      {"payoutDenominator(bytes32)", "0xdd34de67"},
      {"payoutNumerators(bytes32,uint256)", "0x0504c814"},
      {"isValidSignature(bytes32,bytes)", "0x1626ba7e"},
  };
  for (const auto& [signature, want] : cases) EXPECT_EQ(to_hex(function_selector(signature)), want);
}

TEST(AbiCalls, RedeemPositionsCalldataFromTheReference) {
  // Protocol reference 10.4: USDC.e, parent 0, condition 0x6fa1...094c, index sets [1, 2].
  const AbiValue args[] = {
      parse_address("0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174").value(), Bytes32{},
      parse_bytes32("0x6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c").value(),
      std::vector<Uint256>{Uint256(1), Uint256(2)}};
  EXPECT_EQ(hex_of(abi_encode_call("redeemPositions(address,bytes32,bytes32,uint256[])", args)),
            "0x01b7037c"
            "0000000000000000000000002791bca1f2de4661ed88a30c99a7a9449aa84174"
            "0000000000000000000000000000000000000000000000000000000000000000"
            "6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c"
            "0000000000000000000000000000000000000000000000000000000000000080"
            "0000000000000000000000000000000000000000000000000000000000000002"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "0000000000000000000000000000000000000000000000000000000000000002");
}

TEST(AbiCalls, RefusesArgumentsThatDoNotMatchTheSignature) {
  const AbiValue one_uint[] = {Uint256(1)};
  const AbiValue big[] = {Uint256(256)};
  const AbiValue address[] = {Address{}};
  const AbiValue long_bytes10[] = {left_aligned("12345678901")};
  const std::pair<const char*, std::span<const AbiValue>> cases[] = {
      {"f(uint256,bool)", one_uint}, {"f(bool)", one_uint},        {"f(uint8)", big},
      {"f(uint256)", address},       {"f(bytes10)", long_bytes10}, {"f((uint256))", one_uint},
      {"f(uint256", one_uint},       {"(uint256)", one_uint},      {"f(int256)", one_uint},
      {"f(uint256,)", one_uint},
  };
  for (const auto& [signature, args] : cases) {
    const auto r = abi_encode_call(signature, args);
    ASSERT_FALSE(r.ok()) << signature;
    EXPECT_EQ(r.error().code, "abi_encode_error") << signature;
  }
  const AbiValue none[] = {AbiValue{}};
  EXPECT_TRUE(abi_encode_call("f(uint256)", std::span<const AbiValue>(none, 1)).ok());
  EXPECT_TRUE(abi_encode_call("incrementNonce()", {}).ok());
}

// The argument part of the specification's sam(...) example.
Bytes sam_args() {
  const AbiValue args[] = {Bytes{'d', 'a', 'v', 'e'}, true,
                           std::vector<Uint256>{Uint256(1), Uint256(2), Uint256(3)}};
  return abi_encode(args);
}

TEST(AbiDecode, ReadsTheSpecificationsEncoding) {
  const Bytes data = sam_args();
  const AbiDecoder d(data);
  EXPECT_EQ(d.bytes(0).value(), (Bytes{'d', 'a', 'v', 'e'}));
  EXPECT_TRUE(d.boolean(1).value());
  EXPECT_EQ(d.uint256_array(2).value(), (std::vector<Uint256>{Uint256(1), Uint256(2), Uint256(3)}));
  EXPECT_EQ(d.uint256(1).value(), Uint256(1));
}

TEST(AbiDecode, ReadsAddressesAndWords) {
  const Address a = parse_address("0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174").value();
  const AbiValue args[] = {a, Uint256(5)};
  const Bytes data = abi_encode(args);
  const AbiDecoder d(data);
  EXPECT_EQ(d.address(0).value(), a);
  EXPECT_EQ(d.uint256(1).value(), Uint256(5));
  EXPECT_EQ(d.word(1).value(), word("5"));
}

TEST(AbiDecode, RefusesTruncatedAndMalformedData) {
  const Bytes full = sam_args();
  const Bytes truncated(full.begin(), full.end() - 1);
  EXPECT_EQ(AbiDecoder(truncated).uint256_array(2).error().code, "abi_decode_error");
  EXPECT_EQ(AbiDecoder(Bytes(31, 0)).uint256(0).error().code, "abi_decode_error");
  EXPECT_EQ(AbiDecoder(Bytes{}).boolean(0).error().code, "abi_decode_error");
  EXPECT_EQ(AbiDecoder(full).uint256(100).error().code, "abi_decode_error");
  EXPECT_EQ(AbiDecoder(full).uint256(~std::size_t{0}).error().code, "abi_decode_error");

  const AbiValue two[] = {Uint256(2)};
  EXPECT_EQ(AbiDecoder(abi_encode(two)).boolean(0).error().code, "abi_decode_error");
  const AbiValue high[] = {Uint256::parse_hex("0x1" + std::string(40, '0')).value()};
  EXPECT_EQ(AbiDecoder(abi_encode(high)).address(0).error().code, "abi_decode_error");

  // Offset past the end, and a length claiming more elements than the data holds.
  const AbiValue far[] = {Uint256(4096)};
  EXPECT_EQ(AbiDecoder(abi_encode(far)).uint256_array(0).error().code, "abi_decode_error");
  const AbiValue huge_len[] = {Uint256(32),
                               Uint256::parse_hex("0x" + std::string(64, 'f')).value()};
  EXPECT_EQ(AbiDecoder(abi_encode(huge_len)).uint256_array(0).error().code, "abi_decode_error");
  EXPECT_EQ(AbiDecoder(abi_encode(huge_len)).bytes(0).error().code, "abi_decode_error");
  const AbiValue three_claimed[] = {Uint256(32), Uint256(3), Uint256(1)};
  EXPECT_EQ(AbiDecoder(abi_encode(three_claimed)).uint256_array(0).error().code,
            "abi_decode_error");
}

}  // namespace
}  // namespace polycopy::chain
