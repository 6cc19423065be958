#pragma once
// The RFC 5322 message of an alert e-mail: From, To, Subject "[polycopy] <SEVERITY> <code>",
// Date, Message-ID (with the alert id, so a mail client threads and de-duplicates a resend
// of the same notice), MIME headers for UTF-8 text, then the body; CRLF line endings.
// Header values have CR/LF removed (no header injection from an alert's text).
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/alert_channel.hpp"

namespace polycopy::notify {

// "Tue, 02 Jan 2024 03:04:05 +0000"
std::string rfc5322_date(core::Timestamp t);

// "<alr_….<occurrences>@<domain of from>>": the same for retries of one notice, new when
// the alert is raised again with more occurrences.
std::string alert_message_id(const AlertNotice& notice, const std::string& from);

// "[polycopy] CRITICAL circuit_breaker_open" (RFC 2047-encoded if not plain ASCII).
std::string alert_subject(const AlertNotice& notice);

std::string alert_email(const AlertNotice& notice, const std::string& from,
                        const std::vector<std::string>& to, core::Timestamp now);

}  // namespace polycopy::notify
