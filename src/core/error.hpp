#pragma once
// Errors are values: a machine-readable reason code plus a human sentence.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace polycopy::core {

struct Error {
  std::string code;     // snake_case reason code, e.g. "price_out_of_range"
  std::string message;  // one human sentence

  std::string to_string() const { return code + ": " + message; }
};

// Thrown where an error cannot be returned (operators, constructors); carries an Error.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Error error) : std::runtime_error(error.to_string()), error_(std::move(error)) {}
  Failure(std::string code, std::string message)
      : Failure(Error{std::move(code), std::move(message)}) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

// A value or an Error. Small on purpose: the project is C++20 (no std::expected).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return ok() ? std::get<0>(data_) : throw Failure(error()); }
  T& value() & { return ok() ? std::get<0>(data_) : throw Failure(error()); }
  T&& value() && { return ok() ? std::move(std::get<0>(data_)) : throw Failure(error()); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

// Result<void>.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  static Status success() { return {}; }
  bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const { return error_; }
  void throw_if_error() const {
    if (failed_) throw Failure(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace polycopy::core
