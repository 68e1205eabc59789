// Numeric command-line options, checked where they enter.
//
// Boost.Program_options reads "-1" into an unsigned option as 2^64 - 1 and
// "nan" into a double without complaint, and a sentinel default (`--delta -1`
// meaning "not given") would silently swallow a bad value. So every numeric
// option of every command is read as text and parsed here: a whole number or
// a finite decimal, inside the option's documented range, or a UsageError
// (exit 2) that names the option, the range and the text given. The ranges
// are listed in docs/cli.md ("Option values").
//
// Use: named.add_options()("runs", count_value(runs, "runs", 1, kMaxRuns), "...")
// The notifier runs inside po::notify (parse_command_line), so a bad value is
// reported before any work starts.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>
#include <string_view>
#include <type_traits>

#include <boost/program_options.hpp>

namespace negsim::cli {

namespace po = boost::program_options;

// A closed or half-open interval of doubles; the ends are finite or +-inf.
struct RealRange {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;
  bool high_open = false;
  std::string text() const;  // "(0, 1]", "[0, 1e+09]", ...
  bool contains(double value) const;
};

// Upper bounds shared by several commands (docs/cli.md).
inline constexpr std::uint64_t kMaxRuns = 10'000'000;          // repeated --runs
inline constexpr std::uint64_t kMaxRounds = 100'000'000;       // repeated --rounds
inline constexpr std::uint64_t kMaxStarts = 1'000'000;         // solve --starts
inline constexpr std::uint64_t kMaxProfilesOption = 1'000'000'000'000'000ULL;  // --max-profiles
inline constexpr std::uint64_t kMaxEquilibriaOption = 1'000'000'000;          // --max-equilibria
inline constexpr std::uint64_t kMaxGeneratedActions = 1'000'000'000;  // generate --sizes, each count
inline constexpr double kMaxTimeLimitSeconds = 1e9;           // --time-limit (about 31 years)
inline constexpr std::uint64_t kMaxIterationsOption = 1'000'000'000'000;  // solve --iterations (cfr)
inline constexpr std::uint64_t kMaxSeed = std::numeric_limits<std::uint64_t>::max();

// solve --target (cfr): an exploitability relative to the payoff range, in (0, 1].
inline const RealRange kTargetExploitabilityRange{0.0, 1.0, true, false};

// "12" -> 12 within [min, max]; digits only (no sign, no exponent, no spaces).
std::uint64_t parse_count_option(std::string_view name, std::string_view text, std::uint64_t min,
                                 std::uint64_t max);
// A finite decimal ("0.9", "1e-3", "-2") within `range`; nan, inf, "0x1p3" and
// trailing text are refused.
double parse_real_option(std::string_view name, std::string_view text, const RealRange& range);

// program_options values that store a checked number into `target` (an
// integer type that holds `max`, or a double).
template <class Int>
po::typed_value<std::string>* count_value(Int& target, const std::string& name, std::uint64_t min,
                                          std::uint64_t max) {
  static_assert(std::is_integral_v<Int>);
  const std::uint64_t cap = std::min<std::uint64_t>(max, static_cast<std::uint64_t>(std::numeric_limits<Int>::max()));
  return po::value<std::string>()->notifier([&target, name, min, cap](const std::string& text) {
    target = static_cast<Int>(parse_count_option(name, text, min, cap));
  });
}
po::typed_value<std::string>* real_value(double& target, const std::string& name, const RealRange& range);
// The same, handing the checked value to `store` (e.g. to make a Deadline).
po::typed_value<std::string>* real_value(std::function<void(double)> store, const std::string& name,
                                         const RealRange& range);

// Boost.Program_options (1.74) formats its error messages by replacing
// placeholders such as %canonical_option% with the user's words, in a loop that
// never ends when the word itself contains the placeholder (found by
// tests/fuzz/cli_options_fuzz.cpp). Every command line goes through this first:
// a word that contains `%name%` is a usage error (exit 2) before Boost sees it.
void refuse_message_placeholders(const std::vector<std::string>& args);

}  // namespace negsim::cli
