#include "app/cli.hpp"

namespace polycopy::app {

int run_cli(int, char**) { return 0; }

}  // namespace polycopy::app
