// Replaced by the parser work: `polycopy polymarket parse --kind K FILE`.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace polycopy::app {

void register_polymarket_parse_command(CLI::App&, int&) {}

}  // namespace polycopy::app
