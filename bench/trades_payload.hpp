#pragma once
// A large Data API /trades payload for the benchmarks, built in memory from the shared
// fixture's trades; each bench varies the fields it needs.
// Fixtures: $POLYCOPY_SHARED_DIR/fixtures, else ../../shared next to this file.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace polycopy::bench {

inline std::string read_trades_fixture() {
  const char* env = std::getenv("POLYCOPY_SHARED_DIR");
  const std::filesystem::path shared =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "shared";
  std::ifstream in(shared / "fixtures/data_trades/swift_trades_market_spain_2026.json");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// n trades as one JSON array: fixture trades in turn, each passed to vary(trade, i) first.
inline std::string trades_payload(std::size_t n,
                                  const std::function<void(nlohmann::json&, std::size_t)>& vary) {
  const auto base = nlohmann::json::parse(read_trades_fixture());
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) {
    auto trade = base.at(i % base.size());
    vary(trade, i);
    if (i) out += ',';
    out += trade.dump();
  }
  return out + "]";
}

}  // namespace polycopy::bench
