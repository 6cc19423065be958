#include "store/sql/query.hpp"

namespace polycopy::store::sql {
namespace {

Result<std::unique_ptr<Statement>> prepare_bound(Connection& connection, std::string_view sql,
                                                 const Params& params) {
  auto statement = connection.prepare(sql);
  if (!statement) return statement.error();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (auto bound = (*statement)->bind(static_cast<int>(i + 1), params[i]); !bound)
      return bound.error();
  }
  return statement;
}

}  // namespace

Result<std::vector<Row>> query(Connection& connection, std::string_view sql, const Params& params) {
  auto statement = prepare_bound(connection, sql, params);
  if (!statement) return statement.error();
  Statement& st = **statement;
  std::vector<Row> rows;
  for (;;) {
    auto has_row = st.step();
    if (!has_row) return has_row.error();
    if (!*has_row) break;
    Row row;
    row.reserve(static_cast<std::size_t>(st.column_count()));
    for (int c = 0; c < st.column_count(); ++c) row.push_back(st.column(c));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::int64_t> execute(Connection& connection, std::string_view sql, const Params& params) {
  auto statement = prepare_bound(connection, sql, params);
  if (!statement) return statement.error();
  for (;;) {
    auto has_row = (*statement)->step();
    if (!has_row) return has_row.error();
    if (!*has_row) break;
  }
  return connection.changes();
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace polycopy::store::sql
