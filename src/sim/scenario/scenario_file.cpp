#include "sim/scenario/scenario_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/scenario/scenario_json.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;

enum class Format { json, toml, unsupported };

Format format_of(const std::filesystem::path& path) {
  auto extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".json") return Format::json;
  if (extension == ".toml") return Format::toml;
  return Format::unsupported;
}

core::Error unsupported(const std::filesystem::path& path) {
  return core::Error{"unsupported_scenario_format",
                     "scenario file " + path.string() + " must end in .json or .toml"};
}

// TOML values in the JSON document model; TOML dates and times become their ISO-8601 text,
// which the reader parses like a JSON string.
json toml_to_json(const toml::node& node) {
  if (const auto* table = node.as_table()) {
    json out = json::object();
    for (const auto& [key, value] : *table) out[std::string(key.str())] = toml_to_json(value);
    return out;
  }
  if (const auto* array = node.as_array()) {
    json out = json::array();
    for (const auto& value : *array) out.push_back(toml_to_json(value));
    return out;
  }
  if (const auto* text = node.as_string()) return text->get();
  if (const auto* integer = node.as_integer()) return integer->get();
  if (const auto* number = node.as_floating_point()) return number->get();
  if (const auto* flag = node.as_boolean()) return flag->get();
  std::ostringstream text;  // date, time or date-time
  node.visit([&](const auto& value) { text << value; });
  return text.str();
}

}  // namespace

core::Result<Scenario> parse_scenario_json(std::string_view text) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    return core::Error{"invalid_scenario", std::string("not valid JSON: ") + error.what()};
  }
  return scenario_from_json(document);
}

core::Result<Scenario> parse_scenario_toml(std::string_view text) {
  try {
    const toml::table root = toml::parse(text);
    return scenario_from_json(toml_to_json(root));
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "not valid TOML at line " << error.source().begin.line << ", column "
            << error.source().begin.column << ": " << error.description();
    return core::Error{"invalid_scenario", message.str()};
  }
}

core::Result<Scenario> load_scenario_file(const std::filesystem::path& path) {
  const auto format = format_of(path);
  if (format == Format::unsupported) return unsupported(path);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return core::Error{"scenario_unreadable", "no scenario file at " + path.string()};
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (file) text << file.rdbuf();
  if (!file || file.bad()) {
    return core::Error{"scenario_unreadable", "cannot read scenario file " + path.string()};
  }
  return format == Format::json ? parse_scenario_json(text.str()) : parse_scenario_toml(text.str());
}

core::Status save_scenario_file(const std::filesystem::path& path, const Scenario& scenario) {
  if (format_of(path) != Format::json) {
    return core::Error{"unsupported_scenario_format",
                       "scenarios are saved as JSON: " + path.string() + " must end in .json"};
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << write_scenario_json(scenario);
  file.close();
  if (!file) {
    return core::Error{"scenario_unwritable", "cannot write scenario file " + path.string()};
  }
  return core::Status::success();
}

}  // namespace polycopy::sim
