// The loader parses the timeline, repeated and bargaining blocks completely:
// structural errors come from load_scenario_text itself (no builder runs),
// at file:line:col, and the typed blocks hold resolved indices and positions.
#include "models/scenario/block_readers.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

const std::string kBase = R"yaml(scenario: blocks
parameters:
  delta: {value: 0.8}
players:
  a:
    levers:
      x: {values: [0, 1]}
  b:
    levers:
      y: {values: [low, high]}
payoffs:
  a: "a.x"
  b: "b.y"
)yaml";

InputError load_error(const std::string& block) {
  const std::string text = kBase + block;
  return negsim::testing::thrown_by<InputError>([&] { load_scenario_text(text, "blocks.yaml"); }, text);
}

Scenario load(const std::string& block) { return load_scenario_text(kBase + block, "blocks.yaml"); }

}  // namespace

TEST_CASE("timeline block: stages as player indices - errors at load") {
  CHECK(load("timeline: [b, [a]]\n").timeline.stages == std::vector<std::vector<std::size_t>>{{1}, {0}});
  CHECK_FALSE(load("").timeline.present);
  const InputError e = load_error("timeline: [[a], [c]]\n");
  CHECK(e.line() == 14);
  CHECK(e.column() == 18);
  CHECK(e.message().find("unknown player 'c'") != std::string::npos);
}

TEST_CASE("repeated block: typed discount, target and strategies - errors at load") {
  const Scenario s = load("repeated: {discount: delta, rounds: 5, target: {b.y: high}, strategies: {b: tft}}\n");
  const RepeatedBlock& r = s.repeated;
  CHECK(r.discount.parameter == "delta");
  CHECK(r.discount.value(s.parameters) == 0.8);
  CHECK(r.rounds == 5);
  REQUIRE(r.target.size() == 1);
  CHECK(r.target[0].player == 1);
  CHECK(r.target[0].value == 1);
  CHECK(r.strategies == std::vector<std::string>{"", "tft"});
  CHECK(r.strategy_pos[1].line == 14);

  InputError e = load_error("repeated: {discount: delta, target: {b.z: high}}\n");
  CHECK(e.line() == 14);
  CHECK(e.column() == 38);
  CHECK(e.message().find("unknown lever 'b.z'") != std::string::npos);
  CHECK(e.hint() == "did you mean 'b.y'?");
  e = load_error("repeated: {discount: delt, target: {b.y: high}}\n");
  CHECK(e.message().find("unknown parameter 'delt'") != std::string::npos);
  e = load_error("repeated: {discount: 0.9, target: {b.y: hihg}}\n");
  CHECK(e.message().find("is not a value of lever 'b.y'") != std::string::npos);
  e = load_error("repeated: {discount: 0.9, target: {b.y: high}, strategies: {c: tft}}\n");
  CHECK(e.message().find("unknown player 'c'") != std::string::npos);
  e = load_error("repeated: {discount: 0.9, target: {b.y: high}, strategies: {a: grim-triger}}\n");
  CHECK(e.message() == "unknown strategy 'grim-triger' (did you mean 'grim-trigger'?)");
  CHECK(e.column() == 64);
  CHECK(load("repeated: {discount: 0.9, target: {b.y: high}, strategies: {a: \"random:p=0.3\", b: my.yaml}}\n")
            .repeated.strategies == std::vector<std::string>{"random:p=0.3", "my.yaml"});
  e = load_error("repeated: {discount: 0.9, target: {b.y: high}, rounds: 2.5}\n");
  CHECK(e.message().find("rounds: expected a positive integer") != std::string::npos);
  e = load_error("repeated: {discount: 0.9}\n");
  CHECK(e.message().find("needs 'target'") != std::string::npos);
}

TEST_CASE("bargaining block: typed issues and expressions - structure errors at load, values at build") {
  const std::string block =
      "bargaining:\n"
      "  issues: {share: [0, 0.5, 1]}\n"
      "  utilities: {a: \"deal.share\", b: \"1 - deal.share\"}\n"
      "  discount: {a: delta, b: 0.9}\n"
      "  deadline: 3\n";
  const Scenario s = load(block);
  const BargainingBlock& b = s.bargaining;
  CHECK(b.players == std::vector<std::size_t>{0, 1});
  REQUIRE(b.issues.size() == 1);
  CHECK(b.issues[0].numeric);
  CHECK(b.issues[0].numbers == std::vector<double>{0, 0.5, 1});
  REQUIRE(b.utilities.size() == 2);
  CHECK(b.utilities[1].text == "1 - deal.share");
  CHECK(b.utilities[1].pos.line == 16);
  CHECK_FALSE(b.discount.uniform);
  CHECK(b.discount.values[0]->text == "delta");
  REQUIRE(b.deadline);
  CHECK(b.deadline->text == "3");

  InputError e = load_error(block + "  extension: {player: a, rounds: 1, price: 2}\n");
  CHECK(e.message().find("bargaining: extension: unknown key 'price'") == 0);
  CHECK(e.line() == 19);
  e = load_error("bargaining:\n  issues: {share: [0, 1]}\n  utilities: {a: \"deal.share\"}\n  discount: 0.9\n");
  CHECK(e.message() == "bargaining: utilities: missing a utility for player 'b'");
  // A value the parameters decide is the builder's to check (--set may change it).
  Scenario changed = load(block);
  changed.find_parameter("delta")->value = 1.5;
  e = negsim::testing::thrown_by<InputError>([&] { build_bargaining(changed); }, "discount 1.5");
  CHECK(e.message().find("outside (0, 1]") != std::string::npos);
  CHECK(e.line() == 17);
}
