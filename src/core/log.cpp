#include "core/log.hpp"

#include <unistd.h>

#include <date/date.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

namespace polycopy::core {
namespace {

constexpr std::string_view kRedacted = "[REDACTED]";

std::mutex& secrets_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::vector<std::string>& secrets() {
  static std::vector<std::string> values;
  return values;
}

// Shapes that are secret whatever their origin: polycopy API keys, bearer tokens, and
// "secret"/"passphrase"/"private_key" style key=value pairs. Bare 32-byte hex is not redacted
// by shape (condition ids and tx hashes look the same); private keys are registered instead.
const std::vector<std::pair<std::regex, std::string>>& secret_patterns() {
  static const std::vector<std::pair<std::regex, std::string>> patterns = {
      {std::regex(R"((Bearer)\s+\S+)", std::regex::icase), "$1 [REDACTED]"},
      {std::regex(
           R"re(((?:secret|passphrase|private_key|privatekey|password|api_key|apikey)"?\s*[:=]\s*"?)[^\s",}]+)re",
           std::regex::icase),
       "$1[REDACTED]"},
      {std::regex(R"(pc_[0-9a-fA-F]{16,})"), "pc_[REDACTED]"},
  };
  return patterns;
}

void replace_all(std::string& text, std::string_view needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + kRedacted.size())) {
    text.replace(at, needle.size(), kRedacted);
  }
}

// Redacts the payload, then hands the line to the wrapped sink.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(spdlog::sink_ptr inner) : inner_(std::move(inner)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string clean = redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = clean;
    inner_->log(copy);
  }
  void flush_() override { inner_->flush(); }
  void set_pattern_(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override {
    inner_->set_formatter(std::move(formatter));
  }

 private:
  spdlog::sink_ptr inner_;
};

// One JSON object per line: time (UTC, ms), level, logger, message.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string stamp =
        date::format("%FT%TZ", std::chrono::floor<std::chrono::milliseconds>(msg.time));
    const auto level = spdlog::level::to_string_view(msg.level);
    nlohmann::json line = {
        {"time", stamp},
        {"level", std::string(level.data(), level.size())},
        {"msg", std::string(msg.payload.data(), msg.payload.size())},
    };
    if (msg.logger_name.size() > 0) {
      line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
    }
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

std::shared_ptr<spdlog::sinks::sink> make_redacting_sink(std::shared_ptr<spdlog::sinks::sink> inner,
                                                         bool json_lines) {
  auto sink = std::make_shared<RedactingSink>(std::move(inner));
  if (json_lines) {
    sink->set_formatter(std::make_unique<JsonLineFormatter>());
  } else {
    sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  }
  return sink;
}

bool is_valid_log_level(std::string_view level) {
  static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                 "error", "critical", "off"};
  return std::find(std::begin(kLevels), std::end(kLevels), level) != std::end(kLevels);
}

Status init_logging(const LogOptions& options) {
  if (!is_valid_log_level(options.level)) {
    return Error{"invalid_log_level", "unknown log level '" + options.level +
                                          "' (trace, debug, info, warn, error, critical, off)"};
  }
  const bool json = options.format == LogFormat::json ||
                    (options.format == LogFormat::automatic && isatty(STDERR_FILENO) == 0);
  auto sink = make_redacting_sink(std::make_shared<spdlog::sinks::stderr_color_sink_mt>(), json);
  auto logger = std::make_shared<spdlog::logger>("", sink);
  logger->set_level(spdlog::level::from_str(options.level));
  spdlog::set_default_logger(logger);
  return {};
}

void register_secret(std::string secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(secrets_mutex());
  auto& values = secrets();
  if (std::find(values.begin(), values.end(), secret) == values.end()) {
    values.push_back(std::move(secret));
    // Longest first, so a secret containing another is replaced whole.
    std::sort(values.begin(), values.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }
}

std::string redact(std::string_view text) {
  std::string clean(text);
  {
    std::lock_guard lock(secrets_mutex());
    for (const auto& secret : secrets()) replace_all(clean, secret);
  }
  for (const auto& [pattern, replacement] : secret_patterns()) {
    clean = std::regex_replace(clean, pattern, replacement);
  }
  return clean;
}

}  // namespace polycopy::core
