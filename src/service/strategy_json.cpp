#include "service/strategy_json.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json_money.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using core::Result;
using core::Status;
using nlohmann::json;

Error wrong_type(std::string_view field, std::string_view expected) {
  return Error{"wrong_type", std::string(field) + " must be " + std::string(expected)};
}

Error with_field(const Error& error, std::string_view field) {
  return Error{error.code, std::string(field) + ": " + error.message};
}

// Codec<T> reads a field's JSON value into T and writes T back to JSON.
template <class T>
struct Codec;

template <>
struct Codec<std::string> {
  static Result<std::string> read(const json& v, std::string_view field) {
    if (!v.is_string()) return wrong_type(field, "a string");
    return v.get<std::string>();
  }
  static json write(const std::string& v) { return v; }
};

template <>
struct Codec<bool> {
  static Result<bool> read(const json& v, std::string_view field) {
    if (!v.is_boolean()) return wrong_type(field, "true or false");
    return v.get<bool>();
  }
  static json write(bool v) { return v; }
};

template <>
struct Codec<std::int64_t> {
  static Result<std::int64_t> read(const json& v, std::string_view field) {
    if (v.is_number_unsigned()) {
      if (v.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return Error{"overflow", std::string(field) + " is too large"};
      return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    return wrong_type(field, "an integer");
  }
  static json write(std::int64_t v) { return v; }
};

template <class Tag>
struct Codec<core::Fixed<Tag>> {
  static Result<core::Fixed<Tag>> read(const json& v, std::string_view field) {
    auto micros = core::micros_from_json(v);
    if (!micros) return with_field(micros.error(), field);
    return core::Fixed<Tag>::from_micros(*micros);
  }
  static json write(core::Fixed<Tag> v) { return v.to_string(); }
};

template <>
struct Codec<core::Price> {
  static Result<core::Price> read(const json& v, std::string_view field) {
    auto price = core::price_from_json(v);
    if (!price) return with_field(price.error(), field);
    return *price;
  }
  static json write(core::Price v) { return v.to_string(); }
};

template <>
struct Codec<std::vector<std::string>> {
  static Result<std::vector<std::string>> read(const json& v, std::string_view field) {
    if (!v.is_array()) return wrong_type(field, "an array of strings");
    std::vector<std::string> out;
    for (const auto& item : v) {
      if (!item.is_string()) return wrong_type(field, "an array of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  static json write(const std::vector<std::string>& v) { return v; }
};

template <>
struct Codec<store::SizingMode> {
  static Result<store::SizingMode> read(const json& v, std::string_view field) {
    if (!v.is_string()) return wrong_type(field, "a string");
    if (auto mode = store::sizing_mode_from_string(v.get<std::string>())) return *mode;
    return Error{"invalid_enum", std::string(field) +
                                     " must be one of fixed, kelly, edge_scaled, tiered, "
                                     "conviction, confidence"};
  }
  static json write(store::SizingMode v) { return std::string(store::to_string(v)); }
};

template <>
struct Codec<store::OrderType> {
  static Result<store::OrderType> read(const json& v, std::string_view field) {
    if (!v.is_string()) return wrong_type(field, "a string");
    std::string text = v.get<std::string>();
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
      return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    if (auto type = store::order_type_from_string(text)) return *type;
    return Error{"invalid_enum", std::string(field) + " must be one of GTC, FOK, FAK"};
  }
  static json write(store::OrderType v) { return std::string(store::to_string(v)); }
};

template <class T>
struct Codec<std::optional<T>> {
  static Result<std::optional<T>> read(const json& v, std::string_view field) {
    if (v.is_null()) return std::optional<T>{};
    auto value = Codec<T>::read(v, field);
    if (!value) return value.error();
    return std::optional<T>{*value};
  }
  static json write(const std::optional<T>& v) { return v ? Codec<T>::write(*v) : json(nullptr); }
};

template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// One JSON field of a params struct P.
template <class P>
struct Field {
  std::string name;
  std::function<Status(const json&, P&)> read;
  std::function<json(const P&)> write;
};

template <class P, class T>
Field<P> field(std::string name, T P::*member) {
  return Field<P>{name,
                  [member, name](const json& v, P& p) -> Status {
                    if constexpr (!kIsOptional<T>) {
                      if (v.is_null())
                        return wrong_type(name, "set (null clears only optional fields)");
                    }
                    auto value = Codec<T>::read(v, name);
                    if (!value) return value.error();
                    p.*member = std::move(*value);
                    return {};
                  },
                  [member](const P& p) { return Codec<T>::write(p.*member); }};
}

const std::vector<Field<store::FtStrategyParams>>& ft_fields() {
  using P = store::FtStrategyParams;
  static const std::vector<Field<P>> fields{
      field("name", &P::name),
      field("description", &P::description),
      field("starting_cash", &P::starting_cash),
      field("max_trade_age_seconds", &P::max_trade_age_seconds),
      field("live_markets_only", &P::live_markets_only),
      field("target_traders", &P::target_traders),
      field("discover_month_pnl", &P::discover_month_pnl),
      field("discover_month_volume", &P::discover_month_volume),
      field("discover_week_pnl", &P::discover_week_pnl),
      field("discover_top_n", &P::discover_top_n),
      field("min_trader_resolved_count", &P::min_trader_resolved_count),
      field("price_min", &P::price_min),
      field("price_max", &P::price_max),
      field("min_trader_win_rate", &P::min_trader_win_rate),
      field("max_trader_win_rate", &P::max_trader_win_rate),
      field("min_edge", &P::min_edge),
      field("max_edge", &P::max_edge),
      field("min_conviction", &P::min_conviction),
      field("max_conviction", &P::max_conviction),
      field("categories", &P::categories),
      field("min_original_trade_usd", &P::min_original_trade_usd),
      field("max_original_trade_usd", &P::max_original_trade_usd),
      field("model_threshold", &P::model_threshold),
      field("allow_adding", &P::allow_adding),
      field("slippage", &P::slippage),
      field("sizing_mode", &P::sizing_mode),
      field("bet_size", &P::bet_size),
      field("kelly_fraction", &P::kelly_fraction),
      field("min_bet", &P::min_bet),
      field("max_bet", &P::max_bet),
  };
  return fields;
}

const std::vector<Field<store::RiskRules>>& risk_fields() {
  using P = store::RiskRules;
  static const std::vector<Field<P>> fields{
      field("daily_budget_usd", &P::daily_budget_usd),
      field("weekly_budget_usd", &P::weekly_budget_usd),
      field("monthly_budget_usd", &P::monthly_budget_usd),
      field("max_position_usd", &P::max_position_usd),
      field("max_total_exposure_usd", &P::max_total_exposure_usd),
      field("max_open_positions", &P::max_open_positions),
      field("max_positions_per_market", &P::max_positions_per_market),
      field("max_drawdown_pct", &P::max_drawdown_pct),
      field("consecutive_loss_limit", &P::consecutive_loss_limit),
      field("max_slippage_pct", &P::max_slippage_pct),
      field("min_order_book_depth_usd", &P::min_order_book_depth_usd),
  };
  return fields;
}

const std::vector<Field<store::LtStrategyParams>>& lt_fields() {
  using P = store::LtStrategyParams;
  static const std::vector<Field<P>> fields{
      field("name", &P::name),
      field("ft_strategy_id", &P::ft_strategy_id),
      field("wallet_id", &P::wallet_id),
      field("order_type", &P::order_type),
      field("order_expiry_seconds", &P::order_expiry_seconds),
      field("time_zone", &P::time_zone),
      field("starting_equity", &P::starting_equity),
  };
  return fields;
}

// Fields of the rendered object that a client may not write.
const std::set<std::string, std::less<>> kReadOnlyFields{
    "id", "user_id", "paused", "pause_reason", "created_at", "updated_at"};

template <class P>
json write_fields(const std::vector<Field<P>>& fields, const P& params) {
  json out = json::object();
  for (const auto& f : fields) out[f.name] = f.write(params);
  return out;
}

template <class P>
Status read_fields(const std::vector<Field<P>>& fields, const json& object, P& params,
                   std::string_view prefix) {
  if (!object.is_object()) return wrong_type("the body", "an object");
  for (const auto& [key, value] : object.items()) {
    const auto found = std::find_if(fields.begin(), fields.end(),
                                    [&key](const Field<P>& f) { return f.name == key; });
    if (found == fields.end()) {
      if (prefix.empty() && kReadOnlyFields.count(key))
        return Error{"field_read_only", key + " cannot be set"};
      return Error{"unknown_field", "unknown field " + std::string(prefix) + key};
    }
    if (Status status = found->read(value, params); !status) {
      if (prefix.empty()) return status;
      return Error{status.error().code, std::string(prefix) + status.error().message};
    }
  }
  return {};
}

}  // namespace

json to_json(const store::FtStrategy& strategy) {
  json out{{"id", strategy.id}, {"user_id", strategy.user_id}};
  out.update(write_fields(ft_fields(), strategy.params));
  out["paused"] = strategy.paused;
  out["created_at"] = format_iso8601(strategy.created_at);
  out["updated_at"] = format_iso8601(strategy.updated_at);
  return out;
}

json to_json(const store::LtStrategy& strategy) {
  json out{{"id", strategy.id}, {"user_id", strategy.user_id}};
  out.update(write_fields(lt_fields(), strategy.params));
  out["risk"] = write_fields(risk_fields(), strategy.params.risk);
  out["paused"] = strategy.paused;
  out["pause_reason"] = strategy.pause_reason ? json(*strategy.pause_reason) : json(nullptr);
  out["created_at"] = format_iso8601(strategy.created_at);
  out["updated_at"] = format_iso8601(strategy.updated_at);
  return out;
}

Status apply_json(const json& object, store::FtStrategyParams& params) {
  return read_fields(ft_fields(), object, params, "");
}

Status apply_json(const json& object, store::LtStrategyParams& params) {
  if (!object.is_object()) return wrong_type("the body", "an object");
  json rest = object;
  if (const auto risk = object.find("risk"); risk != object.end()) {
    if (!risk->is_object()) return wrong_type("risk", "an object");
    if (Status status = read_fields(risk_fields(), *risk, params.risk, "risk."); !status)
      return status;
    rest.erase("risk");
  }
  return read_fields(lt_fields(), rest, params, "");
}

}  // namespace polycopy::service
