#pragma once
// Alerts through the API: the user's and the system's (no owner) alerts, newest first, with
// each one's deliveries to the channels; acknowledging one closes it (a repeat of the same
// problem then opens a new alert).
//   list         ?state=open|acknowledged|all (default open), ?limit=1..1000 (100)
//   show         one alert with its deliveries; 404 "alert_not_found"
//   acknowledge  200 with the alert (again for an acknowledged one: its first time stays)
#include "core/clock.hpp"
#include "service/ft_report_service.hpp"
#include "service/report_query.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

class AlertService {
 public:
  AlertService(store::Store& store, const core::Clock& clock);

  ServiceResult list(const std::string& user_id, const QueryParams& query);
  ServiceResult show(const std::string& user_id, const std::string& alert_id);
  ServiceResult acknowledge(const std::string& user_id, const std::string& alert_id);

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace polycopy::service
