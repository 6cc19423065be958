#pragma once
// E-mail over SMTP with libcurl: one connection per send (alerts are rare; no pooled
// connection to go stale), envelope from/to, the message of email_message.hpp, optional
// AUTH and STARTTLS. Errors: "channel_unreachable" (no connection, timeout, connection lost,
// TLS) or "channel_refused" with the SMTP reply (e.g. "SMTP 550: 5.1.1 no such user").
// The password appears in no error.
#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/alert_channel.hpp"

namespace polycopy::notify {

struct EmailSettings {
  std::string url;   // smtp://host:587 (plain or STARTTLS) or smtps://host:465 (implicit TLS)
  std::string from;  // envelope and From: address, "alerts@example.com"
  std::vector<std::string> to;     // at least one
  std::string username, password;  // empty username: no AUTH
  bool use_starttls = false;       // smtp:// only: require STARTTLS (refuse to go on without)
  std::chrono::milliseconds timeout{10'000};
  std::string min_severity = "warning";  // info | warning | critical (for the dispatcher)
};

class EmailChannel final : public AlertChannel {
 public:
  // clock gives the Date header; it outlives the channel.
  EmailChannel(EmailSettings settings, const core::Clock& clock);
  std::string_view kind() const override { return "email"; }
  core::Status send(const AlertNotice& notice) override;

 private:
  std::string redact(std::string text) const;

  EmailSettings settings_;
  const core::Clock& clock_;
};

}  // namespace polycopy::notify
