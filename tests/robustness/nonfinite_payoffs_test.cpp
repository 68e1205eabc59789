// NaN and infinite payoffs are rejected with a clear InputError by every path
// that brings payoffs in: .nfg payoff lists and outcome lists, NE lines,
// scenario parameters, lever values, payoff expressions and --set overrides.
// Regression: a rational p/q too large for a double (e.g. 10^400/1) used to
// be read as +infinity (mpq's get_d overflows) and accepted as a payoff.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "models/errors.hpp"
#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

std::string payoff_list_game(const std::string& payoff) {
  return "NFG 1 R \"t\" { \"A\" \"B\" } { 1 2 }\n\n" + payoff + " 0 1 2\n";
}
std::string outcome_list_game(const std::string& payoff) {
  return "NFG 1 R \"t\" { \"A\" \"B\" } { { \"x\" } { \"l\" \"r\" } }\n\"\"\n{ { \"o1\" " + payoff +
         ", 0 } { \"o2\" 1, 2 } }\n1 2\n";
}

// Reading `text` is an InputError at line `line` whose message mentions `words`.
void check_nfg_rejects(const std::string& text, int line, const std::string& words) {
  for (ExactMode mode : {ExactMode::Never, ExactMode::Auto, ExactMode::Always}) {
    try {
      const NormalFormGame game = read_nfg(text, {"bad.nfg", mode});
      FAIL("accepted: " << text << " (payoff " << game.payoff(0, 0) << ")");
    } catch (const InputError& e) {
      CHECK(e.file() == "bad.nfg");
      CHECK(e.line() == line);
      CHECK(e.column() >= 1);
      CHECK_MESSAGE(e.message().find(words) != std::string::npos, e.what());
    }
  }
}

std::string scenario(const std::string& parameter, const std::string& lever_values, const std::string& payoff) {
  return "scenario: t\nparameters:\n  k: " + parameter + "\nplayers:\n  us:\n    levers:\n      x: " +
         lever_values + "\npayoffs:\n  us: \"" + payoff + "\"\n";
}

InputError scenario_error(const std::string& text) {
  return negsim::testing::thrown_by<InputError>([&] { build_normal_form(load_scenario_text(text, "bad.yaml")); },
                                                text);
}

}  // namespace

TEST_CASE("nfg: nan and inf tokens are rejected in payoff lists and outcome lists") {
  for (const std::string token : {"nan", "NaN", "-nan", "inf", "-inf", "+inf", "Infinity", "INF", "1.#INF", "0x1p3"}) {
    CAPTURE(token);
    check_nfg_rejects(payoff_list_game(token), 3, "number");
    check_nfg_rejects(outcome_list_game(token), 3, "number");
  }
}

TEST_CASE("nfg: numbers too large for a double are rejected, in every notation") {
  const std::string big(400, '9');
  for (const std::string token : {std::string("1e400"), std::string("-1e400"), std::string("1e9999"), big,
                                  "-" + big, big + "/1", "-" + big + "/3", big + ".5", std::string("0.1e400")}) {
    CAPTURE(token);
    check_nfg_rejects(payoff_list_game(token), 3, "too large");
    check_nfg_rejects(outcome_list_game(token), 3, "too large");
  }
  // An exponent beyond the reader's range is an error of its own.
  check_nfg_rejects(payoff_list_game("1e99999"), 3, "exponent out of range");
}

TEST_CASE("nfg: the largest finite payoffs and tiny ones are read exactly") {
  const NormalFormGame game = read_nfg(payoff_list_game("1.7976931348623157e308"), {"ok.nfg", ExactMode::Auto});
  CHECK(game.payoff(0, 0) == std::numeric_limits<double>::max());
  const std::string near_max = "17976931348623157" + std::string(292, '0') + "/1";
  CHECK(read_nfg(payoff_list_game(near_max), {"ok.nfg", ExactMode::Auto}).payoff(0, 0) ==
        std::numeric_limits<double>::max());
  // 1e-400 underflows to 0, which is a finite payoff, not an error.
  CHECK(read_nfg(payoff_list_game("1e-400"), {"ok.nfg", ExactMode::Never}).payoff(0, 0) == 0.0);
}

TEST_CASE("nfg: a big rational's double is the nearest double, not mpq's truncation") {
  // 2^53 + 1 over 1 lies halfway between two doubles: nearest-even gives 2^53;
  // (2^54 + 3) / 2 = 2^53 + 1.5 rounds up to 2^53 + 2.
  const NormalFormGame game = read_nfg(payoff_list_game("18014398509481987/2"), {"ok.nfg", ExactMode::Never});
  CHECK(game.payoff(0, 0) == 9007199254740994.0);
  const std::string third = "1" + std::string(30, '0') + "/3";  // 10^30 / 3
  const NormalFormGame g3 = read_nfg(payoff_list_game(third), {"ok.nfg", ExactMode::Never});
  CHECK(g3.payoff(0, 0) == nearest_double(mpq_class("1" + std::string(30, '0') + "/3")));
}

TEST_CASE("NE lines: nan, inf and huge probabilities are rejected") {
  const NormalFormGame game({2, 2});
  for (const std::string line : {"NE,nan,1,1,0", "NE,inf,0,1,0", "NE,1,0,-inf,1", "NE,1e400,0,1,0",
                                 "NE,1,0,1/0,1", "NE,0x1,0,1,0"}) {
    CAPTURE(line);
    CHECK_THROWS_AS(parse_ne_line(line, game, "bad.ne", 1), InputError);
  }
}

TEST_CASE("scenario: non-finite parameters and lever values are rejected where written") {
  const std::string good_levers = "[0, 1]";
  for (const std::string value : {".nan", ".NaN", ".inf", "-.inf", "nan", "inf", "1e400", "-1e999"}) {
    CAPTURE(value);
    const InputError e = scenario_error(scenario(value, good_levers, "x"));
    CHECK(e.line() == 3);
    CHECK(e.message().find("finite number") != std::string::npos);
  }
  // As lever values they are not numbers, hence labels; 'nan' is a valid
  // label name and '.inf' is not, and a label lever is never infinite.
  const InputError e = scenario_error(scenario("1", "[0, .inf]", "us.x"));
  CHECK(e.line() == 7);
}

TEST_CASE("scenario: payoffs that evaluate to NaN or infinity name the expression and the profile") {
  for (const std::string payoff : {"0/0 * us.x", "log(us.x)", "1 / us.x", "exp(1000 + us.x)", "-exp(1000 + us.x)",
                                   "1e308 * 10 + us.x", "sqrt(us.x - 1)", "pow(us.x - 1, 0.5)", "k / us.x"}) {
    CAPTURE(payoff);
    const InputError e = scenario_error(scenario("1", "[0, 1]", payoff));
    CHECK(e.file() == "bad.yaml");
    CHECK(e.line() == 9);
    const bool says_what = e.message().find("NaN") != std::string::npos ||
                           e.message().find("infinity") != std::string::npos;
    CHECK_MESSAGE(says_what, e.what());
    CHECK(e.message().find("us: x=") != std::string::npos);  // the profile
  }
}

TEST_CASE("--set: NaN and infinity are refused") {
  for (const std::string arg : {"k=nan", "k=inf", "k=-inf", "k=1e999", "k=.nan"})
    CHECK_THROWS_AS(parse_set_argument(arg), UsageError);
  Scenario s = load_scenario_text(scenario("1", "[0, 1]", "k * us.x"), "ok.yaml");
  CHECK_THROWS_AS(apply_overrides(s, {{"k", std::nan("")}}), InputError);
  CHECK_THROWS_AS(apply_overrides(s, {{"k", HUGE_VAL}}), InputError);
}

TEST_CASE("write_nfg refuses a game with a non-finite payoff instead of writing it") {
  NormalFormGame game({2, 2});
  game.set_payoff(1, 3, std::nan(""));
  CHECK_THROWS_AS(write_nfg(game), InputError);
  game.set_payoff(1, 3, -HUGE_VAL);
  CHECK_THROWS_AS(write_nfg(game, NfgBodyStyle::OutcomeList), InputError);
}
