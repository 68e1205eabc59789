#include "models/scenario/loader.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

// A valid scenario; tests replace parts of it.
const std::string kValid = R"yaml(scenario: loader-test
title: Loader test
sources:
  - id: seed
    text: "a made-up source"
    url: https://example.org/seed
parameters:
  value: {value: 40, unit: "$bn", source: seed}
  delta: {value: 0.9, doc: "discount"}
  shorthand: -2.5e1
players:
  us:
    name: United States
    levers:
      tariff: {values: [0, 2.5, 20], unit: "%"}
      chips: {values: [ease, hold, tighten]}
  china:
    levers:
      farm: [boycott, resume]
constraints:
  - "not (us.tariff > 10 and china.farm == resume)"
payoffs:
  us: "value - us.tariff"
  china: "china.farm"
infeasible_payoffs:
  china: "-100"
timeline: [[us], [china]]
repeated: {discount: delta, target: {us.chips: hold}}
)yaml";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "test setup: '" << from << "' not in the scenario");
  text.replace(at, from.size(), to);
  return text;
}

InputError load_error(const std::string& text) {
  return negsim::testing::thrown_by<InputError>([&] { load_scenario_text(text, "bad.yaml"); }, text);
}

}  // namespace

TEST_CASE("a valid scenario loads with its structure, order and positions") {
  const Scenario s = load_scenario_text(kValid, "ok.yaml");
  CHECK(s.file == "ok.yaml");
  CHECK(s.id == "loader-test");
  CHECK(s.title == "Loader test");
  REQUIRE(s.sources.size() == 1);
  CHECK(s.sources[0].url == "https://example.org/seed");
  CHECK(s.sources[0].pos.line == 4);
  REQUIRE(s.parameters.size() == 3);
  CHECK(s.parameters[0].id == "value");
  CHECK(s.parameters[0].value == 40);
  CHECK(s.parameters[0].unit == "$bn");
  CHECK(s.parameters[0].source == "seed");
  CHECK(s.parameters[1].doc == "discount");
  CHECK(s.parameters[2].value == -25);
  CHECK(s.parameters[2].pos.line == 10);
  CHECK(s.parameters[2].pos.column == 3);
  CHECK(s.parameters[2].value_pos.column == 14);
  REQUIRE(s.players.size() == 2);
  CHECK(s.players[0].id == "us");
  CHECK(s.players[0].name == "United States");
  CHECK(s.players[1].name == "china");  // defaults to the id
  const Lever& tariff = s.players[0].levers[0];
  CHECK(tariff.numeric);
  CHECK(tariff.labels == std::vector<std::string>{"0", "2.5", "20"});
  CHECK(tariff.numbers == std::vector<double>{0, 2.5, 20});
  CHECK(tariff.unit == "%");
  CHECK(tariff.pos.line == 15);
  const Lever& chips = s.players[0].levers[1];
  CHECK_FALSE(chips.numeric);
  CHECK(chips.numbers == std::vector<double>{0, 1, 2});
  CHECK(s.players[1].levers[0].labels == std::vector<std::string>{"boycott", "resume"});
  REQUIRE(s.constraints.size() == 1);
  CHECK(s.constraints[0].pos.line == 21);
  CHECK(s.constraints[0].pos.column == 5);
  REQUIRE(s.payoffs.size() == 2);
  CHECK(s.payoffs[1].text == "china.farm");
  CHECK(s.payoffs[1].location_of(0).column == 11);
  REQUIRE(s.infeasible_payoffs.size() == 2);
  CHECK_FALSE(s.infeasible_payoffs[0].has_value());
  CHECK(s.infeasible_payoffs[1]->text == "-100");
  CHECK(s.timeline.present);
  CHECK(s.timeline.stages == std::vector<std::vector<std::size_t>>{{0}, {1}});
  CHECK(s.timeline.pos.line == 27);
  CHECK(s.repeated.present);
  CHECK_FALSE(s.bargaining.present);
  CHECK(s.repeated.discount.parameter == "delta");
  CHECK(s.repeated.discount.pos.line == 28);
  CHECK(s.repeated.discount.pos.column == 22);
  REQUIRE(s.repeated.target.size() == 1);
  CHECK(s.repeated.target[0].player == 0);
  CHECK(s.repeated.target[0].lever == 1);
  CHECK(s.repeated.target[0].value == 1);  // hold
  CHECK(s.repeated.target[0].pos.column == 38);
}

TEST_CASE("malformed YAML reports yaml-cpp's position") {
  const InputError e = load_error("scenario: x\nplayers: [a, b\npayoffs: {}\n");
  CHECK(e.file() == "bad.yaml");
  CHECK(e.line() == 3);
  CHECK(e.message().find("malformed YAML") == 0);
  const InputError tab = load_error("scenario: x\n\tplayers: 1\n");
  CHECK(tab.line() == 2);
  CHECK(tab.column() == 1);
}

TEST_CASE("unknown top-level key gets a did-you-mean") {
  const InputError e = load_error(replace(kValid, "constraints:", "constrains:"));
  CHECK(e.line() == 20);
  CHECK(e.column() == 1);
  CHECK(e.message() == "scenario: unknown key 'constrains' (did you mean 'constraints'?)");
  CHECK(e.hint().find("expected one of") == 0);
}

TEST_CASE("missing required keys") {
  CHECK(load_error("title: x\nplayers: {}\n").message() == "scenario: missing required key 'scenario'");
  const InputError no_payoffs = load_error(kValid.substr(0, kValid.find("payoffs:")));
  CHECK(no_payoffs.message() == "scenario: missing required key 'payoffs'");
  CHECK(load_error(replace(kValid, "farm: [boycott, resume]", "farm: {unit: x}")).message() ==
        "lever 'china.farm': missing required key 'values'");
  CHECK(load_error("").message().find("must be a mapping") != std::string::npos);
}

TEST_CASE("duplicate ids are rejected") {
  SUBCASE("players") {
    const InputError e = load_error(replace(kValid, "  china:\n    levers:", "  us:\n    levers:"));
    CHECK(e.line() == 17);
    CHECK(e.message() == "players: duplicate key 'us' (first given on line 12)");
  }
  SUBCASE("levers within a player") {
    const InputError e = load_error(replace(kValid, "chips: {", "tariff: {"));
    CHECK(e.line() == 16);
    CHECK(e.column() == 7);
    CHECK(e.message().find("duplicate key 'tariff'") != std::string::npos);
  }
  SUBCASE("parameters") {
    const InputError e = load_error(replace(kValid, "shorthand:", "delta:"));
    CHECK(e.line() == 10);
    CHECK(e.message().find("duplicate key 'delta'") != std::string::npos);
  }
  SUBCASE("sources") {
    const InputError e = load_error(replace(kValid, "parameters:", "  - {id: seed, text: again}\nparameters:"));
    CHECK(e.line() == 7);
    CHECK(e.message() == "duplicate source id 'seed' (first given on line 4)");
  }
  SUBCASE("source ids may use '-' but not spaces") {
    const std::string renamed =
        replace(replace(kValid, "id: seed", "id: seed-2025.v1"), "source: seed}", "source: seed-2025.v1}");
    CHECK(load_scenario_text(renamed, "ok.yaml").parameters[0].source == "seed-2025.v1");
    CHECK(load_error(replace(kValid, "id: seed", "id: \"seed 2025\"")).message() ==
          "source id 'seed 2025' is not a valid id");
  }
  SUBCASE("top-level keys") {
    const InputError e = load_error(kValid + "title: again\n");
    CHECK(e.message() == "scenario: duplicate key 'title' (first given on line 2)");
  }
  SUBCASE("lever values") {
    const InputError e = load_error(replace(kValid, "[ease, hold, tighten]", "[ease, hold, ease]"));
    CHECK(e.message() == "lever 'us.chips': duplicate value 'ease'");
    CHECK(e.column() == 36);
  }
}

TEST_CASE("empty and malformed levers") {
  const InputError empty = load_error(replace(kValid, "[ease, hold, tighten]", "[]"));
  CHECK(empty.message() == "lever 'us.chips' has no values");
  CHECK(empty.line() == 16);
  const InputError null_values = load_error(replace(kValid, "{values: [ease, hold, tighten]}", "{values: }"));
  CHECK(null_values.message() == "lever 'us.chips' has no values");
  const InputError mixed = load_error(replace(kValid, "[ease, hold, tighten]", "[ease, 2, tighten]"));
  CHECK(mixed.message() == "lever 'us.chips': value '2' is a number among labels");
  CHECK(mixed.column() == 30);
  const InputError bad_label = load_error(replace(kValid, "[ease, hold, tighten]", "[ease, \"on hold\"]"));
  CHECK(bad_label.message() == "lever 'us.chips': value 'on hold' is not a valid label");
  const InputError no_levers = load_error(replace(kValid, "farm: [boycott, resume]", "{}"));
  CHECK(no_levers.message().find("at least one lever") != std::string::npos);
}

TEST_CASE("parameters must be numbers with known sources") {
  const InputError text = load_error(replace(kValid, "value: 40,", "value: forty,"));
  CHECK(text.line() == 8);
  CHECK(text.column() == 18);
  CHECK(text.message() == "parameter 'value': expected a finite number, got 'forty'");
  CHECK(load_error(replace(kValid, "value: 40,", "value: .inf,")).message() ==
        "parameter 'value': expected a finite number, got '.inf'");
  CHECK(load_error(replace(kValid, "value: 40,", "value: [1],")).message() ==
        "parameter 'value': expected a finite number, got a list");
  const InputError source = load_error(replace(kValid, "source: seed}", "source: sed}"));
  CHECK(source.line() == 8);
  CHECK(source.message() == "parameter 'value': unknown source 'sed' (did you mean 'seed'?)");
  const InputError key = load_error(replace(kValid, "doc: \"discount\"", "docs: \"discount\""));
  CHECK(key.message() == "parameter 'delta': unknown key 'docs' (did you mean 'doc'?)");
  CHECK(load_error(replace(kValid, "  delta:", "  us:")).message() ==
        "player 'us' has the same name as a parameter");
  CHECK(load_error(replace(kValid, "  delta:", "  not:")).message() ==
        "parameter 'not' is a reserved word (and, or, not)");
  CHECK(load_error(replace(kValid, "  delta:", "  2delta:")).message() ==
        "parameter '2delta' is not a valid name");
}

TEST_CASE("payoffs must name every player and only players") {
  const InputError unknown = load_error(replace(kValid, "  china: \"china.farm\"", "  chna: \"china.farm\""));
  CHECK(unknown.line() == 24);
  CHECK(unknown.column() == 3);
  CHECK(unknown.message() == "payoffs: unknown player 'chna' (did you mean 'china'?)");
  const InputError missing = load_error(replace(kValid, "  china: \"china.farm\"\n", ""));
  CHECK(missing.line() == 22);
  CHECK(missing.message() == "payoffs: no payoff for player 'china'");
  const InputError infeasible = load_error(replace(kValid, "  china: \"-100\"", "  uss: \"-100\""));
  CHECK(infeasible.message() == "infeasible_payoffs: unknown player 'uss' (did you mean 'us'?)");
  const InputError not_scalar = load_error(replace(kValid, "us: \"value - us.tariff\"", "us: [1, 2]"));
  CHECK(not_scalar.message() == "payoffs of 'us': expected an expression, got a list");
}

TEST_CASE("--set overrides parameters") {
  Scenario s = load_scenario_text(kValid, "ok.yaml");
  apply_overrides(s, {{"delta", 0.5}, {"value", 10}});
  CHECK(s.find_parameter("delta")->value == 0.5);
  CHECK(s.find_parameter("value")->value == 10);
  try {
    apply_overrides(s, {{"dleta", 1}});
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.file() == "--set");
    CHECK(e.message() == "unknown parameter 'dleta' (did you mean 'delta'?)");
  }
  CHECK(parse_set_argument("delta=0.95") == std::pair<std::string, double>{"delta", 0.95});
  CHECK(parse_set_argument("x=-1e3") == std::pair<std::string, double>{"x", -1000});
  CHECK_THROWS_AS(parse_set_argument("delta"), UsageError);
  CHECK_THROWS_AS(parse_set_argument("delta=abc"), UsageError);
  CHECK_THROWS_AS(parse_set_argument("delta="), UsageError);
  CHECK_THROWS_AS(parse_set_argument("=3"), UsageError);
  CHECK_THROWS_AS(parse_set_argument("delta=nan"), UsageError);
  CHECK_THROWS_AS(parse_set_argument("delta=1x"), UsageError);
}

TEST_CASE("missing file and the shipped scenarios") {
  try {
    load_scenario_file("/nonexistent/negsim.yaml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.file() == "/nonexistent/negsim.yaml");
    CHECK(e.line() == 0);
  }
  for (const char* name : {"prisoners_dilemma", "chicken", "battle_of_sexes", "matching_pennies", "stag_hunt"}) {
    const Scenario s = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/" + name + ".yaml");
    CHECK(s.players.size() == 2);
    CHECK(s.payoffs.size() == 2);
  }
}

TEST_CASE("units: the payoff unit is declared, not guessed from parameters") {
  // kValid has a "$bn" parameter but declares no unit: payoffs are unitless.
  CHECK(load_scenario_text(kValid, "ok.yaml").units.empty());
  const Scenario s = load_scenario_text(replace(kValid, "title: Loader test\n", "title: Loader test\nunits: \"% of GDP\"\n"),
                                        "ok.yaml");
  CHECK(s.units == "% of GDP");
  const InputError e = load_error(replace(kValid, "title: Loader test\n", "title: Loader test\nunits: [a, b]\n"));
  CHECK(std::string(e.what()).find("units") != std::string::npos);
}
