#pragma once
// Shared fixtures are read in place: $POLYCOPY_SHARED_DIR/fixtures when set, else the
// directory the build was configured with.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace polycopy::test {

inline std::filesystem::path fixtures_dir() {
  const char* env = std::getenv("POLYCOPY_SHARED_DIR");
  return std::filesystem::path(env && *env ? env : POLYCOPY_SHARED_DIR) / "fixtures";
}

inline std::string read_fixture(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string fixture(const std::string& relative) {
  return read_fixture(fixtures_dir() / relative);
}

}  // namespace polycopy::test
