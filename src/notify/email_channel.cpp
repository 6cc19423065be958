#include "notify/email_channel.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

#include "core/log.hpp"
#include "notify/email_message.hpp"

namespace polycopy::notify {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// State of one transfer, reached from libcurl's callbacks.
struct Transfer {
  std::string message;
  std::size_t sent = 0;
  std::string failure_reply;  // the server's last 4xx/5xx reply line
};

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = std::min(size * count, transfer->message.size() - transfer->sent);
  std::copy_n(transfer->message.data() + transfer->sent, n, buffer);
  transfer->sent += n;
  return n;
}

// Keeps the server's last failure reply (4xx/5xx): libcurl says only "RCPT failed: 550", and
// by the time it returns it may have sent QUIT and read "221". Only what the server says
// (HEADER_IN) is looked at; what the client writes (AUTH with the credentials) never is.
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5')) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  static_cast<Transfer*>(user)->failure_reply = line.substr(0, 300);
  return 0;
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Whether the failure is the server saying no, rather than no usable connection.
bool is_refusal(CURLcode code, long reply_code) {
  if (code == CURLE_LOGIN_DENIED || code == CURLE_USE_SSL_FAILED) return true;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return false;
    default:
      return reply_code >= 400;  // e.g. RCPT 550, MAIL 553, DATA 554, AUTH 535
  }
}

}  // namespace

EmailChannel::EmailChannel(EmailSettings settings, const core::Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  global_init();
  core::register_secret(settings_.password);
}

std::string EmailChannel::redact(std::string text) const {
  const std::string& secret = settings_.password;
  if (secret.size() < 4) return text;
  static const std::string kMark = "[REDACTED]";
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + kMark.size())) {
    text.replace(at, secret.size(), kMark);
  }
  return text;
}

core::Status EmailChannel::send(const AlertNotice& notice) {
  Transfer transfer;
  transfer.message = alert_email(notice, settings_.from, settings_.to, clock_.now());
  std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  if (!handle) return core::Error{"channel_unreachable", "email: libcurl could not make a handle"};
  curl_slist* raw_list = nullptr;
  for (const auto& address : settings_.to)
    raw_list = curl_slist_append(raw_list, ("<" + address + ">").c_str());
  std::unique_ptr<curl_slist, ListDeleter> recipients(raw_list);
  std::array<char, CURL_ERROR_SIZE> detail{};
  const std::string mail_from = "<" + settings_.from + ">";

  CURL* h = handle.get();
  curl_easy_setopt(h, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail.data());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &on_read);
  curl_easy_setopt(h, CURLOPT_READDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(transfer.message.size()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, &on_debug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // needed for on_debug; nothing is printed
  if (!settings_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  if (settings_.use_starttls)
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));

  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return core::Status::success();
  long reply_code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply_code);
  std::string why = curl_easy_strerror(code);
  if (detail[0] != '\0') why += std::string(": ") + detail.data();
  if (is_refusal(code, reply_code)) {
    std::string message = "email: the SMTP server refused";
    if (reply_code > 0) message += " with " + std::to_string(reply_code);
    message += " (" + why + ")";
    if (!transfer.failure_reply.empty()) message += ": " + transfer.failure_reply;
    return core::Error{"channel_refused", redact(std::move(message))};
  }
  return core::Error{"channel_unreachable", redact("email: " + why)};
}

}  // namespace polycopy::notify
