#pragma once
// Gamma market metadata (protocol doc section 3): markets with filters, paged with
// limit + offset until a short page; one market by Gamma id; events.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "polymarket/clients/rest_endpoint.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

struct GammaMarketFilter {
  std::optional<std::int64_t> limit, offset;
  std::optional<std::string> order;  // field name
  std::optional<bool> ascending, active, closed, archived;
  std::vector<std::string> ids, slugs, condition_ids, clob_token_ids, question_ids;
  std::optional<std::int64_t> tag_id;
  std::optional<bool> related_tags;
  std::vector<std::pair<std::string, std::string>> extra;  // any other documented filter
};

struct GammaEventFilter {
  std::optional<std::int64_t> limit, offset;
  std::optional<std::string> order;
  std::optional<bool> ascending, active, closed, archived;
  std::vector<std::string> ids, slugs;
  std::optional<std::int64_t> tag_id;
  std::vector<std::pair<std::string, std::string>> extra;
};

class GammaClient {
 public:
  // At most this many condition ids per request (the venue's cap).
  static constexpr std::size_t kMaxConditionIds = 100;

  GammaClient(net::HttpClient& http, std::string base_url);

  // One request, as filtered.
  core::Result<std::vector<parse::GammaMarket>> markets_page(const GammaMarketFilter& filter) const;
  // Pages of page_size from filter.offset (default 0) until a short page;
  // "too_many_pages" past max_pages.
  core::Result<std::vector<parse::GammaMarket>> markets(GammaMarketFilter filter,
                                                        std::int64_t page_size = 100,
                                                        int max_pages = 100) const;
  // Markets for any number of condition ids, kMaxConditionIds per request.
  core::Result<std::vector<parse::GammaMarket>> markets_by_condition_ids(
      const std::vector<std::string>& condition_ids) const;
  // GET /markets/{id}: Gamma's numeric id, not the condition id.
  core::Result<parse::GammaMarket> market(const std::string& gamma_id) const;

  core::Result<std::vector<parse::GammaEvent>> events_page(const GammaEventFilter& filter) const;
  core::Result<parse::GammaEvent> event(const std::string& gamma_id) const;

 private:
  RestEndpoint rest_;
};

}  // namespace polycopy::polymarket
