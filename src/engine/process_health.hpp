#pragma once
// Health checks of parts that live in the engine process (probes for engine/health_monitor):
//   websocket  connected, and a frame (a message or a pong) within max_silence: else degraded;
//              not connected: failing;
//   jobs       every scheduled job succeeded within three of its intervals (or, before its
//              first success, three intervals after it was added): else failing, naming it
//              and its last problem.
#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "engine/job_scheduler.hpp"
#include "net/ws_client.hpp"
#include "store/records_health.hpp"

namespace polycopy::engine {

store::HealthCheckRecord websocket_check(
    std::string component, const net::WsStats& stats, core::Timestamp now,
    std::chrono::seconds max_silence = std::chrono::seconds(60));

store::HealthCheckRecord jobs_check(const std::vector<JobStatus>& jobs,
                                    std::chrono::steady_clock::time_point now);

}  // namespace polycopy::engine
