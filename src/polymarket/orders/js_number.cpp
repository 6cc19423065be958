#include "polymarket/orders/js_number.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace polycopy::polymarket::js {
namespace {

// Shortest round-trip digits of x > 0 and n, the position of the decimal point:
// x = 0.d1d2...dk * 10^n (ECMAScript's s, k, n).
void shortest_digits(double x, std::string& digits, int& n) {
  char buffer[64];
  // Without a precision, to_chars picks the shortest digits that round-trip and, among
  // those, the closest to x: the digits ECMAScript specifies.
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const auto e = text.find('e');
  digits.clear();
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::string_view exp_text = text.substr(e + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  n = exponent + 1;
}

}  // namespace

std::string number_to_string(double x) {
  if (std::isnan(x)) return "NaN";
  if (x == 0) return "0";
  if (x < 0) return "-" + number_to_string(-x);
  if (std::isinf(x)) return "Infinity";
  std::string digits;
  int n = 0;
  shortest_digits(x, digits, n);
  const int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) return digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21) return digits.substr(0, n) + "." + digits.substr(n);
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  std::string out = digits.substr(0, 1);
  if (k > 1) out += "." + digits.substr(1);
  const int e = n - 1;
  out += e < 0 ? "e-" : "e+";
  out += std::to_string(std::abs(e));
  return out;
}

int decimal_places(double x) {
  if (std::isfinite(x) && std::trunc(x) == x) return 0;  // Number.isInteger
  const std::string text = number_to_string(x);
  const auto dot = text.find('.');
  if (dot == std::string::npos) return 0;
  return static_cast<int>(text.size() - dot - 1);
}

double math_round(double x) {
  if (!std::isfinite(x)) return x;
  const double floor = std::floor(x);
  // x - floor is exact for every double that is not already an integer.
  return x - floor >= 0.5 ? floor + 1 : floor;
}

}  // namespace polycopy::polymarket::js
