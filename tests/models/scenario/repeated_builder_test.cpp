#include "models/scenario/repeated_builder.hpp"

#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "sim/repeated/sustainability.hpp"

using namespace negsim;

namespace {
const char* kBase = R"YAML(scenario: talks
parameters:
  delta: {value: 0.8}
  keep_going: {value: 0.95}
players:
  us:
    levers:
      tariff: {values: [0, 20]}
      chips: {values: [ease, tighten]}
  china:
    levers:
      farm: {values: [boycott, resume]}
payoffs:
  us: "3 * (china.farm == resume) + 0.1 * us.tariff - 1 * (us.chips == tighten) + 2 * (us.chips == ease) * (china.farm == resume)"
  china: "4 * (china.farm == boycott) - 0.2 * us.tariff + 3 * (us.chips == ease)"
)YAML";

RepeatedScenarioSpec build(const std::string& repeated_block) {
  const Scenario s = load_scenario_text(std::string(kBase) + repeated_block, "talks.yaml");
  return build_repeated_spec(s, build_normal_form(s));
}

void expect_error(const std::string& block, int line, int col, const std::string& fragment) {
  try {
    build(block);
    FAIL("no error for " << block);
  } catch (const InputError& e) {
    CHECK_MESSAGE(e.line() == line, e.what());
    CHECK_MESSAGE(e.column() == col, e.what());
    CHECK_MESSAGE(std::string(e.what()).find(fragment) != std::string::npos, e.what());
  }
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}
}  // namespace

TEST_CASE("repeated block: target from lever settings, discount from a parameter") {
  const RepeatedScenarioSpec r = build("repeated: {discount: delta, target: {us.tariff: 0, china.farm: resume}}\n");
  const NormalFormGame& g = r.spec.stage;
  CHECK(r.spec.discount == 0.8);
  CHECK(r.spec.discount_parameter == "delta");
  // us.chips is completed for the highest total payoff: ease (us +2, china +3).
  CHECK(g.action_labels[0][r.spec.target[0]] == "tariff=0,chips=ease");
  CHECK(g.action_labels[1][r.spec.target[1]] == "farm=resume");
  REQUIRE(r.completed.size() == 1);
  CHECK(r.completed[0].find("us.chips=ease") == 0);
  CHECK(r.strategies == std::vector<std::string>{"", ""});
}

TEST_CASE("repeated block: numbers, horizon, continuation parameter, strategies, --set") {
  const RepeatedScenarioSpec r = build(
      "repeated:\n  discount: 0.9\n  rounds: 50\n  continuation: keep_going\n"
      "  target: {us.tariff: 20, us.chips: tighten, china.farm: boycott}\n"
      "  strategies: {china: tit-for-tat}\n");
  CHECK(r.spec.discount == 0.9);
  CHECK(r.spec.rounds == 50);
  CHECK(r.spec.continuation == 0.95);
  CHECK(r.completed.empty());
  CHECK(r.strategies[1] == "tit-for-tat");
  CHECK(r.spec.stage.action_labels[0][r.spec.target[0]] == "tariff=20,chips=tighten");
  Scenario s = load_scenario_text(std::string(kBase) + "repeated: {discount: delta, target: {china.farm: resume}}\n",
                                  "talks.yaml");
  apply_overrides(s, {{"delta", 0.6}});
  CHECK(build_repeated_spec(s, build_normal_form(s)).spec.discount == 0.6);
}

TEST_CASE("repeated block errors point at the node with did-you-mean hints") {
  // The block starts on line 16 (kBase has 15 lines).
  expect_error("repeated: {discount: delta, target: {us.tarif: 0}}\n", 16, 38, "did you mean 'us.tariff'");
  expect_error("repeated: {discount: delta, target: {us.tariff: 5}}\n", 16, 49, "values: 0, 20");
  expect_error("repeated: {discount: delta, target: {china.farm: resum}}\n", 16, 50, "did you mean 'resume'");
  expect_error("repeated: {discount: delt, target: {china.farm: resume}}\n", 16, 22, "did you mean 'delta'");
  expect_error("repeated: {discount: 1.5, target: {china.farm: resume}}\n", 16, 22, "(0, 1]");
  expect_error("repeated: {discont: 0.9, target: {china.farm: resume}}\n", 16, 12, "did you mean 'discount'");
  expect_error("repeated: {discount: 0.9}\n", 16, 11, "needs 'target'");
  expect_error("repeated: {discount: 0.9, target: {japan.farm: resume}}\n", 16, 36, "unknown player");
  expect_error("repeated: {discount: 1, target: {china.farm: resume}}\n", 16, 22, "finite horizon");
  expect_error("repeated: {discount: 0.9, rounds: 2.5, target: {china.farm: resume}}\n", 16, 35, "positive integer");
  const Scenario none = load_scenario_text(kBase, "talks.yaml");
  CHECK_THROWS_AS(build_repeated_spec(none, build_normal_form(none)), InputError);
  // Keys are read like the rest of the scenario file (models/scenario/yaml_fields.hpp).
  expect_error("repeated: {discount: 0.9, target: {china.farm: resume}, discount: 0.8}\n", 16, 57,
               "repeated: duplicate key 'discount' (first given on line 16)");
  expect_error("repeated: {discount: 0.9, target: {china.farm: resume, china.farm: boycott}}\n", 16, 56,
               "target: duplicate key 'china.farm'");
  expect_error("repeated: {discount: 0.9, target: {china.farm: resume}, strategies: {us: a, us: b}}\n", 16, 77,
               "strategies: duplicate key 'us'");
  try {
    build("repeated: {discont: 0.9, target: {china.farm: resume}}\n");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.message() == "repeated: unknown key 'discont' (did you mean 'discount'?)");
    CHECK(e.hint() == "expected one of: discount, target, rounds, continuation, strategies");
  }
}

TEST_CASE("the shipped prisoner's dilemma with a repeated block: grim trigger needs delta >= 1/2") {
  const std::string text = read(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/prisoners_dilemma.yaml") +
                           "repeated: {discount: 0.6, target: {row.play: cooperate, column.play: cooperate}}\n";
  const Scenario s = load_scenario_text(text, "pd.yaml");
  const RepeatedScenarioSpec r = build_repeated_spec(s, build_normal_form(s));
  const SustainabilityReport rep = analyze_sustainability(r.spec, {"grim-trigger", "tit-for-tat"});
  CHECK(rep.critical_discount == doctest::Approx(0.5));
  CHECK(rep.strategies[0].subgame_perfect);
  CHECK(rep.strategies[1].nash_threshold == doctest::Approx(2.0 / 3.0));
}
