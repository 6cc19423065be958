#pragma once
// One-call helpers over Connection: run a statement with parameters, collect rows.
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.hpp"

namespace polycopy::store::sql {

// All result rows.
Result<std::vector<Row>> query(Connection& connection, std::string_view sql,
                               const Params& params = {});
// Runs a statement that returns no rows; yields the number of rows it changed.
Result<std::int64_t> execute(Connection& connection, std::string_view sql,
                             const Params& params = {});

// "?, ?, …": n statement placeholders, for VALUES lists.
std::string placeholders(std::size_t n);

}  // namespace polycopy::store::sql
