// GET /metrics over a real socket: a real SQLite store seeded through the Store port as the
// engine would (signals, reservations, order intents, fills, paper positions), scraped and
// checked against hand-computed counts, buckets and budget use; the HTTP counters of the
// counting handler; the optional bearer token.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "risk/risk_manager.hpp"
#include "service/api_fixture.hpp"
#include "service/api_routes.hpp"
#include "service/http_types.hpp"
#include "service/metrics_exposition.hpp"
#include "service/metrics_registry.hpp"
#include "service/metrics_test_support.hpp"

namespace polycopy::testing {
namespace {

using core::Price;
using core::Shares;
using core::Usd;
using Labels = std::map<std::string, std::string>;

constexpr std::int64_t kStartMs = 1'795'635'000'000;  // 2026-11-25T19:30:00Z
constexpr char kToken[] = "metrics-token-0123456789";

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

const std::string kTrader = "0x" + std::string(40, 'b');
const std::string kMarket = hex64(1);
const std::string kYes = "101";
const std::string kNo = "102";

core::Timestamp at_ms(std::int64_t ms) {
  return core::from_unix_ms(kStartMs + ms);
}
core::Timestamp at_minute(int minute) {
  return at_ms(std::int64_t{minute} * 60'000);
}
Price price(std::int64_t micros) {
  return Price::from_micros(micros).value();
}

class MetricsApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    ft_id_ = create_ft(alice_key_)["id"];
    lt_id_ = create_lt(alice_key_, ft_id_)["id"];
    const std::string wallet = add_wallet(alice_id_);
    ASSERT_EQ(
        client_->patch("/api/lt/strategies/" + lt_id_, alice_key_, {{"wallet_id", wallet}}).status,
        200);
    ASSERT_EQ(client_
                  ->patch("/api/lt/strategies/" + lt_id_ + "/risk", alice_key_,
                          {{"daily_budget_usd", "50"}, {"weekly_budget_usd", "100"}})
                  .status,
              200);
    ASSERT_EQ(client_->post("/api/lt/strategies/" + lt_id_ + "/resume", alice_key_).status, 200);
    store::MarketRecord market;
    market.condition_id = kMarket;
    market.question = "Will it?";
    market.updated_at = at_minute(0);
    ASSERT_TRUE(
        store_->upsert_market(market, {{kYes, kMarket, 0, "Yes"}, {kNo, kMarket, 1, "No"}}).ok());
    seed();
  }

  void TearDown() override {
    metrics_client_.reset();
    metrics_server_.reset();
    metrics_router_.reset();
    ApiFixture::TearDown();
  }

  store::SourceTradeRecord trade(int n) {
    store::SourceTradeRecord t;
    t.trader_address = kTrader;
    t.tx_hash = hex64(100 + n);
    t.condition_id = kMarket;
    t.token_id = kYes;
    t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
    t.outcome = "Yes";
    t.outcome_index = 0;
    t.price = price(490'000);
    t.size = Shares::from_micros(100'000'000);
    t.usd = Usd::from_micros(49'000'000);
    t.traded_at = t.received_at = at_minute(n);
    return t;
  }

  store::StrategySignalRecord signal(const std::string& id, const std::string& trade_id,
                                     std::optional<std::string> reason, core::Timestamp at) {
    store::StrategySignalRecord s;
    s.id = id;
    s.source_trade_id = trade_id;
    s.accepted = !reason;
    s.reason_code = std::move(reason);
    s.evaluated_at = at;
    return s;
  }

  // Reserves through the risk manager and writes the intent bound to it, at minute n.
  void place(int n, const std::string& source_trade, const std::string& token,
             std::int64_t size_micros, std::int64_t limit_micros) {
    clock_.set(at_minute(n));
    risk::RiskManager manager(*store_, clock_);
    risk::OrderRequest request;
    request.condition_id = kMarket;
    request.token_id = token;
    request.limit_price = price(limit_micros);
    request.size = Shares::from_micros(size_micros);
    request.asks = {risk::AskLevel{request.limit_price, Shares::from_micros(1'000'000'000)}};
    const auto reserved = manager.check_and_reserve(lt_id_, request);
    ASSERT_TRUE(reserved.ok()) << reserved.error().to_string();
    ASSERT_TRUE(reserved->reservation_id) << reserved->refusal->message;
    store::OrderRecord o;
    o.id = "ord_" + std::to_string(n);
    o.lt_strategy_id = lt_id_;
    o.source_trade_id = source_trade;
    o.idempotency_key = store::order_idempotency_key(lt_id_, source_trade);
    o.token_id = token;
    o.limit_price = request.limit_price;
    o.size = request.size;
    o.signal_price = request.limit_price;
    o.expires_at = at_minute(n + 10);
    o.created_at = o.updated_at = at_minute(n);
    ASSERT_TRUE(store_->insert_order_intent(o, *reserved->reservation_id).ok());
    ASSERT_TRUE(
        store_->mark_order_submitted(o.id, "0xvenue" + std::to_string(n), at_minute(n)).ok());
  }

  void fill(int n, const std::string& trade_id, std::int64_t size_micros, std::int64_t price_micros,
            std::int64_t after_ms) {
    store::VenueFill f;
    f.id = "fil_" + trade_id;
    f.venue_trade_id = trade_id;
    f.price = price(price_micros);
    f.size = Shares::from_micros(size_micros);
    f.filled_at = at_ms(std::int64_t{n} * 60'000 + after_ms);
    const auto recorded = store_->record_order_fill("ord_" + std::to_string(n), f, f.filled_at);
    ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
  }

  // The hand-computed book:
  //   LT signals: trades 1..3 accepted, evaluated 30 ms, 700 ms and 45 s before their orders
  //               (minutes 1, 2, 3); trade 4 rejected price_out_of_range.
  //   ord_1: 10 Yes @ limit 0.50 (holds 5.00); 4 @0.49 after 1.5 s: partially_filled
  //   ord_2: 10 No @ limit 0.51 (holds 5.10); 3 @0.48 (2 s), 5 @0.50 (0.9 s), 2 @0.51 (3 s)
  //   ord_3: 10 Yes @ limit 0.50 (holds 5.00); cancelled unfilled
  //   fills: 4, 14 shares, 1.96 + 1.44 + 2.50 + 1.02 = 6.92 USD
  //   The fills and the end are stored without risk events, so the three holds stay
  //   reserved: every window uses 15.10 (day budget 50, week 100, no month budget).
  //   FT: trade 1 accepted (one open paper position of 10), trades 2 and 3 rejected
  //   price_out_of_range, trade 4 trade_too_old.
  void seed() {
    std::vector<store::SourceTradeRecord> trades{trade(1), trade(2), trade(3), trade(4)};
    ASSERT_TRUE(store_->insert_source_trades(trades).ok());
    const std::int64_t before_ms[] = {30, 700, 45'000};
    std::vector<store::LtSignalRecord> lt_signals;
    for (int n = 1; n <= 3; ++n)
      lt_signals.push_back(store::LtSignalRecord{
          lt_id_, signal("sig_lt_" + std::to_string(n), trades[n - 1].id, std::nullopt,
                         at_ms(n * 60'000 - before_ms[n - 1]))});
    lt_signals.push_back(store::LtSignalRecord{
        lt_id_, signal("sig_lt_4", trades[3].id, "price_out_of_range", at_minute(4))});
    ASSERT_TRUE(store_->record_lt_signals(lt_signals).ok());

    place(1, trades[0].id, kYes, 10'000'000, 500'000);
    fill(1, "vt_1", 4'000'000, 490'000, 1'500);
    place(2, trades[1].id, kNo, 10'000'000, 510'000);
    fill(2, "vt_2a", 3'000'000, 480'000, 2'000);
    fill(2, "vt_2b", 5'000'000, 500'000, 900);
    fill(2, "vt_2c", 2'000'000, 510'000, 3'000);
    place(3, trades[2].id, kYes, 10'000'000, 500'000);
    ASSERT_TRUE(
        store_->end_order("ord_3", store::OrderState::cancelled, "user", at_minute(4)).ok());

    store::FtOutcome paper;
    paper.signal = signal("sig_ft_1", trades[0].id, std::nullopt, at_minute(1));
    paper.signal.ft_strategy_id = ft_id_;
    paper.signal.entry_price = trades[0].price;
    paper.signal.bet_usd = Usd::from_micros(10'000'000);
    store::PaperPositionRecord p;
    p.id = "pp_1";
    p.ft_strategy_id = ft_id_;
    p.source_trade_id = trades[0].id;
    p.condition_id = kMarket;
    p.token_id = kYes;
    p.entry_price = trades[0].price;
    p.shares = Shares::from_micros(20'408'163);
    p.cost = Usd::from_micros(10'000'000);
    p.opened_at = at_minute(1);
    paper.position = p;
    std::vector<store::FtOutcome> outcomes{paper};
    const std::pair<int, const char*> rejected[] = {
        {1, "price_out_of_range"}, {2, "price_out_of_range"}, {3, "trade_too_old"}};
    for (const auto& [index, reason] : rejected) {
      store::FtOutcome outcome;
      outcome.signal = signal("sig_ft_" + std::to_string(index + 1), trades[index].id, reason,
                              at_minute(index + 1));
      outcome.signal.ft_strategy_id = ft_id_;
      outcomes.push_back(outcome);
    }
    ASSERT_TRUE(store_->record_ft_outcomes(outcomes).ok());
    clock_.set(at_minute(5));
  }

  // A second server on the same store: the router with GET /metrics wired to `registry_`,
  // every request counted.
  void start_metrics_server(std::optional<std::string> token = std::nullopt) {
    service::MetricsAccess access;
    access.registry = &registry_;
    access.token = std::move(token);
    metrics_router_ = std::make_unique<service::Router>(
        service::make_api_router(*store_, clock_, &*wallet_key_, {}, access));
    service::ServerOptions options;
    options.port = 0;
    metrics_server_ = std::make_unique<service::HttpServer>(
        options, service::counting_handler(*metrics_router_, registry_));
    auto port = metrics_server_->start();
    ASSERT_TRUE(port.ok()) << port.error().to_string();
    metrics_client_ = std::make_unique<TestClient>(*port);
  }

  Scrape scrape(const std::map<std::string, std::string>& headers = {}) {
    const auto response = metrics_client_->request("GET", "/metrics", "", headers);
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    return Scrape(response.body);
  }

  Labels lt(Labels labels) const {
    labels["strategy"] = lt_id_;
    return labels;
  }

  service::MetricsRegistry registry_;
  std::unique_ptr<service::Router> metrics_router_;
  std::unique_ptr<service::HttpServer> metrics_server_;
  std::unique_ptr<TestClient> metrics_client_;
  std::string ft_id_, lt_id_;
};

TEST_F(MetricsApi, SignalsCountByModeStrategyOutcomeAndReason) {
  start_metrics_server();
  const Scrape s = scrape();
  const auto signals = [&](const std::string& mode, const std::string& id,
                           const std::string& outcome, const std::string& reason) {
    return s.value("polycopy_signals_total",
                   {{"mode", mode}, {"strategy", id}, {"outcome", outcome}, {"reason", reason}});
  };
  EXPECT_EQ(signals("lt", lt_id_, "accepted", "accepted"), 3);
  EXPECT_EQ(signals("lt", lt_id_, "rejected", "price_out_of_range"), 1);
  EXPECT_EQ(signals("ft", ft_id_, "accepted", "accepted"), 1);
  EXPECT_EQ(signals("ft", ft_id_, "rejected", "price_out_of_range"), 2);
  EXPECT_EQ(signals("ft", ft_id_, "rejected", "trade_too_old"), 1);
  EXPECT_EQ(s.count("polycopy_signals_total"), 5u);
  EXPECT_EQ(s.value("polycopy_paper_positions", {{"strategy", ft_id_}, {"status", "open"}}), 1);
  EXPECT_EQ(s.value("polycopy_paper_realised_pnl_usd", {{"strategy", ft_id_}}), 0);
  EXPECT_EQ(s.value("polycopy_store_up"), 1);
}

TEST_F(MetricsApi, OrdersByStateAndFillsPerStrategy) {
  start_metrics_server();
  const Scrape s = scrape();
  EXPECT_EQ(s.value("polycopy_orders", lt({{"state", "partially_filled"}})), 1);
  EXPECT_EQ(s.value("polycopy_orders", lt({{"state", "filled"}})), 1);
  EXPECT_EQ(s.value("polycopy_orders", lt({{"state", "cancelled"}})), 1);
  EXPECT_EQ(s.count("polycopy_orders"), 3u);
  EXPECT_EQ(s.value("polycopy_fills_total", lt({})), 4);
  EXPECT_DOUBLE_EQ(s.value("polycopy_filled_shares_total", lt({})).value_or(-1), 14.0);
  EXPECT_DOUBLE_EQ(s.value("polycopy_filled_usd_total", lt({})).value_or(-1), 6.92);
}

TEST_F(MetricsApi, LatencyHistogramsBucketSignalToOrderAndOrderToFill) {
  start_metrics_server();
  const Scrape s = scrape();
  const auto bucket = [&](const std::string& name, const std::string& le) {
    return s.value(name + "_bucket", lt({{"le", le}})).value_or(-1);
  };
  // 0.03 s, 0.7 s, 45 s
  const std::string to_order = "polycopy_signal_to_order_seconds";
  EXPECT_EQ(bucket(to_order, "0.05"), 1);
  EXPECT_EQ(bucket(to_order, "0.5"), 1);
  EXPECT_EQ(bucket(to_order, "1"), 2);
  EXPECT_EQ(bucket(to_order, "30"), 2);
  EXPECT_EQ(bucket(to_order, "60"), 3);
  EXPECT_EQ(bucket(to_order, "+Inf"), 3);
  EXPECT_EQ(s.value(to_order + "_count", lt({})), 3);
  EXPECT_NEAR(s.value(to_order + "_sum", lt({})).value_or(-1), 45.73, 1e-9);
  // 1.5 s, 2 s, 0.9 s, 3 s
  const std::string to_fill = "polycopy_order_to_fill_seconds";
  EXPECT_EQ(bucket(to_fill, "0.5"), 0);
  EXPECT_EQ(bucket(to_fill, "1"), 1);
  EXPECT_EQ(bucket(to_fill, "2.5"), 3);
  EXPECT_EQ(bucket(to_fill, "5"), 4);
  EXPECT_EQ(bucket(to_fill, "600"), 4);
  EXPECT_EQ(s.value(to_fill + "_count", lt({})), 4);
  EXPECT_NEAR(s.value(to_fill + "_sum", lt({})).value_or(-1), 7.4, 1e-9);
}

TEST_F(MetricsApi, RiskUtilisationEquityAndDrawdownMatchTheRiskState) {
  start_metrics_server();
  const Scrape s = scrape();
  for (const char* window : {"day", "week", "month"})
    EXPECT_DOUBLE_EQ(
        s.value("polycopy_risk_budget_used_usd", lt({{"window", window}})).value_or(-1), 15.10)
        << window;
  EXPECT_EQ(s.value("polycopy_risk_budget_limit_usd", lt({{"window", "day"}})), 50);
  EXPECT_EQ(s.value("polycopy_risk_budget_limit_usd", lt({{"window", "week"}})), 100);
  EXPECT_DOUBLE_EQ(
      s.value("polycopy_risk_budget_utilisation_ratio", lt({{"window", "day"}})).value_or(-1),
      15.10 / 50);
  EXPECT_DOUBLE_EQ(
      s.value("polycopy_risk_budget_utilisation_ratio", lt({{"window", "week"}})).value_or(-1),
      15.10 / 100);
  // No month budget: no limit and no utilisation.
  EXPECT_FALSE(s.value("polycopy_risk_budget_limit_usd", lt({{"window", "month"}})));
  EXPECT_FALSE(s.value("polycopy_risk_budget_utilisation_ratio", lt({{"window", "month"}})));

  // The rest as GET .../risk/state shows it.
  const auto state = client_->get("/api/lt/strategies/" + lt_id_ + "/risk/state", alice_key_);
  ASSERT_EQ(state.status, 200) << state.body;
  const auto number = [](const nlohmann::json& text) { return std::stod(text.get<std::string>()); };
  const auto body = state.json();
  EXPECT_EQ(body.at("windows").at("day").at("used"), "15.1");
  EXPECT_GT(number(body.at("equity")), 0);
  EXPECT_EQ(s.value("polycopy_equity_usd", lt({})), number(body.at("equity")));
  EXPECT_EQ(s.value("polycopy_peak_equity_usd", lt({})), number(body.at("peak_equity")));
  EXPECT_EQ(s.value("polycopy_realised_pnl_usd", lt({})), 0);
  EXPECT_EQ(s.value("polycopy_drawdown_ratio", lt({})), 0);
  EXPECT_EQ(s.value("polycopy_reserved_usd", lt({})), 15.10);
  EXPECT_EQ(s.value("polycopy_open_positions", lt({})), 3);
  EXPECT_EQ(s.value("polycopy_circuit_breaker_open", lt({})), 0);
}

TEST_F(MetricsApi, HttpRequestsCountByRoutePatternAndStatus) {
  start_metrics_server();
  const std::string one = "/api/ft/strategies/" + ft_id_;
  EXPECT_EQ(metrics_client_->get(one, alice_key_).status, 200);
  EXPECT_EQ(metrics_client_->get(one, alice_key_).status, 200);
  EXPECT_EQ(metrics_client_->get("/api/ft/strategies/ft_other", alice_key_).status, 404);
  EXPECT_EQ(metrics_client_->get(one, "wrong-key").status, 401);
  EXPECT_EQ(metrics_client_->get("/no/such/path/" + ft_id_, alice_key_).status, 404);
  EXPECT_EQ(metrics_client_->request("DELETE", "/api/ft/strategies").status, 405);
  const Scrape s = scrape();
  const auto requests = [&](const std::string& method, const std::string& route,
                            const std::string& status) {
    return s.value("polycopy_http_requests_total",
                   {{"method", method}, {"route", route}, {"status", status}});
  };
  EXPECT_EQ(requests("GET", "/api/ft/strategies/{id}", "200"), 2);
  EXPECT_EQ(requests("GET", "/api/ft/strategies/{id}", "404"), 1);
  EXPECT_EQ(requests("GET", "/api/ft/strategies/{id}", "401"), 1);
  EXPECT_EQ(requests("GET", "unmatched", "404"), 1);
  EXPECT_EQ(requests("DELETE", "/api/ft/strategies", "405"), 1);
  EXPECT_EQ(s.count("polycopy_http_requests_total"), 5u);  // this scrape is counted after it
  // No raw path ever becomes a label.
  for (const auto& sample : s.samples()) {
    if (sample.labels.count("route")) {
      EXPECT_EQ(sample.labels.at("route").find(ft_id_), std::string::npos);
    }
  }
  EXPECT_EQ(s.value("polycopy_http_request_duration_seconds_count",
                    {{"method", "GET"}, {"route", "/api/ft/strategies/{id}"}}),
            4);
  EXPECT_EQ(s.value("polycopy_http_request_duration_seconds_bucket",
                    {{"method", "GET"}, {"route", "/api/ft/strategies/{id}"}, {"le", "+Inf"}}),
            4);
  const Scrape again = scrape();
  EXPECT_EQ(again.value("polycopy_http_requests_total",
                        {{"method", "GET"}, {"route", "/metrics"}, {"status", "200"}}),
            1);
}

TEST_F(MetricsApi, ATokenIsRequiredOnceConfigured) {
  start_metrics_server(std::string(kToken));
  const auto none = metrics_client_->request("GET", "/metrics");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.error_code(), "unauthorized");
  const auto wrong = metrics_client_->request(
      "GET", "/metrics", "", {{"authorization", std::string("Bearer ") + kToken + "x"}});
  EXPECT_EQ(wrong.status, 401);
  // An API key is not the metrics token.
  EXPECT_EQ(metrics_client_->get("/metrics", alice_key_).status, 401);
  const Scrape s = scrape({{"authorization", std::string("Bearer ") + kToken}});
  EXPECT_EQ(s.value("polycopy_fills_total", lt({})), 4);
  EXPECT_EQ(s.value("polycopy_http_requests_total",
                    {{"method", "GET"}, {"route", "/metrics"}, {"status", "401"}}),
            3);
}

TEST_F(MetricsApi, WithoutATokenMetricsAreOpen) {
  start_metrics_server();
  EXPECT_EQ(metrics_client_->request("GET", "/metrics").status, 200);
}

TEST_F(MetricsApi, AStoreThatDoesNotAnswerStillServesTheProcessCounters) {
  start_metrics_server();
  registry_.count_ws_reconnect("user");
  store_.reset();
  auto opened = store::open_sqlite_store((dir_ / "empty.db").string());  // never migrated
  ASSERT_TRUE(opened.ok());
  auto empty = std::move(opened).value();
  const Scrape s(service::render_metrics(*empty, clock_, &registry_));
  EXPECT_EQ(s.value("polycopy_store_up"), 0);
  EXPECT_EQ(s.count("polycopy_signals_total"), 0u);
  EXPECT_EQ(s.value("polycopy_ws_reconnects_total", {{"stream", "user"}}), 1);
}

// ops/grafana/polycopy-dashboard.json, found from the working directory (the source tree or
// a build directory inside it) or from this file's path.
std::filesystem::path dashboard_path() {
  const std::filesystem::path relative = "ops/grafana/polycopy-dashboard.json";
  for (auto dir = std::filesystem::current_path();; dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / relative)) return dir / relative;
    if (dir == dir.parent_path()) break;
  }
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / relative;
}

// Every PromQL text of the dashboard: panel targets and template variable queries.
void collect_queries(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if ((key == "expr" || key == "query") && value.is_string()) out.push_back(value);
      if (key == "definition" && value.is_string()) out.push_back(value);
      collect_queries(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect_queries(item, out);
  }
}

TEST_F(MetricsApi, EveryMetricTheDashboardQueriesIsScraped) {
  std::ifstream in(dashboard_path());
  ASSERT_TRUE(in) << dashboard_path();
  const auto dashboard = nlohmann::json::parse(in);
  ASSERT_EQ(dashboard.at("__inputs").at(0).at("name"), "DS_PROMETHEUS");
  std::vector<std::string> queries;
  collect_queries(dashboard.at("panels"), queries);
  collect_queries(dashboard.at("templating"), queries);
  ASSERT_GE(queries.size(), 15u);

  start_metrics_server();
  EXPECT_EQ(metrics_client_->get("/healthz", "").status, 200);  // one counted request
  std::set<std::string> scraped;
  const Scrape all = scrape();
  for (const auto& sample : all.samples()) scraped.insert(sample.name);
  const std::regex metric("polycopy_[a-z0-9_]+");
  std::set<std::string> used;
  for (const auto& query : queries)
    for (std::sregex_iterator it(query.begin(), query.end(), metric), end; it != end; ++it)
      used.insert(it->str());
  ASSERT_GE(used.size(), 15u);
  for (const auto& name : used) EXPECT_TRUE(scraped.count(name)) << name << " is not scraped";
  // Every family this process exposes has a panel.
  for (const auto& name : scraped) {
    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (family.size() > std::strlen(suffix) &&
          family.compare(family.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
        family.resize(family.size() - std::strlen(suffix));
    bool shown = false;
    for (const auto& u : used) shown = shown || u.rfind(family, 0) == 0;
    EXPECT_TRUE(shown) << family << " has no panel";
  }
}

}  // namespace
}  // namespace polycopy::testing
