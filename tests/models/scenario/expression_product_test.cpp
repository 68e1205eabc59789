#include "models/scenario/expression_product.hpp"

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"

using namespace negsim;

namespace {

// Three players: us (tariff x chips: 12 actions), china (farm: 2), bytedance
// (divest: 3, and a `stake` lever fixed by the test, like a type lever).
const char* const kScenario = R"(scenario: product-test
parameters:
  a: 2
  b: -0.5
players:
  us:
    levers:
      tariff: {values: [0, 10, 20, 30]}
      chips: {values: [ease, hold, tighten]}
  china:
    levers:
      farm: {values: [boycott, resume]}
  bytedance:
    levers:
      divest: {values: [refuse, joint_venture, sale]}
      stake: {values: [0, 0.25, -1]}
payoffs:
  us: "0"
  china: "0"
  bytedance: "0"
)";

const Scenario& scenario() {
  static const Scenario s = load_scenario_text(kScenario, "product.yaml");
  return s;
}

// Random expression text over every operation and function of the language.
// (Parameters inside an operation: a bare name compared with a label lever
// would be read as one of its labels.)
std::string random_text(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(5) == 0) {
    static const char* const leaves[] = {"us.tariff", "us.chips", "(us.chips == hold)", "(china.farm != resume)",
                                         "china.farm", "bytedance.divest", "(bytedance.divest == sale)",
                                         "bytedance.stake", "(a * 1)", "(b + 0)", "0", "(-0.0)", "1.5", "(a - 2)"};
    return leaves[pick(static_cast<int>(std::size(leaves)))];
  }
  const std::string x = random_text(rng, depth - 1), y = random_text(rng, depth - 1);
  switch (pick(22)) {
    case 0: return "(" + x + " + " + y + ")";
    case 1: return "(" + x + " - " + y + ")";
    case 2: return "(" + x + " * " + y + ")";
    case 3: return "(" + x + " / " + y + ")";
    case 4: return "(" + x + " ^ " + y + ")";
    case 5: return "(" + x + " ^ 2)";
    case 6: return "(" + x + " < " + y + ")";
    case 7: return "(" + x + " <= " + y + ")";
    case 8: return "(" + x + " > " + y + ")";
    case 9: return "(" + x + " >= " + y + ")";
    case 10: return "(" + x + " == " + y + ")";
    case 11: return "(" + x + " != " + y + ")";
    case 12: return "(" + x + " and " + y + ")";
    case 13: return "(" + x + " or " + y + ")";
    case 14: return "(not " + x + ")";
    case 15: return "min(" + x + ", " + y + ", " + random_text(rng, depth - 1) + ")";
    case 16: return "max(" + x + ", " + y + ")";
    case 17: return "abs(" + x + ")";
    case 18: return std::string(pick(2) ? "exp(" : "log(") + x + ")";
    case 19: return "sqrt(" + x + ")";
    case 20: return "(-" + x + ")";
    default: return "if(" + random_text(rng, depth - 1) + ", " + x + ", " + y + ")";
  }
}

bool same_double(double x, double y) {
  return std::isnan(x) ? std::isnan(y) : std::memcmp(&x, &y, sizeof x) == 0;
}

}  // namespace

TEST_CASE("seeded property: evaluate_product gives evaluate's double at every profile") {
  const ExpressionContext context(scenario());  // slots: tariff, chips, farm, divest, stake
  // us's actions: tariff slowest, as the builder lists them.
  ActionProduct product;
  product.action_counts = {12, 2, 3};
  product.slot_player = {0, 0, 1, 2, ActionProduct::kFixed};
  product.slot_values = {{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, {0, 1}, {0, 1, 2}, {}};
  product.fixed_values = {0, 0, 0, 0, 0};
  REQUIRE(product.num_profiles() == 72);
  std::mt19937 rng(20261206);
  ProductWorkspace workspace;  // reused, as the builder does
  std::vector<double> out(72);
  for (int trial = 0; trial < 600; ++trial) {
    const std::string text = random_text(rng, 1 + trial % 6);
    const CompiledExpression e = compile_expression(ExpressionText{text, {"p.yaml", 1, 1}, {}}, context);
    product.fixed_values[4] = static_cast<std::size_t>(trial % 3);
    evaluate_product(e, product, out.data(), workspace);
    for (std::size_t i = 0; i < 72; ++i) {
      const std::size_t us = i % 12, china = (i / 12) % 2, bytedance = i / 24;
      const std::vector<std::size_t> at = {us / 3, us % 3, china, bytedance, product.fixed_values[4]};
      const double expected = e.evaluate(at);
      INFO(text << " at profile " << i);
      CHECK(same_double(out[i], expected));
    }
  }
}

TEST_CASE("evaluate_product of a constant or a one-player expression fills every profile") {
  const ExpressionContext context(scenario());
  ActionProduct product;
  product.action_counts = {12, 2, 3};
  product.slot_player = {0, 0, 1, 2, ActionProduct::kFixed};
  product.slot_values = {{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, {0, 1}, {0, 1, 2}, {}};
  product.fixed_values = {0, 0, 0, 0, 2};
  ProductWorkspace workspace;
  std::vector<double> out(72, -7);
  evaluate_product(compile_expression(ExpressionText{"a * 3", {"p.yaml", 1, 1}, {}}, context), product, out.data(),
                   workspace);
  for (double x : out) CHECK(x == 6);
  evaluate_product(compile_expression(ExpressionText{"china.farm + bytedance.stake", {"p.yaml", 1, 1}, {}}, context),
                   product, out.data(), workspace);
  for (std::size_t i = 0; i < 72; ++i) CHECK(out[i] == ((i / 12) % 2) - 1.0);
}
