#pragma once
// The `polycopy` command line: parses arguments and runs one command; returns the exit code
// (0 success, 1 failure, 2 bad usage or bad configuration).
namespace polycopy::app {

int run_cli(int argc, char** argv);

}  // namespace polycopy::app
