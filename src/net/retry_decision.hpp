#pragma once
// What to do after one attempt: done, retry, or give up; pure, so each branch is tested
// without sockets. The rule that protects money: a request that is not idempotent is
// retried only when it surely had no effect (never sent, or refused with 429).
#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "net/curl_transport.hpp"
#include "net/http_types.hpp"

namespace polycopy::net {

enum class Verdict { success, retry, fail };

struct Decision {
  Verdict verdict = Verdict::fail;
  HttpError error;                                       // when not success
  std::optional<std::chrono::milliseconds> retry_after;  // the server's wish, when given
};

// Retried when idempotent: connection_failed, timeout, connection_lost, 408, 429, 5xx.
// Retried when not idempotent: connection_failed (nothing sent), 429.
// Not idempotent and sent, then timeout / connection_lost / invalid_response / 5xx:
// "unknown_outcome", never retried.
Decision decide(const Attempt& attempt, bool idempotent, core::Timestamp now);

// Retry-After as delta-seconds ("120") or an HTTP date; nullopt when unreadable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           core::Timestamp now);

}  // namespace polycopy::net
