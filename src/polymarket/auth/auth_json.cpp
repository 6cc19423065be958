#include "polymarket/auth/auth_json.hpp"

#include "polymarket/auth/l1_auth.hpp"
#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/orders/json_fields.hpp"

namespace polycopy::polymarket {
namespace {

namespace jf = json_fields;

std::string dump(const nlohmann::ordered_json& headers) {
  return headers.dump();
}

}  // namespace

core::Result<std::string> l1_headers_json(std::string_view input) {
  const auto in = jf::parse_object(input);
  if (!in) return in.error();
  if (auto s = jf::check_keys(*in, {"private_key", "timestamp", "nonce", "chain_id"}); !s) {
    return s.error();
  }
  const auto key_text = jf::required_string(*in, "private_key");
  if (!key_text) return key_text.error();
  const auto timestamp = jf::u64_field(*in, "timestamp", true);
  if (!timestamp) return timestamp.error();
  const auto nonce = jf::uint256_field(*in, "nonce", false);
  if (!nonce) return nonce.error();
  const auto chain_id = jf::u64_field(*in, "chain_id", false);
  if (!chain_id) return chain_id.error();
  const auto key = chain::PrivateKey::parse(*key_text);
  if (!key) return key.error();
  const auto headers = l1_headers(*key, chain_id->value_or(137), timestamp->value(),
                                  nonce->value_or(chain::Uint256{}));
  if (!headers) return headers.error();
  nlohmann::ordered_json out;
  out["POLY_ADDRESS"] = headers->poly_address;
  out["POLY_SIGNATURE"] = headers->poly_signature;
  out["POLY_TIMESTAMP"] = headers->poly_timestamp;
  out["POLY_NONCE"] = headers->poly_nonce;
  return dump(out);
}

core::Result<std::string> l2_headers_json(std::string_view input) {
  const auto in = jf::parse_object(input);
  if (!in) return in.error();
  if (auto s = jf::check_keys(*in, {"api_key", "secret", "passphrase", "address", "timestamp",
                                    "method", "path", "body"});
      !s) {
    return s.error();
  }
  ApiCredentials creds;
  for (auto [name, target] : {std::pair{"api_key", &creds.key}, std::pair{"secret", &creds.secret},
                              std::pair{"passphrase", &creds.passphrase}}) {
    auto value = jf::required_string(*in, name);
    if (!value) return value.error();
    *target = std::move(value).value();
  }
  const auto address = jf::required_string(*in, "address");
  if (!address) return address.error();
  if (auto checked = jf::parse_wire_address(*address, "address"); !checked) return checked.error();
  const auto timestamp = jf::u64_field(*in, "timestamp", true);
  if (!timestamp) return timestamp.error();
  const auto method = jf::required_string(*in, "method");
  if (!method) return method.error();
  const auto path = jf::required_string(*in, "path");
  if (!path) return path.error();
  const auto* body = jf::find(*in, "body");
  if (body != nullptr && !body->is_string()) return jf::wrong_type("body", "a string or null");
  L2Request request{timestamp->value(), *method, *path, std::nullopt};
  if (body != nullptr) request.body = body->get_ref<const std::string&>();
  const auto headers = l2_headers(*address, creds, request);
  if (!headers) return headers.error();
  nlohmann::ordered_json out;
  out["POLY_ADDRESS"] = headers->poly_address;
  out["POLY_SIGNATURE"] = headers->poly_signature;
  out["POLY_TIMESTAMP"] = headers->poly_timestamp;
  out["POLY_API_KEY"] = headers->poly_api_key;
  out["POLY_PASSPHRASE"] = headers->poly_passphrase;
  return dump(out);
}

}  // namespace polycopy::polymarket
