#include "store/records.hpp"

#include "store/records_ft.hpp"
#include "store/records_risk.hpp"

#include <array>
#include <utility>

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

constexpr std::array<std::pair<ReservationState, std::string_view>, 3> kReservationStates{{
    {ReservationState::reserved, "reserved"},
    {ReservationState::settled, "settled"},
    {ReservationState::released, "released"},
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

std::string_view to_string(ReservationState state) {
  return name_of(kReservationStates, state);
}
std::optional<ReservationState> reservation_state_from_string(std::string_view text) {
  return value_of(kReservationStates, text);
}

}  // namespace polycopy::store
