#include "models/scenario/expression.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"

using namespace negsim;

namespace {

const char* const kScenario = R"(scenario: expression-test
parameters:
  a: 2
  b: {value: 3}
  tiny: 0.5
players:
  us:
    levers:
      tariff: {values: [0, 10, 20, 30]}
      chips: {values: [ease, hold, tighten]}
  china:
    levers:
      farm: {values: [boycott, resume]}
payoffs:
  us: "0"
  china: "0"
)";

const Scenario& scenario() {
  static const Scenario s = load_scenario_text(kScenario, "expr.yaml");
  return s;
}

// Lever slots: us.tariff, us.chips, china.farm.
double eval(const std::string& text, std::vector<std::size_t> values = {0, 0, 0}) {
  const ExpressionContext context(scenario());
  ExpressionText expression{text, {"expr.yaml", 1, 1}, {}};
  const CompiledExpression compiled = compile_expression(expression, context);
  return compiled.evaluate(values);
}

CompiledExpression compiled(const std::string& text) {
  const ExpressionContext context(scenario());
  return compile_expression(ExpressionText{text, {"expr.yaml", 1, 1}, {}}, context);
}

// Compiles the payoff of `us` written as the YAML value `us_value` (raw, with
// its quotes) and returns the error.
InputError payoff_error(const std::string& us_value) {
  const std::string text = std::string(R"(scenario: t
parameters:
  delta: 0.9
players:
  us:
    levers:
      tariff: {values: [0, 10, 20]}
  china:
    levers:
      tariff: {values: [0, 10, 20]}
      farm: {values: [boycott, resume]}
payoffs:
  us: )") + us_value + "\n  china: \"0\"\n";
  const Scenario s = load_scenario_text(text, "errors.yaml");
  const ExpressionContext context(s);
  try {
    compile_expression(s.payoffs[0], context);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("expected an InputError for " << us_value);
  return InputError("", 0, 0, "");
}

}  // namespace

TEST_CASE("expression arithmetic and precedence") {
  CHECK(eval("1 + 2 * 3") == 7);
  CHECK(eval("(1 + 2) * 3") == 9);
  CHECK(eval("10 - 4 - 3") == 3);      // left associative
  CHECK(eval("24 / 4 / 2") == 3);      // left associative
  CHECK(eval("2 ^ 3 ^ 2") == 512);     // right associative
  CHECK(eval("-2 ^ 2") == -4);         // ^ binds tighter than unary minus
  CHECK(eval("2 ^ -1") == 0.5);
  CHECK(eval("- - 3") == 3);
  CHECK(eval("+3") == 3);
  CHECK(eval("1.5e2 + .5") == 150.5);
  CHECK(eval("a * b + tiny") == 6.5);  // parameters
  CHECK(eval("1 + 2 < 4") == 1);       // arithmetic before comparison
  CHECK(eval("1 < 2 and 3 > 4") == 0);
  CHECK(eval("1 < 2 or 3 > 4 and 0") == 1);  // and binds tighter than or
  CHECK(eval("not 1 == 2") == 1);            // not applies to the comparison
  CHECK(eval("not 0 and 0") == 0);
  CHECK(eval("3 >= 3") == 1);
  CHECK(eval("3 <= 2") == 0);
  CHECK(eval("3 != 2") == 1);
}

TEST_CASE("expression functions") {
  CHECK(eval("min(3, 1, 2)") == 1);
  CHECK(eval("max(3, 1, 2)") == 3);
  CHECK(eval("min(7)") == 7);
  CHECK(eval("abs(-2.5)") == 2.5);
  CHECK(eval("exp(0)") == 1);
  CHECK(eval("log(exp(2))") == doctest::Approx(2));
  CHECK(eval("sqrt(16)") == 4);
  CHECK(eval("pow(2, 10)") == 1024);
  CHECK(eval("if(1, 5, 6)") == 5);
  CHECK(eval("if(0, 5, 6)") == 6);
  CHECK(std::isinf(eval("log(0)")));
  CHECK(std::isnan(eval("sqrt(-1)")));
  CHECK(std::isinf(eval("1 / 0")));
}

TEST_CASE("levers give their numeric value; label levers their index") {
  CHECK(eval("us.tariff", {2, 0, 0}) == 20);
  CHECK(eval("us.tariff * 2 + a", {3, 0, 0}) == 62);
  CHECK(eval("us.chips", {0, 2, 0}) == 2);
  CHECK(eval("china.farm", {0, 0, 1}) == 1);
  CHECK(eval("max(us.tariff, 15)", {0, 0, 0}) == 15);
  CHECK(eval("max(us.tariff, 15)", {3, 0, 0}) == 30);
  CHECK(eval("if(us.tariff > 10, log(us.tariff), 0)", {0, 0, 0}) == 0);  // untaken branch
}

TEST_CASE("label comparisons are indicators resolved at compile time") {
  for (std::size_t chips = 0; chips < 3; ++chips) {
    CHECK(eval("us.chips == hold", {0, chips, 0}) == (chips == 1 ? 1 : 0));
    CHECK(eval("hold == us.chips", {0, chips, 0}) == (chips == 1 ? 1 : 0));
    CHECK(eval("us.chips != hold", {0, chips, 0}) == (chips != 1 ? 1 : 0));
    CHECK(eval("us.chips >= hold", {0, chips, 0}) == (chips >= 1 ? 1 : 0));  // labels are ordered
  }
  CHECK(eval("10 * (china.farm == boycott) - (us.tariff == 20)", {2, 0, 0}) == 9);
  CHECK(eval("us.tariff == 20", {2, 0, 0}) == 1);  // numeric lever against its value
  CHECK(eval("us.tariff == 25", {2, 0, 0}) == 0);  // never one of its values
  const CompiledExpression c = compiled("us.chips == tighten");
  REQUIRE(c.code().size() == 1);
  CHECK(c.code()[0].op == CompiledExpression::Op::Indicator);
  CHECK(c.code()[0].offset == 2);
  CHECK(c.players_used() == std::vector<std::size_t>{0});
  CHECK(c.lever_slots_used() == std::vector<std::size_t>{1});
}

TEST_CASE("constant folding removes parameters and constant subexpressions") {
  const CompiledExpression c = compiled("a * b + 2 ^ 2 - min(a, 10)");
  CHECK(c.is_constant());
  CHECK(c.evaluate(static_cast<const std::size_t*>(nullptr)) == 8);
  const CompiledExpression d = compiled("us.tariff * (a + b)");
  CHECK(d.code().size() == 3);  // lever, const 5, mul
  CHECK(d.disassemble() == "lever slot0; const 5; mul");
  const CompiledExpression e = compiled("if(a > 1, china.farm, us.tariff)");
  CHECK(e.players_used() == std::vector<std::size_t>{1});  // the untaken branch is gone
  CHECK(compiled("0 and us.tariff").is_constant());
  CHECK(compiled("1 or us.tariff").is_constant());
  CHECK(compiled("min(us.tariff, 1, a)").code().size() == 3);  // constants merged
  // A numeric lever compared with a number it never takes is constantly false.
  const CompiledExpression never = compiled("us.tariff == 25");
  CHECK(never.is_constant());
  CHECK(never.evaluate(static_cast<const std::size_t*>(nullptr)) == 0);
}

TEST_CASE("seeded property: compiled expressions agree with direct arithmetic") {
  // Random affine-plus-indicator formulas over every lever setting.
  unsigned state = 12345;
  auto rnd = [&]() { state = state * 1103515245u + 12345u; return (state >> 8) % 1000; };
  for (int trial = 0; trial < 50; ++trial) {
    const double k1 = rnd() / 100.0, k2 = rnd() / 100.0, k3 = rnd() / 100.0;
    const std::string text = std::to_string(k1) + " * us.tariff - " + std::to_string(k2) +
                             " * (us.chips == tighten) + " + std::to_string(k3) +
                             " * (china.farm != resume) * a";
    const CompiledExpression c = compiled(text);
    for (std::size_t t = 0; t < 4; ++t)
      for (std::size_t ch = 0; ch < 3; ++ch)
        for (std::size_t f = 0; f < 2; ++f) {
          const std::vector<std::size_t> v{t, ch, f};
          const double expected = std::stod(std::to_string(k1)) * (10.0 * t) -
                                  std::stod(std::to_string(k2)) * (ch == 2) +
                                  std::stod(std::to_string(k3)) * (f != 1) * 2;
          CHECK(c.evaluate(v) == doctest::Approx(expected));
        }
  }
}

TEST_CASE("expression errors point at the offending token in the YAML file") {
  // Line 13 is `  us: <value>`; the value starts at column 7.
  SUBCASE("unknown lever with did-you-mean, double-quoted") {
    const InputError e = payoff_error(R"x("delta * china.tarif")x");
    CHECK(e.file() == "errors.yaml");
    CHECK(e.line() == 13);
    CHECK(e.column() == 16);  // 7 + 1 (quote) + 8
    CHECK(e.message() == "unknown lever 'china.tarif' (did you mean 'china.tariff'?)");
  }
  SUBCASE("plain scalar") {
    const InputError e = payoff_error("1 + deltta * 2");
    CHECK(e.line() == 13);
    CHECK(e.column() == 11);
    CHECK(e.message() == "unknown parameter 'deltta' (did you mean 'delta'?)");
  }
  SUBCASE("single-quoted: the first bad character") {
    const InputError e = payoff_error("'1 + 2 # it''s + chna.farm'");
    CHECK(e.column() == 14);  // 7 + 1 (quote) + 6: '#' is not an operator
    CHECK(e.message() == "unexpected character '#'");
  }
  SUBCASE("unknown player suggests the right one") {
    const InputError e = payoff_error("'1 + chna.farm'");
    CHECK(e.column() == 12);
    CHECK(e.message() == "unknown player 'chna' in 'chna.farm' (did you mean 'china.farm'?)");
  }
  SUBCASE("unknown label") {
    const InputError e = payoff_error(R"x("10 * (china.farm == boycot)")x");
    CHECK(e.column() == 28);
    CHECK(e.message() == "unknown value 'boycot' of lever china.farm (did you mean 'boycott'?)");
  }
  SUBCASE("label used without its lever") {
    const InputError e = payoff_error("boycott * 2");
    CHECK(e.column() == 7);
    CHECK(e.hint().find("china.farm == boycott") != std::string::npos);
  }
  SUBCASE("block scalar on the next lines") {
    const InputError e = payoff_error("|\n    1 +\n      us.tarif");
    CHECK(e.line() == 15);
    CHECK(e.column() == 7);
    CHECK(e.message() == "unknown lever 'us.tarif' (did you mean 'us.tariff'?)");
  }
  SUBCASE("folded plain scalar over two lines") {
    const InputError e = payoff_error("1 +\n    foo");
    CHECK(e.line() == 14);
    CHECK(e.column() == 5);
  }
  SUBCASE("syntax: missing operand at the end") {
    const InputError e = payoff_error(R"x("1 + ")x");
    CHECK(e.column() == 12);  // the closing quote: end of the expression
    CHECK(e.message().find("expected a number") != std::string::npos);
  }
  SUBCASE("syntax: unbalanced parenthesis") {
    const InputError e = payoff_error(R"x("(1 + 2")x");
    CHECK(e.column() == 14);
    CHECK(e.message().find("expected ')'") != std::string::npos);
  }
  SUBCASE("unknown function") {
    const InputError e = payoff_error(R"x("2 * mx(1, 2)")x");
    CHECK(e.column() == 12);
    CHECK(e.message() == "unknown function 'mx' (did you mean 'max'?)");
  }
  SUBCASE("wrong number of arguments") {
    const InputError e = payoff_error(R"x("if(1, 2)")x");
    CHECK(e.column() == 8);
    CHECK(e.message() == "if() takes 3 arguments, got 2");
  }
  SUBCASE("single '=' and '&&'") {
    CHECK(payoff_error(R"x("us.tariff = 10")x").column() == 18);
    CHECK(payoff_error(R"x("1 && 0")x").message().find("use 'and'") != std::string::npos);
  }
  SUBCASE("chained comparison") {
    const InputError e = payoff_error(R"x("1 < 2 < 3")x");
    CHECK(e.column() == 14);
  }
  SUBCASE("lever of another player") {
    const InputError e = payoff_error(R"x("us.farm")x");
    CHECK(e.hint().find("'farm' is a lever of china") != std::string::npos);
  }
  SUBCASE("empty expression") {
    CHECK(payoff_error(R"x("")x").message().find("empty expression") != std::string::npos);
  }
}

TEST_CASE("deeply nested expressions are rejected, not overflowed") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "us.tariff + (";
  text += "1";
  for (int i = 0; i < 300; ++i) text += ")";
  CHECK_THROWS_AS(compiled(text), InputError);
}
