#include "service/metrics_test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace polycopy::testing {

std::vector<Sample> parse_samples(const std::string& text) {
  std::vector<Sample> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() == '#') continue;
    Sample sample;
    std::size_t at = line.find_first_of("{ ");
    sample.name = line.substr(0, at);
    if (at != std::string::npos && line[at] == '{') {
      ++at;
      while (line[at] != '}') {  // name="value" pairs; values here hold no quotes or escapes
        const auto eq = line.find('=', at);
        const auto close = line.find('"', eq + 2);
        if (eq == std::string::npos || close == std::string::npos) {
          ADD_FAILURE() << "malformed sample: " << line;
          return out;
        }
        sample.labels[line.substr(at, eq - at)] = line.substr(eq + 2, close - eq - 2);
        at = close + 1;
        if (line[at] == ',') ++at;
      }
      ++at;
    }
    sample.value = std::stod(line.substr(at + 1));
    out.push_back(std::move(sample));
  }
  return out;
}

std::optional<double> Scrape::value(const std::string& name,
                                    const std::map<std::string, std::string>& labels) const {
  for (const auto& sample : samples_)
    if (sample.name == name && sample.labels == labels) return sample.value;
  return std::nullopt;
}

std::size_t Scrape::count(const std::string& name) const {
  std::size_t n = 0;
  for (const auto& sample : samples_) n += sample.name == name ? 1 : 0;
  return n;
}

}  // namespace polycopy::testing
