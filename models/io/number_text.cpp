#include "models/io/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace negsim {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return false;
}
}  // namespace

std::optional<mpq_class> parse_exact_number(std::string_view token, std::string* why) {
  std::size_t i = 0;
  const std::size_t n = token.size();
  bool negative = false;
  if (i < n && (token[i] == '+' || token[i] == '-')) negative = token[i++] == '-';
  // All mantissa digits without the point; value = digits * 10^exponent.
  std::string digits;
  long exponent = 0;
  bool any_digit = false, has_point = false;
  for (; i < n && is_digit(token[i]); ++i) {
    digits += token[i];
    any_digit = true;
  }
  if (i < n && token[i] == '.') {
    has_point = true;
    for (++i; i < n && is_digit(token[i]); ++i) {
      digits += token[i];
      --exponent;
      any_digit = true;
    }
  }
  if (!any_digit) {
    fail(why, "a number needs at least one digit");
    return std::nullopt;
  }
  mpq_class value;
  if (i < n && token[i] == '/') {
    if (has_point) {
      fail(why, "a rational p/q needs integers on both sides of '/'");
      return std::nullopt;
    }
    ++i;
    const std::size_t start = i;
    for (; i < n && is_digit(token[i]); ++i) {
    }
    if (i == start || i != n) {
      fail(why, "a rational p/q needs integers on both sides of '/'");
      return std::nullopt;
    }
    mpz_class denominator(std::string(token.substr(start)), 10);
    if (denominator == 0) {
      fail(why, "division by zero");
      return std::nullopt;
    }
    value = mpq_class(mpz_class(digits, 10), denominator);
    value.canonicalize();
  } else {
    if (i < n && (token[i] == 'e' || token[i] == 'E')) {
      ++i;
      bool exp_negative = false;
      if (i < n && (token[i] == '+' || token[i] == '-')) exp_negative = token[i++] == '-';
      const std::size_t start = i;
      long explicit_exponent = 0;
      for (; i < n && is_digit(token[i]); ++i) {
        explicit_exponent = explicit_exponent * 10 + (token[i] - '0');
        if (explicit_exponent > kMaxDecimalExponent) {
          fail(why, "exponent out of range");
          return std::nullopt;
        }
      }
      if (i == start) {
        fail(why, "an exponent needs digits after 'e'");
        return std::nullopt;
      }
      exponent += exp_negative ? -explicit_exponent : explicit_exponent;
    }
    if (i != n) {
      fail(why, "unexpected character in a number");
      return std::nullopt;
    }
    mpz_class mantissa(digits, 10);
    if (mantissa == 0) return mpq_class(0);
    mpz_class power;
    mpz_ui_pow_ui(power.get_mpz_t(), 10, static_cast<unsigned long>(std::labs(exponent)));
    if (exponent >= 0) {
      value = mpq_class(mantissa * power);
    } else {
      value = mpq_class(mantissa, power);
      value.canonicalize();
    }
  }
  if (negative) value = -value;
  return value;
}

std::string format_shortest(double value) {
  if (value == 0.0) return "0";  // never "-0"
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace negsim
