#pragma once
// Logging through spdlog's default logger, behind a redacting sink: registered secrets and
// anything shaped like a private key, an API key or a bearer token never reach the output.
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace spdlog::sinks {
class sink;
}

namespace polycopy::core {

enum class LogFormat { automatic, human, json };  // automatic: human on a TTY, JSON lines otherwise

struct LogOptions {
  std::string level = "info";  // trace, debug, info, warn, error, critical, off
  LogFormat format = LogFormat::automatic;
};

// Wraps a sink so that every line is redacted, then formatted as a JSON line or as text.
std::shared_ptr<spdlog::sinks::sink> make_redacting_sink(std::shared_ptr<spdlog::sinks::sink> inner,
                                                         bool json_lines);

// Installs the default logger (stderr). Errors: "invalid_log_level".
Status init_logging(const LogOptions& options);
bool is_valid_log_level(std::string_view level);

// Every later log line has this exact value replaced by "[REDACTED]" (values shorter than
// 4 characters are ignored: they would redact ordinary words).
void register_secret(std::string secret);
// The redaction applied to each line, exposed for tests.
std::string redact(std::string_view text);

}  // namespace polycopy::core
