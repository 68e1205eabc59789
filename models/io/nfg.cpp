#include "models/io/nfg.hpp"

#include "models/io/atomic_file.hpp"
#include "models/io/utf8.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <random>

#include "models/errors.hpp"
#include "models/io/number_text.hpp"
#include "models/memory_budget.hpp"

namespace negsim {

namespace {

// ---------------------------------------------------------------------------
// Character classes (one table lookup per byte on the hot path).

enum : unsigned char { kSpace = 1, kDelimiter = 2, kDigit = 4 };

constexpr std::array<unsigned char, 256> make_classes() {
  std::array<unsigned char, 256> table{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[c] = kSpace | kDelimiter;
  for (unsigned char c : {',', '{', '}', '"'}) table[c] = kDelimiter;
  for (unsigned char c = '0'; c <= '9'; ++c) table[c] = kDigit;
  return table;
}
constexpr std::array<unsigned char, 256> kClasses = make_classes();

inline bool is_space(char c) { return kClasses[static_cast<unsigned char>(c)] & kSpace; }
inline bool is_delimiter(char c) { return kClasses[static_cast<unsigned char>(c)] & kDelimiter; }
inline bool is_digit(char c) { return kClasses[static_cast<unsigned char>(c)] & kDigit; }

// Exact powers of ten for Clinger's fast path: a decimal m * 10^e with
// m <= 2^53 and |e| <= 22 is m and 10^|e| exactly representable, so one
// IEEE multiplication or division gives the correctly rounded result.
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kTwoTo53 = std::uint64_t{1} << 53;

std::string plural(std::size_t count, const char* word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::string sizes_text(const std::vector<std::size_t>& sizes) {
  std::string out;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i) out += "x";
    out += std::to_string(sizes[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------

class NfgParser {
 public:
  NfgParser(std::string_view text, const NfgReadOptions& options)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), options_(options) {}

  NormalFormGame parse();

 private:
  [[noreturn]] void fail(const char* at, const std::string& message, const std::string& hint = "") const;
  // What sits at `at`, for "found ..." in messages.
  std::string describe(const char* at) const;
  const char* token_end(const char* at) const;

  // The end of the last token before `at`: where "found only N" errors point.
  const char* after_last_token(const char* at) const {
    while (at > begin_ && is_space(at[-1])) --at;
    return at;
  }
  void skip_space() {
    while (p_ < end_ && is_space(*p_)) ++p_;
  }
  void expect(char c, const std::string& context, const std::string& hint = "");
  std::string read_word();
  std::string read_string(const std::string& what);
  std::vector<std::string> read_strings_until_brace(const std::string& what, const std::string& hint);
  std::size_t read_count(const std::string& what);

  // The pieces of the last number read, for building its exact value cheaply.
  struct NumberParts {
    bool negative = false;
    bool simple = false;            // mantissa, exponent and denominator are exact
    std::uint64_t mantissa = 0;     // value = +-mantissa * 10^exponent [/ denominator]
    int exponent = 0;
    std::uint64_t denominator = 0;  // 0: not a rational
  };
  // Parses the number at p_ (p_ < end_ and not at a space); advances p_ past it.
  double read_double(NumberParts& parts);
  mpq_class read_exact(const char* start, const char* stop);
  // The exact value of the number just read into entry i of `table`.
  void to_exact(const NumberParts& parts, const char* start, const char* stop, ExactPayoffTable& table,
                std::size_t i);
  void skip_separator() {
    skip_space();
    if (p_ < end_ && *p_ == ',') {
      ++p_;
      skip_space();
    }
  }

  // How the exact payoffs are kept: not at all, as decimals recovered from
  // the doubles (DecimalPayoffs: no work per payoff beyond noting its
  // places), or listed (ExactPayoffTable) from the first payoff that is not
  // a short decimal on.
  enum class ExactForm { None, Decimals, Listed };
  // Tracks whether the payoffs read so far are short decimals that
  // DecimalPayoffs recovers from their doubles, all together.
  struct DecimalTracker {
    int places = 0;
    double max_abs = 0;
    // False, and the tracker unchanged, when the number just read (x, from
    // `parts`) is not a short decimal or would make the payoffs so far too
    // large for their places. DecimalPayoffs::fits grows harder with both,
    // so checking every prefix decides as checking the whole body once
    // would, and the payoffs before a refusal can still be listed exactly
    // from their doubles (list_decimals): the body is read once.
    bool add(const NumberParts& parts, double x) {
      if (parts.mantissa == 0) return true;  // 0, 0.000, 0/7: zero, whatever its form
      if (!parts.simple || parts.denominator || parts.exponent < -DecimalPayoffs::kMaxPlaces) return false;
      const double magnitude = std::abs(x);
      if (-parts.exponent <= places && magnitude <= max_abs) return true;  // the usual case: nothing grows
      const int new_places = std::max(places, -parts.exponent);
      const double new_max_abs = std::max(max_abs, magnitude);
      if (!DecimalPayoffs::fits(new_max_abs, new_places)) return false;
      places = new_places;
      max_abs = new_max_abs;
      return true;
    }
  };
  // Entries [begin, end) of `values`, each the double of a payoff
  // `decimals` accepted, as exact rationals into the same entries of
  // `exact`: the switch from Decimals to Listed. The same lowest terms that
  // to_exact gives from the text.
  static void list_decimals(const DecimalTracker& decimals, const double* values, std::size_t begin,
                            std::size_t end, ExactPayoffTable& exact) {
    const DecimalPayoffs recover(decimals.places);
    for (std::size_t i = begin; i < end; ++i) {
      const SmallFraction fraction = recover.lowest_terms(values[i]);
      exact.set_small(i, fraction.num, fraction.den);
    }
  }
  // Read the body once; `form` is None or Decimals (which turns Listed at
  // the first payoff that is not a short decimal).
  void read_payoff_list(NormalFormGame& game, ExactForm form);
  void read_outcome_list(NormalFormGame& game, ExactForm form);
  // A payoff list being read: the game's doubles and the exact payoffs so far.
  struct PayoffList {
    NormalFormGame& game;
    std::size_t players, profiles;
    double* table;  // player-major: table[player * profiles + index]
    ExactForm form;
    ExactPayoffTable exact_values;
    DecimalTracker decimals;
  };
  // Reads the payoffs from number `first` (file order) to the last one, in
  // `Form` (a template so that each form has a loop of its own, as the
  // decimals' read must not pay for the others); Decimals goes on in Listed
  // from the first payoff the tracker refuses.
  template <ExactForm Form>
  void read_payoffs(PayoffList& list, std::size_t first);

  const char* begin_;
  const char* p_;
  const char* end_;
  const NfgReadOptions& options_;
};

void NfgParser::fail(const char* at, const std::string& message, const std::string& hint) const {
  int line = 1;
  const char* line_start = begin_;
  for (const char* q = begin_; q < at; ++q)
    if (*q == '\n') {
      ++line;
      line_start = q + 1;
    }
  int column = 1;
  for (const char* q = line_start; q < at; ++q)
    if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) ++column;  // count UTF-8 code points
  throw InputError(options_.file_name, line, column, message, hint);
}

const char* NfgParser::token_end(const char* at) const {
  const char* q = at;
  while (q < end_ && !is_delimiter(*q)) ++q;
  return q;
}

std::string NfgParser::describe(const char* at) const {
  if (at >= end_) return "the end of the file";
  if (*at == '"') return "a quoted string";
  if (*at == '{' || *at == '}' || *at == ',') return std::string("'") + *at + "'";
  std::string text(at, std::min<std::size_t>(token_end(at) - at, 24));
  if (static_cast<std::size_t>(token_end(at) - at) > 24) text += "...";
  return "'" + text + "'";
}

void NfgParser::expect(char c, const std::string& context, const std::string& hint) {
  skip_space();
  if (p_ >= end_ || *p_ != c)
    fail(p_, std::string("expected '") + c + "' " + context + ", found " + describe(p_), hint);
  ++p_;
}

std::string NfgParser::read_word() {
  skip_space();
  const char* start = p_;
  p_ = token_end(p_);
  return std::string(start, p_);
}

// Quoted strings up to and including the closing '}' (the '{' is already read).
std::vector<std::string> NfgParser::read_strings_until_brace(const std::string& what, const std::string& hint) {
  std::vector<std::string> list;
  while (true) {
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return list;
    }
    if (p_ >= end_ || *p_ != '"')
      fail(p_, "expected " + what + " in double quotes or '}', found " + describe(p_), hint);
    const char* at = p_;
    list.push_back(read_string(what));
    // Names and labels are one line of text in every report: a line break or
    // an escape sequence in one could forge report lines or drive a terminal.
    for (const char c : list.back())
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
        fail(at, what + " contains a control character (a line break, tab or escape)",
             "names and labels are one line of printable text");
  }
}

std::string NfgParser::read_string(const std::string& what) {
  skip_space();
  if (p_ >= end_ || *p_ != '"')
    fail(p_, "expected " + what + " in double quotes, found " + describe(p_),
         "a file starts NFG 1 R \"title\" { \"Player 1\" \"Player 2\" }; names and labels are quoted");
  const char* open = p_++;
  std::string out;
  while (true) {
    const char* run = p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\') ++p_;
    out.append(run, p_);
    if (p_ >= end_)
      fail(open, "unterminated string: " + what + " has no closing '\"'",
           "close the string with \"; write \\\" for a quote inside it");
    if (*p_ == '"') {
      ++p_;
      // Names and labels reach JSON reports, which are UTF-8: check here, where
      // the position is known (models/io/utf8.hpp).
      const std::string_view raw(open + 1, static_cast<std::size_t>(p_ - open - 2));
      const std::size_t bad = first_invalid_utf8(raw);
      if (bad != kValidUtf8) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(raw[bad]));
        fail(open + 1 + bad, what + " is not valid UTF-8 (byte " + byte + ")",
             "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8 FILE > NEW)");
      }
      return out;
    }
    // Backslash: the next character is taken literally (\" and \\).
    if (p_ + 1 >= end_)
      fail(open, "unterminated string: " + what + " has no closing '\"'",
           "close the string with \"; write \\\" for a quote inside it");
    out += p_[1];
    p_ += 2;
  }
}

std::size_t NfgParser::read_count(const std::string& what) {
  skip_space();
  const char* start = p_;
  const char* stop = token_end(p_);
  std::size_t value = 0;
  const auto result = std::from_chars(start, stop, value);
  if (start == stop || result.ec != std::errc() || result.ptr != stop)
    fail(start, "expected " + what + " (a positive integer), found " + describe(start),
         "strategy counts read { 2 3 }; strategy labels read { { \"a\" \"b\" } { \"c\" \"d\" \"e\" } }");
  if (value == 0) fail(start, what + " must be at least 1", "every player needs at least one strategy");
  p_ = stop;
  return value;
}

double NfgParser::read_double(NumberParts& parts) {
  const char* start = p_;
  const char* s = p_;
  parts = NumberParts{};
  if (*s == '-' || *s == '+') parts.negative = *s++ == '-';
  const char* const number_hint = "payoffs are numbers such as 3, -1.5, 2.5e-3 or 3/4";
  std::uint64_t mantissa = 0;
  int significant = 0;  // digits accumulated in mantissa (leading zeros skipped)
  int exponent = 0;     // value = mantissa * 10^exponent
  bool truncated = false, any_digit = false, point = false;
  for (; s < end_ && is_digit(*s); ++s) {
    any_digit = true;
    const unsigned digit = static_cast<unsigned>(*s - '0');
    if (significant < 19) {
      mantissa = mantissa * 10 + digit;
      if (mantissa) ++significant;
    } else {
      ++exponent;
      truncated = truncated || digit != 0;
    }
  }
  if (s < end_ && *s == '.') {
    point = true;
    for (++s; s < end_ && is_digit(*s); ++s) {
      any_digit = true;
      const unsigned digit = static_cast<unsigned>(*s - '0');
      if (significant < 19) {
        mantissa = mantissa * 10 + digit;
        if (mantissa) ++significant;
        --exponent;
      } else {
        truncated = truncated || digit != 0;
      }
    }
  }
  if (!any_digit) {
    const char c = *start;
    if (c != '-' && c != '+' && c != '.' && !is_digit(c))
      fail(start, "unknown token " + describe(start) + ", expected a number", number_hint);
    fail(start, "bad number " + describe(start), number_hint);
  }
  bool has_exponent = false;
  if (s < end_ && (*s == 'e' || *s == 'E')) {
    has_exponent = true;
    ++s;
    bool exp_negative = false;
    if (s < end_ && (*s == '-' || *s == '+')) exp_negative = *s++ == '-';
    if (s >= end_ || !is_digit(*s))
      fail(start, "bad number " + describe(start) + ": an exponent needs digits after 'e'", number_hint);
    int explicit_exponent = 0;
    for (; s < end_ && is_digit(*s); ++s) {
      explicit_exponent = explicit_exponent * 10 + (*s - '0');
      if (explicit_exponent > kMaxDecimalExponent)
        fail(start, "bad number " + describe(start) + ": exponent out of range", number_hint);
    }
    exponent += exp_negative ? -explicit_exponent : explicit_exponent;
  }
  parts.mantissa = mantissa;
  parts.exponent = exponent;
  parts.simple = !truncated;
  double value;
  if (s < end_ && *s == '/') {
    if (point || has_exponent)
      fail(start, "bad number " + describe(start) + ": a rational p/q needs integers on both sides",
           number_hint);
    ++s;
    std::uint64_t denominator = 0;
    int denominator_digits = 0;
    const char* den_start = s;
    for (; s < end_ && is_digit(*s); ++s) {
      if (denominator_digits < 19) denominator = denominator * 10 + static_cast<unsigned>(*s - '0');
      if (denominator) ++denominator_digits;
    }
    if (s == den_start)
      fail(start, "bad number " + describe(start) + ": a rational p/q needs integers on both sides",
           number_hint);
    if (s < end_ && !is_delimiter(*s)) fail(start, "bad number " + describe(start), number_hint);
    if (denominator_digits == 0) fail(start, "bad number " + describe(start) + ": division by zero", number_hint);
    parts.denominator = denominator;
    parts.simple = parts.simple && exponent == 0 && denominator_digits < 19;
    p_ = s;
    if (parts.simple && mantissa <= kTwoTo53 && denominator <= kTwoTo53) {
      // Both exact doubles: one IEEE division is correctly rounded.
      value = static_cast<double>(mantissa) / static_cast<double>(denominator);
      return (parts.negative && value != 0.0) ? -value : value;
    }
    // mpq's get_d truncates and overflows to infinity: round to nearest and
    // reject what no double can hold, like the decimal path below.
    value = nearest_double(read_exact(start, s));
    if (!std::isfinite(value))
      fail(start, "number " + describe(start) + " is too large for a double",
           "payoffs must be finite; rescale the game");
    return value;
  }
  if (s < end_ && !is_delimiter(*s)) fail(start, "bad number " + describe(start), number_hint);
  p_ = s;
  if (mantissa == 0) return 0.0;  // also "-0": payoffs have no signed zero
  if (!truncated && mantissa <= kTwoTo53 && exponent >= -22 && exponent <= 22) {
    value = exponent >= 0 ? static_cast<double>(mantissa) * kPowersOfTen[exponent]
                          : static_cast<double>(mantissa) / kPowersOfTen[-exponent];
    return parts.negative ? -value : value;
  }
  // Correctly rounded general case (from_chars takes no leading '+').
  const char* from = (*start == '+') ? start + 1 : start;
  const auto result = std::from_chars(from, s, value);
  if (result.ec == std::errc::result_out_of_range) {
    if (exponent + significant > 0)
      fail(start, "number " + describe(start) + " is too large for a double",
           "payoffs must be finite; rescale the game");
    return 0.0;  // underflow
  }
  if (result.ec != std::errc() || result.ptr != s) fail(start, "bad number " + describe(start), number_hint);
  return value;
}

mpq_class NfgParser::read_exact(const char* start, const char* stop) {
  std::string why;
  std::optional<mpq_class> value = parse_exact_number(std::string_view(start, stop - start), &why);
  if (!value)
    fail(start, "bad number " + describe(start) + ": " + why,
         "payoffs are numbers such as 3, -1.5, 2.5e-3 or 3/4");
  return *value;
}

void NfgParser::to_exact(const NumberParts& parts, const char* start, const char* stop, ExactPayoffTable& table,
                         std::size_t i) {
  if (!parts.simple || parts.exponent > 19 || parts.exponent < -19) {
    table.set(i, read_exact(start, stop));
    return;
  }
  static constexpr std::uint64_t kPowersOfTen64[] = {1ull,
                                                     10ull,
                                                     100ull,
                                                     1000ull,
                                                     10000ull,
                                                     100000ull,
                                                     1000000ull,
                                                     10000000ull,
                                                     100000000ull,
                                                     1000000000ull,
                                                     10000000000ull,
                                                     100000000000ull,
                                                     1000000000000ull,
                                                     10000000000000ull,
                                                     100000000000000ull,
                                                     1000000000000000ull,
                                                     10000000000000000ull,
                                                     100000000000000000ull,
                                                     1000000000000000000ull,
                                                     10000000000000000000ull};
  // 5^k for k <= 19 and 2^k for k <= 19 multiply to at most 10^19: fits.
  static constexpr std::uint64_t kPowersOfFive[] = {1ull,
                                                    5ull,
                                                    25ull,
                                                    125ull,
                                                    625ull,
                                                    3125ull,
                                                    15625ull,
                                                    78125ull,
                                                    390625ull,
                                                    1953125ull,
                                                    9765625ull,
                                                    48828125ull,
                                                    244140625ull,
                                                    1220703125ull,
                                                    6103515625ull,
                                                    30517578125ull,
                                                    152587890625ull,
                                                    762939453125ull,
                                                    3814697265625ull,
                                                    19073486328125ull};
  // Reduce in 64-bit integers to lowest terms: no GMP at all when the result
  // fits in int64 (ExactPayoffTable's small entries), as it does for nearly
  // every payoff in practice.
  std::uint64_t numerator = parts.mantissa;
  std::uint64_t denominator = 1;
  if (numerator == 0) {
    table.set_small(i, 0, 1);
    return;
  }
  if (parts.denominator) {
    const std::uint64_t g = std::gcd(numerator, parts.denominator);
    numerator /= g;
    denominator = parts.denominator / g;
  } else if (parts.exponent >= 0) {
    if (__builtin_mul_overflow(numerator, kPowersOfTen64[parts.exponent], &numerator)) {
      table.set(i, read_exact(start, stop));
      return;
    }
  } else {
    // numerator / 10^k: cancel the common factors 2 and 5.
    const int k = -parts.exponent;
    const int twos = std::min(std::countr_zero(numerator), k);
    numerator >>= twos;
    int fives = 0;
    while (fives < k && numerator % 5 == 0) {
      numerator /= 5;
      ++fives;
    }
    denominator = (std::uint64_t{1} << (k - twos)) * kPowersOfFive[k - fives];
  }
  constexpr std::uint64_t kInt64Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (numerator > kInt64Max || denominator > kInt64Max) {
    table.set(i, read_exact(start, stop));
    return;
  }
  const auto num = static_cast<std::int64_t>(numerator);
  table.set_small(i, parts.negative ? -num : num, static_cast<std::int64_t>(denominator));
}

template <NfgParser::ExactForm Form>
void NfgParser::read_payoffs(PayoffList& list, std::size_t first) {
  const std::size_t players = list.players, profiles = list.profiles, expected = players * profiles;
  double* const table = list.table;
  NumberParts parts;
  std::size_t player = first % players;
  for (std::size_t index = first / players; index < profiles; ++index, player = 0) {
    for (; player < players; ++player) {
      if (p_ >= end_)
        fail(after_last_token(p_),
             "expected " + plural(expected, "payoff") + ", found " + std::to_string(index * players + player),
             "a payoff list has one number per player for each of the " + plural(profiles, "profile") + " (" +
                 sizes_text(list.game.action_counts()) + "), player 1's strategy changing fastest");
      if (*p_ == '{' || *p_ == '}' || *p_ == '"' || *p_ == ',')
        fail(p_, "expected a payoff (number " + std::to_string(index * players + player + 1) + " of " +
                     std::to_string(expected) + "), found " + describe(p_),
             "a payoff list holds numbers only");
      const char* start = p_;
      const double x = read_double(parts);
      table[player * profiles + index] = x;
      if constexpr (Form == ExactForm::Decimals) {
        if (!list.decimals.add(parts, x)) {
          // Read so far: profiles 0..index-1 of every player, and profile
          // index of the players before this one; then this payoff and the
          // rest listed.
          list.form = ExactForm::Listed;
          list.exact_values.resize(expected);
          for (std::size_t q = 0; q < players; ++q)
            list_decimals(list.decimals, table, q * profiles, q * profiles + index + (q < player ? 1 : 0),
                          list.exact_values);
          to_exact(parts, start, p_, list.exact_values, player * profiles + index);
          skip_separator();
          read_payoffs<ExactForm::Listed>(list, index * players + player + 1);
          return;
        }
      }
      if constexpr (Form == ExactForm::Listed) to_exact(parts, start, p_, list.exact_values, player * profiles + index);
      skip_separator();
    }
  }
}

void NfgParser::read_payoff_list(NormalFormGame& game, ExactForm form) {
  PayoffList list{game, game.num_players(), game.num_profiles(), game.payoff_table(0).data(), form, {}, {}};
  skip_space();
  if (form == ExactForm::Decimals) read_payoffs<ExactForm::Decimals>(list, 0);
  else read_payoffs<ExactForm::None>(list, 0);
  if (p_ < end_)
    fail(p_, "more payoffs than the game has: expected " + plural(list.players * list.profiles, "payoff") +
                 ", found " + describe(p_) + " after them",
         "the header declares " + sizes_text(game.action_counts()) + " strategies and " +
             plural(list.players, "player"));
  // The doubles read are the exact values correctly rounded.
  if (list.form == ExactForm::Listed) game.adopt_exact_payoffs(std::move(list.exact_values));
  if (list.form == ExactForm::Decimals) game.adopt_decimal_exact_payoffs(list.decimals.places);
}

void NfgParser::read_outcome_list(NormalFormGame& game, ExactForm form) {
  const std::size_t players = game.num_players();
  const std::size_t profiles = game.num_profiles();
  std::vector<double> outcome_payoffs;  // outcome-major, players entries each
  ExactPayoffTable outcome_exact;
  DecimalTracker decimals;
  NumberParts parts;
  expect('{', "to open the outcome list");
  std::size_t outcomes = 0;
  while (true) {
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      break;
    }
    const char* outcome_start = p_;
    expect('{', "to open outcome " + std::to_string(outcomes + 1) + " or '}' to close the outcome list",
           "each outcome reads { \"name\" u1, u2, ... } with one payoff per player");
    skip_space();
    if (p_ < end_ && *p_ == '"') read_string("the outcome name");
    ++outcomes;
    for (std::size_t player = 0; player < players; ++player) {
      skip_separator();
      if (p_ >= end_ || *p_ == '}' || *p_ == '{' || *p_ == '"')
        fail(p_,
             "outcome " + std::to_string(outcomes) + " has " + plural(player, "payoff") + ", expected " +
                 std::to_string(players) + " (one per player), found " + describe(p_),
             "each outcome reads { \"name\" u1, u2, ... } with one payoff per player");
      const char* start = p_;
      outcome_payoffs.push_back(read_double(parts));
      const std::size_t i = outcome_payoffs.size() - 1;
      if (form == ExactForm::Decimals && !decimals.add(parts, outcome_payoffs.back())) {
        form = ExactForm::Listed;
        outcome_exact.resize(i);
        list_decimals(decimals, outcome_payoffs.data(), 0, i, outcome_exact);
      }
      if (form == ExactForm::Listed) {
        outcome_exact.resize(i + 1);
        to_exact(parts, start, p_, outcome_exact, i);
      }
    }
    skip_separator();
    if (p_ >= end_ || *p_ != '}')
      fail(p_ < end_ ? p_ : outcome_start,
           "outcome " + std::to_string(outcomes) + " has more than " + plural(players, "payoff") +
               " or is not closed: expected '}', found " + describe(p_),
           "each outcome reads { \"name\" u1, u2, ... } with one payoff per player");
    ++p_;
  }
  const bool exact = form == ExactForm::Listed;
  ExactPayoffTable exact_values;
  if (exact) exact_values.resize(players * profiles);
  double* table = game.payoff_table(0).data();
  skip_space();
  for (std::size_t index = 0; index < profiles; ++index) {
    if (p_ >= end_)
      fail(after_last_token(p_),
           "expected " + plural(profiles, "outcome number") + " (one per profile), found " +
               std::to_string(index),
           "after the outcome list comes one outcome number per profile (" +
               sizes_text(game.action_counts()) + "), player 1's strategy changing fastest");
    const char* start = p_;
    const char* stop = token_end(p_);
    std::size_t number = 0;
    const auto result = std::from_chars(start, stop, number);
    if (start == stop || result.ec != std::errc() || result.ptr != stop)
      fail(start, "expected an outcome number (0 to " + std::to_string(outcomes) + "), found " +
                      describe(start),
           "0 is the null outcome (all payoffs zero); 1.." + std::to_string(outcomes) +
               " refer to the outcome list in order");
    if (number > outcomes)
      fail(start, "outcome number " + std::to_string(number) + " is out of range",
           "the file defines " + plural(outcomes, "outcome") + "; 0 is the null outcome");
    for (std::size_t player = 0; player < players; ++player) {
      table[player * profiles + index] = number ? outcome_payoffs[(number - 1) * players + player] : 0.0;
      if (exact && number)
        exact_values.copy_entry(player * profiles + index, outcome_exact, (number - 1) * players + player);
    }
    p_ = stop;
    skip_separator();
  }
  if (p_ < end_)
    fail(p_, "more outcome numbers than profiles: expected " + plural(profiles, "outcome number") +
                 ", found " + describe(p_) + " after them",
         "the header declares " + sizes_text(game.action_counts()) + " strategies");
  if (exact) game.adopt_exact_payoffs(std::move(exact_values));
  // Only outcomes' payoffs and the null outcome's zeros reach the table.
  if (form == ExactForm::Decimals) game.adopt_decimal_exact_payoffs(decimals.places);
}

NormalFormGame NfgParser::parse() {
  // A UTF-8 byte order mark is not part of the text.
  if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
  const std::string header_hint = "a strategic game file starts with NFG 1 R \"title\" { \"Player 1\" \"Player 2\" }";
  skip_space();
  const char* magic_at = p_;
  const std::string magic = read_word();
  if (magic != "NFG") {
    if (magic == "EFG")
      fail(magic_at, "this is an extensive-form game (EFG), not a strategic game (NFG)",
           "negsim reads Gambit .nfg files; convert the game to strategic form in Gambit first");
    fail(magic_at, "expected 'NFG' at the start of the file, found " + describe(magic_at), header_hint);
  }
  const char* version_at = (skip_space(), p_);
  const std::string version = read_word();
  if (version != "1")
    fail(version_at, "unsupported .nfg version " + describe(version_at) + ", expected 1", header_hint);
  const char* kind_at = (skip_space(), p_);
  const std::string kind = read_word();
  if (kind != "R" && kind != "D")
    fail(kind_at, "expected R or D after 'NFG 1', found " + describe(kind_at), header_hint);
  std::string title = read_string("the game title");

  expect('{', "to open the list of player names", header_hint);
  std::vector<std::string> player_names = read_strings_until_brace("a player name", header_hint);
  const char* strategies_at = (skip_space(), p_);
  if (player_names.empty()) fail(strategies_at, "the game has no players", header_hint);

  std::vector<std::size_t> sizes;
  std::vector<std::vector<std::string>> labels;
  const std::string strategies_hint =
      "after the player names comes { 2 3 } (strategy counts) or { { \"a\" \"b\" } { \"c\" \"d\" \"e\" } } "
      "(strategy labels), one entry per player";
  expect('{', "to open the strategy counts or labels", strategies_hint);
  skip_space();
  const bool labelled = p_ < end_ && *p_ == '{';
  while (true) {
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      break;
    }
    if (p_ >= end_) fail(p_, "unexpected end of file in the strategy list", strategies_hint);
    if (labelled) {
      const std::size_t player = labels.size() + 1;
      expect('{', "to open the strategy labels of player " + std::to_string(player) + " or '}'",
             strategies_hint);
      std::vector<std::string> list = read_strings_until_brace("a strategy label", strategies_hint);
      if (list.empty())
        fail(p_ - 1, "player " + std::to_string(player) + " has no strategies",
             "every player needs at least one strategy");
      sizes.push_back(list.size());
      labels.push_back(std::move(list));
    } else {
      sizes.push_back(read_count("the number of strategies of player " + std::to_string(sizes.size() + 1)));
    }
  }
  if (sizes.size() != player_names.size())
    fail(strategies_at,
         "player count mismatch: " + plural(player_names.size(), "player name") + " but " +
             std::to_string(sizes.size()) + " strategy " + (labelled ? "lists" : "counts"),
         "give one strategy count or label list per player, in the order of the player names");

  skip_space();
  std::string comment;
  if (p_ < end_ && *p_ == '"') comment = read_string("the comment");
  skip_space();

  // Check the size before allocating anything: the profile count must not
  // overflow, and the rest of the text must be able to hold the body.
  const std::uint64_t profiles = NormalFormGame::count_profiles(sizes);
  if (profiles == 0)
    fail(strategies_at, "too many strategy profiles (" + sizes_text(sizes) + " overflows 2^63)",
         "no text file can hold a payoff table this size");
  const bool outcome_style = p_ < end_ && *p_ == '{';
  const std::uint64_t players = player_names.size();
  if (profiles > std::numeric_limits<std::uint64_t>::max() / 64 / players)
    fail(strategies_at, "too many strategy profiles (" + sizes_text(sizes) + " for " +
                            plural(players, "player") + ")",
         "no text file can hold a payoff table this size");
  const std::uint64_t body_numbers = outcome_style ? profiles : profiles * players;
  const std::uint64_t remaining = static_cast<std::uint64_t>(end_ - p_);
  if (body_numbers > 65536 && body_numbers > remaining / 2 + 1)
    fail(p_,
         "the file is too short for its header: " + sizes_text(sizes) + " strategies need " +
             std::to_string(body_numbers) + (outcome_style ? " outcome numbers" : " payoffs") +
             " but only " + std::to_string(remaining) + " bytes remain",
         "the file is truncated or the strategy counts are wrong");
  const bool exact = options_.exact == ExactMode::Always ||
                     (options_.exact == ExactMode::Auto && profiles * players <= kAutoExactLimit);
  // Doubles, plus a 64-bit fraction per entry in exact mode (when the payoffs are not all short decimals).
  const std::uint64_t bytes_needed = profiles * players * (sizeof(double) + (exact ? sizeof(SmallFraction) : 0));
  if (bytes_needed > physical_memory_bytes() / 4 * 3)
    throw LimitError(options_.file_name + ": the payoff table of " + sizes_text(sizes) + " (" +
                     plural(players, "player") + ") needs about " +
                     std::to_string(bytes_needed >> 20) + " MiB, more than this machine's memory allows");

  NormalFormGame game(std::move(sizes));
  game.title = std::move(title);
  game.comment = std::move(comment);
  game.player_names = std::move(player_names);
  if (labelled) game.action_labels = std::move(labels);
  // Decimals, turning listed at the first payoff that is not a short decimal
  // (rationals such as 1/3, more than 18 places, very large numbers).
  const ExactForm form = exact ? ExactForm::Decimals : ExactForm::None;
  if (outcome_style) read_outcome_list(game, form);
  else read_payoff_list(game, form);
  return game;
}

// ---------------------------------------------------------------------------
// Writing

void append_payoff(std::string& out, const NormalFormGame& game, std::size_t player, std::size_t index) {
  if (game.has_exact()) {
    SmallFraction small;
    if (!game.small_exact_payoff(player, index, small)) {
      out += game.exact_payoff(player, index).get_str();
      return;
    }
    // As mpq_class::get_str writes it: "n", or "n/d" in lowest terms.
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, small.num).ptr);
    if (small.den != 1) {
      out += '/';
      out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, small.den).ptr);
    }
    return;
  }
  const double value = game.payoff(player, index);
  if (!std::isfinite(value))
    throw InputError("", 0, 0,
                     "cannot write payoff of player " + std::to_string(player + 1) + " at profile " +
                         std::to_string(index + 1) + ": it is not a finite number",
                     "every payoff in a .nfg file is a finite number");
  if (value == 0.0) {
    out += '0';
    return;
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string errno_text(int error) { return std::strerror(error); }


}  // namespace

std::string quote_nfg_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

NormalFormGame read_nfg(std::string_view text, const NfgReadOptions& options) {
  return NfgParser(text, options).parse();
}

NormalFormGame read_nfg_file(const std::string& path, NfgReadOptions options) {
  if (options.file_name.empty()) options.file_name = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    throw InputError(path, 0, 0, "cannot open file: " + errno_text(error),
                     error == ENOENT ? "check the path; relative paths start from the current folder"
                                     : "check that the file is readable");
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw InputError(path, 0, 0, "cannot read file: it is a directory", "give the path of a .nfg file");
  }
  // One read of the whole file (more only for pipes or files that grow).
  std::size_t capacity = info.st_size > 0 ? static_cast<std::size_t>(info.st_size) + 1 : 65536;
  std::unique_ptr<char[]> buffer(new char[capacity]);
  std::size_t size = 0;
  while (true) {
    if (size == capacity) {
      std::unique_ptr<char[]> bigger(new char[capacity * 2]);
      std::memcpy(bigger.get(), buffer.get(), size);
      buffer = std::move(bigger);
      capacity *= 2;
    }
    const ssize_t got = ::read(fd, buffer.get() + size, capacity - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      throw InputError(path, 0, 0, "cannot read file: " + errno_text(error), "check that the file is readable");
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return read_nfg(std::string_view(buffer.get(), size), options);
}

std::string write_nfg(const NormalFormGame& game, NfgBodyStyle style) {
  const std::size_t players = game.num_players();
  const std::size_t profiles = game.num_profiles();
  std::string out;
  out.reserve(256 + profiles * players * 10);
  out += "NFG 1 R ";
  out += quote_nfg_string(game.title);
  out += " {";
  for (std::size_t p = 0; p < players; ++p) {
    out += ' ';
    out += quote_nfg_string(p < game.player_names.size() ? game.player_names[p]
                                                         : "Player " + std::to_string(p + 1));
  }
  out += " }\n\n{ ";
  for (std::size_t p = 0; p < players; ++p) {
    out += '{';
    for (std::size_t a = 0; a < game.num_actions(p); ++a) {
      out += ' ';
      const bool has_label = p < game.action_labels.size() && a < game.action_labels[p].size();
      out += quote_nfg_string(has_label ? game.action_labels[p][a] : std::to_string(a + 1));
    }
    out += " }\n";
  }
  out += "}\n";
  out += quote_nfg_string(game.comment);
  out += "\n\n";
  if (style == NfgBodyStyle::PayoffList) {
    for (std::size_t index = 0; index < profiles; ++index) {
      for (std::size_t p = 0; p < players; ++p) {
        if (p) out += ' ';
        append_payoff(out, game, p, index);
      }
      out += '\n';
    }
  } else {
    // One outcome per profile, unnamed, as Gambit writes games it built itself.
    out += "{\n";
    for (std::size_t index = 0; index < profiles; ++index) {
      out += "{ \"\" ";
      for (std::size_t p = 0; p < players; ++p) {
        if (p) out += ", ";
        append_payoff(out, game, p, index);
      }
      out += " }\n";
    }
    out += "}\n";
    for (std::size_t index = 0; index < profiles; ++index) {
      if (index) out += ' ';
      out += std::to_string(index + 1);
    }
    out += '\n';
  }
  return out;
}

void write_nfg_file(const std::string& path, const NormalFormGame& game, NfgBodyStyle style) {
  std::string text;
  try {
    text = write_nfg(game, style);
  } catch (const InputError& error) {
    throw InputError(path, 0, 0, error.message(), error.hint());
  }
  write_file_atomically(path, text);
}

std::string random_nfg_text(const std::vector<std::size_t>& sizes, std::uint64_t seed, int decimals) {
  if (decimals < 0 || decimals > 18) throw std::invalid_argument("decimals must be between 0 and 18");
  const std::uint64_t profiles = NormalFormGame::count_profiles(sizes);
  if (sizes.empty()) throw std::invalid_argument("bad game sizes for a random game");
  if (profiles == 0)
    throw LimitError("a random " + sizes_text(sizes) + " game has more than 2^63 profiles; no file can hold it");
  std::string out = "NFG 1 R \"Random " + sizes_text(sizes) + " game, seed " + std::to_string(seed) + "\" {";
  for (std::size_t p = 0; p < sizes.size(); ++p) out += " \"Player " + std::to_string(p + 1) + "\"";
  out += " } {";
  for (std::size_t n : sizes) {
    out += ' ';
    out += std::to_string(n);  // (" " + to_string trips a false -Wrestrict in GCC 12)
  }
  out += " }\n\n";
  const std::size_t width = decimals == 0 ? 2 : static_cast<std::size_t>(decimals) + 3;
  check_memory_estimate(static_cast<double>(profiles) * static_cast<double>(sizes.size()) * width,
                        "the text of a random " + sizes_text(sizes) + " game");
  out.reserve(out.size() + profiles * sizes.size() * width);
  std::mt19937_64 rng(seed);
  std::uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const std::uint64_t range = decimals == 0 ? 10 : scale;
  char number[24];
  for (std::uint64_t index = 0; index < profiles; ++index) {
    for (std::size_t p = 0; p < sizes.size(); ++p) {
      std::uint64_t value = rng() % range;
      if (decimals == 0) {
        out += static_cast<char>('0' + value);
      } else {
        number[0] = '0';
        number[1] = '.';
        for (int d = decimals; d > 0; --d) {
          number[1 + d] = static_cast<char>('0' + value % 10);
          value /= 10;
        }
        out.append(number, static_cast<std::size_t>(decimals) + 2);
      }
      out += p + 1 < sizes.size() ? ' ' : '\n';
    }
  }
  return out;
}

void write_random_nfg_file(const std::string& path, std::vector<std::size_t> sizes, std::uint64_t seed,
                           int decimals) {
  write_file_atomically(path, random_nfg_text(sizes, seed, decimals));
}

}  // namespace negsim
