#include "risk/risk_manager.hpp"

#include "core/ids.hpp"

namespace polycopy::risk {

RiskManager::RiskManager(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

core::Result<ReserveOutcome> RiskManager::check_and_reserve(
    const std::string& lt_strategy_id, const OrderRequest& order,
    std::optional<store::OrderRecord> intent) {
  ReserveEvent event;
  event.reservation_id = core::new_id("rsv", clock_);
  event.order = order;
  event.intent = std::move(intent);
  const store::RiskEventScope scope{lt_strategy_id,     clock_.now(), std::nullopt,
                                    order.condition_id, std::nullopt, std::nullopt};
  auto decision = store_.apply_risk_event(
      scope, [&](const store::RiskSnapshot& snapshot) { return decide_reserve(snapshot, event); });
  if (!decision) return decision.error();
  ReserveOutcome outcome;
  if (order.size > core::Shares{} && order.limit_price.micros() > 0)
    outcome.amount = order_amount(order.size, order.limit_price);
  if (decision->refusal) {
    outcome.refusal = std::move(decision->refusal);
    return outcome;
  }
  outcome.reservation_id = event.reservation_id;
  return outcome;
}

core::Result<ReserveOutcome> RiskManager::check_and_reserve(
    const std::string& lt_strategy_id, const std::string& condition_id, core::Price limit_price,
    core::Shares size, const polymarket::parse::OrderBook& book,
    std::optional<store::OrderRecord> intent) {
  OrderRequest order{condition_id, book.token_id.to_decimal(), limit_price, size, {}};
  order.asks.reserve(book.asks.size());
  for (const auto& level : book.asks) order.asks.push_back(AskLevel{level.price, level.size});
  return check_and_reserve(lt_strategy_id, order, std::move(intent));
}

core::Result<std::string> RiskManager::hold_adopted_order(const std::string& lt_strategy_id,
                                                          const OrderRequest& order,
                                                          store::RiskAlert alert,
                                                          store::OrderRecord intent) {
  if (alert.id.empty()) alert.id = core::new_id("alr", clock_);
  ReserveEvent event;
  event.reservation_id = core::new_id("rsv", clock_);
  event.order = order;
  event.adopted = std::move(alert);
  event.intent = std::move(intent);
  const store::RiskEventScope scope{lt_strategy_id,     clock_.now(), std::nullopt,
                                    order.condition_id, std::nullopt, std::nullopt};
  auto decision =
      apply(scope, [&](const store::RiskSnapshot& s) { return decide_reserve(s, event); });
  if (!decision) return decision.error();
  return event.reservation_id;
}

core::Result<store::RiskDecision> RiskManager::apply(const store::RiskEventScope& scope,
                                                     const store::RiskDecider& decide) {
  auto decision = store_.apply_risk_event(scope, decide);
  if (!decision) return decision.error();
  if (decision->refusal) return core::Error{decision->refusal->code, decision->refusal->message};
  return decision;
}

core::Result<store::RiskDecision> RiskManager::record_fill(const std::string& lt_strategy_id,
                                                           FillEvent event) {
  if (event.alert_id.empty()) event.alert_id = core::new_id("alr", clock_);
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(),   event.reservation_id,
                                    std::nullopt,   event.fill_key, std::nullopt};
  return apply(scope, [&](const store::RiskSnapshot& s) { return decide_fill(s, event); });
}

core::Result<store::RiskDecision> RiskManager::finish_order(const std::string& lt_strategy_id,
                                                            const FinishEvent& event) {
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(), event.reservation_id,
                                    std::nullopt,   std::nullopt, std::nullopt};
  return apply(scope, [&](const store::RiskSnapshot& s) { return decide_finish(s, event); });
}

core::Result<store::RiskDecision> RiskManager::record_resolution(const std::string& lt_strategy_id,
                                                                 ResolveEvent event) {
  if (event.alert_id.empty()) event.alert_id = core::new_id("alr", clock_);
  if (event.change_id.empty()) event.change_id = core::new_id("chg", clock_);
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(), event.reservation_id,
                                    std::nullopt,   std::nullopt, std::nullopt};
  return apply(scope, [&](const store::RiskSnapshot& s) { return decide_resolve(s, event); });
}

core::Result<store::RiskDecision> RiskManager::reset_breaker(const std::string& lt_strategy_id,
                                                             ResetBreakerEvent event) {
  if (event.change_id.empty()) event.change_id = core::new_id("chg", clock_);
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(), std::nullopt,
                                    std::nullopt,   std::nullopt, std::nullopt};
  return apply(scope, [&](const store::RiskSnapshot& s) { return decide_reset_breaker(s, event); });
}

core::Result<store::RiskDecision> RiskManager::record_redemption_paid(
    const std::string& lt_strategy_id, RedemptionPaidEvent event) {
  if (event.alert_id.empty()) event.alert_id = core::new_id("alr", clock_);
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(), std::nullopt,
                                    std::nullopt,   std::nullopt, event.redemption_id};
  return apply(scope,
               [&](const store::RiskSnapshot& s) { return decide_redemption_paid(s, event); });
}

core::Result<store::RiskDecision> RiskManager::halt(const std::string& lt_strategy_id,
                                                    HaltEvent event) {
  if (event.alert_id.empty()) event.alert_id = core::new_id("alr", clock_);
  if (event.change_id.empty()) event.change_id = core::new_id("chg", clock_);
  const store::RiskEventScope scope{lt_strategy_id, clock_.now(), std::nullopt,
                                    std::nullopt,   std::nullopt, std::nullopt};
  return apply(scope, [&](const store::RiskSnapshot& s) { return decide_halt(s, event); });
}

}  // namespace polycopy::risk
