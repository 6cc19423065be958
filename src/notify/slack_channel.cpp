#include "notify/slack_channel.hpp"

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "notify/notice_text.hpp"

namespace polycopy::notify {
namespace {

// Slack reads &, < and > as markup (links, mentions); a message must not ping @channel.
std::string escape_slack(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string slack_text(const AlertNotice& notice) {
  return escape_slack(summary_line(notice));
}

SlackChannel::SlackChannel(SlackSettings settings)
    : settings_(std::move(settings)),
      http_("slack", settings_.timeout, {url_path_and_query(settings_.webhook_url)}) {
  core::register_secret(url_path_and_query(settings_.webhook_url));
}

core::Status SlackChannel::send(const AlertNotice& notice) {
  const nlohmann::json body = {{"text", slack_text(notice)}};
  auto response = http_.post(settings_.webhook_url,
                             body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                             {{"Content-Type", "application/json"}});
  if (!response) return response.error();
  if (response->status != 200 || response->body != "ok")
    return http_.refused(settings_.webhook_url, response->status, body_excerpt(response->body));
  return core::Status::success();
}

}  // namespace polycopy::notify
