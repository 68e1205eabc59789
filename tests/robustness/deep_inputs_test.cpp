// No unbounded recursion on deep inputs: deeply nested expressions and YAML
// documents end in an InputError naming the place, never in a stack overflow.
// (Regression tests for the expression compiler, which recursed once per
// parenthesis, operator and term with no bound before the stack check.)
#include <doctest/doctest.h>

#include <string>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/loader.hpp"

using namespace negsim;

namespace {

const char* const kScenario = R"(scenario: deep
parameters:
  a: 2
players:
  us:
    levers:
      tariff: [0, 10]
  china:
    levers:
      farm: [boycott, resume]
payoffs:
  us: "0"
  china: "0"
)";

const Scenario& scenario() {
  static const Scenario s = load_scenario_text(kScenario, "deep.yaml");
  return s;
}

CompiledExpression compile(const std::string& text) {
  const ExpressionContext context(scenario());
  return compile_expression(ExpressionText{text, {"deep.yaml", 7, 3}, {}}, context);
}

std::string repeat(const std::string& piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

// Compiling `text` fails with "too deeply nested" at a real position.
void check_too_deep(const std::string& text) {
  try {
    compile(text);
    FAIL("expected an InputError for an expression of " << text.size() << " characters");
  } catch (const InputError& e) {
    CHECK(e.message().find("too deeply nested") != std::string::npos);
    CHECK(e.file() == "deep.yaml");
    CHECK(e.line() == 7);
    CHECK(e.column() >= 3);
  }
}

// A scenario whose `us` payoff is `payoff` (written as a YAML plain scalar).
std::string scenario_with_payoff(const std::string& payoff) {
  return "scenario: deep\nplayers:\n  us:\n    levers:\n      tariff: [0, 10]\n"
         "payoffs:\n  us: \"" + payoff + "\"\n";
}

}  // namespace

TEST_CASE("deep expressions: 100000 nested parentheses are an InputError, not a stack overflow") {
  check_too_deep(repeat("(", 100000) + "1" + repeat(")", 100000));
  check_too_deep(repeat("(", 100000));  // unbalanced too
}

TEST_CASE("deep expressions: long unary and power chains are an InputError") {
  check_too_deep(repeat("not ", 100000) + "1");
  check_too_deep(repeat("-", 100000) + "1");
  check_too_deep(repeat("+", 100000) + "1");
  check_too_deep(repeat("2^", 100000) + "1");
  check_too_deep(repeat("min(", 100000) + "1" + repeat(")", 100000));
  check_too_deep(repeat("if(1, ", 100000) + "1" + repeat(", 0)", 100000));
}

TEST_CASE("deep expressions: a flat sum of 100000 terms is an InputError (its tree is that deep)") {
  // Left-associative chains nest without parser recursion; the recursive
  // passes over the tree would overflow.
  check_too_deep("us.tariff" + repeat(" + us.tariff", 100000));
  check_too_deep("a" + repeat(" * us.tariff", 100000));
  check_too_deep("us.tariff" + repeat(" and us.tariff", 100000));
}

TEST_CASE("deep expressions: the limit leaves room for long real formulas") {
  // 400 terms and 200 nested parentheses compile and evaluate correctly.
  const CompiledExpression sum = compile("us.tariff" + repeat(" + us.tariff", 399));
  const std::size_t at_ten[] = {1, 0};
  CHECK(sum.evaluate(at_ten) == doctest::Approx(4000.0));
  const CompiledExpression nested = compile(repeat("(", 200) + "us.tariff + a" + repeat(")", 200));
  CHECK(nested.evaluate(at_ten) == 12.0);
  const CompiledExpression negations = compile(repeat("-", 300) + "us.tariff");
  CHECK(negations.evaluate(at_ten) == 10.0);
}

TEST_CASE("deep expressions: through the loader and builder the error names the payoff's line") {
  const Scenario s = load_scenario_text(scenario_with_payoff(repeat("(", 5000) + "1" + repeat(")", 5000)),
                                        "deep_payoff.yaml");
  try {
    build_normal_form(s);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.file() == "deep_payoff.yaml");
    CHECK(e.line() == 7);
    CHECK(e.message().find("too deeply nested") != std::string::npos);
  }
}

TEST_CASE("deep YAML: nested flow sequences and mappings do not crash the loader") {
  for (const std::size_t depth : {1000u, 100000u}) {
    CAPTURE(depth);
    CHECK_THROWS_AS(load_scenario_text(repeat("[", depth) + repeat("]", depth), "deep.yaml"), InputError);
    CHECK_THROWS_AS(load_scenario_text(repeat("{a: ", depth) + "1" + repeat("}", depth), "deep.yaml"),
                    InputError);
    CHECK_THROWS_AS(load_scenario_text(repeat("[", depth), "deep.yaml"), InputError);
    // Deep inside an otherwise valid scenario (a raw block kept for later stages).
    const std::string text = std::string(kScenario) + "timeline: " + repeat("[", depth) + "us" +
                             repeat("]", depth) + "\n";
    try {
      const Scenario s = load_scenario_text(text, "deep.yaml");
      CHECK(s.timeline.present);
    } catch (const InputError& e) {
      CHECK(e.file() == "deep.yaml");
    }
  }
}

TEST_CASE("deep YAML: block-style nesting does not crash the loader") {
  std::string text = "scenario: deep\nplayers:\n";
  std::string indent;
  for (int i = 0; i < 3000; ++i) {
    text += indent + "k" + std::to_string(i) + ":\n";
    indent += " ";
  }
  CHECK_THROWS_AS(load_scenario_text(text, "deep.yaml"), InputError);
}
