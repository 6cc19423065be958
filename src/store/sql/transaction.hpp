#pragma once
// Runs a body inside one transaction: commit when it succeeds, roll back when it returns an
// error or throws. Exceptions never escape: they become error values (a Failure keeps its code).
#include <exception>
#include <string>
#include <type_traits>

#include "core/error.hpp"
#include "store/sql/connection.hpp"

namespace polycopy::store::sql {

template <class Body>
auto in_transaction(Connection& connection, TransactionMode mode, Body&& body)
    -> std::invoke_result_t<Body> {
  using Out = std::invoke_result_t<Body>;
  if (auto begun = connection.begin(mode); !begun) return Out(begun.error());
  core::Error failure;
  try {
    Out out = body();
    if (out.ok()) {
      if (auto committed = connection.commit(); !committed) {
        (void)connection.rollback();
        return Out(committed.error());
      }
      return out;
    }
    (void)connection.rollback();
    return out;
  } catch (const core::Failure& error) {
    failure = error.error();
  } catch (const std::exception& error) {
    failure = core::Error{"db_error", std::string("unexpected failure: ") + error.what()};
  }
  (void)connection.rollback();
  return Out(failure);
}

}  // namespace polycopy::store::sql
