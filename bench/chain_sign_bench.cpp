// Order signing throughput: hash a flat 11-field struct with a precomputed domain separator
// and type hash (two keccak256), then ECDSA-sign with recovery. Single thread.
#include <benchmark/benchmark.h>

#include <array>

#include "chain/abi_word.hpp"
#include "chain/eip712_struct_hasher.hpp"
#include "chain/private_key.hpp"

namespace {

using namespace polycopy::chain;

const Eip712Types kOrderTypes{
    {"Order",
     {{"salt", "uint256"},
      {"maker", "address"},
      {"signer", "address"},
      {"tokenId", "uint256"},
      {"makerAmount", "uint256"},
      {"takerAmount", "uint256"},
      {"side", "uint8"},
      {"signatureType", "uint8"},
      {"timestamp", "uint256"},
      {"metadata", "bytes32"},
      {"builder", "bytes32"}}},
};

void BM_HashAndSignOrder(benchmark::State& state) {
  Eip712Domain domain;
  domain.name = "Polymarket CTF Exchange";
  domain.version = "2";
  domain.chain_id = Uint256(137);
  domain.verifying_contract = Address{};
  const auto hasher = Eip712StructHasher::create(domain, kOrderTypes, "Order").value();
  const auto key = PrivateKey::parse("0x" + std::string(62, '0') + "a1").value();
  std::array<Bytes32, 11> words{};
  words[1] = words[2] = abi_word(key.address());
  words[3] = Uint256::parse_decimal(
                 "34549038436775387767555351401981287096280193432851657723404876503687402605441")
                 .value()
                 .word();
  words[4] = abi_word_u64(5'250'000);
  words[5] = abi_word_u64(12'500'000);
  std::uint64_t salt = 0;
  for (auto _ : state) {
    words[0] = abi_word_u64(++salt);  // a new order each time
    words[8] = abi_word_u64(1'765'000'000'000 + salt);
    const Signature sig = key.sign_digest(hasher.digest(words));
    benchmark::DoNotOptimize(sig);
  }
  state.counters["orders/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HashAndSignOrder);

void BM_SignOnly(benchmark::State& state) {
  const auto key = PrivateKey::parse("0x" + std::string(62, '0') + "a1").value();
  Bytes32 digest{};
  for (auto _ : state) {
    ++digest.bytes[0];
    benchmark::DoNotOptimize(key.sign_digest(digest));
  }
  state.counters["signs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SignOnly);

}  // namespace

BENCHMARK_MAIN();
