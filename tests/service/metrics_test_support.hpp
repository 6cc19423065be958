#pragma once
// Reading a Prometheus text scrape in tests: samples by name and exact label set.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polycopy::testing {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample line of the text (comments skipped). Fails the test on a malformed line.
std::vector<Sample> parse_samples(const std::string& text);

class Scrape {
 public:
  explicit Scrape(const std::string& text) : samples_(parse_samples(text)) {}
  // The value of the sample with exactly these labels, or nullopt.
  std::optional<double> value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const;
  // How many samples carry this name.
  std::size_t count(const std::string& name) const;
  const std::vector<Sample>& samples() const { return samples_; }

 private:
  std::vector<Sample> samples_;
};

}  // namespace polycopy::testing
