#include "app/config.hpp"

#include <toml++/toml.h>
#include <unistd.h>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>
#include <variant>

#include "chain/address.hpp"

namespace polycopy::app {
namespace {

using Value = std::variant<std::string, std::int64_t, bool>;
// Applies a value to the config; returns an empty string or the reason it is refused.
using Apply = std::function<std::string(Config&, const Value&)>;

enum class Kind { string, integer, boolean };

struct KeySpec {
  std::string section;
  std::string name;
  Kind kind;
  Apply apply;
};

std::string kind_name(Kind kind) {
  return kind == Kind::string ? "a string" : kind == Kind::integer ? "an integer" : "a boolean";
}

Apply string_setter(std::function<std::string(Config&, const std::string&)> set) {
  return [set](Config& config, const Value& value) {
    return set(config, std::get<std::string>(value));
  };
}

Apply integer_setter(std::int64_t min, std::int64_t max,
                     std::function<void(Config&, std::int64_t)> set) {
  return [=](Config& config, const Value& value) -> std::string {
    const auto number = std::get<std::int64_t>(value);
    if (number < min || number > max) {
      return "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
             std::to_string(number);
    }
    set(config, number);
    return {};
  };
}

Apply boolean_setter(std::function<void(Config&, bool)> set) {
  return [set](Config& config, const Value& value) -> std::string {
    set(config, std::get<bool>(value));
    return {};
  };
}

Apply url_setter(std::vector<std::string> schemes, std::string Config::Polymarket::*field) {
  return string_setter([=](Config& config, const std::string& text) -> std::string {
    for (const auto& scheme : schemes) {
      const std::string prefix = scheme + "://";
      if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size() &&
          text.find_first_of(" \t\r\n") == std::string::npos) {
        config.polymarket.*field = text;
        return {};
      }
    }
    std::string expected;
    for (const auto& scheme : schemes)
      expected += (expected.empty() ? "" : " or ") + scheme + "://";
    return "expected a URL starting with " + expected + ", got '" + text + "'";
  });
}

// An address (0x + 40 hex digits; mixed case must be a valid EIP-55 checksum), or "" when
// `optional`.
Apply address_setter(std::string Config::Chain::*field, bool optional = false) {
  return string_setter([=](Config& config, const std::string& text) -> std::string {
    if (optional && text.empty()) {
      config.chain.*field = text;
      return {};
    }
    if (!chain::parse_address(text))
      return "expected an address (0x + 40 hex digits), got '" + text + "'";
    config.chain.*field = text;
    return {};
  });
}

Apply alert_text_setter(std::string Config::Alerts::*field) {
  return string_setter([=](Config& config, const std::string& text) -> std::string {
    if (text.find_first_of("\r\n") != std::string::npos) return "must be one line";
    config.alerts.*field = text;
    return {};
  });
}

// A URL of one of the schemes, or "" (the channel is off).
Apply alert_url_setter(std::vector<std::string> schemes, std::string Config::Alerts::*field) {
  return string_setter([=](Config& config, const std::string& text) -> std::string {
    if (text.empty()) {
      config.alerts.*field = text;
      return {};
    }
    for (const auto& scheme : schemes) {
      const std::string prefix = scheme + "://";
      if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size() &&
          text.find_first_of(" \t\r\n") == std::string::npos) {
        config.alerts.*field = text;
        return {};
      }
    }
    return "expected a URL starting with " + schemes.front() +
           "://";  // never echo: may hold a token
  });
}

Apply severity_setter(std::string Config::Alerts::*field) {
  return string_setter([=](Config& config, const std::string& text) -> std::string {
    if (text != "info" && text != "warning" && text != "critical")
      return "expected info, warning or critical, got '" + text + "'";
    config.alerts.*field = text;
    return {};
  });
}

const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> specs = {
      {"database", "path", Kind::string,
       string_setter([](Config& config, const std::string& path) -> std::string {
         if (path.empty()) return "must not be empty";
         config.database.path = path;
         return {};
       })},
      {"server", "listen", Kind::string,
       string_setter([](Config& config, const std::string& text) -> std::string {
         std::string reason;
         if (!parse_listen_address(text, config.server.host, config.server.port, reason)) {
           return reason;
         }
         return {};
       })},
      {"server", "threads", Kind::integer,
       integer_setter(1, 64,
                      [](Config& c, std::int64_t n) { c.server.threads = static_cast<int>(n); })},
      {"server", "max_body_bytes", Kind::integer,
       integer_setter(1024, 64 << 20,
                      [](Config& c, std::int64_t n) { c.server.max_body_bytes = n; })},
      {"server", "metrics_token", Kind::string,
       string_setter([](Config& config, const std::string& token) -> std::string {
         if (!token.empty() && token.size() < 16) return "must be 16 characters or more";
         if (token.find_first_of(" \t\r\n") != std::string::npos)
           return "must not contain whitespace";
         config.server.metrics_token = token;
         return {};
       })},
      {"log", "level", Kind::string,
       string_setter([](Config& config, const std::string& level) -> std::string {
         if (!core::is_valid_log_level(level)) {
           return "unknown level '" + level + "' (trace, debug, info, warn, error, critical, off)";
         }
         config.log.level = level;
         return {};
       })},
      {"log", "format", Kind::string,
       string_setter([](Config& config, const std::string& format) -> std::string {
         if (format == "auto") {
           config.log.format = core::LogFormat::automatic;
         } else if (format == "human") {
           config.log.format = core::LogFormat::human;
         } else if (format == "json") {
           config.log.format = core::LogFormat::json;
         } else {
           return "unknown format '" + format + "' (auto, human, json)";
         }
         return {};
       })},
      {"polymarket", "clob_url", Kind::string,
       url_setter({"https", "http"}, &Config::Polymarket::clob_url)},
      {"polymarket", "gamma_url", Kind::string,
       url_setter({"https", "http"}, &Config::Polymarket::gamma_url)},
      {"polymarket", "data_url", Kind::string,
       url_setter({"https", "http"}, &Config::Polymarket::data_url)},
      {"polymarket", "ws_url", Kind::string,
       url_setter({"wss", "ws"}, &Config::Polymarket::ws_url)},
      {"chain", "rpc_urls", Kind::string,
       string_setter([](Config& config, const std::string& text) -> std::string {
         std::vector<std::string> urls;
         std::stringstream list(text);
         for (std::string url; std::getline(list, url, ',');) {
           const auto first = url.find_first_not_of(" \t");
           const auto last = url.find_last_not_of(" \t");
           url = first == std::string::npos ? "" : url.substr(first, last - first + 1);
           if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
             return "expected comma-separated http(s):// URLs, got '" + url + "'";
           urls.push_back(url);
         }
         if (urls.empty()) return "must name at least one URL";
         config.chain.rpc_urls = urls;
         return {};
       })},
      {"chain", "chain_id", Kind::integer,
       integer_setter(
           1, std::int64_t{1} << 53,
           [](Config& c, std::int64_t n) { c.chain.chain_id = static_cast<std::uint64_t>(n); })},
      {"chain", "confirmations", Kind::integer,
       integer_setter(1, 1000,
                      [](Config& c, std::int64_t n) {
                        c.chain.confirmations = static_cast<std::uint64_t>(n);
                      })},
      {"chain", "conditional_tokens", Kind::string,
       address_setter(&Config::Chain::conditional_tokens)},
      {"chain", "neg_risk_adapter", Kind::string, address_setter(&Config::Chain::neg_risk_adapter)},
      {"chain", "collateral", Kind::string, address_setter(&Config::Chain::collateral)},
      {"chain", "neg_risk_collateral", Kind::string,
       address_setter(&Config::Chain::neg_risk_collateral)},
      {"chain", "pusd", Kind::string, address_setter(&Config::Chain::pusd, true)},
      {"chain", "collateral_adapter", Kind::string,
       address_setter(&Config::Chain::collateral_adapter, true)},
      {"chain", "auto_redeem", Kind::boolean,
       boolean_setter([](Config& c, bool on) { c.chain.auto_redeem = on; })},
      {"alerts", "webhook_url", Kind::string,
       alert_url_setter({"http", "https"}, &Config::Alerts::webhook_url)},
      {"alerts", "webhook_secret", Kind::string,
       alert_text_setter(&Config::Alerts::webhook_secret)},
      {"alerts", "webhook_min_severity", Kind::string,
       severity_setter(&Config::Alerts::webhook_min_severity)},
      {"alerts", "slack_webhook_url", Kind::string,
       alert_url_setter({"https", "http"}, &Config::Alerts::slack_webhook_url)},
      {"alerts", "slack_min_severity", Kind::string,
       severity_setter(&Config::Alerts::slack_min_severity)},
      {"alerts", "telegram_bot_token", Kind::string,
       alert_text_setter(&Config::Alerts::telegram_bot_token)},
      {"alerts", "telegram_chat_id", Kind::string,
       alert_text_setter(&Config::Alerts::telegram_chat_id)},
      {"alerts", "telegram_api_url", Kind::string,
       alert_url_setter({"https", "http"}, &Config::Alerts::telegram_api_url)},
      {"alerts", "telegram_min_severity", Kind::string,
       severity_setter(&Config::Alerts::telegram_min_severity)},
      {"alerts", "smtp_url", Kind::string,
       alert_url_setter({"smtp", "smtps"}, &Config::Alerts::smtp_url)},
      {"alerts", "smtp_from", Kind::string, alert_text_setter(&Config::Alerts::smtp_from)},
      {"alerts", "smtp_to", Kind::string,
       string_setter([](Config& config, const std::string& text) -> std::string {
         config.alerts.smtp_to.clear();
         std::stringstream list(text);
         for (std::string address; std::getline(list, address, ',');) {
           address.erase(0, address.find_first_not_of(' '));
           address.erase(address.find_last_not_of(' ') + 1);
           if (address.find('@') == std::string::npos)
             return "expected comma-separated e-mail addresses, got '" + address + "'";
           config.alerts.smtp_to.push_back(address);
         }
         return {};
       })},
      {"alerts", "smtp_username", Kind::string, alert_text_setter(&Config::Alerts::smtp_username)},
      {"alerts", "smtp_password", Kind::string, alert_text_setter(&Config::Alerts::smtp_password)},
      {"alerts", "smtp_starttls", Kind::boolean,
       boolean_setter([](Config& c, bool on) { c.alerts.smtp_starttls = on; })},
      {"alerts", "email_min_severity", Kind::string,
       severity_setter(&Config::Alerts::email_min_severity)},
      {"alerts", "per_channel_per_hour", Kind::integer,
       integer_setter(1, 3600,
                      [](Config& c, std::int64_t n) { c.alerts.per_channel_per_hour = n; })},
      {"alerts", "rejections_in_a_row", Kind::integer,
       integer_setter(1, 1000,
                      [](Config& c, std::int64_t n) { c.alerts.rejections_in_a_row = n; })},
      {"alerts", "fill_rate_floor_percent", Kind::integer,
       integer_setter(0, 100,
                      [](Config& c, std::int64_t n) { c.alerts.fill_rate_floor_percent = n; })},
      {"alerts", "fill_rate_orders", Kind::integer,
       integer_setter(1, 10000, [](Config& c, std::int64_t n) { c.alerts.fill_rate_orders = n; })},
      {"alerts", "fill_rate_min_orders", Kind::integer,
       integer_setter(1, 10000,
                      [](Config& c, std::int64_t n) { c.alerts.fill_rate_min_orders = n; })},
      {"alerts", "health_failing_minutes", Kind::integer,
       integer_setter(1, 1440,
                      [](Config& c, std::int64_t n) { c.alerts.health_failing_minutes = n; })},
      {"secrets", "wallet_key_file", Kind::string,
       string_setter([](Config& config, const std::string& path) -> std::string {
         config.secrets.wallet_key_file = path;
         return {};
       })},
      {"secrets", "cron_secret_file", Kind::string,
       string_setter([](Config& config, const std::string& path) -> std::string {
         config.secrets.cron_secret_file = path;
         return {};
       })},
  };
  return specs;
}

const KeySpec* find_spec(const std::string& section, const std::string& name) {
  for (const auto& spec : key_specs())
    if (spec.section == section && spec.name == name) return &spec;
  return nullptr;
}

bool is_known_section(const std::string& section) {
  for (const auto& spec : key_specs())
    if (spec.section == section) return true;
  return false;
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    default:
      return "a date/time";
  }
}

void apply_toml(const toml::table& root, Config& config, std::vector<ConfigProblem>& problems) {
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    if (!is_known_section(section)) {
      problems.push_back({section, "unknown section"});
      continue;
    }
    const auto* table = section_node.as_table();
    if (table == nullptr) {
      problems.push_back({section, "expected a table, got " + toml_type_name(section_node)});
      continue;
    }
    for (const auto& [name_key, node] : *table) {
      const std::string name(name_key.str());
      const std::string key = section + "." + name;
      const KeySpec* spec = find_spec(section, name);
      if (spec == nullptr) {
        problems.push_back({key, "unknown key"});
        continue;
      }
      Value value;
      if (spec->kind == Kind::string && node.is_string()) {
        value = *node.value<std::string>();
      } else if (spec->kind == Kind::integer && node.is_integer()) {
        value = *node.value<std::int64_t>();
      } else if (spec->kind == Kind::boolean && node.is_boolean()) {
        value = *node.value<bool>();
      } else {
        problems.push_back(
            {key, "expected " + kind_name(spec->kind) + ", got " + toml_type_name(node)});
        continue;
      }
      if (auto reason = spec->apply(config, value); !reason.empty())
        problems.push_back({key, reason});
    }
  }
}

void apply_environment(const Environment& environment, Config& config,
                       std::vector<ConfigProblem>& problems) {
  for (const auto& spec : key_specs()) {
    const std::string variable = "POLYCOPY_" + upper(spec.section) + "_" + upper(spec.name);
    const auto it = environment.find(variable);
    if (it == environment.end()) continue;
    Value value = it->second;
    if (spec.kind == Kind::integer) {
      std::int64_t number = 0;
      const auto& text = it->second;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        problems.push_back({variable, "expected an integer, got '" + text + "'"});
        continue;
      }
      value = number;
    } else if (spec.kind == Kind::boolean) {
      const auto& text = it->second;
      if (text != "true" && text != "false") {
        problems.push_back({variable, "expected true or false, got '" + text + "'"});
        continue;
      }
      value = text == "true";
    }
    if (auto reason = spec.apply(config, value); !reason.empty())
      problems.push_back({variable, reason});
  }
  // A variable naming a known section but no known key is almost certainly a typo.
  for (const auto& [variable, text] : environment) {
    for (const auto& spec : key_specs()) {
      const std::string prefix = "POLYCOPY_" + upper(spec.section) + "_";
      if (variable.rfind(prefix, 0) != 0) continue;
      bool known = false;
      for (const auto& other : key_specs()) {
        known = known || variable == "POLYCOPY_" + upper(other.section) + "_" + upper(other.name);
      }
      if (!known)
        problems.push_back({variable, "unknown setting (no such key in [" + spec.section + "])"});
      break;
    }
  }
}

core::Result<Config> finish(Config config, const std::vector<ConfigProblem>& problems) {
  if (problems.empty()) return config;
  std::string message = "invalid configuration:";
  for (const auto& problem : problems) message += "\n  " + problem.key + ": " + problem.reason;
  return core::Error{"invalid_config", message};
}

}  // namespace

Environment current_environment() {
  Environment environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string::npos) continue;
    if (text.rfind("POLYCOPY_", 0) != 0) continue;
    environment.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return environment;
}

bool parse_listen_address(const std::string& text, std::string& host, std::uint16_t& port,
                          std::string& reason) {
  std::string host_part;
  std::string port_part;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      reason = "expected [IPV6]:PORT, got '" + text + "'";
      return false;
    }
    host_part = text.substr(1, close - 1);
    port_part = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) {
      reason = "expected HOST:PORT, got '" + text + "'";
      return false;
    }
    host_part = text.substr(0, colon);
    port_part = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, error] =
      std::from_chars(port_part.data(), port_part.data() + port_part.size(), value);
  if (host_part.empty() || port_part.empty() || error != std::errc() ||
      end != port_part.data() + port_part.size() || value > 65535) {
    reason = "expected HOST:PORT with a port 0..65535, got '" + text + "'";
    return false;
  }
  host = host_part;
  port = static_cast<std::uint16_t>(value);
  return true;
}

core::Result<Config> load_config_text(const std::string& toml_text, const Environment& environment,
                                      const std::string& origin) {
  Config config;
  std::vector<ConfigProblem> problems;
  try {
    const toml::table root = toml::parse(toml_text, origin);
    apply_toml(root, config, problems);
  } catch (const toml::parse_error& error) {
    std::ostringstream where;
    where << origin << ":" << error.source().begin.line << ":" << error.source().begin.column;
    problems.push_back({where.str(), "not valid TOML: " + std::string(error.description())});
  }
  apply_environment(environment, config, problems);
  if (!config.chain.collateral_adapter.empty() && config.chain.pusd.empty())
    problems.push_back({"chain.collateral_adapter", "pays pUSD: chain.pusd must be set too"});
  return finish(std::move(config), problems);
}

core::Result<Config> load_config(const ConfigSources& sources) {
  if (!sources.file) return load_config_text("", sources.environment, "<defaults>");
  std::ifstream in(*sources.file, std::ios::binary);
  if (!in) {
    return core::Error{"invalid_config",
                       "invalid configuration:\n  " + *sources.file + ": cannot read the file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_text(text.str(), sources.environment, *sources.file);
}

std::string to_toml(const Config& config) {
  const auto format_name = [](core::LogFormat format) {
    switch (format) {
      case core::LogFormat::human:
        return "human";
      case core::LogFormat::json:
        return "json";
      default:
        return "auto";
    }
  };
  const bool ipv6 = config.server.host.find(':') != std::string::npos;
  const std::string listen = (ipv6 ? "[" + config.server.host + "]" : config.server.host) + ":" +
                             std::to_string(config.server.port);
  toml::table root{
      {"database", toml::table{{"path", config.database.path}}},
      {"server", toml::table{{"listen", listen},
                             {"threads", config.server.threads},
                             {"max_body_bytes", config.server.max_body_bytes}}},
      {"log", toml::table{{"level", config.log.level}, {"format", format_name(config.log.format)}}},
      {"polymarket", toml::table{{"clob_url", config.polymarket.clob_url},
                                 {"gamma_url", config.polymarket.gamma_url},
                                 {"data_url", config.polymarket.data_url},
                                 {"ws_url", config.polymarket.ws_url}}},
      {"chain",
       [&] {
         std::string urls;
         for (const auto& url : config.chain.rpc_urls) urls += (urls.empty() ? "" : ",") + url;
         return toml::table{
             {"rpc_urls", urls},
             {"chain_id", static_cast<std::int64_t>(config.chain.chain_id)},
             {"confirmations", static_cast<std::int64_t>(config.chain.confirmations)},
             {"conditional_tokens", config.chain.conditional_tokens},
             {"neg_risk_adapter", config.chain.neg_risk_adapter},
             {"collateral", config.chain.collateral},
             {"neg_risk_collateral", config.chain.neg_risk_collateral},
             {"pusd", config.chain.pusd},
             {"collateral_adapter", config.chain.collateral_adapter},
             {"auto_redeem", config.chain.auto_redeem}};
       }()},
      {"alerts",
       [&] {
         // Secrets and URLs that may carry a token are shown as set or not, never printed.
         const auto hidden = [](const std::string& value) {
           return value.empty() ? std::string() : std::string("<set>");
         };
         std::string to;
         for (const auto& address : config.alerts.smtp_to) to += (to.empty() ? "" : ",") + address;
         const auto& a = config.alerts;
         return toml::table{{"webhook_url", hidden(a.webhook_url)},
                            {"webhook_secret", hidden(a.webhook_secret)},
                            {"webhook_min_severity", a.webhook_min_severity},
                            {"slack_webhook_url", hidden(a.slack_webhook_url)},
                            {"slack_min_severity", a.slack_min_severity},
                            {"telegram_bot_token", hidden(a.telegram_bot_token)},
                            {"telegram_chat_id", a.telegram_chat_id},
                            {"telegram_api_url", a.telegram_api_url},
                            {"telegram_min_severity", a.telegram_min_severity},
                            {"smtp_url", a.smtp_url},
                            {"smtp_from", a.smtp_from},
                            {"smtp_to", to},
                            {"smtp_username", a.smtp_username},
                            {"smtp_password", hidden(a.smtp_password)},
                            {"smtp_starttls", a.smtp_starttls},
                            {"email_min_severity", a.email_min_severity},
                            {"per_channel_per_hour", a.per_channel_per_hour},
                            {"rejections_in_a_row", a.rejections_in_a_row},
                            {"fill_rate_floor_percent", a.fill_rate_floor_percent},
                            {"fill_rate_orders", a.fill_rate_orders},
                            {"fill_rate_min_orders", a.fill_rate_min_orders},
                            {"health_failing_minutes", a.health_failing_minutes}};
       }()},
      {"secrets", toml::table{{"wallet_key_file", config.secrets.wallet_key_file},
                              {"cron_secret_file", config.secrets.cron_secret_file}}},
  };
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

}  // namespace polycopy::app
