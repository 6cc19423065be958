#pragma once
// Names the store operation in a database error, keeping its reason code.
#include <string_view>

#include "core/error.hpp"

namespace polycopy::store::sql {

inline core::Error in_operation(core::Error error, std::string_view operation) {
  error.message = std::string(operation) + ": " + error.message;
  return error;
}

// Throws the error (with the operation named) when the result failed; the transaction
// helper rolls back and returns it. Keeps multi-statement bodies readable.
template <class R>
auto require(R&& result, std::string_view operation) {
  if (!result) throw core::Failure(in_operation(result.error(), operation));
  return std::forward<R>(result).value();
}

}  // namespace polycopy::store::sql
