#include "polymarket/clients/gamma_client.hpp"

#include <algorithm>

#include "polymarket/clients/decode.hpp"
#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

Query market_query(const GammaMarketFilter& f) {
  Query q;
  q.add_opt_int("limit", f.limit).add_opt_int("offset", f.offset).add_opt("order", f.order);
  q.add_opt_bool("ascending", f.ascending)
      .add_opt_bool("active", f.active)
      .add_opt_bool("closed", f.closed)
      .add_opt_bool("archived", f.archived);
  q.add_each("id", f.ids)
      .add_each("slug", f.slugs)
      .add_each("condition_ids", f.condition_ids)
      .add_each("clob_token_ids", f.clob_token_ids)
      .add_each("question_ids", f.question_ids);
  q.add_opt_int("tag_id", f.tag_id).add_opt_bool("related_tags", f.related_tags);
  for (const auto& [key, value] : f.extra) q.add(key, value);
  return q;
}

}  // namespace

GammaClient::GammaClient(net::HttpClient& http, std::string base_url)
    : rest_(http, std::move(base_url), "gamma") {}

core::Result<std::vector<parse::GammaMarket>> GammaClient::markets_page(
    const GammaMarketFilter& filter) const {
  auto body = rest_.get(market_query(filter).with_path("/markets"), "markets");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_gamma_market);
}

core::Result<std::vector<parse::GammaMarket>> GammaClient::markets(GammaMarketFilter filter,
                                                                   std::int64_t page_size,
                                                                   int max_pages) const {
  if (page_size <= 0) return core::Error{"invalid_argument", "page_size must be positive"};
  std::vector<parse::GammaMarket> out;
  filter.limit = page_size;
  std::int64_t offset = filter.offset.value_or(0);
  for (int i = 0; i < max_pages; ++i) {
    filter.offset = offset;
    auto page = markets_page(filter);
    if (!page) return page.error();
    const auto n = static_cast<std::int64_t>(page->size());
    for (auto& market : page.value()) out.push_back(std::move(market));
    if (n < page_size) return out;
    offset += n;
  }
  return core::Error{"too_many_pages", "more than " + std::to_string(max_pages) + " pages"};
}

core::Result<std::vector<parse::GammaMarket>> GammaClient::markets_by_condition_ids(
    const std::vector<std::string>& condition_ids) const {
  std::vector<parse::GammaMarket> out;
  for (std::size_t start = 0; start < condition_ids.size(); start += kMaxConditionIds) {
    const std::size_t end = std::min(condition_ids.size(), start + kMaxConditionIds);
    GammaMarketFilter filter;
    filter.condition_ids.assign(condition_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                condition_ids.begin() + static_cast<std::ptrdiff_t>(end));
    auto chunk = markets(filter, static_cast<std::int64_t>(kMaxConditionIds));
    if (!chunk) return chunk.error();
    for (auto& market : chunk.value()) out.push_back(std::move(market));
  }
  return out;
}

core::Result<parse::GammaMarket> GammaClient::market(const std::string& gamma_id) const {
  auto body = rest_.get("/markets/" + url_encode(gamma_id), "markets");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_gamma_market);
}

core::Result<std::vector<parse::GammaEvent>> GammaClient::events_page(
    const GammaEventFilter& f) const {
  Query q;
  q.add_opt_int("limit", f.limit).add_opt_int("offset", f.offset).add_opt("order", f.order);
  q.add_opt_bool("ascending", f.ascending)
      .add_opt_bool("active", f.active)
      .add_opt_bool("closed", f.closed)
      .add_opt_bool("archived", f.archived);
  q.add_each("id", f.ids).add_each("slug", f.slugs).add_opt_int("tag_id", f.tag_id);
  for (const auto& [key, value] : f.extra) q.add(key, value);
  auto body = rest_.get(q.with_path("/events"), "events");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_gamma_event);
}

core::Result<parse::GammaEvent> GammaClient::event(const std::string& gamma_id) const {
  auto body = rest_.get("/events/" + url_encode(gamma_id), "events");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_gamma_event);
}

}  // namespace polycopy::polymarket
