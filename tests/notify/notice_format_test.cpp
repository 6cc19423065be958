// The shared text of a notice: time format, summary line, truncation, e-mail headers, and
// the severity order.
#include <gtest/gtest.h>

#include "notify/email_message.hpp"
#include "notify/notice_text.hpp"
#include "notify/request_parts.hpp"
#include "notify/severity.hpp"

namespace polycopy::notify {
namespace {

using testing::sample_notice;

TEST(NoticeText, FormatsIsoTimeWithMilliseconds) {
  EXPECT_EQ(format_iso8601_ms(core::from_unix_ms(1'700'000'123'456)), "2023-11-14T22:15:23.456Z");
  EXPECT_EQ(format_iso8601_ms(core::from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
}

TEST(NoticeText, SummaryLineMentionsStrategyAndRepeatsOnlyWhenThereAreSome) {
  AlertNotice notice = sample_notice();
  notice.severity = "warning";
  EXPECT_EQ(summary_line(notice),
            "[WARNING] circuit_breaker_open: drawdown 31% over the 25% limit (strategy lt_s1, "
            "\u00d73)");
  notice.lt_strategy_id.reset();
  EXPECT_EQ(summary_line(notice),
            "[WARNING] circuit_breaker_open: drawdown 31% over the 25% limit (\u00d73)");
  notice.occurrences = 1;
  EXPECT_EQ(summary_line(notice),
            "[WARNING] circuit_breaker_open: drawdown 31% over the 25% limit");
}

TEST(NoticeText, TruncatesOnACharacterBoundary) {
  EXPECT_EQ(truncate_utf8("short", 10), "short");
  const std::string cut = truncate_utf8("ab\u00e9\u00e9\u00e9\u00e9", 8);  // é is 2 bytes
  EXPECT_LE(cut.size(), 8u);
  EXPECT_EQ(cut, "ab\u00e9\u2026");
}

TEST(EmailMessage, HeadersCannotBeInjectedThroughTheCode) {
  AlertNotice notice = sample_notice();
  notice.code = "evil\r\nBcc: victim@example.com";
  const std::string message =
      alert_email(notice, "a@b.example", {"c@d.example"}, core::from_unix_ms(0));
  const std::string head = message.substr(0, message.find("\r\n\r\n"));
  EXPECT_NE(head.find("Subject: [polycopy] CRITICAL evil"), std::string::npos) << head;
  EXPECT_EQ(head.find("\r\nBcc:"), std::string::npos) << head;
}

TEST(EmailMessage, NonAsciiSubjectsAreEncodedWords) {
  AlertNotice notice = sample_notice();
  notice.code = "d\u00e9j\u00e0_vu";
  EXPECT_TRUE(alert_subject(notice).starts_with("=?UTF-8?B?")) << alert_subject(notice);
  EXPECT_EQ(rfc5322_date(core::from_unix_ms(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(alert_message_id(sample_notice(), "no-domain"), "<alr_7f3a9c.3@polycopy.local>");
}

TEST(Severity, OrdersInfoWarningCritical) {
  EXPECT_TRUE(meets_min_severity("critical", "warning"));
  EXPECT_TRUE(meets_min_severity("warning", "warning"));
  EXPECT_FALSE(meets_min_severity("info", "warning"));
  EXPECT_TRUE(meets_min_severity("info", "info"));
  EXPECT_FALSE(meets_min_severity("critical", "loud"));
  EXPECT_FALSE(meets_min_severity("fatal", "info"));
}

}  // namespace
}  // namespace polycopy::notify
