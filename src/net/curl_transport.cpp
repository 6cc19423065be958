#include "net/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

namespace polycopy::net {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return text;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool valid_header(const std::string& name, const std::string& value) {
  const auto bad_name = [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == ':' || c == 0x7f;
  };
  const auto bad_value = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::none_of(name.begin(), name.end(), bad_name) &&
         std::none_of(value.begin(), value.end(), bad_value);
}

// State of one perform(), reached from libcurl's callbacks.
struct Exchange {
  HttpResponse response;
  std::size_t max_bytes = 0;
  bool too_large = false;
  bool sent = false;
  bool forbid_resend = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const size_t n = size * count;
  if (exchange->response.body.size() + n > exchange->max_bytes) {
    exchange->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  exchange->response.body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    exchange->response.headers.clear();  // a new response (after 100 Continue or a retry)
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = lower(trim(line.substr(0, colon)));
  const std::string value = trim(line.substr(colon + 1));
  auto [slot, inserted] = exchange->response.headers.try_emplace(name, value);
  if (!inserted) slot->second += ", " + value;
  return n;
}

// libcurl reports here every request byte it has written (after TLS, before encryption):
// the only reliable sign that the request may have reached the server. TLS handshake bytes
// (SSL_DATA_OUT) do not count. The data itself (headers with secrets) is ignored.
int on_debug(CURL*, curl_infotype type, char*, size_t size, void* user) {
  if ((type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) && size > 0)
    static_cast<Exchange*>(user)->sent = true;
  return 0;
}

// Called for every new socket. A new socket after the request went out means libcurl is
// about to send it again; for a non-idempotent request that must not happen.
int on_sockopt(void* user, curl_socket_t, curlsocktype) {
  const auto* exchange = static_cast<Exchange*>(user);
  return exchange->forbid_resend && exchange->sent ? CURL_SOCKOPT_ERROR : CURL_SOCKOPT_OK;
}

Attempt failure(std::string code, std::string message, bool sent) {
  Attempt attempt;
  attempt.code = std::move(code);
  attempt.message = std::move(message);
  attempt.request_sent = sent;
  return attempt;
}

Attempt classify(CURLcode code, const char* detail, const Exchange& exchange) {
  const std::string why =
      std::string(curl_easy_strerror(code)) + (*detail ? std::string(": ") + detail : "");
  const bool sent = exchange.sent;
  switch (code) {
    case CURLE_URL_MALFORMAT:
      return failure("invalid_request", why, sent);
    case CURLE_UNSUPPORTED_PROTOCOL:  // the URL was checked: this is an HTTP/0.9-style reply
      return failure(sent ? "invalid_response" : "invalid_request", why, sent);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return failure("tls_failed", why, sent);
    case CURLE_OPERATION_TIMEDOUT:
      return sent ? failure("timeout", why, true) : failure("connection_failed", why, false);
    case CURLE_WRITE_ERROR:
      if (exchange.too_large)
        return failure("invalid_response",
                       "the response body exceeds " + std::to_string(exchange.max_bytes) + " bytes",
                       sent);
      return failure("invalid_response", why, sent);
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_FILESIZE_EXCEEDED:
      return failure("invalid_response", why, sent);
    default:
      // Refused, reset, closed without an answer, DNS, TLS handshake: whether it counts as
      // "nothing was sent" depends only on what libcurl wrote.
      return sent ? failure("connection_lost", why, true)
                  : failure("connection_failed", why, false);
  }
}

}  // namespace

struct CurlTransport::Impl {
  explicit Impl(TransportOptions opts) : options(std::move(opts)) {
    global_init();
    share = curl_share_init();
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Impl::lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  ~Impl() {
    for (CURL* handle : idle) curl_easy_cleanup(handle);
    curl_share_cleanup(share);
  }

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<std::size_t>(data) % kLocks].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<std::size_t>(data) % kLocks].unlock();
  }

  CURL* acquire() {
    {
      std::lock_guard guard(pool_mutex);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void release(CURL* handle) {
    curl_easy_reset(handle);  // keeps its live connections, drops the options
    std::lock_guard guard(pool_mutex);
    if (idle.size() < options.max_idle_handles) {
      idle.push_back(handle);
      return;
    }
    curl_easy_cleanup(handle);
  }

  static constexpr std::size_t kLocks = 8;
  TransportOptions options;
  CURLSH* share = nullptr;
  std::array<std::mutex, kLocks> share_locks;
  std::mutex pool_mutex;
  std::vector<CURL*> idle;
};

CurlTransport::CurlTransport(TransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CurlTransport::~CurlTransport() = default;

const TransportOptions& CurlTransport::options() const {
  return impl_->options;
}

Attempt CurlTransport::perform(const HttpRequest& request, std::chrono::milliseconds timeout,
                               bool forbid_resend) {
  const TransportOptions& options = impl_->options;
  curl_slist* headers = nullptr;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    if (!valid_header(name, value)) {
      curl_slist_free_all(headers);
      return failure("invalid_request", "header '" + name + "' has a bad name or value", false);
    }
    has_content_type = has_content_type || lower(name) == "content-type";
    // "Name;" is libcurl's way to send a header with an empty value.
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    headers = curl_slist_append(headers, line.c_str());
  }
  if (!request.body.empty() && !has_content_type)
    headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip

  Exchange exchange;
  exchange.max_bytes = options.max_response_bytes;
  exchange.forbid_resend = forbid_resend;
  std::array<char, CURL_ERROR_SIZE> detail{};

  CURL* handle = impl_->acquire();
  if (handle == nullptr) {
    curl_slist_free_all(headers);
    return failure("connection_failed", "libcurl could not make a handle", false);
  }
  curl_easy_setopt(handle, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, detail.data());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // all built-in codings, decoded
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(handle, CURLOPT_PROXY, options.proxy.c_str());
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, &on_debug);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);  // needed for on_debug; nothing is printed
  curl_easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, &on_sockopt);
  curl_easy_setopt(handle, CURLOPT_SOCKOPTDATA, &exchange);
  if (request.method == HttpMethod::get) {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != HttpMethod::post)
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, to_string(request.method));
  }

  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(handle);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  impl_->release(handle);
  curl_slist_free_all(headers);

  if (code != CURLE_OK) return classify(code, detail.data(), exchange);
  if (status < 100 || status > 999)
    return failure("invalid_response", "no HTTP status in the response", exchange.sent);
  exchange.response.status = static_cast<int>(status);
  exchange.response.elapsed = elapsed;
  Attempt attempt;
  attempt.request_sent = true;
  attempt.response = std::move(exchange.response);
  return attempt;
}

}  // namespace polycopy::net
