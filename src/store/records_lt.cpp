// Names of the LT position and redemption states as stored, the position id an order fills
// into, and the payout of one share under a resolution.
#include "store/records_lt.hpp"

#include <array>
#include <utility>

namespace polycopy::store {
namespace {

constexpr std::array<std::pair<LtPositionStatus, std::string_view>, 3> kPositionStatuses{{
    {LtPositionStatus::open, "open"},
    {LtPositionStatus::resolved, "resolved"},
    {LtPositionStatus::closed, "closed"},
}};

constexpr std::array<std::pair<RedemptionState, std::string_view>, 5> kRedemptionStates{{
    {RedemptionState::pending, "pending"},
    {RedemptionState::submitted, "submitted"},
    {RedemptionState::confirmed, "confirmed"},
    {RedemptionState::failed, "failed"},
    {RedemptionState::closed, "closed"},
}};

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_in(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) {
  for (const auto& [candidate, name] : table)
    if (name == text) return candidate;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(LtPositionStatus status) {
  return name_in(kPositionStatuses, status);
}
std::optional<LtPositionStatus> lt_position_status_from_string(std::string_view text) {
  return value_in(kPositionStatuses, text);
}
std::string_view to_string(RedemptionState state) {
  return name_in(kRedemptionStates, state);
}
std::optional<RedemptionState> redemption_state_from_string(std::string_view text) {
  return value_in(kRedemptionStates, text);
}

std::string lt_position_id_for_order(const std::string& order_id) {
  const auto underscore = order_id.find('_');
  return "ltp_" + (underscore == std::string::npos ? order_id : order_id.substr(underscore + 1));
}

Price payout_per_share(const ResolutionRecord& resolution, std::int64_t outcome_index) {
  const std::int64_t numerator =
      outcome_index == 0 ? resolution.payout_numerator_0 : resolution.payout_numerator_1;
  // mul_div throws Failure("invalid_argument") on a denominator <= 0; the store refuses
  // such resolutions, so this only guards corrupt input.
  auto price = Price::from_micros(core::mul_div(
      core::kMicrosPerUnit, numerator, resolution.payout_denominator, core::Rounding::down));
  if (!price) throw core::Failure(price.error());
  return *price;
}

}  // namespace polycopy::store
