// The checked numeric options (sim/cli/option_ranges.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "models/errors.hpp"
#include "sim/cli/option_ranges.hpp"

using namespace negsim;
using namespace negsim::cli;

TEST_CASE("option ranges: whole numbers") {
  CHECK(parse_count_option("runs", "12", 1, 100) == 12);
  CHECK(parse_count_option("seed", "0", 0, kMaxSeed) == 0);
  CHECK(parse_count_option("seed", "18446744073709551615", 0, kMaxSeed) == std::numeric_limits<std::uint64_t>::max());
  // "-1" would be 2^64 - 1 through program_options.
  for (const char* bad : {"-1", "0", "101", "", "+3", " 3", "3 ", "1e3", "3.0", "nan", "0x10", "18446744073709551616",
                          "99999999999999999999999"}) {
    INFO(bad);
    try {
      parse_count_option("runs", bad, 1, 100);
      FAIL("accepted");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()).find("--runs: expected a whole number from 1 to 100") != std::string::npos);
    }
  }
}

TEST_CASE("option ranges: real numbers") {
  const RealRange unit_open_low{0, 1, true, false};
  CHECK(parse_real_option("delta", "0.9", unit_open_low) == 0.9);
  CHECK(parse_real_option("delta", "1", unit_open_low) == 1);
  CHECK(parse_real_option("delta", "+0.5", unit_open_low) == 0.5);
  CHECK(parse_real_option("delta", "1e-3", unit_open_low) == 0.001);
  CHECK(unit_open_low.text() == "(0, 1]");
  for (const char* bad : {"0", "-0.1", "1.0000001", "nan", "NaN", "inf", "-inf", "infinity", "1e400", "", "0.5x",
                          "0x1p-1", "+-0.5", "--1", " 0.5", "+"}) {
    INFO(bad);
    try {
      parse_real_option("delta", bad, unit_open_low);
      FAIL("accepted");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()).find("--delta: expected a number in (0, 1]") != std::string::npos);
    }
  }
  CHECK(parse_real_option("time-limit", "0", {0, kMaxTimeLimitSeconds}) == 0);
  CHECK_THROWS_AS(parse_real_option("time-limit", "1e10", {0, kMaxTimeLimitSeconds}), UsageError);
}

TEST_CASE("option ranges: program_options values check when notified") {
  std::size_t runs = 7;
  double delta = 0.5;
  po::options_description named;
  named.add_options()("runs", count_value(runs, "runs", 1, 10))("delta", real_value(delta, "delta", {0, 1, true}));
  auto parse = [&](std::vector<std::string> args) {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(named).run(), vm);
    po::notify(vm);
  };
  parse({"--runs", "3", "--delta", "0.25"});
  CHECK(runs == 3);
  CHECK(delta == 0.25);
  CHECK_THROWS_AS(parse({"--runs", "-1"}), UsageError);
  CHECK_THROWS_AS(parse({"--runs=11"}), UsageError);
  CHECK_THROWS_AS(parse({"--delta", "nan"}), UsageError);
  CHECK(runs == 3);
}

// Boost.Program_options 1.74 loops forever formatting an error about a word that
// contains its own placeholder (`--%original_token%x`: found by cli_options_fuzz).
TEST_CASE("option words with Boost's message placeholders are usage errors, not a hang") {
  for (const char* bad : {"--%original_token%max-", "--x=%value%", "%canonical_option%", "--%option%"}) {
    INFO(bad);
    CHECK_THROWS_AS(refuse_message_placeholders({"validate", bad}), UsageError);
  }
  for (const char* fine : {"--out=a%b.csv", "50%", "--set=x=1", "%%", "%A%", "%1%"}) {
    INFO(fine);
    CHECK_NOTHROW(refuse_message_placeholders({fine}));
  }
}
