// The scenario document: JSON and TOML spellings of it read to the same Scenario, and a
// written scenario reads back identically.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "sim/scenario/scenario_file.hpp"
#include "sim/scenario/scenario_generator.hpp"
#include "sim/scenario/scenario_json.hpp"

namespace polycopy::sim {
namespace {

// Field by field, so a field the writer forgot makes a round trip fail.
void expect_same_levels(const std::vector<BookLevel>& a, const std::vector<BookLevel>& b,
                        const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].price, b[i].price) << where << "[" << i << "]";
    EXPECT_EQ(a[i].size, b[i].size) << where << "[" << i << "]";
  }
}

void expect_same_scenario(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.speed, b.speed);
  EXPECT_EQ(a.server_version, b.server_version);
  EXPECT_EQ(a.default_balance, b.default_balance);
  EXPECT_EQ(a.default_allowance, b.default_allowance);
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    EXPECT_EQ(a.events[i].id, b.events[i].id);
    EXPECT_EQ(a.events[i].slug, b.events[i].slug);
    EXPECT_EQ(a.events[i].title, b.events[i].title);
    EXPECT_EQ(a.events[i].neg_risk, b.events[i].neg_risk);
  }
  ASSERT_EQ(a.markets.size(), b.markets.size());
  for (std::size_t i = 0; i < a.markets.size(); ++i) {
    const auto& x = a.markets[i];
    const auto& y = b.markets[i];
    const auto where = "markets[" + std::to_string(i) + "]";
    EXPECT_EQ(x.gamma_id, y.gamma_id) << where;
    EXPECT_EQ(x.condition_id, y.condition_id) << where;
    EXPECT_EQ(x.question_id, y.question_id) << where;
    EXPECT_EQ(x.question, y.question) << where;
    EXPECT_EQ(x.slug, y.slug) << where;
    EXPECT_EQ(x.category, y.category) << where;
    EXPECT_EQ(x.event_id, y.event_id) << where;
    EXPECT_EQ(x.tick, y.tick) << where;
    EXPECT_EQ(x.min_order_size, y.min_order_size) << where;
    EXPECT_EQ(x.neg_risk, y.neg_risk) << where;
    EXPECT_EQ(x.order_version, y.order_version) << where;
    EXPECT_EQ(x.end_date, y.end_date) << where;
    EXPECT_EQ(x.closed, y.closed) << where;
    EXPECT_EQ(x.winner, y.winner) << where;
    for (std::size_t k = 0; k < 2; ++k) {
      const auto outcome = where + ".outcomes[" + std::to_string(k) + "]";
      EXPECT_EQ(x.outcomes[k].name, y.outcomes[k].name) << outcome;
      EXPECT_EQ(x.outcomes[k].token_id, y.outcomes[k].token_id) << outcome;
      EXPECT_EQ(x.outcomes[k].price, y.outcomes[k].price) << outcome;
      expect_same_levels(x.outcomes[k].bids, y.outcomes[k].bids, outcome + ".bids");
      expect_same_levels(x.outcomes[k].asks, y.outcomes[k].asks, outcome + ".asks");
    }
  }
  ASSERT_EQ(a.traders.size(), b.traders.size());
  for (std::size_t i = 0; i < a.traders.size(); ++i) {
    EXPECT_EQ(a.traders[i].wallet, b.traders[i].wallet);
    EXPECT_EQ(a.traders[i].name, b.traders[i].name);
    EXPECT_EQ(a.traders[i].win_rate, b.traders[i].win_rate);
    EXPECT_EQ(a.traders[i].min_trade, b.traders[i].min_trade);
    EXPECT_EQ(a.traders[i].max_trade, b.traders[i].max_trade);
    EXPECT_EQ(a.traders[i].categories, b.traders[i].categories);
    EXPECT_EQ(a.traders[i].mean_interval, b.traders[i].mean_interval);
  }
  ASSERT_EQ(a.trades.size(), b.trades.size());
  for (std::size_t i = 0; i < a.trades.size(); ++i) {
    EXPECT_EQ(a.trades[i].at, b.trades[i].at) << "trades[" << i << "]";
    EXPECT_EQ(a.trades[i].trader, b.trades[i].trader) << "trades[" << i << "]";
    EXPECT_EQ(a.trades[i].token_id, b.trades[i].token_id) << "trades[" << i << "]";
    EXPECT_EQ(a.trades[i].side, b.trades[i].side) << "trades[" << i << "]";
    EXPECT_EQ(a.trades[i].price, b.trades[i].price) << "trades[" << i << "]";
    EXPECT_EQ(a.trades[i].size, b.trades[i].size) << "trades[" << i << "]";
  }
  ASSERT_EQ(a.resolutions.size(), b.resolutions.size());
  for (std::size_t i = 0; i < a.resolutions.size(); ++i) {
    EXPECT_EQ(a.resolutions[i].at, b.resolutions[i].at);
    EXPECT_EQ(a.resolutions[i].condition_id, b.resolutions[i].condition_id);
    EXPECT_EQ(a.resolutions[i].winner, b.resolutions[i].winner);
  }
}

// Exercises both spellings: decimal strings and numbers, ISO times and Unix ms, levels as
// pairs and objects, unsorted levels and trades.
constexpr const char* kJson = R"({
  "seed": 7,
  "start": "2026-11-01T12:00:00Z",
  "speed": 60,
  "server_version": 3,
  "default_balance": "2500.5",
  "default_allowance": 2500.5,
  "events": [
    {"id": "9001", "slug": "ohio-senate", "title": "Who will win the Ohio Senate race?",
     "neg_risk": true},
    {"id": "9002", "slug": "btc-above-120k", "title": "Will Bitcoin close above $120,000?"}
  ],
  "markets": [
    {"gamma_id": "1557558",
     "condition_id": "0x984181177906159644f9794cdd933160d2d5844307f062cec7b317d94d1fe09f",
     "question_id": "0x6d4b9adbebcd1f5ec9c18070b6d13089633a50eee0f9e038eb8f624fb804d820",
     "question": "Will Alex Moreno win the Ohio Senate race?", "slug": "alex-moreno-ohio",
     "category": "politics", "event_id": "9001", "neg_risk": true, "tick_size": "0.01",
     "min_order_size": "5", "order_version": 2, "end_date": "2026-11-04T00:00:00Z",
     "outcomes": [
       {"name": "Yes",
        "token_id": "54891649692389922923618912645235399810605072419499528006449623279037175250941",
        "price": "0.62", "bids": [["0.60", "250.5"], ["0.61", "100"]],
        "asks": [{"price": 0.63, "size": 80}]},
       {"name": "No",
        "token_id": "54333393156483624312876534749904535376821338669082262416063740556108184368294",
        "price": 0.38, "bids": [["0.37", "80"]], "asks": [["0.39", "100"], ["0.40", "250.5"]]}
     ]},
    {"gamma_id": "1557559",
     "condition_id": "0x2257989fef829c88f6ced90a71d2af7293b05a04cd085b71ba6676b3651c5253",
     "question": "Will Dana Whitfield win the Ohio Senate race?", "category": "politics",
     "event_id": "9001", "neg_risk": true, "end_date": "2026-11-04T00:00:00Z",
     "outcomes": [
       {"name": "Yes",
        "token_id": "62640496297021920462448306436944744714220441227776116086542319216925033694788",
        "price": "0.3", "bids": [["0.29", "40"]]},
       {"name": "No",
        "token_id": "26854733160787281796989152570348162512076428182308436746439820860378243552885",
        "price": "0.7", "asks": [["0.71", "40"]]}
     ]},
    {"gamma_id": "1557600",
     "condition_id": "0x1111111111111111111111111111111111111111111111111111111111111111",
     "question": "Will Bitcoin close above $120,000 on October 31?", "category": "crypto",
     "event_id": "9002", "tick_size": 0.001, "min_order_size": 15, "order_version": 1,
     "end_date": 1793404800000, "closed": true, "winner": 1,
     "outcomes": [
       {"name": "Yes",
        "token_id": "1753872313869515411976402072670115213004062887119593067983623291229209770623",
        "price": "0"},
       {"name": "No",
        "token_id": "4954631344958823324347737736602980485884289454314320334465908014694868819800",
        "price": 1}
     ]}
  ],
  "traders": [
    {"wallet": "0x22cedafb092fdddf18f2c41c5d92b243e0fd67dd", "name": "Swift-Falcon",
     "win_rate": "0.62", "min_trade": "5", "max_trade": 250,
     "categories": ["politics", "crypto"], "mean_interval_seconds": 3600},
    {"wallet": "0xac0ae4e2f729b4c8420b0ebe378c74dc7eb0adf4", "name": "Quiet-Otter"}
  ],
  "trades": [
    {"at": "2026-11-01T13:00:00Z", "trader": "0x22cedafb092fdddf18f2c41c5d92b243e0fd67dd",
     "token_id": "54891649692389922923618912645235399810605072419499528006449623279037175250941",
     "side": "BUY", "price": "0.62", "size": "10"},
    {"at": "2026-10-30T08:15:30.250Z", "trader": "0xac0ae4e2f729b4c8420b0ebe378c74dc7eb0adf4",
     "token_id": "4954631344958823324347737736602980485884289454314320334465908014694868819800",
     "side": "BUY", "price": 0.455, "size": 20},
    {"at": 1793538000000, "trader": "0xac0ae4e2f729b4c8420b0ebe378c74dc7eb0adf4",
     "token_id": "26854733160787281796989152570348162512076428182308436746439820860378243552885",
     "side": "SELL", "price": "0.7", "size": "5.5"}
  ],
  "resolutions": [
    {"at": "2026-11-04T00:00:00Z",
     "condition_id": "0x984181177906159644f9794cdd933160d2d5844307f062cec7b317d94d1fe09f",
     "winner": 0}
  ]
})";

// The same document in TOML, with TOML's own types where they exist (native date-times).
constexpr const char* kToml = R"(
seed = 7
start = 2026-11-01T12:00:00Z
speed = 60.0
server_version = 3
default_balance = "2500.5"
default_allowance = 2500.5

[[events]]
id = "9001"
slug = "ohio-senate"
title = "Who will win the Ohio Senate race?"
neg_risk = true

[[events]]
id = "9002"
slug = "btc-above-120k"
title = "Will Bitcoin close above $120,000?"

[[markets]]
gamma_id = "1557558"
condition_id = "0x984181177906159644f9794cdd933160d2d5844307f062cec7b317d94d1fe09f"
question_id = "0x6d4b9adbebcd1f5ec9c18070b6d13089633a50eee0f9e038eb8f624fb804d820"
question = "Will Alex Moreno win the Ohio Senate race?"
slug = "alex-moreno-ohio"
category = "politics"
event_id = "9001"
neg_risk = true
tick_size = "0.01"
min_order_size = 5
order_version = 2
end_date = "2026-11-04T00:00:00Z"

  [[markets.outcomes]]
  name = "Yes"
  token_id = "54891649692389922923618912645235399810605072419499528006449623279037175250941"
  price = 0.62
  bids = [["0.61", "100"], ["0.60", "250.5"]]
  asks = [["0.63", "80"]]

  [[markets.outcomes]]
  name = "No"
  token_id = "54333393156483624312876534749904535376821338669082262416063740556108184368294"
  price = "0.38"
  bids = [{ price = "0.37", size = 80 }]
  asks = [["0.39", "100"], ["0.40", "250.5"]]

[[markets]]
gamma_id = "1557559"
condition_id = "0x2257989fef829c88f6ced90a71d2af7293b05a04cd085b71ba6676b3651c5253"
question = "Will Dana Whitfield win the Ohio Senate race?"
category = "politics"
event_id = "9001"
neg_risk = true
end_date = 2026-11-04T00:00:00Z

  [[markets.outcomes]]
  name = "Yes"
  token_id = "62640496297021920462448306436944744714220441227776116086542319216925033694788"
  price = "0.3"
  bids = [["0.29", "40"]]

  [[markets.outcomes]]
  name = "No"
  token_id = "26854733160787281796989152570348162512076428182308436746439820860378243552885"
  price = "0.7"
  asks = [["0.71", "40"]]

[[markets]]
gamma_id = "1557600"
condition_id = "0x1111111111111111111111111111111111111111111111111111111111111111"
question = "Will Bitcoin close above $120,000 on October 31?"
category = "crypto"
event_id = "9002"
tick_size = "0.001"
min_order_size = "15"
order_version = 1
end_date = "2026-10-31T00:00:00Z"
closed = true
winner = 1

  [[markets.outcomes]]
  name = "Yes"
  token_id = "1753872313869515411976402072670115213004062887119593067983623291229209770623"
  price = 0

  [[markets.outcomes]]
  name = "No"
  token_id = "4954631344958823324347737736602980485884289454314320334465908014694868819800"
  price = "1"

[[traders]]
wallet = "0x22cedafb092fdddf18f2c41c5d92b243e0fd67dd"
name = "Swift-Falcon"
win_rate = "0.62"
min_trade = 5
max_trade = "250"
categories = ["politics", "crypto"]
mean_interval_seconds = 3600

[[traders]]
wallet = "0xAC0AE4E2F729B4C8420B0EBE378C74DC7EB0ADF4"
name = "Quiet-Otter"

[[trades]]
at = 2026-11-01T13:00:00Z
trader = "0x22cedafb092fdddf18f2c41c5d92b243e0fd67dd"
token_id = "54891649692389922923618912645235399810605072419499528006449623279037175250941"
side = "BUY"
price = "0.62"
size = 10

[[trades]]
at = 2026-10-30T08:15:30.250Z
trader = "0xac0ae4e2f729b4c8420b0ebe378c74dc7eb0adf4"
token_id = "4954631344958823324347737736602980485884289454314320334465908014694868819800"
side = "BUY"
price = "0.455"
size = "20"

[[trades]]
at = "2026-11-01T14:00:00+01:00"
trader = "0xac0ae4e2f729b4c8420b0ebe378c74dc7eb0adf4"
token_id = "26854733160787281796989152570348162512076428182308436746439820860378243552885"
side = "SELL"
price = 0.7
size = 5.5

[[resolutions]]
at = 1793750400000
condition_id = "0x984181177906159644f9794cdd933160d2d5844307f062cec7b317d94d1fe09f"
winner = 0
)";

Scenario parse_ok(const core::Result<Scenario>& result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().to_string());
  return result.ok() ? *result : Scenario{};
}

TEST(ScenarioJson, ReadsEveryField) {
  const auto scenario = parse_ok(parse_scenario_json(kJson));
  EXPECT_EQ(scenario.seed, 7u);
  EXPECT_EQ(core::to_unix_ms(scenario.start), 1'793'534'400'000);
  EXPECT_EQ(scenario.speed, 60.0);
  EXPECT_EQ(scenario.server_version, 3);
  EXPECT_EQ(scenario.default_balance.micros(), 2'500'500'000);
  EXPECT_EQ(scenario.default_allowance.micros(), 2'500'500'000);
  ASSERT_EQ(scenario.events.size(), 2u);
  EXPECT_TRUE(scenario.events[0].neg_risk);
  EXPECT_FALSE(scenario.events[1].neg_risk);
  ASSERT_EQ(scenario.markets.size(), 3u);

  const auto& live = scenario.markets[0];
  EXPECT_EQ(chain::to_hex(live.condition_id),
            "0x984181177906159644f9794cdd933160d2d5844307f062cec7b317d94d1fe09f");
  EXPECT_EQ(live.outcomes[0].token_id.to_decimal(),
            "54891649692389922923618912645235399810605072419499528006449623279037175250941");
  EXPECT_EQ(live.outcomes[0].price.micros(), 620'000);
  EXPECT_EQ(live.outcomes[1].price.micros(), 380'000);  // a JSON number, read exactly
  // Levels are sorted best first whatever their order in the document.
  ASSERT_EQ(live.outcomes[0].bids.size(), 2u);
  EXPECT_EQ(live.outcomes[0].bids[0].price.micros(), 610'000);
  EXPECT_EQ(live.outcomes[0].bids[1].size.micros(), 250'500'000);
  EXPECT_EQ(live.outcomes[0].asks[0].price.micros(), 630'000);
  EXPECT_EQ(live.end_date, core::from_unix_ms(1'793'750'400'000));

  const auto& defaults = scenario.markets[1];
  EXPECT_EQ(defaults.tick, polymarket::TickSize::t0_01);
  EXPECT_EQ(defaults.min_order_size.micros(), 5'000'000);
  EXPECT_EQ(defaults.order_version, 2);
  EXPECT_TRUE(defaults.question_id.is_zero());
  EXPECT_FALSE(defaults.closed);
  EXPECT_FALSE(defaults.winner.has_value());

  const auto& closed = scenario.markets[2];
  EXPECT_EQ(closed.tick, polymarket::TickSize::t0_001);
  EXPECT_EQ(closed.min_order_size.micros(), 15'000'000);
  EXPECT_EQ(closed.order_version, 1);
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.winner, 1);
  EXPECT_EQ(closed.end_date, core::from_unix_ms(1'793'404'800'000));

  ASSERT_EQ(scenario.traders.size(), 2u);
  EXPECT_EQ(scenario.traders[0].win_rate.micros(), 620'000);
  EXPECT_EQ(scenario.traders[0].max_trade.micros(), 250'000'000);
  EXPECT_EQ(scenario.traders[0].mean_interval, std::chrono::seconds(3600));
  EXPECT_TRUE(scenario.traders[1].categories.empty());

  // Sorted by time; the two trades at 13:00 keep their document order.
  ASSERT_EQ(scenario.trades.size(), 3u);
  EXPECT_EQ(core::to_unix_ms(scenario.trades[0].at), 1'793'348'130'250);
  EXPECT_EQ(scenario.trades[0].price.micros(), 455'000);
  EXPECT_EQ(scenario.trades[1].side, polymarket::Side::buy);
  EXPECT_EQ(scenario.trades[2].side, polymarket::Side::sell);
  EXPECT_EQ(scenario.trades[2].at, scenario.trades[1].at);
  EXPECT_EQ(scenario.trades[2].size.micros(), 5'500'000);
  ASSERT_EQ(scenario.resolutions.size(), 1u);
  EXPECT_EQ(scenario.resolutions[0].winner, 0);
}

TEST(ScenarioJson, TomlSpellingReadsToTheSameScenario) {
  const auto from_json = parse_ok(parse_scenario_json(kJson));
  const auto from_toml = parse_ok(parse_scenario_toml(kToml));
  expect_same_scenario(from_json, from_toml);
}

TEST(ScenarioJson, WrittenDocumentReadsBackIdentically) {
  const auto scenario = parse_ok(parse_scenario_json(kJson));
  const auto text = write_scenario_json(scenario);
  const auto again = parse_ok(parse_scenario_json(text));
  expect_same_scenario(scenario, again);
  EXPECT_EQ(write_scenario_json(again), text);
  // Times keep their milliseconds; money stays text.
  EXPECT_NE(text.find("\"2026-10-30T08:15:30.250Z\""), std::string::npos);
  EXPECT_NE(text.find("\"price\": \"0.455\""), std::string::npos);
}

TEST(ScenarioJson, GeneratedScenarioSurvivesWriteAndLoad) {
  GeneratorOptions options;
  options.seed = 99;
  options.traders = 8;
  options.markets = 40;
  options.speed = 2.5;
  options.start = core::from_unix_ms(1'800'000'000'123);  // milliseconds survive too
  const auto generated = generate_scenario(options);
  ASSERT_FALSE(generated.trades.empty());
  const auto loaded = parse_ok(parse_scenario_json(write_scenario_json(generated)));
  expect_same_scenario(generated, loaded);
}

}  // namespace
}  // namespace polycopy::sim
