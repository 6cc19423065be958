#include "sim/http/faults.hpp"

#include <algorithm>

namespace polycopy::sim {
namespace {

constexpr std::pair<FaultKind, std::string_view> kKinds[] = {
    {FaultKind::latency, "latency"},
    {FaultKind::server_error, "server_error"},
    {FaultKind::too_many_requests, "too_many_requests"},
    {FaultKind::lose_response, "lose_response"}};

core::Error invalid(std::string message) {
  return {"invalid_fault", std::move(message)};
}

}  // namespace

core::Result<Fault> parse_fault(const nlohmann::json& body) {
  if (!body.is_object()) return invalid("the fault must be a JSON object");
  Fault f;
  const auto kind = body.find("kind");
  if (kind == body.end() || !kind->is_string()) return invalid("kind is required");
  const auto known = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const auto& k) {
    return k.second == kind->get<std::string>();
  });
  if (known == std::end(kKinds))
    return invalid("kind must be latency, server_error, too_many_requests or lose_response");
  f.kind = known->first;
  for (const auto& [key, value] : body.items()) {
    if (key == "kind") continue;
    if (key == "method" && value.is_string()) {
      f.method = value.get<std::string>();
    } else if (key == "path" && value.is_string()) {
      f.path_prefix = value.get<std::string>();
    } else if (key == "count" && value.is_number_integer() && value.get<int>() >= -1 &&
               value.get<int>() != 0) {
      f.count = value.get<int>();
    } else if (key == "latency_ms" && value.is_number_integer() && value.get<int>() >= 0 &&
               value.get<int>() <= 60'000) {
      f.latency = std::chrono::milliseconds(value.get<int>());
    } else if (key == "status" && value.is_number_integer() && value.get<int>() >= 500 &&
               value.get<int>() <= 599) {
      f.status = value.get<int>();
    } else {
      return invalid("bad or unknown field '" + key +
                     "' (method, path strings; count -1 or >= 1; latency_ms 0..60000; status "
                     "500..599)");
    }
  }
  if (f.kind == FaultKind::latency && f.latency.count() == 0)
    return invalid("a latency fault needs latency_ms");
  return f;
}

nlohmann::json fault_json(const Fault& f) {
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const auto& k) { return k.first == f.kind; });
  return {{"kind", std::string(kind->second)},
          {"method", f.method},
          {"path", f.path_prefix},
          {"count", f.count},
          {"latency_ms", f.latency.count()},
          {"status", f.status}};
}

void Faults::add(Fault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

void Faults::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

std::vector<Fault> Faults::list() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

std::optional<Fault> Faults::take(const std::string& method, const std::string& path) {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->method.empty() && it->method != method) continue;
    if (!path.starts_with(it->path_prefix)) continue;
    Fault taken = *it;
    if (it->count > 0 && --it->count == 0) faults_.erase(it);
    return taken;
  }
  return std::nullopt;
}

}  // namespace polycopy::sim
