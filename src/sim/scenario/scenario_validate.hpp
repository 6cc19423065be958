#pragma once
// Checks a Scenario for everything a venue cannot run with (duplicate ids, prices off the
// tick, crossed books, dangling references...). Every problem is collected, each prefixed
// by its document path ("markets[3].outcomes[1].token_id: missing"), so one run of the
// loader shows the author the whole list.
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

class ScenarioProblems {
 public:
  // Records "path: what", unless the path or one of its parents already has a problem: a
  // missing or malformed field would otherwise also fail every later check of its default.
  void add(const std::string& path, const std::string& what);
  bool empty() const { return list_.empty(); }
  const std::vector<std::string>& list() const { return list_; }
  // Success, or "invalid_scenario" with every problem in its message.
  core::Status status() const;

 private:
  bool covered(const std::string& path) const;
  std::vector<std::string> list_;
  std::set<std::string> paths_;
};

// Adds the problems of a scenario whose vectors are in document order (paths use their
// indexes).
void check_scenario(const Scenario& scenario, ScenarioProblems& problems);

// check_scenario as a Status: "invalid_scenario" listing every problem.
core::Status validate_scenario(const Scenario& scenario);

}  // namespace polycopy::sim
