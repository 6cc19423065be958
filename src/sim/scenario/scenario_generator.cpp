#include "sim/scenario/scenario_generator.hpp"

#include "sim/scenario/scenario_generate_parts.hpp"

namespace polycopy::sim {

Scenario generate_scenario(const GeneratorOptions& options) {
  auto markets = generate_markets(options);
  const auto traders = generate_traders(options);
  Scenario scenario;
  scenario.seed = options.seed;
  scenario.start = options.start;
  scenario.speed = options.speed;
  scenario.trades = generate_trades(options, markets, traders);
  scenario.traders = traders;
  scenario.events = std::move(markets.events);
  scenario.markets = std::move(markets.markets);
  scenario.resolutions = std::move(markets.resolutions);
  return scenario;
}

}  // namespace polycopy::sim
