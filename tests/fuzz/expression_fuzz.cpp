// libFuzzer target: the payoff expression compiler and evaluator
// (models/scenario/expression.hpp).
//
// The input is one expression over a fixed three-player scenario (numeric and
// label levers, parameters). It must either compile or throw InputError (with
// a position inside the text); nothing else is acceptable. A compiled program
// is run on every lever setting by evaluate() and evaluate_batch(), which must
// agree bit for bit (or both give NaN): the batch path is what the builder
// uses, the scalar path what tests and sweeps use.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/loader.hpp"

namespace {

constexpr const char* kScenario = R"(scenario: fuzz
parameters:
  value: 40
  delta: {value: 0.9}
  tiny: 1e-300
  huge: 1e300
players:
  us:
    levers:
      tariff: [0, 10, 20]
      chips: [ease, hold]
  china:
    levers:
      farm: [boycott, resume]
  bytedance:
    levers:
      divest: [refuse, joint_venture, sale]
      stake: [-1.5, 0, 2.5e3]
payoffs:
  us: "0"
  china: "0"
  bytedance: "0"
)";

const negsim::Scenario& scenario() {
  static const negsim::Scenario s = negsim::load_scenario_text(kScenario, "fuzz.yaml");
  return s;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const negsim::ExpressionContext context(scenario());
  negsim::ExpressionText text;
  text.text.assign(reinterpret_cast<const char*>(data), size);
  text.pos = {"fuzz.yaml", 1, 1};
  negsim::CompiledExpression compiled;
  try {
    compiled = negsim::compile_expression(text, context);
  } catch (const negsim::InputError& error) {
    if (error.line() < 0 || error.column() < 0) __builtin_trap();
    return 0;
  }
  // Every lever setting, last slot fastest.
  std::vector<std::size_t> sizes;
  for (const auto& player : scenario().players)
    for (const auto& lever : player.levers) sizes.push_back(lever.size());
  const std::size_t slots = sizes.size();
  std::vector<std::size_t> rows, digits(slots, 0);
  do {
    rows.insert(rows.end(), digits.begin(), digits.end());
    std::size_t i = slots;
    while (i-- > 0) {
      if (++digits[i] < sizes[i]) break;
      digits[i] = 0;
    }
    if (i == static_cast<std::size_t>(-1)) break;
  } while (true);
  const std::size_t count = rows.size() / slots;
  std::vector<double> batch(count), scratch(compiled.batch_scratch_size(count));
  compiled.evaluate_batch(rows.data(), slots, count, batch.data(), scratch.data());
  for (std::size_t r = 0; r < count; ++r) {
    const double scalar = compiled.evaluate(rows.data() + r * slots);
    if (!same(scalar, batch[r])) __builtin_trap();
    if (compiled.is_constant() && !same(scalar, batch[0])) __builtin_trap();
  }
  return 0;
}
