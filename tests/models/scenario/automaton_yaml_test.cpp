#include "models/scenario/automaton_yaml.hpp"

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {
const char* kTft = R"(name: my-tft
states:
  cooperate: C
  punish: D
transitions:
  - {from: cooperate, others: defect, to: punish}
  - {from: punish, others: target, to: cooperate}
)";

void expect_error(const std::string& text, int line, int col, const std::string& fragment) {
  const NormalFormGame g = testing::pd_axelrod();
  try {
    parse_automaton_yaml_text(text, "a.yaml", g, 0, {0, 0});
    FAIL("no error for: " << text);
  } catch (const InputError& e) {
    CHECK(e.line() == line);
    CHECK(e.column() == col);
    CHECK_MESSAGE(std::string(e.what()).find(fragment) != std::string::npos, e.what());
  }
}
}  // namespace

TEST_CASE("a YAML tit-for-tat compiles to the library's tables") {
  const NormalFormGame g = testing::pd_axelrod();
  const Automaton y = parse_automaton_yaml_text(kTft, "tft.yaml", g, 0, {0, 0});
  const Automaton lib = make_strategy("tit-for-tat", g, 0, {0, 0});
  CHECK(y.name == "my-tft");
  CHECK(y.key == TransitionKey::DeviationMask);
  CHECK(y.action == lib.action);
  CHECK(y.next == lib.next);
}

TEST_CASE("profile rules, mixed states and random transitions") {
  const NormalFormGame g = testing::pd_axelrod();
  const Automaton a = parse_automaton_yaml_text(R"(
initial: wary
states:
  wary: {C: 0.5, D: 0.5}
  nice: C
transitions:
  - {from: any, profile: [C, C], to: nice}
  - {from: nice, player: 2, played: D, to: {wary: 0.75, nice: 0.25}}
)", "x.yaml", g, 0, {0, 0});
  CHECK(a.key == TransitionKey::Profile);
  CHECK(a.initial == 0);
  CHECK(a.action_distribution(0) == std::vector<double>{0.5, 0.5});
  CHECK(a.transition(0, 0, 0) == StateDistribution{{1.0, 1}});      // (C,C) -> nice
  CHECK(a.transition(0, 1, 1) == StateDistribution{{1.0, 0}});      // (D,C): stay
  CHECK(a.transition(1, 2, 2) == StateDistribution{{0.75, 0}, {0.25, 1}});  // (C,D)
}

TEST_CASE("YAML automaton errors carry file:line:col and hints") {
  expect_error("states:\n  a: C\ntransitions:\n  - {from: b, to: a}\n", 4, 12, "did you mean 'a'");
  expect_error("states:\n  a: X\n", 2, 6, "no action 'X'");
  expect_error("states:\n  a: {C: 0.5, D: 0.4}\n", 2, 6, "sum to 1");
  expect_error("state:\n  a: C\n", 1, 1, "did you mean 'states'");
  expect_error("states:\n  a: C\ntransitions:\n  - {from: a, others: defekt, to: a}\n", 4, 23, "did you mean 'defect'");
  expect_error("states: [a\n", 2, 1, "");
}
