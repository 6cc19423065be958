// DataClient: the v2 cursor endpoints, /v2/resolutions and /value (protocol doc section 4).
#include <set>

#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients/decode.hpp"
#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

using parse::Fields;
using parse::JsonNode;

parse::Pagination read_pagination(const JsonNode& node) {
  Fields f(node, "pagination");
  parse::Pagination p;
  p.next_cursor = f.opt_str({"next_cursor"});
  if (p.next_cursor && p.next_cursor->empty()) p.next_cursor.reset();
  p.has_more = f.opt_bool({"has_more"});
  p.limit = f.opt_integer({"limit"});
  p.offset = f.opt_integer({"offset"});
  p.count = f.opt_integer({"count"});
  return p;
}

template <class Parser>
auto decode_data_page(std::string_view body, Parser parser) {
  using T = decltype(parser(JsonNode{}, std::string()));
  return decode(body, [&](const JsonNode& root) {
    Fields f(root, "");
    const JsonNode* data = f.find({"data"});
    if (!data) parse::fail("missing_field", "data", "expected {data: [...], pagination}");
    parse::expect_array(*data, "data");
    DataPage<T> page;
    for (std::size_t i = 0; i < data->items.size(); ++i)
      page.items.push_back(parser(data->items[i], "data[" + std::to_string(i) + "]"));
    if (const JsonNode* pagination = f.find({"pagination"}))
      page.pagination = read_pagination(*pagination);
    return page;
  });
}

template <class T, class PageFn>
core::Result<std::vector<T>> all_data_pages(PageFn page_fn, int max_pages) {
  std::vector<T> out;
  std::set<std::string> seen;
  std::string cursor;
  for (int i = 0; i < max_pages; ++i) {
    auto page = page_fn(cursor);
    if (!page) return page.error();
    for (auto& item : page.value().items) out.push_back(std::move(item));
    const auto& p = page->pagination;
    if (p.has_more == false || !p.next_cursor) return out;
    // A cursor seen before would loop; stopping there would hide the rows after it.
    if (!seen.insert(*p.next_cursor).second)
      return core::Error{"cursor_loop", "the venue sent a cursor it had already sent"};
    cursor = *p.next_cursor;
  }
  return core::Error{"too_many_pages", "more than " + std::to_string(max_pages) + " pages"};
}

void add_cursor(Query& q, const std::string& cursor) {
  if (!cursor.empty()) q.add("cursor", cursor);
}

}  // namespace

core::Result<DataPage<parse::DataActivity>> DataClient::activity_v2_page(
    const DataV2ActivityQuery& query, const std::string& cursor) const {
  Query q;
  q.add("user", query.user).add_opt_int("limit", query.limit).add_opt("type", query.type);
  add_cursor(q, cursor);
  auto body = rest_.get(q.with_path("/v2/activity"), "activity");
  if (!body) return body.error();
  return decode_data_page(*body, parse::parse_data_activity);
}

core::Result<DataPage<parse::DataPosition>> DataClient::positions_v2_page(
    const DataV2PositionsQuery& query, const std::string& cursor) const {
  Query q;
  q.add("user", query.user).add_opt_int("limit", query.limit);
  add_cursor(q, cursor);
  auto body = rest_.get(q.with_path("/v2/positions"), "positions");
  if (!body) return body.error();
  return decode_data_page(*body, parse::parse_data_position);
}

core::Result<DataPage<parse::LeaderboardEntry>> DataClient::leaderboard_v2_page(
    const DataV2LeaderboardQuery& query, const std::string& cursor) const {
  Query q;
  q.add("time_period", query.time_period).add_opt_int("limit", query.limit);
  add_cursor(q, cursor);
  auto body = rest_.get(q.with_path("/v2/leaderboard"), "leaderboard");
  if (!body) return body.error();
  return decode_data_page(*body, parse::parse_leaderboard_entry);
}

core::Result<std::vector<parse::DataActivity>> DataClient::activity_v2(
    const DataV2ActivityQuery& query, int max_pages) const {
  return all_data_pages<parse::DataActivity>(
      [&](const std::string& cursor) { return activity_v2_page(query, cursor); }, max_pages);
}

core::Result<std::vector<parse::DataPosition>> DataClient::positions_v2(
    const DataV2PositionsQuery& query, int max_pages) const {
  return all_data_pages<parse::DataPosition>(
      [&](const std::string& cursor) { return positions_v2_page(query, cursor); }, max_pages);
}

core::Result<std::vector<parse::DataResolution>> DataClient::resolutions(
    const std::string& condition_id) const {
  auto body = rest_.get(Query().add("condition", condition_id).with_path("/v2/resolutions"));
  if (!body) return body.error();
  return decode_list(*body, parse::parse_data_resolution);
}

core::Result<std::vector<parse::DataValue>> DataClient::value(const std::string& user) const {
  auto body = rest_.get(Query().add("user", user).with_path("/value"));
  if (!body) return body.error();
  return decode_list(*body, parse::parse_data_value);
}

}  // namespace polycopy::polymarket
