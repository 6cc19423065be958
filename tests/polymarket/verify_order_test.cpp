// The venue's side of orders: received bodies parse back into the orders that were posted,
// signatures verify as the exchange checks them, and anything tampered with or malformed is
// refused with a reason, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/orders/client_order.hpp"
#include "polymarket/orders/order_body.hpp"
#include "polymarket/orders/order_signer.hpp"
#include "polymarket/orders_crosscheck_support.hpp"
#include "polymarket/verify/order_verify.hpp"

namespace polycopy::polymarket {
namespace {

const chain::PrivateKey& alice() {
  static const auto key =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000000a1")
          .value();
  return key;
}

const chain::PrivateKey& bob() {
  static const auto key =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000000b2")
          .value();
  return key;
}

// A proxy / Safe / deposit wallet, spelled in lower case as a user might type it.
WireAddress funder() {
  return WireAddress{chain::parse_address("0x0123456789abcdef0123456789abcdef01234567").value(),
                     false};
}

struct Case {
  ProtocolVersion version;
  bool neg_risk;
  SignatureType type;
};

std::string describe(const Case& c) {
  return "v" + std::to_string(static_cast<int>(c.version)) + (c.neg_risk ? " neg-risk" : "") +
         " type " + std::to_string(static_cast<int>(c.type));
}

std::vector<Case> every_case() {
  std::vector<Case> out;
  for (auto version : {ProtocolVersion::v1, ProtocolVersion::v2, ProtocolVersion::v3}) {
    for (bool neg_risk : {false, true}) {
      for (auto type : {SignatureType::eoa, SignatureType::poly_proxy,
                        SignatureType::poly_gnosis_safe, SignatureType::poly_1271}) {
        if (version == ProtocolVersion::v1 && type == SignatureType::poly_1271) continue;
        out.push_back({version, neg_risk, type});
      }
    }
  }
  return out;
}

SignedOrder build(const Case& c, Side side = Side::buy) {
  ClientOrderRequest r;
  r.version = c.version;
  r.neg_risk = c.neg_risk;
  r.signature_type = c.type;
  if (c.type != SignatureType::eoa) r.funder = funder();
  r.token_id = chain::Uint256::parse_decimal(
                   "34549038436775387767555351401981287096280193432851657723404876503687402605441")
                   .value();
  r.price = "0.42";
  r.size = "12.5";
  r.side = side;
  r.salt = 86420;
  r.expiration = 1767225600;
  r.timestamp_ms = 1765000000000;
  r.fee_rate_bps = chain::Uint256(100);
  r.nonce = chain::Uint256(3);
  r.metadata.bytes[31] = 0x07;
  r.builder.bytes[0] = 0xab;
  return build_client_order(r, alice()).value();
}

const PostOptions kOptions{"3e2c94ca-8124-c4c1-c7ea-be1ea21b71fe", OrderType::gtd, true, true};

// The market's facts the venue adds to a parsed order: it knows the version it serves, the
// token's neg_risk and its chain.
Order as_venue_sees(Order order, ProtocolVersion version, bool neg_risk,
                    std::uint64_t chain_id = kPolygonChainId) {
  order.version = version;
  order.neg_risk = neg_risk;
  order.chain_id = chain_id;
  return order;
}

TEST(VerifyOrder, EveryVersionAndSignatureTypeRoundTrips) {
  for (const Case& c : every_case()) {
    SCOPED_TRACE(describe(c));
    const SignedOrder sent = build(c, c.neg_risk ? Side::sell : Side::buy);
    const std::string body = post_order_body(sent, kOptions);
    const auto received = parse_order_envelope(body);
    ASSERT_TRUE(received) << received.error().to_string();
    EXPECT_EQ(received->v1_shape, c.version == ProtocolVersion::v1);
    EXPECT_EQ(received->signature, sent.signature);
    EXPECT_EQ(received->post.owner, kOptions.owner);
    EXPECT_EQ(received->post.order_type, OrderType::gtd);
    EXPECT_TRUE(received->post.post_only);
    EXPECT_TRUE(received->post.defer_exec);
    EXPECT_EQ(received->order.maker.checksummed, c.type == SignatureType::eoa);

    const Order order = as_venue_sees(received->order, c.version, c.neg_risk);
    EXPECT_EQ(post_order_body({order, sent.hash, received->signature}, received->post), body);
    const auto digest = order_digest(order);
    ASSERT_TRUE(digest) << digest.error().to_string();
    EXPECT_EQ(*digest, sent.hash);
    const auto verified = verify_order_signature(order, received->signature);
    ASSERT_TRUE(verified) << verified.error().to_string();
    EXPECT_EQ(verified->hash, sent.hash);
    EXPECT_EQ(verified->signed_by, alice().address());
  }
}

nlohmann::ordered_json examples() {
  std::ifstream in(std::string(POLYCOPY_SHARED_DIR) + "/docs/protocol-examples.json");
  EXPECT_TRUE(in) << "cannot open protocol-examples.json";
  return nlohmann::ordered_json::parse(in);
}

TEST(VerifyOrder, OfficialClientExamplesParseAndVerify) {
  const auto doc = examples();
  ASSERT_EQ(doc["orders"].size(), 3u);
  for (const auto& example : doc["orders"]) {
    SCOPED_TRACE(example["id"].get<std::string>());
    const std::string body = example["expected_body"];
    const auto received = parse_order_envelope(body);
    ASSERT_TRUE(received) << received.error().to_string();
    const int version = example["input"]["protocol_version"];
    const Order order = as_venue_sees(received->order, static_cast<ProtocolVersion>(version),
                                      example["input"]["neg_risk"]);
    std::string expected_body = body;
    if (version == 1) {
      // clob-client 5.x left postOnly out here; post_order_body always writes it for V1.
      EXPECT_FALSE(received->post.post_only);
      expected_body.insert(expected_body.size() - 1, ",\"postOnly\":false");
    }
    EXPECT_EQ(post_order_body({order, {}, received->signature}, received->post), expected_body);
    const auto verified = verify_order_signature(order, received->signature);
    ASSERT_TRUE(verified) << verified.error().to_string();
    EXPECT_EQ(chain::to_hex(verified->hash), example["expected_order_hash"]);
    EXPECT_EQ(verified->signed_by, alice().address());
  }
}

// Bodies of the official clients for random inputs (tools/crosscheck): every one parses,
// re-serialises to the same bytes and verifies to the key that signed it.
TEST(VerifyOrder, OfficialClientBodiesForRandomInputsVerify) {
  const auto cases = test::generate_crosscheck_cases("--seed 29 --count 150 --auth-count 0");
  int verified_count = 0;
  int failures = 0;
  for (const auto& c : cases) {
    if (c["kind"] != "order") continue;
    const auto& in = c["input"];
    const std::string body = c["expected"];
    const auto received = parse_order_envelope(body);
    const auto version = static_cast<ProtocolVersion>(in.value("protocol_version", 2));
    const bool neg_risk = in.value("neg_risk", false);
    if (!received) {
      if (failures++ < 3) ADD_FAILURE() << received.error().to_string() << "\n  body: " << body;
      continue;
    }
    const Order order =
        as_venue_sees(received->order, version, neg_risk, in.value("chain_id", kPolygonChainId));
    const auto verified = verify_order_signature(order, received->signature);
    const auto key = chain::PrivateKey::parse(in["private_key"].get<std::string>()).value();
    const bool same_body =
        post_order_body({order, {}, received->signature}, received->post) == body;
    if (verified && verified->signed_by == key.address() && same_body) {
      ++verified_count;
    } else if (failures++ < 3) {
      ADD_FAILURE() << (verified ? "wrong signer or body" : verified.error().to_string())
                    << "\n  body: " << body;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GE(verified_count, 400);
}

TEST(VerifyOrder, TamperedFieldsNoLongerVerify) {
  for (const Case& c : every_case()) {
    SCOPED_TRACE(describe(c));
    const SignedOrder sent = build(c);
    std::vector<std::pair<std::string, Order>> tampered;
    Order o = sent.order;
    o.maker_amount += 1;
    tampered.emplace_back("makerAmount", o);
    o = sent.order;
    o.taker_amount -= 1;
    tampered.emplace_back("takerAmount", o);
    o = sent.order;
    o.salt += 1;
    tampered.emplace_back("salt", o);
    o = sent.order;
    o.token_id = chain::Uint256(12345);
    tampered.emplace_back("tokenId", o);
    o = sent.order;
    o.side = Side::sell;
    tampered.emplace_back("side", o);
    o = sent.order;
    if (c.version == ProtocolVersion::v1) {
      o.fee_rate_bps = chain::Uint256(0);
    } else {
      o.timestamp_ms += 1;
    }
    tampered.emplace_back("signed version field", o);
    for (const auto& [what, order] : tampered) {
      const auto verified = verify_order_signature(order, sent.signature);
      // Types 0-2 name the signer, so a mismatch is refused; type 3 carries the contents
      // hash, which no longer matches.
      ASSERT_FALSE(verified) << what;
      EXPECT_EQ(verified.error().code, "invalid_signature") << what;
    }
  }
}

TEST(VerifyOrder, TamperedSignaturesAreRefusedOrRecoverSomeoneElse) {
  for (const Case& c : every_case()) {
    SCOPED_TRACE(describe(c));
    const SignedOrder sent = build(c);
    auto wire = chain::parse_hex(sent.signature).value();
    for (std::size_t at : {std::size_t{0}, std::size_t{40}, std::size_t{64}}) {
      auto changed = wire;
      changed[at] ^= 0x01;
      const auto verified = verify_order_signature(sent.order, chain::to_hex(changed));
      if (verified) {
        EXPECT_NE(verified->signed_by, alice().address()) << "byte " << at;
      } else {
        EXPECT_EQ(verified.error().code, "invalid_signature") << "byte " << at;
      }
    }
    // Dropping the last byte breaks both layouts.
    const auto truncated = chain::to_hex(chain::ByteView(wire.data(), wire.size() - 1));
    const auto short_result = verify_order_signature(sent.order, truncated);
    ASSERT_FALSE(short_result);
    EXPECT_EQ(short_result.error().code, "invalid_signature");
    // Signed by someone else (types 0-2: the signer field still names alice).
    auto other = sent.order;
    if (c.type != SignatureType::poly_1271) {
      other.signer = WireAddress{bob().address(), true};
      if (c.type == SignatureType::eoa) other.maker = other.signer;
      const auto by_bob = sign_order(other, bob()).value();
      const auto verified = verify_order_signature(sent.order, by_bob.signature);
      ASSERT_FALSE(verified);
      EXPECT_EQ(verified.error().code, "invalid_signature");
    } else {
      const auto by_bob = sign_order(sent.order, bob()).value();
      const auto verified = verify_order_signature(sent.order, by_bob.signature);
      ASSERT_TRUE(verified) << verified.error().to_string();
      EXPECT_EQ(verified->signed_by, bob().address());  // the venue compares the owner
    }
  }
}

TEST(VerifyOrder, TheWrongExchangeDoesNotVerify) {
  for (const Case& c : every_case()) {
    SCOPED_TRACE(describe(c));
    const SignedOrder sent = build(c);
    Order flipped = sent.order;
    flipped.neg_risk = !c.neg_risk;
    const auto verified = verify_order_signature(flipped, sent.signature);
    if (c.version == ProtocolVersion::v3) {
      // V3 has one exchange for every market: neg_risk does not change the domain.
      ASSERT_TRUE(verified) << verified.error().to_string();
      EXPECT_EQ(verified->signed_by, alice().address());
    } else {
      ASSERT_FALSE(verified);
      EXPECT_EQ(verified.error().code, "invalid_signature");
    }
    Order amoy = sent.order;
    amoy.chain_id = kAmoyChainId;
    EXPECT_FALSE(verify_order_signature(amoy, sent.signature));
    if (c.version != ProtocolVersion::v1) {
      Order other_version = sent.order;
      other_version.version =
          c.version == ProtocolVersion::v2 ? ProtocolVersion::v3 : ProtocolVersion::v2;
      EXPECT_FALSE(verify_order_signature(other_version, sent.signature));
    }
  }
}

TEST(VerifyOrder, UnsupportedChainIsReported) {
  Order order = build({ProtocolVersion::v2, false, SignatureType::eoa}).order;
  order.chain_id = 1;
  const auto digest = order_digest(order);
  ASSERT_FALSE(digest);
  EXPECT_EQ(digest.error().code, "unsupported_chain");
  const auto verified = verify_order_signature(order, "0x00");
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, "unsupported_chain");
}

TEST(VerifyOrder, EoaOrdersMustBeMadeByTheirSigner) {
  Order order = build({ProtocolVersion::v2, false, SignatureType::eoa}).order;
  order.maker = funder();
  const auto signed_order = sign_order(order, alice()).value();  // the client would not
  const auto verified = verify_order_signature(order, signed_order.signature);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, "invalid_signature");
  EXPECT_EQ(verified.error().message, "maker must be the signer for EOA orders");
  // Proxy and Safe orders have a maker other than the signer by design.
  order.signature_type = SignatureType::poly_gnosis_safe;
  const auto safe = sign_order(order, alice()).value();
  EXPECT_TRUE(verify_order_signature(order, safe.signature));
}

TEST(VerifyOrder, Poly1271WrapperIsCheckedPieceByPiece) {
  const SignedOrder sent = build({ProtocolVersion::v2, false, SignatureType::poly_1271});
  const auto wire = chain::parse_hex(sent.signature).value();
  ASSERT_EQ(wire.size(), 65u + 32u + 32u + kOrderTypeStringV2.size() + 2u);
  const auto refused_with = [&](chain::Bytes changed, std::string_view reason) {
    const auto verified = verify_order_signature(sent.order, chain::to_hex(changed));
    ASSERT_FALSE(verified) << reason;
    EXPECT_EQ(verified.error().code, "invalid_signature");
    EXPECT_NE(verified.error().message.find(reason), std::string::npos) << verified.error().message;
  };
  auto changed = wire;
  changed[65] ^= 1;
  refused_with(changed, "domain separator");
  changed = wire;
  changed[97] ^= 1;
  refused_with(changed, "contents");
  changed = wire;
  changed[130] = 'o';  // "Order(" -> "Ooder("
  refused_with(changed, "type string");
  changed = wire;
  changed.back() ^= 1;  // the length field no longer matches
  refused_with(changed, "length");
  // The wallet must be the maker.
  Order wallet_elsewhere = sent.order;
  wallet_elsewhere.maker = WireAddress{bob().address(), true};
  const auto resigned = sign_order(wallet_elsewhere, alice()).value();
  const auto verified = verify_order_signature(wallet_elsewhere, resigned.signature);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, "invalid_signature");
  // A plain 65-byte signature is not a wrapper.
  const auto plain = alice().sign_digest(sent.hash).to_hex();
  EXPECT_FALSE(verify_order_signature(sent.order, plain));
  // V1 has no POLY_1271.
  Order v1 = build({ProtocolVersion::v1, false, SignatureType::poly_proxy}).order;
  v1.signature_type = SignatureType::poly_1271;
  v1.signer = v1.maker;
  const auto v1_result = verify_order_signature(v1, sent.signature);
  ASSERT_FALSE(v1_result);
  EXPECT_EQ(v1_result.error().code, "invalid_signature");
}

TEST(VerifyOrder, RandomSignaturesNeverCrash) {
  std::mt19937 random(12345);
  for (const Case& c : every_case()) {
    SCOPED_TRACE(describe(c));
    const SignedOrder sent = build(c);
    const auto wire = chain::parse_hex(sent.signature).value();
    // Every truncation of the real signature, and random bytes of every plausible length.
    for (std::size_t n = 0; n < wire.size(); ++n) {
      const auto verified =
          verify_order_signature(sent.order, chain::to_hex(chain::ByteView(wire.data(), n)));
      ASSERT_FALSE(verified) << n;
      EXPECT_EQ(verified.error().code, "invalid_signature");
    }
    for (int i = 0; i < 300; ++i) {
      chain::Bytes bytes(random() % 400);
      for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
      if (!bytes.empty() && i % 2 == 0) {
        // A consistent length trailer, so the wrapper's inner checks are reached.
        const std::size_t type_length = bytes.size() > 131 ? bytes.size() - 131 : 0;
        bytes[bytes.size() - 1] = static_cast<std::uint8_t>(type_length & 0xff);
        if (bytes.size() > 1) bytes[bytes.size() - 2] = static_cast<std::uint8_t>(type_length >> 8);
      }
      const auto verified = verify_order_signature(sent.order, chain::to_hex(bytes));
      if (verified) {
        EXPECT_NE(verified->signed_by, alice().address());
      } else {
        EXPECT_EQ(verified.error().code, "invalid_signature");
      }
    }
    for (std::string_view text : {"", "0x", "0x0", "1b", "0xzz", "0x 1b"}) {
      const auto verified = verify_order_signature(sent.order, text);
      ASSERT_FALSE(verified) << text;
      EXPECT_EQ(verified.error().code, "invalid_signature");
    }
  }
}

// --- malformed bodies -------------------------------------------------------------------

using Json = nlohmann::ordered_json;

Json body_json(const Case& c) {
  return Json::parse(post_order_body(build(c), kOptions));
}

struct Malformed {
  std::string field;  // the error message must name it
  std::function<void(Json&)> mutate;
};

std::vector<Malformed> v2_malformations() {
  std::vector<Malformed> out;
  const auto set = [](std::string key, Json value) {
    return [key, value](Json& body) { body["order"][key] = value; };
  };
  const auto set_top = [](std::string key, Json value) {
    return [key, value](Json& body) { body[key] = value; };
  };
  for (const char* key :
       {"salt", "maker", "signer", "tokenId", "makerAmount", "takerAmount", "side", "signatureType",
        "timestamp", "expiration", "metadata", "builder", "signature"}) {
    out.push_back({std::string("order.") + key, [key](Json& b) { b["order"].erase(key); }});
    out.push_back({std::string("order.") + key, set(key, nullptr)});
    out.push_back({std::string("order.") + key, set(key, Json::array())});
  }
  for (const char* key : {"deferExec", "postOnly", "order", "owner", "orderType"}) {
    out.push_back({key, [key](Json& b) { b.erase(key); }});
    out.push_back({key, set_top(key, nullptr)});
  }
  // salt: a JSON integer below 2^53.
  for (Json bad : {Json("86420"), Json(1.5), Json(-1), Json(9007199254740992ULL), Json(1e5)})
    out.push_back({"order.salt", set("salt", bad)});
  // amounts and ids: canonical decimal strings; amounts below 2^63.
  for (const char* key : {"makerAmount", "takerAmount", "tokenId", "timestamp", "expiration"}) {
    for (Json bad : {Json(5250000), Json("05250000"), Json("+5"), Json("-5"), Json("5.0"), Json(""),
                     Json(" 5"), Json("0x10"), Json("1e6")})
      out.push_back({std::string("order.") + key, set(key, bad)});
  }
  out.push_back({"order.makerAmount", set("makerAmount", "9223372036854775808")});
  out.push_back({"order.takerAmount", set("takerAmount", "18446744073709551616")});
  out.push_back({"order.timestamp", set("timestamp", "18446744073709551616")});
  out.push_back(
      {"order.tokenId",
       set("tokenId",
           "115792089237316195423570985008687907853269984665640564039457584007913129639936")});
  for (Json bad : {Json("buy"), Json("Buy"), Json(0), Json("BID")})
    out.push_back({"order.side", set("side", bad)});
  for (Json bad : {Json(4), Json(-1), Json("0"), Json(1.0), Json(true)})
    out.push_back({"order.signatureType", set("signatureType", bad)});
  for (Json bad : {Json("gtc"), Json("IOC"), Json(0)})
    out.push_back({"orderType", set_top("orderType", bad)});
  for (Json bad : {Json("1c"), Json("0xzz"), Json("0x123"), Json(5), Json("0X1b")})
    out.push_back({"order.signature", set("signature", bad)});
  for (const char* key : {"maker", "signer"}) {
    for (Json bad : {Json("0xd2431CA38735C2fd438e2cAa23F094191D89675B"),  // bad checksum
                     Json("0xD2431CA38735C2FD438E2CAA23F094191D89675B"),  // all upper case
                     Json("0xd2431ca38735c2fd438e2caa23f094191d8967"), Json("0x"),
                     Json("d2431ca38735c2fd438e2caa23f094191d89675b"), Json(0)})
      out.push_back({std::string("order.") + key, set(key, bad)});
  }
  for (Json bad : {Json("0x00"), Json(std::string(66, '0')), Json("0x" + std::string(64, 'g'))})
    out.push_back({"order.metadata", set("metadata", bad)});
  for (Json bad : {Json("false"), Json(0)}) {
    out.push_back({"deferExec", set_top("deferExec", bad)});
    out.push_back({"postOnly", set_top("postOnly", bad)});
  }
  out.push_back({"owner", set_top("owner", 5)});
  out.push_back({"order", set_top("order", Json::array())});
  out.push_back({"order", set_top("order", "{}")});
  return out;
}

TEST(ParseOrderEnvelope, MalformedBodiesAreRefusedNamingTheField) {
  const Json valid = body_json({ProtocolVersion::v2, false, SignatureType::eoa});
  ASSERT_TRUE(parse_order_envelope(valid.dump()));
  for (const auto& bad : v2_malformations()) {
    Json body = valid;
    bad.mutate(body);
    const auto parsed = parse_order_envelope(body.dump());
    ASSERT_FALSE(parsed) << bad.field << ": " << body.dump();
    EXPECT_EQ(parsed.error().code, "invalid_payload");
    EXPECT_NE(parsed.error().message.find("'" + bad.field + "'"), std::string::npos)
        << parsed.error().message << " for " << body.dump();
  }
}

TEST(ParseOrderEnvelope, MalformedV1BodiesAreRefusedNamingTheField) {
  const Json valid = body_json({ProtocolVersion::v1, true, SignatureType::poly_proxy});
  ASSERT_TRUE(parse_order_envelope(valid.dump()));
  const std::vector<std::pair<std::string, std::function<void(Json&)>>> cases{
      {"order.nonce", [](Json& b) { b["order"].erase("nonce"); }},
      {"order.feeRateBps", [](Json& b) { b["order"]["feeRateBps"] = 100; }},
      {"order.taker", [](Json& b) { b["order"]["taker"] = "0x00"; }},
      {"order.expiration", [](Json& b) { b["order"].erase("expiration"); }},
      {"postOnly", [](Json& b) { b["postOnly"] = "true"; }},
      {"deferExec", [](Json& b) { b.erase("deferExec"); }},
  };
  for (const auto& [field, mutate] : cases) {
    Json body = valid;
    mutate(body);
    const auto parsed = parse_order_envelope(body.dump());
    ASSERT_FALSE(parsed) << field;
    EXPECT_EQ(parsed.error().code, "invalid_payload");
    EXPECT_NE(parsed.error().message.find("'" + field + "'"), std::string::npos)
        << parsed.error().message;
  }
  // V1's postOnly may be left out, as clob-client 5.x does unless asked.
  Json without = valid;
  without.erase("postOnly");
  const auto parsed = parse_order_envelope(without.dump());
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_FALSE(parsed->post.post_only);
  // A V2 body without its own fields is reported as V2, the shape production expects.
  Json neither = body_json({ProtocolVersion::v2, false, SignatureType::eoa});
  for (const char* key : {"timestamp", "metadata", "builder"}) neither["order"].erase(key);
  const auto v2 = parse_order_envelope(neither.dump());
  ASSERT_FALSE(v2);
  EXPECT_NE(v2.error().message.find("'order.timestamp'"), std::string::npos);
}

TEST(ParseOrderEnvelope, NotAnObjectOrNotJsonIsRefused) {
  for (std::string_view text : {"", "not json", "[]", "null", "42", "\"order\"",
                                "{\"order\":", "{} {}", "{\"deferExec\":false,}"}) {
    const auto parsed = parse_order_envelope(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, "invalid_payload");
  }
}

TEST(ParseOrderEnvelope, KeyOrderAndExtraKeysDoNotMatter) {
  const Case c{ProtocolVersion::v2, true, SignatureType::poly_gnosis_safe};
  const SignedOrder sent = build(c);
  // nlohmann::json (unordered) writes keys sorted: a different order from the client's.
  nlohmann::json body = nlohmann::json::parse(post_order_body(sent, kOptions));
  body["extra"] = {{"anything", 1}};
  body["order"]["alsoUnknown"] = "x";
  const auto parsed = parse_order_envelope(body.dump(2));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  const Order order = as_venue_sees(parsed->order, c.version, c.neg_risk);
  EXPECT_EQ(post_order_body({order, {}, parsed->signature}, parsed->post),
            post_order_body(sent, kOptions));
}

TEST(ParseOrderEnvelope, BoundaryValuesAreAccepted) {
  Json body = body_json({ProtocolVersion::v2, false, SignatureType::eoa});
  body["order"]["salt"] = kMaxSalt;
  body["order"]["makerAmount"] = "9223372036854775807";
  body["order"]["takerAmount"] = "0";
  body["order"]["timestamp"] = "18446744073709551615";
  body["order"]["signatureType"] = 3;
  const auto parsed = parse_order_envelope(body.dump());
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(parsed->order.salt, kMaxSalt);
  EXPECT_EQ(parsed->order.maker_amount, INT64_MAX);
  EXPECT_EQ(parsed->order.taker_amount, 0);
  EXPECT_EQ(parsed->order.timestamp_ms, UINT64_MAX);
  EXPECT_EQ(parsed->order.signature_type, SignatureType::poly_1271);
}

TEST(ParseOrderEnvelopes, ReadsAnArrayAndNamesTheBadElement) {
  const Json first = body_json({ProtocolVersion::v2, false, SignatureType::eoa});
  const Json second = body_json({ProtocolVersion::v3, false, SignatureType::poly_1271});
  const auto both = parse_order_envelopes(Json::array({first, second}).dump());
  ASSERT_TRUE(both) << both.error().to_string();
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[1].order.signature_type, SignatureType::poly_1271);
  EXPECT_TRUE(parse_order_envelopes("[]"));

  Json broken = second;
  broken["order"]["side"] = "HOLD";
  const auto bad = parse_order_envelopes(Json::array({first, broken}).dump());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_payload");
  EXPECT_NE(bad.error().message.find("'[1].order.side'"), std::string::npos) << bad.error().message;
  broken = first;
  broken["orderType"] = "IOC";
  const auto bad_type = parse_order_envelopes(Json::array({broken}).dump());
  ASSERT_FALSE(bad_type);
  EXPECT_NE(bad_type.error().message.find("'[0].orderType'"), std::string::npos)
      << bad_type.error().message;
  const auto not_object = parse_order_envelopes("[1]");
  ASSERT_FALSE(not_object);
  EXPECT_NE(not_object.error().message.find("[0]"), std::string::npos);
  for (std::string_view text : {"{}", "", "[", "null"}) {
    const auto parsed = parse_order_envelopes(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, "invalid_payload");
  }
}

TEST(ParseOrderEnvelope, TruncatedAndMutatedBodiesNeverCrash) {
  std::mt19937 random(777);
  for (const Case& c : every_case()) {
    const std::string body = post_order_body(build(c), kOptions);
    for (std::size_t n = 0; n < body.size(); ++n) {
      const auto parsed = parse_order_envelope(body.substr(0, n));
      ASSERT_FALSE(parsed) << n;
      EXPECT_EQ(parsed.error().code, "invalid_payload");
    }
    for (int i = 0; i < 300; ++i) {
      std::string mutated = body;
      for (int k = 0; k < 1 + i % 3; ++k)
        mutated[random() % mutated.size()] = static_cast<char>(random());
      const auto parsed = parse_order_envelope(mutated);
      if (!parsed) {
        EXPECT_EQ(parsed.error().code, "invalid_payload");
        continue;
      }
      // Whatever still parses verifies or is refused with a reason.
      const auto verified = verify_order_signature(
          as_venue_sees(parsed->order, c.version, c.neg_risk), parsed->signature);
      if (!verified) {
        EXPECT_EQ(verified.error().code, "invalid_signature");
      }
    }
  }
}

}  // namespace
}  // namespace polycopy::polymarket
