#pragma once
// The `polycopy polymarket l1-headers` / `l2-headers` contracts: one JSON object in, the
// headers as one JSON object out, keys in the official client's order. Shared by the CLI
// and the cross-check test. Keys and secrets are never echoed.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::polymarket {

// {private_key, timestamp, nonce, chain_id?} ->
// {"POLY_ADDRESS","POLY_SIGNATURE","POLY_TIMESTAMP","POLY_NONCE"}.
core::Result<std::string> l1_headers_json(std::string_view input);

// {api_key, secret, passphrase, address, timestamp, method, path, body?} ->
// {"POLY_ADDRESS","POLY_SIGNATURE","POLY_TIMESTAMP","POLY_API_KEY","POLY_PASSPHRASE"}.
// body null or absent: nothing is appended to the signed message.
core::Result<std::string> l2_headers_json(std::string_view input);

}  // namespace polycopy::polymarket
