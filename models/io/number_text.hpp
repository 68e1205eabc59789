// Numbers as Gambit writes them, shared by the .nfg reader and the NE-line reader.
//
// Grammar: [+-] digits [. digits] [(e|E) [+-] digits]   (".5" and "5." allowed)
//      or  [+-] digits / digits                         (a rational p/q, q > 0)
// Decimals and exponents are exact rationals too: 0.1 is 1/10, 2.5E+4 is 25000.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <gmpxx.h>

namespace negsim {

// Largest |decimal exponent| accepted; keeps exact arithmetic on hostile input cheap.
inline constexpr int kMaxDecimalExponent = 9999;

// The exact value of a whole token, or nullopt (with a reason) if it is not a number.
std::optional<mpq_class> parse_exact_number(std::string_view token, std::string* why = nullptr);

// Shortest text that reads back to the same double ("0.1", "1e+20", "-3").
std::string format_shortest(double value);

}  // namespace negsim
