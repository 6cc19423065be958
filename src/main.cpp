#include "app/cli.hpp"

int main(int argc, char** argv) {
  return polycopy::app::run_cli(argc, argv);
}
