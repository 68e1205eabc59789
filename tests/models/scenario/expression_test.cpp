#include "models/scenario/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <cmath>
#include <functional>
#include <random>
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
  // min and max propagate NaN instead of hiding it, folded or not.
  CHECK(std::isnan(eval("min(sqrt(-1), 1)")));
  CHECK(std::isnan(eval("max(1, sqrt(-1))")));
  CHECK(std::isnan(eval("max(us.tariff, sqrt(us.tariff - 1))", {0, 0, 0})));
  CHECK(std::isnan(eval("min(sqrt(us.tariff - 1), us.tariff)", {0, 0, 0})));
}

TEST_CASE("levers give their numeric value, label levers their index") {
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
  CHECK(d.disassemble() == "lever slot0; mulk 5");  // the folded constant is an immediate operand
  const CompiledExpression e = compiled("if(a > 1, china.farm, us.tariff)");
  CHECK(e.players_used() == std::vector<std::size_t>{1});  // the untaken branch is gone
  CHECK(compiled("0 and us.tariff").is_constant());
  CHECK(compiled("1 or us.tariff").is_constant());
  CHECK(compiled("min(us.tariff, 1, a)").disassemble() == "lever slot0; mink 1");  // constants merged
  CHECK(compiled("max(us.tariff, a, us.chips, 3)").disassemble() == "lever slot0; lever slot1; max 2; maxk 3");
  // A numeric lever compared with a number it never takes is constantly false.
  const CompiledExpression never = compiled("us.tariff == 25");
  CHECK(never.is_constant());
  CHECK(never.evaluate(static_cast<const std::size_t*>(nullptr)) == 0);
}

TEST_CASE("forms with a constant operand agree with the general forms") {
  for (std::size_t t = 0; t < 4; ++t) {
    const double x = 10.0 * t;
    const std::vector<std::size_t> v{t, 0, 0};
    CHECK(eval("us.tariff - 3", v) == x - 3);
    CHECK(eval("3 - us.tariff", v) == 3 - x);
    CHECK(eval("12 / (us.tariff + 1)", v) == 12 / (x + 1));
    CHECK(eval("(us.tariff + 1) / 4", v) == (x + 1) / 4);
    CHECK(eval("2 * us.tariff", v) == 2 * x);
    CHECK(eval("us.tariff ^ 2", v) == x * x);
    CHECK(eval("us.tariff ^ 3", v) == doctest::Approx(x * x * x));
    CHECK(eval("15 < us.tariff", v) == (15 < x));
    CHECK(eval("15 <= us.tariff", v) == (15 <= x));
    CHECK(eval("15 > us.tariff", v) == (15 > x));
    CHECK(eval("20 >= us.tariff", v) == (20 >= x));
    CHECK(eval("us.tariff < 15", v) == (x < 15));
    CHECK(eval("us.tariff + 0 == 20", v) == (x == 20));
    CHECK(eval("us.tariff + 0 != 20", v) == (x != 20));
    CHECK(eval("min(us.tariff, 15)", v) == std::min(x, 15.0));
    CHECK(eval("max(15, us.tariff)", v) == std::max(x, 15.0));
    CHECK(eval("us.tariff - us.tariff / 2", v) == x - x / 2);  // general forms
  }
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
  SUBCASE("a parameter compared with a label lever") {
    const InputError e = payoff_error(R"x("china.farm == delta")x");
    CHECK(e.column() == 22);
    CHECK(e.message() == "unknown value 'delta' of lever china.farm");
    CHECK(e.hint().find("'delta' is a parameter") != std::string::npos);
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

TEST_CASE("NaN in a condition is NaN, never true or false (issue 12)") {
  // IEEE comparisons say false for NaN, and `not` of that is true: a NaN
  // condition would silently pick a branch. Every condition gives NaN
  // instead, folded or evaluated per profile, so the builder reports it.
  for (const char* text : {"if(0/0, 1, 2)", "if(sqrt(-1) > 0, 1, 2)", "not (0/0 < 1)", "(0/0 == 0/0) or 1",
                           "0 and 0/0", "1 or sqrt(-1)", "0/0 != 1", "if(us.tariff - 0/0, 1, 2)",
                           "not (sqrt(us.tariff - 100) < 1)", "(us.tariff >= 0) and sqrt(us.tariff - 100)"}) {
    INFO(text);
    CHECK(std::isnan(eval(text, {0, 0, 0})));
  }
  // Ordinary conditions are unchanged.
  CHECK(eval("if(us.tariff > 5, 1, 2)", {2, 0, 0}) == 1);
  CHECK(eval("0 and us.tariff", {0, 0, 0}) == 0);
}

TEST_CASE("deeply nested expressions are rejected, not overflowed") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "us.tariff + (";
  text += "1";
  for (int i = 0; i < 300; ++i) text += ")";
  CHECK_THROWS_AS(compiled(text), InputError);
}

namespace {

// A random fully parenthesized expression with an independent evaluator, for
// property tests of the compiler (folding, immediate forms, batches).
struct RandomExpression {
  std::string text;
  std::function<double(const std::vector<std::size_t>&)> value;
};

double ref_min(double a, double b) { return (std::isnan(a) || a < b) ? a : b; }
double ref_max(double a, double b) { return (std::isnan(a) || a > b) ? a : b; }
// Conditions do not decide on NaN: any NaN operand of a comparison or logic gives NaN.
double ref_truth(double a, double b, bool value) { return std::isnan(a) || std::isnan(b) ? NAN : value; }

RandomExpression random_expression(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(4) == 0) {
    switch (pick(7)) {
      case 0: {
        const std::string text = "(" + std::to_string(pick(7) - 2) + ".5)";
        const double value = std::stod(text.substr(1));
        return {text, [value](const auto&) { return value; }};
      }
      // Parameters inside an operation: a bare name compared with a label
      // lever would be read as one of its labels.
      case 1: return {"(a * 1)", [](const auto&) { return 2.0; }};
      case 2: return {"(tiny + 0)", [](const auto&) { return 0.5; }};
      case 3: return {"us.tariff", [](const auto& v) { return 10.0 * v[0]; }};
      case 4: return {"us.chips", [](const auto& v) { return double(v[1]); }};
      case 5: return {"(us.chips == hold)", [](const auto& v) { return double(v[1] == 1); }};
      default: return {"(china.farm != resume)", [](const auto& v) { return double(v[2] != 1); }};
    }
  }
  RandomExpression x = random_expression(rng, depth - 1);
  RandomExpression y = random_expression(rng, depth - 1);
  auto fx = x.value, fy = y.value;
  auto bin = [&](const std::string& op, auto f) {
    return RandomExpression{"(" + x.text + " " + op + " " + y.text + ")",
                            [fx, fy, f](const auto& v) { return f(fx(v), fy(v)); }};
  };
  switch (pick(16)) {
    case 0: return bin("+", [](double a, double b) { return a + b; });
    case 1: return bin("-", [](double a, double b) { return a - b; });
    case 2: return bin("*", [](double a, double b) { return a * b; });
    case 3: return bin("/", [](double a, double b) { return a / b; });
    case 4: return {"(" + x.text + " ^ 2)", [fx](const auto& v) { return std::pow(fx(v), 2.0); }};
    case 5: return bin("<", [](double a, double b) { return ref_truth(a, b, a < b); });
    case 6: return bin(">=", [](double a, double b) { return ref_truth(a, b, a >= b); });
    case 7: return bin("==", [](double a, double b) { return ref_truth(a, b, a == b); });
    case 8: return bin("and", [](double a, double b) { return ref_truth(a, b, a != 0 && b != 0); });
    case 9: return bin("or", [](double a, double b) { return ref_truth(a, b, a != 0 || b != 0); });
    case 10: return {"(not " + x.text + ")", [fx](const auto& v) { return ref_truth(fx(v), 0, fx(v) == 0); }};
    case 11: return {"min(" + x.text + ", " + y.text + ")", [fx, fy](const auto& v) { return ref_min(fx(v), fy(v)); }};
    case 12: return {"max(" + x.text + ", " + y.text + ")", [fx, fy](const auto& v) { return ref_max(fx(v), fy(v)); }};
    case 13: return {"abs(" + x.text + ")", [fx](const auto& v) { return std::fabs(fx(v)); }};
    case 14: return {"(-" + x.text + ")", [fx](const auto& v) { return -fx(v); }};
    default: {
      RandomExpression c = random_expression(rng, depth - 1);
      auto fc = c.value;
      return {"if(" + c.text + ", " + x.text + ", " + y.text + ")",
              [fc, fx, fy](const auto& v) { return std::isnan(fc(v)) ? NAN : fc(v) != 0 ? fx(v) : fy(v); }};
    }
  }
}

bool same_value(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

TEST_CASE("seeded property: random expressions match an independent evaluator, one by one and in batches") {
  std::mt19937 rng(20251128);
  const ExpressionContext context(scenario());
  // All 24 lever settings as batch rows (3 slots each).
  std::vector<std::size_t> rows;
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t c = 0; c < 3; ++c)
      for (std::size_t f = 0; f < 2; ++f) rows.insert(rows.end(), {t, c, f});
  const std::size_t count = rows.size() / 3;
  for (int trial = 0; trial < 400; ++trial) {
    const RandomExpression e = random_expression(rng, 1 + trial % 5);
    const CompiledExpression c = compile_expression(ExpressionText{e.text, {"p.yaml", 1, 1}, {}}, context);
    std::vector<double> batch(count), scratch(c.batch_scratch_size(count));
    c.evaluate_batch(rows.data(), 3, count, batch.data(), scratch.data());
    for (std::size_t i = 0; i < count; ++i) {
      const std::vector<std::size_t> v(rows.begin() + 3 * i, rows.begin() + 3 * i + 3);
      const double expected = e.value(v);
      const double single = c.evaluate(v);
      INFO(e.text << " at " << v[0] << "," << v[1] << "," << v[2]);
      CHECK(same_value(single, expected));
      CHECK(same_value(batch[i], expected));
    }
  }
}

namespace {

// `text` with every whole-word occurrence of the parameters a, b and tiny
// replaced by the literal value (in parentheses, 17 significant digits: the
// same double), for comparing a template bound to values with a fresh compile
// of literal numbers (two independent paths to the same program).
std::string with_literals(const std::string& text, double a, double b, double tiny) {
  auto literal = [](double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "(%.17g)", x);
    return std::string(buffer);
  };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const bool start = i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_' ||
                                   text[i - 1] == '.');
    std::size_t j = i;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    const std::string word = text.substr(i, j - i);
    const bool lever = j < text.size() && text[j] == '.';
    if (start && !lever && (word == "a" || word == "b" || word == "tiny")) {
      out += literal(word == "a" ? a : word == "b" ? b : tiny);
      i = j;
    } else if (j > i) {
      out += word;
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

Scenario with_parameters(double a, double b, double tiny) {
  Scenario s = scenario();
  for (ScenarioParameter& p : s.parameters) p.value = p.id == "a" ? a : p.id == "b" ? b : tiny;
  return s;
}

// Every lever setting of the test scenario (slots us.tariff, us.chips,
// china.farm) within the given value counts.
std::vector<std::vector<std::size_t>> settings(std::size_t tariffs, std::size_t chips, std::size_t farms) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t t = 0; t < tariffs; ++t)
    for (std::size_t c = 0; c < chips; ++c)
      for (std::size_t f = 0; f < farms; ++f) out.push_back({t, c, f});
  return out;
}

void check_same_program(const CompiledExpression& bound, const CompiledExpression& fresh,
                        const std::vector<std::vector<std::size_t>>& points) {
  CHECK(bound.disassemble() == fresh.disassemble());
  CHECK(bound.lever_slots_used() == fresh.lever_slots_used());
  CHECK(bound.players_used() == fresh.players_used());
  for (const std::vector<std::size_t>& v : points) {
    const double x = bound.evaluate(v), y = fresh.evaluate(v);
    CHECK((std::isnan(x) ? std::isnan(y) : std::memcmp(&x, &y, sizeof x) == 0));
  }
}

}  // namespace

TEST_CASE("a template bound to parameter values is the program compiled with those values as literals") {
  std::mt19937 rng(20261206);
  const ExpressionContext context(scenario());
  const std::vector<std::string> fixed = {
      "us.tariff == a",  "us.tariff != b * 10", "us.tariff ^ b",       "us.tariff ^ (a + 0)",
      "if(a > 1, us.tariff, china.farm)",       "min(us.tariff, a, tiny)", "max(a, b)",
      "a and us.tariff", "tiny or us.chips",    "(a - 2) and us.tariff",   "if(tiny - 0.5, 1, us.chips)",
      "us.chips + 0 == a", "a * b * us.tariff + tiny * (china.farm == resume)"};
  const std::vector<double> values = {0, 1, 2, 3, -1.5, 0.1, 0.5, 10, 20, 1e300, -0.0};
  const auto points = settings(4, 3, 2);
  for (int trial = 0; trial < 300; ++trial) {
    const std::string text = trial < static_cast<int>(fixed.size())
                                 ? fixed[static_cast<std::size_t>(trial)]
                                 : random_expression(rng, 1 + trial % 5).text;
    const ExpressionTemplate compiled_once = compile_expression_template(ExpressionText{text, {"p.yaml", 1, 1}, {}}, context);
    CompiledExpression bound;  // reused across bindings, as a sweep does
    for (int k = 0; k < 4; ++k) {
      const double a = values[rng() % values.size()], b = values[rng() % values.size()],
                   tiny = values[rng() % values.size()];
      const Scenario at = with_parameters(a, b, tiny);
      compiled_once.bind(at, bound);
      const std::string literal = with_literals(text, a, b, tiny);
      const CompiledExpression fresh = compile_expression(ExpressionText{literal, {"p.yaml", 1, 1}, {}}, context);
      INFO(text << " with a=" << a << " b=" << b << " tiny=" << tiny << ": " << literal);
      check_same_program(bound, fresh, points);
    }
  }
}

TEST_CASE("a template bound to other lever values is the program compiled on that scenario") {
  const ExpressionContext context(scenario());
  const std::vector<std::string> texts = {"us.tariff * a + (us.tariff == 20) - (us.tariff != 5)",
                                          "min(us.tariff, 12) * (us.chips == hold)", "us.tariff ^ 2 / (1 + us.tariff)"};
  for (const std::string& text : texts) {
    const ExpressionTemplate once = compile_expression_template(ExpressionText{text, {"p.yaml", 1, 1}, {}}, context);
    for (const std::vector<double>& tariffs : std::vector<std::vector<double>>{{5}, {20}, {0, 5, 20}, {12.5, 30}}) {
      Scenario at = scenario();
      at.players[0].levers[0].numbers = tariffs;
      at.players[0].levers[0].labels.assign(tariffs.size(), "x");
      const ExpressionContext changed(at);
      const CompiledExpression fresh = compile_expression(ExpressionText{text, {"p.yaml", 1, 1}, {}}, changed);
      INFO(text << " with " << tariffs.size() << " tariff values");
      check_same_program(once.bind(at), fresh, settings(tariffs.size(), 3, 2));
    }
  }
}

TEST_CASE("binding a template to a scenario of another structure is refused") {
  const ExpressionContext context(scenario());
  const ExpressionTemplate once = compile_expression_template(ExpressionText{"a * us.tariff", {"p.yaml", 1, 1}, {}}, context);
  Scenario fewer = scenario();
  fewer.parameters.pop_back();
  CHECK_THROWS_AS(once.bind(fewer), std::invalid_argument);
  Scenario more_levers = scenario();
  more_levers.players[1].levers.push_back(more_levers.players[1].levers[0]);
  CHECK_THROWS_AS(once.bind(more_levers), std::invalid_argument);
  CHECK(once.uses_parameters());
  CHECK_FALSE(compile_expression_template(ExpressionText{"us.tariff", {"p.yaml", 1, 1}, {}}, context).uses_parameters());
}
