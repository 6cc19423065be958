#include "store/records.hpp"

#include "store/records_ft.hpp"
#include "store/records_health.hpp"
#include "store/records_orders.hpp"
#include "store/records_risk.hpp"

#include <array>
#include <utility>

#include "core/ids.hpp"

namespace polycopy::store {
namespace {

constexpr std::array<std::pair<SizingMode, std::string_view>, 6> kSizingModes{{
    {SizingMode::fixed, "fixed"},
    {SizingMode::kelly, "kelly"},
    {SizingMode::edge_scaled, "edge_scaled"},
    {SizingMode::tiered, "tiered"},
    {SizingMode::conviction, "conviction"},
    {SizingMode::confidence, "confidence"},
}};

constexpr std::array<std::pair<OrderType, std::string_view>, 3> kOrderTypes{{
    {OrderType::gtc, "GTC"},
    {OrderType::fok, "FOK"},
    {OrderType::fak, "FAK"},
}};

constexpr std::array<std::pair<PaperPositionStatus, std::string_view>, 2> kPaperPositionStatuses{{
    {PaperPositionStatus::open, "open"},
    {PaperPositionStatus::resolved, "resolved"},
}};

constexpr std::array<std::pair<HealthStatus, std::string_view>, 3> kHealthStatuses{{
    {HealthStatus::ok, "ok"},
    {HealthStatus::degraded, "degraded"},
    {HealthStatus::failing, "failing"},
}};

constexpr std::array<std::pair<ReservationState, std::string_view>, 3> kReservationStates{{
    {ReservationState::reserved, "reserved"},
    {ReservationState::settled, "settled"},
    {ReservationState::released, "released"},
}};

constexpr std::array<std::pair<OrderState, std::string_view>, 7> kOrderStates{{
    {OrderState::intent, "intent"},
    {OrderState::submitted, "submitted"},
    {OrderState::partially_filled, "partially_filled"},
    {OrderState::filled, "filled"},
    {OrderState::cancelled, "cancelled"},
    {OrderState::expired, "expired"},
    {OrderState::rejected, "rejected"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) {
  for (const auto& [candidate, name] : table)
    if (name == text) return candidate;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SizingMode mode) {
  return name_of(kSizingModes, mode);
}
std::optional<SizingMode> sizing_mode_from_string(std::string_view text) {
  return value_of(kSizingModes, text);
}
std::string_view to_string(OrderType type) {
  return name_of(kOrderTypes, type);
}
std::optional<OrderType> order_type_from_string(std::string_view text) {
  return value_of(kOrderTypes, text);
}

std::string_view to_string(PaperPositionStatus status) {
  return name_of(kPaperPositionStatuses, status);
}
std::optional<PaperPositionStatus> paper_position_status_from_string(std::string_view text) {
  return value_of(kPaperPositionStatuses, text);
}

std::string_view to_string(HealthStatus status) {
  return name_of(kHealthStatuses, status);
}
std::optional<HealthStatus> health_status_from_string(std::string_view text) {
  return value_of(kHealthStatuses, text);
}

std::string_view to_string(ReservationState state) {
  return name_of(kReservationStates, state);
}
std::optional<ReservationState> reservation_state_from_string(std::string_view text) {
  return value_of(kReservationStates, text);
}

std::string_view to_string(OrderState state) {
  return name_of(kOrderStates, state);
}
std::optional<OrderState> order_state_from_string(std::string_view text) {
  return value_of(kOrderStates, text);
}
bool is_final(OrderState state) {
  return state == OrderState::filled || state == OrderState::cancelled ||
         state == OrderState::expired || state == OrderState::rejected;
}

std::string order_idempotency_key(const std::string& lt_strategy_id,
                                  const std::string& source_trade_id) {
  // A separator that appears in neither id keeps ("ab","c") and ("a","bc") apart.
  return "ord1:" + core::sha256_hex(lt_strategy_id + "\n" + source_trade_id);
}

}  // namespace polycopy::store
