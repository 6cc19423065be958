#pragma once
// JavaScript number semantics the official client's amount arithmetic depends on. Part of
// the venue-compatibility code (client_amounts.cpp); nothing else should use doubles.
#include <string>

namespace polycopy::polymarket::js {

// ECMAScript Number::toString(10): the shortest round-trip digits, printed in fixed form
// for 1e-7 < |x| < 1e21 and in exponent form ("1.5e-7", "1e+21") outside; "NaN",
// "Infinity"; -0 prints "0".
std::string number_to_string(double x);

// The client's decimalPlaces(x): 0 for integers, else the length of what follows the first
// '.' of number_to_string(x) ("1.5e-7" -> 4, "1e-7" -> 0).
int decimal_places(double x);

// Math.round: nearest integer, halves toward +infinity.
double math_round(double x);

}  // namespace polycopy::polymarket::js
