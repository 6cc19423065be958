#include "net/http_client.hpp"

#include <spdlog/spdlog.h>

#include "net/backoff.hpp"
#include "net/rate_limiter.hpp"
#include "net/retry_decision.hpp"
#include "net/sleeper.hpp"
#include "net/url.hpp"

namespace polycopy::net {

struct HttpClient::Impl {
  Impl(HttpClientOptions opts, HttpClientDeps d)
      : options(std::move(opts)),
        deps(d),
        transport(options.transport),
        clock(deps.clock ? *deps.clock : system_clock),
        sleeper(deps.sleeper ? *deps.sleeper : real_sleeper),
        jitter(deps.jitter_seed) {}

  HttpClientOptions options;
  HttpClientDeps deps;
  CurlTransport transport;
  core::SystemClock system_clock;
  RealSleeper real_sleeper;
  const core::Clock& clock;
  Sleeper& sleeper;
  Jitter jitter;
};

HttpClient::HttpClient(HttpClientOptions options, HttpClientDeps deps)
    : impl_(std::make_unique<Impl>(std::move(options), deps)) {}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::send(const HttpRequest& request) {
  Impl& impl = *impl_;
  const char* method = to_string(request.method);
  auto url = parse_url(request.url);
  if (!url || (url->scheme != "http" && url->scheme != "https"))
    return HttpError{"invalid_request",
                     url ? "not an http(s) URL: " + url->scheme : url.error().message,
                     0,
                     {},
                     0};
  const std::string where = url->host + url->path();  // no query: it may carry tokens
  const bool idempotent = request.is_idempotent();
  const RetryPolicy& policy = request.retry ? *request.retry : impl.options.retry;
  const auto timeout = request.timeout ? *request.timeout : impl.options.transport.timeout;
  const std::string& rate_key = request.rate_key.empty() ? url->host : request.rate_key;
  const auto started = impl.clock.now();

  for (int attempt = 1;; ++attempt) {
    if (impl.deps.limiter != nullptr) {
      const auto wait = impl.deps.limiter->reserve(rate_key, request.rate_cost);
      if (wait.count() > 0) {
        spdlog::debug("http {} {} waits {} ms for the rate limit", method, where, wait.count());
        impl.sleeper.sleep_for(wait);
      }
    }
    const Attempt result = impl.transport.perform(request, timeout, !idempotent);
    Decision decision = decide(result, idempotent, impl.clock.now());
    decision.error.attempts = attempt;
    if (result.response) {
      const auto level =
          decision.verdict == Verdict::success ? spdlog::level::debug : spdlog::level::warn;
      spdlog::log(level, "http {} {} -> {} in {} ms (attempt {})", method, where,
                  result.response->status, result.response->elapsed.count(), attempt);
    } else {
      spdlog::warn("http {} {} failed: {} (attempt {})", method, where, decision.error.code,
                   attempt);
    }
    if (decision.verdict == Verdict::success) return *std::move(result.response);
    if (decision.verdict == Verdict::fail || attempt >= policy.max_attempts)
      return std::move(decision.error);

    auto delay = backoff_delay(policy.backoff, attempt, impl.jitter.uniform());
    if (decision.retry_after) delay = std::max(delay, *decision.retry_after);
    const auto spent = impl.clock.now() - started;
    if (spent + delay > policy.max_elapsed) {
      decision.error.message += " (no retry: the next would start after the retry budget of " +
                                std::to_string(policy.max_elapsed.count()) + " ms)";
      return std::move(decision.error);
    }
    impl.sleeper.sleep_for(delay);
  }
}

HttpResult HttpClient::get(std::string url, Headers headers) {
  HttpRequest request;
  request.url = std::move(url);
  request.headers = std::move(headers);
  return send(request);
}

HttpResult HttpClient::post(std::string url, std::string body, Headers headers) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = std::move(headers);
  return send(request);
}

HttpResult HttpClient::del(std::string url, std::string body, Headers headers) {
  HttpRequest request;
  request.method = HttpMethod::delete_;
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = std::move(headers);
  return send(request);
}

}  // namespace polycopy::net
