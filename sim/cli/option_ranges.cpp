#include "sim/cli/option_ranges.hpp"

#include <charconv>
#include <cmath>

#include "models/errors.hpp"

namespace negsim::cli {

namespace {

std::string shown(std::string_view text) {
  // The text as given, cut short and without control characters, for the message.
  std::string out;
  for (char c : text.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (text.size() > 40) out += "...";
  return out;
}

std::string number_text(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string RealRange::text() const {
  return std::string(low_open ? "(" : "[") + number_text(low) + ", " + number_text(high) + (high_open ? ")" : "]");
}

bool RealRange::contains(double value) const {
  if (std::isnan(value)) return false;
  if (low_open ? !(value > low) : !(value >= low)) return false;
  if (high_open ? !(value < high) : !(value <= high)) return false;
  return true;
}

std::uint64_t parse_count_option(std::string_view name, std::string_view text, std::uint64_t min,
                                 std::uint64_t max) {
  const std::string expected = "--" + std::string(name) + ": expected a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max) + ", got '" + shown(text) + "'";
  std::uint64_t value = 0;
  // Digits only: from_chars would not take a sign for an unsigned type, but
  // say so for "+3" and " 3" as well.
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits) {
    if (!text.empty() && text.front() == '-') throw UsageError(expected + " (negative)");
    throw UsageError(expected);
  }
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc::result_out_of_range) throw UsageError(expected + " (too large)");
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) throw UsageError(expected);
  if (value < min || value > max) throw UsageError(expected);
  return value;
}

double parse_real_option(std::string_view name, std::string_view text, const RealRange& range) {
  const std::string expected = "--" + std::string(name) + ": expected a number in " + range.text() + ", got '" +
                               shown(text) + "'";
  // Decimal notation only: no "nan", "inf", hexadecimal floats or spaces.
  const bool plain = !text.empty() && text.find_first_not_of("0123456789+-.eE") == std::string_view::npos;
  if (!plain) throw UsageError(expected);
  double value = 0;
  const char* first = text.data() + (text.front() == '+' ? 1 : 0);
  if (first != text.data() && (text.size() == 1 || text[1] == '+' || text[1] == '-')) throw UsageError(expected);
  const auto result = std::from_chars(first, text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value))
    throw UsageError(expected);
  if (!range.contains(value)) throw UsageError(expected);
  return value;
}

po::typed_value<std::string>* real_value(double& target, const std::string& name, const RealRange& range) {
  return po::value<std::string>()->notifier(
      [&target, name, range](const std::string& text) { target = parse_real_option(name, text, range); });
}

po::typed_value<std::string>* real_value(std::function<void(double)> store, const std::string& name,
                                         const RealRange& range) {
  return po::value<std::string>()->notifier([store = std::move(store), name, range](const std::string& text) {
    store(parse_real_option(name, text, range));
  });
}

void refuse_message_placeholders(const std::vector<std::string>& args) {
  for (const std::string& word : args) {
    for (std::size_t open = word.find('%'); open != std::string::npos; open = word.find('%', open + 1)) {
      const std::size_t close = word.find('%', open + 1);
      if (close == std::string::npos) break;
      bool name = close > open + 1;
      for (std::size_t i = open + 1; i < close && name; ++i)
        name = (word[i] >= 'a' && word[i] <= 'z') || word[i] == '_';
      if (name)
        throw UsageError("the command-line word '" + word + "' contains '" + word.substr(open, close - open + 1) +
                         "', which the option parser cannot report on; remove the '%' signs around it");
    }
  }
}

}  // namespace negsim::cli
