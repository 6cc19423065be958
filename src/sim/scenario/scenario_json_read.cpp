// Document tree -> Scenario. Each field reader records a problem at the field's path and
// returns nullopt, so reading goes on and every problem of the document is collected.
#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "core/json_money.hpp"
#include "sim/scenario/scenario_json.hpp"
#include "sim/scenario/scenario_time.hpp"
#include "sim/scenario/scenario_validate.hpp"

namespace polycopy::sim {
namespace {

using nlohmann::json;

enum class Need { optional, required };

constexpr auto kMaxInt64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

std::string type_of(const json& value) {
  return std::string(value.type_name());
}

// An object's fields: hands out values by key and finally reports the keys never asked for.
class Fields {
 public:
  Fields(const json& value, std::string path, ScenarioProblems& problems)
      : path_(std::move(path)), problems_(problems) {
    if (value.is_object()) {
      object_ = &value;
    } else {
      problems_.add(path_.empty() ? "document" : path_,
                    "expected an object, got " + type_of(value));
    }
  }

  bool ok() const { return object_ != nullptr; }
  std::string path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  ScenarioProblems& problems() const { return problems_; }

  // The value at key; nullptr when absent (a problem when required) or null.
  const json* find(std::string_view key, Need need) {
    if (object_ == nullptr) return nullptr;
    used_.emplace(key);
    const auto it = object_->find(std::string(key));
    if (it == object_->end()) {
      if (need == Need::required) problems_.add(path(key), "missing");
      return nullptr;
    }
    if (it->is_null()) {
      if (need == Need::required) problems_.add(path(key), "missing (null)");
      return nullptr;
    }
    return &*it;
  }

  // read(value, path, problems) -> optional<T>, for the value at key.
  template <class Read>
  auto get(std::string_view key, Read read, Need need = Need::optional) {
    const json* value = find(key, need);
    using Out = decltype(read(*value, std::string(), problems_));
    if (value == nullptr) return Out();
    return read(*value, path(key), problems_);
  }

  void report_unknown_keys() const {
    if (object_ == nullptr) return;
    for (const auto& [key, value] : object_->items()) {
      if (!used_.contains(key)) problems_.add(path(key), "unknown key");
    }
  }

 private:
  const json* object_ = nullptr;
  std::string path_;
  ScenarioProblems& problems_;
  std::set<std::string, std::less<>> used_;
};

std::optional<std::string> read_string(const json& v, const std::string& path,
                                       ScenarioProblems& problems) {
  if (v.is_string()) return v.get<std::string>();
  problems.add(path, "expected a string, got " + type_of(v));
  return std::nullopt;
}

std::optional<bool> read_bool(const json& v, const std::string& path, ScenarioProblems& problems) {
  if (v.is_boolean()) return v.get<bool>();
  problems.add(path, "expected true or false, got " + type_of(v));
  return std::nullopt;
}

std::optional<int> read_int(const json& v, const std::string& path, ScenarioProblems& problems) {
  if (v.is_number_integer()) {
    const auto number = v.get<std::int64_t>();
    if (number >= -1'000'000'000 && number <= 1'000'000'000) return static_cast<int>(number);
  }
  problems.add(path, "expected a small integer, got " + v.dump());
  return std::nullopt;
}

std::optional<std::int64_t> read_int64(const json& v, const std::string& path,
                                       ScenarioProblems& problems) {
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() <= kMaxInt64)
      return static_cast<std::int64_t>(v.get<std::uint64_t>());
  } else if (v.is_number_integer()) {
    return v.get<std::int64_t>();
  }
  problems.add(path, "expected an integer, got " + v.dump());
  return std::nullopt;
}

std::optional<double> read_number(const json& v, const std::string& path,
                                  ScenarioProblems& problems) {
  if (v.is_number()) return v.get<double>();
  problems.add(path, "expected a number, got " + type_of(v));
  return std::nullopt;
}

// A uint64 as a JSON number or a decimal string (TOML integers stop at 2^63-1).
std::optional<std::uint64_t> read_seed(const json& v, const std::string& path,
                                       ScenarioProblems& problems) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {  // TOML integers are signed
    return static_cast<std::uint64_t>(v.get<std::int64_t>());
  }
  if (v.is_string()) {
    const auto& text = v.get_ref<const std::string&>();
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size()) return value;
  }
  problems.add(path, "expected a non-negative integer or decimal string, got " + v.dump());
  return std::nullopt;
}

template <class Money>
std::optional<Money> read_fixed(const json& v, const std::string& path,
                                ScenarioProblems& problems) {
  const auto micros = core::micros_from_json(v);
  if (micros) return Money::from_micros(*micros);
  problems.add(path, "expected a decimal with at most 6 places (" + micros.error().message + ")");
  return std::nullopt;
}

std::optional<core::Price> read_price(const json& v, const std::string& path,
                                      ScenarioProblems& problems) {
  const auto micros = read_fixed<core::Ratio>(v, path, problems);
  if (!micros) return std::nullopt;
  const auto price = core::Price::from_micros(micros->micros());
  if (price) return *price;
  problems.add(path, micros->to_string() + " is outside [0, 1]");
  return std::nullopt;
}

// ISO-8601 text or Unix milliseconds.
std::optional<core::Timestamp> read_time(const json& v, const std::string& path,
                                         ScenarioProblems& problems) {
  if (v.is_string()) {
    if (auto at = parse_scenario_time(v.get_ref<const std::string&>())) return at;
  } else if (v.is_number_integer()) {
    if (auto ms = read_int64(v, path, problems)) return core::from_unix_ms(*ms);
    return std::nullopt;
  }
  problems.add(path,
               "expected an ISO-8601 time (\"2026-11-01T12:00:00Z\") or Unix milliseconds, "
               "got " +
                   v.dump());
  return std::nullopt;
}

// A string field parsed by parse (returning something testable and dereferenceable), or a
// problem saying what was expected.
template <class T, class Parse>
std::optional<T> read_text_as(const json& v, const std::string& path, ScenarioProblems& problems,
                              Parse parse, std::string_view expected) {
  if (v.is_string()) {
    if (auto parsed = parse(v.get_ref<const std::string&>())) return T(*parsed);
  }
  problems.add(path, "expected " + std::string(expected) + ", got " + v.dump());
  return std::nullopt;
}

std::optional<chain::Uint256> read_token_id(const json& v, const std::string& path,
                                            ScenarioProblems& problems) {
  return read_text_as<chain::Uint256>(
      v, path, problems, [](const std::string& t) { return chain::Uint256::parse_decimal(t); },
      "a uint256 as a decimal string");
}

std::optional<chain::Bytes32> read_bytes32(const json& v, const std::string& path,
                                           ScenarioProblems& problems) {
  return read_text_as<chain::Bytes32>(
      v, path, problems, [](const std::string& t) { return chain::parse_bytes32(t); },
      "0x followed by 64 hex digits");
}

std::optional<chain::Address> read_address(const json& v, const std::string& path,
                                           ScenarioProblems& problems) {
  return read_text_as<chain::Address>(
      v, path, problems, [](const std::string& t) { return chain::parse_address(t); },
      "a 0x address (40 hex digits)");
}

std::optional<polymarket::Side> read_side(const json& v, const std::string& path,
                                          ScenarioProblems& problems) {
  return read_text_as<polymarket::Side>(v, path, problems, polymarket::parse_side,
                                        "\"BUY\" or \"SELL\"");
}

std::optional<std::vector<std::string>> read_string_list(const json& v, const std::string& path,
                                                         ScenarioProblems& problems) {
  if (!v.is_array()) {
    problems.add(path, "expected an array of strings, got " + type_of(v));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto item = read_string(v[i], path + "[" + std::to_string(i) + "]", problems);
    if (item) out.push_back(std::move(*item));
  }
  return out;
}

// The tick as the venue spells it ("0.01"), also accepted as a number (0.01).
auto tick_reader(polymarket::ProtocolVersion version) {
  return [version](const json& v, const std::string& path,
                   ScenarioProblems& problems) -> std::optional<polymarket::TickSize> {
    std::string text;
    if (v.is_string()) {
      text = v.get<std::string>();
    } else if (v.is_number_float()) {
      char buffer[32];
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v.get<double>());
      if (ec == std::errc{}) text.assign(buffer, end);
    }
    if (auto tick = polymarket::parse_tick_size(text, version)) return tick;
    problems.add(path, "unsupported tick size " + v.dump() +
                           " (0.1, 0.01, 0.001, 0.0001; 0.005 and 0.0025 from order_version 2)");
    return std::nullopt;
  };
}

// Calls read_item(element, path) for each element of the array at key.
template <class ReadItem>
void for_each_item(Fields& fields, std::string_view key, ReadItem read_item) {
  const json* array = fields.find(key, Need::optional);
  if (array == nullptr) return;
  const auto path = fields.path(key);
  if (!array->is_array()) {
    fields.problems().add(path, "expected an array, got " + type_of(*array));
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    read_item((*array)[i], path + "[" + std::to_string(i) + "]");
  }
}

// A level as [price, size] or {price, size}.
std::optional<BookLevel> read_level(const json& v, const std::string& path,
                                    ScenarioProblems& problems) {
  if (v.is_array()) {
    if (v.size() != 2) {
      problems.add(path, "expected [price, size]");
      return std::nullopt;
    }
    const auto price = read_price(v[0], path + "[0]", problems);
    const auto size = read_fixed<core::Shares>(v[1], path + "[1]", problems);
    if (!price || !size) return std::nullopt;
    return BookLevel{*price, *size};
  }
  Fields fields(v, path, problems);
  BookLevel level;
  bool complete = true;
  if (auto price = fields.get("price", read_price, Need::required)) {
    level.price = *price;
  } else {
    complete = false;
  }
  if (auto size = fields.get("size", read_fixed<core::Shares>, Need::required)) {
    level.size = *size;
  } else {
    complete = false;
  }
  fields.report_unknown_keys();
  if (!complete) return std::nullopt;
  return level;
}

std::vector<BookLevel> read_levels(Fields& fields, std::string_view key) {
  std::vector<BookLevel> levels;
  for_each_item(fields, key, [&](const json& item, const std::string& path) {
    if (auto level = read_level(item, path, fields.problems())) levels.push_back(*level);
  });
  return levels;
}

ScenarioOutcome read_outcome(const json& v, const std::string& path, ScenarioProblems& problems) {
  ScenarioOutcome outcome;
  Fields fields(v, path, problems);
  if (auto name = fields.get("name", read_string, Need::required)) outcome.name = *name;
  if (auto token = fields.get("token_id", read_token_id, Need::required)) outcome.token_id = *token;
  if (auto price = fields.get("price", read_price, Need::required)) outcome.price = *price;
  outcome.bids = read_levels(fields, "bids");
  outcome.asks = read_levels(fields, "asks");
  fields.report_unknown_keys();
  return outcome;
}

void read_outcomes(Fields& fields, ScenarioMarket& market) {
  const json* array = fields.find("outcomes", Need::required);
  if (array == nullptr) return;
  const auto path = fields.path("outcomes");
  if (!array->is_array() || array->size() != market.outcomes.size()) {
    fields.problems().add(
        path, "expected an array of 2 outcomes, got " +
                  (array->is_array() ? std::to_string(array->size()) + " items" : type_of(*array)));
  }
  if (!array->is_array()) return;
  for (std::size_t k = 0; k < std::min(array->size(), market.outcomes.size()); ++k) {
    market.outcomes[k] =
        read_outcome((*array)[k], path + "[" + std::to_string(k) + "]", fields.problems());
  }
}

ScenarioEvent read_event(const json& v, const std::string& path, ScenarioProblems& problems) {
  ScenarioEvent event;
  Fields fields(v, path, problems);
  if (auto id = fields.get("id", read_string, Need::required)) event.id = *id;
  if (auto slug = fields.get("slug", read_string)) event.slug = *slug;
  if (auto title = fields.get("title", read_string)) event.title = *title;
  if (auto neg_risk = fields.get("neg_risk", read_bool)) event.neg_risk = *neg_risk;
  fields.report_unknown_keys();
  return event;
}

ScenarioMarket read_market(const json& v, const std::string& path, ScenarioProblems& problems) {
  ScenarioMarket market;
  Fields fields(v, path, problems);
  if (auto id = fields.get("gamma_id", read_string, Need::required)) market.gamma_id = *id;
  if (auto id = fields.get("condition_id", read_bytes32, Need::required)) market.condition_id = *id;
  if (auto id = fields.get("question_id", read_bytes32)) market.question_id = *id;
  if (auto question = fields.get("question", read_string, Need::required)) {
    market.question = *question;
  }
  if (auto slug = fields.get("slug", read_string)) market.slug = *slug;
  if (auto category = fields.get("category", read_string)) market.category = *category;
  if (auto event_id = fields.get("event_id", read_string)) market.event_id = *event_id;
  read_outcomes(fields, market);
  if (auto version = fields.get("order_version", read_int)) market.order_version = *version;
  // Which ticks exist depends on the exchange version (V1 knows neither 0.005 nor 0.0025).
  const auto version = market.order_version >= 1 && market.order_version <= 3
                           ? static_cast<polymarket::ProtocolVersion>(market.order_version)
                           : polymarket::ProtocolVersion::v2;
  if (auto tick = fields.get("tick_size", tick_reader(version))) market.tick = *tick;
  if (auto size = fields.get("min_order_size", read_fixed<core::Shares>)) {
    market.min_order_size = *size;
  }
  if (auto neg_risk = fields.get("neg_risk", read_bool)) market.neg_risk = *neg_risk;
  if (auto end = fields.get("end_date", read_time, Need::required)) market.end_date = *end;
  if (auto closed = fields.get("closed", read_bool)) market.closed = *closed;
  if (auto winner = fields.get("winner", read_int)) market.winner = *winner;
  fields.report_unknown_keys();
  return market;
}

ScenarioTrader read_trader(const json& v, const std::string& path, ScenarioProblems& problems) {
  ScenarioTrader trader;
  Fields fields(v, path, problems);
  if (auto wallet = fields.get("wallet", read_address, Need::required)) trader.wallet = *wallet;
  if (auto name = fields.get("name", read_string)) trader.name = *name;
  if (auto rate = fields.get("win_rate", read_fixed<core::Ratio>)) trader.win_rate = *rate;
  if (auto usd = fields.get("min_trade", read_fixed<core::Usd>)) trader.min_trade = *usd;
  if (auto usd = fields.get("max_trade", read_fixed<core::Usd>)) trader.max_trade = *usd;
  if (auto list = fields.get("categories", read_string_list)) trader.categories = *list;
  if (auto seconds = fields.get("mean_interval_seconds", read_int64)) {
    trader.mean_interval = std::chrono::seconds(*seconds);
  }
  fields.report_unknown_keys();
  return trader;
}

TimelineTrade read_trade(const json& v, const std::string& path, ScenarioProblems& problems) {
  TimelineTrade trade;
  Fields fields(v, path, problems);
  if (auto at = fields.get("at", read_time, Need::required)) trade.at = *at;
  if (auto trader = fields.get("trader", read_address, Need::required)) trade.trader = *trader;
  if (auto token = fields.get("token_id", read_token_id, Need::required)) trade.token_id = *token;
  if (auto side = fields.get("side", read_side, Need::required)) trade.side = *side;
  if (auto price = fields.get("price", read_price, Need::required)) trade.price = *price;
  if (auto size = fields.get("size", read_fixed<core::Shares>, Need::required)) trade.size = *size;
  fields.report_unknown_keys();
  return trade;
}

TimelineResolution read_resolution(const json& v, const std::string& path,
                                   ScenarioProblems& problems) {
  TimelineResolution resolution;
  Fields fields(v, path, problems);
  if (auto at = fields.get("at", read_time, Need::required)) resolution.at = *at;
  if (auto id = fields.get("condition_id", read_bytes32, Need::required)) {
    resolution.condition_id = *id;
  }
  if (auto winner = fields.get("winner", read_int, Need::required)) resolution.winner = *winner;
  fields.report_unknown_keys();
  return resolution;
}

// Reads each element of the array at key with read(value, path, problems) into out.
template <class T, class Read>
void read_list(Fields& fields, std::string_view key, Read read, std::vector<T>& out) {
  for_each_item(fields, key, [&](const json& item, const std::string& path) {
    out.push_back(read(item, path, fields.problems()));
  });
}

void read_top_level(Fields& fields, Scenario& scenario) {
  if (auto seed = fields.get("seed", read_seed)) scenario.seed = *seed;
  if (auto start = fields.get("start", read_time, Need::required)) scenario.start = *start;
  if (auto speed = fields.get("speed", read_number)) scenario.speed = *speed;
  if (auto version = fields.get("server_version", read_int)) scenario.server_version = *version;
  if (auto usd = fields.get("default_balance", read_fixed<core::Usd>)) {
    scenario.default_balance = *usd;
  }
  if (auto usd = fields.get("default_allowance", read_fixed<core::Usd>)) {
    scenario.default_allowance = *usd;
  }
  read_list(fields, "events", read_event, scenario.events);
  read_list(fields, "markets", read_market, scenario.markets);
  read_list(fields, "traders", read_trader, scenario.traders);
  read_list(fields, "trades", read_trade, scenario.trades);
  read_list(fields, "resolutions", read_resolution, scenario.resolutions);
  fields.report_unknown_keys();
}

// Best first: bids from the highest price, asks from the lowest.
void sort_books(Scenario& scenario) {
  for (auto& market : scenario.markets) {
    for (auto& outcome : market.outcomes) {
      std::stable_sort(outcome.bids.begin(), outcome.bids.end(),
                       [](const BookLevel& a, const BookLevel& b) { return a.price > b.price; });
      std::stable_sort(outcome.asks.begin(), outcome.asks.end(),
                       [](const BookLevel& a, const BookLevel& b) { return a.price < b.price; });
    }
  }
}

void sort_timeline(Scenario& scenario) {
  std::stable_sort(scenario.trades.begin(), scenario.trades.end(),
                   [](const TimelineTrade& a, const TimelineTrade& b) { return a.at < b.at; });
  std::stable_sort(
      scenario.resolutions.begin(), scenario.resolutions.end(),
      [](const TimelineResolution& a, const TimelineResolution& b) { return a.at < b.at; });
}

}  // namespace

core::Result<Scenario> scenario_from_json(const nlohmann::json& document) {
  Scenario scenario;
  ScenarioProblems problems;
  Fields fields(document, "", problems);
  if (fields.ok()) {
    read_top_level(fields, scenario);
    // The checks index the vectors as the document does, so they run before sorting.
    check_scenario(scenario, problems);
  }
  if (!problems.empty()) return problems.status().error();
  sort_books(scenario);
  sort_timeline(scenario);
  return scenario;
}

}  // namespace polycopy::sim
