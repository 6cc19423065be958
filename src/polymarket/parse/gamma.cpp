// Gamma market and event objects. camelCase, numbers and strings mixed field by field, and
// clobTokenIds / outcomes / outcomePrices sent as JSON text inside a string.
#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/parsers.hpp"
#include "polymarket/parse/resolution.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr auto N = Precision::nearest;  // Gamma statistics are floats

std::vector<core::Price> outcome_prices(const std::vector<std::string>& texts,
                                        const std::string& path, bool& exact) {
  std::vector<core::Price> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    auto strict = core::Price::parse(texts[i]);
    if (!strict && strict.error().code == "too_precise") {
      exact = false;  // a quote with float noise: keep it rounded, never call it a resolution
      out.push_back(price_from_text(texts[i], Precision::nearest, item_path));
    } else {
      out.push_back(price_from_text(texts[i], Precision::exact, item_path));
    }
  }
  return out;
}

}  // namespace

GammaMarket parse_gamma_market(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  GammaMarket m;
  m.gamma_id = f.id({"id"});
  m.question = f.opt_str({"question"});
  m.slug = f.opt_str({"slug"});
  m.condition_id = f.condition_id({"conditionId", "condition_id"});
  m.question_id = f.opt_bytes32({"questionID", "questionId", "question_id"});

  // A market without token ids cannot be traded or followed: strict.
  const auto token_texts = f.opt_string_list({"clobTokenIds", "clob_token_ids"});
  if (!token_texts) fail("missing_field", f.path_of("clobTokenIds"), "required field is missing");
  const std::string tokens_path = f.path_of("clobTokenIds");
  for (std::size_t i = 0; i < token_texts->size(); ++i)
    m.token_ids.push_back(
        token_id_from_text((*token_texts)[i], tokens_path + "[" + std::to_string(i) + "]"));
  if (m.token_ids.empty()) fail("invalid_token_id", tokens_path, "no token ids");

  auto outcomes = f.opt_string_list({"outcomes"});
  if (!outcomes) fail("missing_field", f.path_of("outcomes"), "required field is missing");
  m.outcomes = std::move(*outcomes);
  if (m.outcomes.size() != m.token_ids.size())
    fail("inconsistent_outcomes", path, "outcomes and clobTokenIds differ in length");

  if (auto prices = f.opt_string_list({"outcomePrices"})) {
    m.outcome_prices = outcome_prices(*prices, f.path_of("outcomePrices"), m.outcome_prices_exact);
    if (m.outcome_prices->size() != m.token_ids.size())
      fail("inconsistent_outcomes", path, "outcomePrices and clobTokenIds differ in length");
  }

  m.active = f.opt_bool({"active"});
  m.closed = f.opt_bool({"closed"});
  m.archived = f.opt_bool({"archived"});
  m.restricted = f.opt_bool({"restricted"});
  m.accepting_orders = f.opt_bool({"acceptingOrders"});
  m.enable_order_book = f.opt_bool({"enableOrderBook"});
  m.neg_risk = f.opt_bool({"negRisk"});
  m.fees_enabled = f.opt_bool({"feesEnabled"});
  m.neg_risk_market_id = f.opt_bytes32({"negRiskMarketID", "negRiskMarketId"});
  m.tick_size = f.opt_price({"orderPriceMinTickSize"}, Precision::exact);
  m.min_order_size = f.opt_size({"orderMinSize"}, Precision::exact);
  m.best_bid = f.opt_price({"bestBid"}, N);
  m.best_ask = f.opt_price({"bestAsk"}, N);
  m.last_trade_price = f.opt_price({"lastTradePrice"}, N);
  m.maker_base_fee_bps = f.opt_integer({"makerBaseFee"});
  m.taker_base_fee_bps = f.opt_integer({"takerBaseFee"});
  m.volume = f.opt_usd({"volume", "volumeNum"}, N);
  m.liquidity = f.opt_usd({"liquidity", "liquidityNum"}, N);
  m.start_date_s = f.opt_iso_seconds({"startDate"});
  m.end_date_s = f.opt_iso_seconds({"endDate"});
  m.created_at_s = f.opt_iso_seconds({"createdAt"});
  m.updated_at_s = f.opt_iso_seconds({"updatedAt"});
  m.closed_time_s = f.opt_iso_seconds({"closedTime"});
  m.game_start_s = f.opt_iso_seconds({"gameStartTime"});
  m.uma_resolution_status = f.opt_str({"umaResolutionStatus"});
  m.fee_type = f.opt_str({"feeType"});
  m.category = f.opt_str({"category"});
  m.resolution = resolve_from_gamma(m.closed, m.outcome_prices, m.outcome_prices_exact);
  return m;
}

GammaEvent parse_gamma_event(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  GammaEvent e;
  e.gamma_id = f.id({"id"});
  e.slug = f.opt_str({"slug"});
  e.title = f.opt_str({"title"});
  e.ticker = f.opt_str({"ticker"});
  e.active = f.opt_bool({"active"});
  e.closed = f.opt_bool({"closed"});
  e.archived = f.opt_bool({"archived"});
  e.neg_risk = f.opt_bool({"negRisk"});
  e.neg_risk_market_id = f.opt_bytes32({"negRiskMarketID", "negRiskMarketId"});
  e.volume = f.opt_usd({"volume"}, N);
  e.liquidity = f.opt_usd({"liquidity"}, N);
  e.start_date_s = f.opt_iso_seconds({"startDate"});
  e.end_date_s = f.opt_iso_seconds({"endDate"});
  e.closed_time_s = f.opt_iso_seconds({"closedTime"});
  if (const JsonNode* markets = f.find({"markets"})) {
    const std::string markets_path = f.path_of("markets");
    expect_array(*markets, markets_path);
    for (std::size_t i = 0; i < markets->items.size(); ++i)
      e.markets.push_back(
          parse_gamma_market(markets->items[i], markets_path + "[" + std::to_string(i) + "]"));
  }
  return e;
}

}  // namespace polycopy::polymarket::parse
