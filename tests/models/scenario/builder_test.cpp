#include "models/scenario/builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"

using namespace negsim;

namespace {

ScenarioGame build_classic(const std::string& name) {
  const Scenario s =
      load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/" + name + ".yaml");
  return build_normal_form(s);
}

// Payoff pair at (row action, column action) of a 2-player game.
std::pair<double, double> cell(const NormalFormGame& g, std::size_t row, std::size_t column) {
  const std::size_t index = g.profile_index(std::vector<std::size_t>{row, column});
  return {g.payoff(0, index), g.payoff(1, index)};
}

// All pure profiles with zero regret (pure Nash equilibria), checked directly.
std::vector<std::vector<std::size_t>> pure_equilibria(const NormalFormGame& g) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t index = 0; index < g.num_profiles(); ++index) {
    const PureProfile actions = g.profile_actions(index);
    if (g.max_regret(g.pure_to_mixed(actions)) == 0) out.push_back(actions);
  }
  return out;
}

using Pairs = std::pair<double, double>;

const char* const kThreePlayers = R"yaml(scenario: three-players
title: Three players
parameters:
  k: 2
players:
  us:
    name: United States
    levers:
      tariff: {values: [0, 10, 20]}
      chips: {values: [ease, tighten]}
  china:
    levers:
      farm: {values: [boycott, resume]}
  bytedance:
    name: ByteDance
    levers:
      divest: {values: [refuse, joint_venture, sale]}
constraints:
  - "not (us.tariff == 20 and us.chips == ease)"
  - "not (bytedance.divest == sale and china.farm == boycott)"
payoffs:
  us: "k * us.tariff + (us.chips == tighten) + 100 * china.farm + 1000 * bytedance.divest"
  china: "-us.tariff"
  bytedance: "bytedance.divest - china.farm"
infeasible_payoffs:
  china: "-1000"
)yaml";

}  // namespace

TEST_CASE("classic scenarios build the textbook payoff matrices") {
  SUBCASE("prisoner's dilemma (R, P, S, T) = (3, 1, 0, 5)") {
    const NormalFormGame g = build_classic("prisoners_dilemma").game;
    CHECK(g.action_labels[0] == std::vector<std::string>{"play=cooperate", "play=defect"});
    CHECK(g.player_names == std::vector<std::string>{"Row", "Column"});
    CHECK(cell(g, 0, 0) == Pairs{3, 3});
    CHECK(cell(g, 0, 1) == Pairs{0, 5});
    CHECK(cell(g, 1, 0) == Pairs{5, 0});
    CHECK(cell(g, 1, 1) == Pairs{1, 1});
    CHECK(pure_equilibria(g) == std::vector<std::vector<std::size_t>>{{1, 1}});
  }
  SUBCASE("chicken DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3)") {
    const NormalFormGame g = build_classic("chicken").game;
    CHECK(g.action_labels[1] == std::vector<std::string>{"move=dare", "move=chicken"});
    CHECK(cell(g, 0, 0) == Pairs{0, 0});
    CHECK(cell(g, 0, 1) == Pairs{4, 1});
    CHECK(cell(g, 1, 0) == Pairs{1, 4});
    CHECK(cell(g, 1, 1) == Pairs{3, 3});
    CHECK(pure_equilibria(g).size() == 2);
    // The mixed equilibrium of ORACLES.md: P(dare) = 1/2, payoff 2 each.
    const MixedProfile half{{0.5, 0.5}, {0.5, 0.5}};
    CHECK(g.max_regret(half) == doctest::Approx(0));
    CHECK(g.expected_payoff(half, 0) == doctest::Approx(2));
  }
  SUBCASE("battle of the sexes") {
    const NormalFormGame g = build_classic("battle_of_sexes").game;
    CHECK(cell(g, 0, 0) == Pairs{2, 1});
    CHECK(cell(g, 0, 1) == Pairs{0, 0});
    CHECK(cell(g, 1, 0) == Pairs{0, 0});
    CHECK(cell(g, 1, 1) == Pairs{1, 2});
    CHECK(pure_equilibria(g) == std::vector<std::vector<std::size_t>>{{0, 0}, {1, 1}});
  }
  SUBCASE("matching pennies") {
    const NormalFormGame g = build_classic("matching_pennies").game;
    CHECK(cell(g, 0, 0) == Pairs{1, -1});
    CHECK(cell(g, 0, 1) == Pairs{-1, 1});
    CHECK(cell(g, 1, 0) == Pairs{-1, 1});
    CHECK(cell(g, 1, 1) == Pairs{1, -1});
    CHECK(pure_equilibria(g).empty());
    CHECK(g.max_regret(MixedProfile{{0.5, 0.5}, {0.5, 0.5}}) == doctest::Approx(0));
  }
  SUBCASE("stag hunt") {
    const NormalFormGame g = build_classic("stag_hunt").game;
    CHECK(cell(g, 0, 0) == Pairs{4, 4});
    CHECK(cell(g, 0, 1) == Pairs{0, 3});
    CHECK(cell(g, 1, 0) == Pairs{3, 0});
    CHECK(cell(g, 1, 1) == Pairs{3, 3});
    CHECK(pure_equilibria(g) == std::vector<std::vector<std::size_t>>{{0, 0}, {1, 1}});
  }
}

TEST_CASE("actions: lever product, first lever slowest, minus single-player constraints") {
  const Scenario s = load_scenario_text(kThreePlayers, "three.yaml");
  const ScenarioGame built = build_normal_form(s);
  const NormalFormGame& g = built.game;
  CHECK(built.player_ids == std::vector<std::string>{"us", "china", "bytedance"});
  CHECK(g.player_names == std::vector<std::string>{"United States", "china", "ByteDance"});
  CHECK(g.title == "Three players");
  CHECK(g.action_labels[0] == std::vector<std::string>{"tariff=0,chips=ease", "tariff=0,chips=tighten",
                                                       "tariff=10,chips=ease", "tariff=10,chips=tighten",
                                                       "tariff=20,chips=tighten"});
  CHECK(g.action_labels[2] == std::vector<std::string>{"divest=refuse", "divest=joint_venture", "divest=sale"});
  CHECK(built.action_levers[0][4] == std::vector<std::size_t>{2, 1});
  CHECK(g.num_profiles() == 5 * 2 * 3);
}

TEST_CASE("cross-player constraints mark profiles infeasible with fallback payoffs") {
  const Scenario s = load_scenario_text(kThreePlayers, "three.yaml");
  const ScenarioGame built = build_normal_form(s);
  const NormalFormGame& g = built.game;
  REQUIRE(built.infeasible.size() == g.num_profiles());
  std::size_t infeasible = 0;
  for (std::size_t index = 0; index < g.num_profiles(); ++index) {
    const PureProfile a = g.profile_actions(index);
    const auto& us = built.action_levers[0][a[0]];
    const double tariff = 10.0 * static_cast<double>(us[0]);
    const double tighten = us[1] == 1;
    const double farm = static_cast<double>(built.action_levers[1][a[1]][0]);
    const double divest = static_cast<double>(built.action_levers[2][a[2]][0]);
    const bool excluded = divest == 2 && farm == 0;
    CHECK(built.infeasible[index] == (excluded ? 1 : 0));
    if (excluded) {
      ++infeasible;
      CHECK(g.payoff(0, index) == 0);      // us: lowest feasible payoff (tariff 0, ease, boycott, refuse)
      CHECK(g.payoff(1, index) == -1000);  // china: its infeasible_payoffs expression
      CHECK(g.payoff(2, index) == -1);     // bytedance: lowest feasible (refuse, resume)
    } else {
      CHECK(g.payoff(0, index) == 2 * tariff + tighten + 100 * farm + 1000 * divest);
      CHECK(g.payoff(1, index) == -tariff);
      CHECK(g.payoff(2, index) == divest - farm);
    }
  }
  CHECK(infeasible == 5);
}

TEST_CASE("no infeasible vector without cross-player constraints") {
  const ScenarioGame built = build_classic("chicken");
  CHECK(built.infeasible.empty());
}

TEST_CASE("--set overrides reach the payoffs") {
  Scenario s = load_scenario_text(kThreePlayers, "three.yaml");
  apply_overrides(s, {parse_set_argument("k=3")});
  const ScenarioGame built = build_normal_form(s);
  const std::size_t index = built.game.profile_index(std::vector<std::size_t>{4, 1, 0});
  CHECK(built.game.payoff(0, index) == 3 * 20 + 1 + 100);
  Scenario pd = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/prisoners_dilemma.yaml");
  apply_overrides(pd, {{"T", 4}, {"R", 5}});  // no longer a dilemma: cooperation is an equilibrium
  const NormalFormGame g = build_normal_form(pd).game;
  CHECK(cell(g, 1, 0) == Pairs{4, 0});
  CHECK(pure_equilibria(g) == std::vector<std::vector<std::size_t>>{{0, 0}, {1, 1}});
}

TEST_CASE("the profile budget fails fast, before allocating") {
  // 3 players x 4 levers x 10 values: 10^4 actions each, 10^12 profiles (~22 TiB of payoffs).
  std::string text = "scenario: huge\nplayers:\n";
  for (const char* player : {"a", "b", "c"}) {
    text += std::string("  ") + player + ":\n    levers:\n";
    for (int l = 0; l < 4; ++l) text += "      l" + std::to_string(l) + ": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n";
  }
  text += "payoffs: {a: \"a.l0\", b: \"b.l0\", c: \"c.l0\"}\n";
  const Scenario s = load_scenario_text(text, "huge.yaml");
  try {
    build_normal_form(s);
    FAIL("expected a LimitError");
  } catch (const LimitError& e) {
    const std::string message = e.what();
    CHECK(message.find("1000000000000 profiles") != std::string::npos);
    CHECK(message.find("10000 x 10000 x 10000") != std::string::npos);
    CHECK(message.find("21.8 TiB") != std::string::npos);
    CHECK(message.find("--max-profiles") != std::string::npos);
  }
  // A budget counted after single-player constraints: 36 lever settings, 30 actions profiles.
  const Scenario three = load_scenario_text(kThreePlayers, "three.yaml");
  CHECK(build_normal_form(three, BuildOptions{30}).game.num_profiles() == 30);
  try {
    build_normal_form(three, BuildOptions{29});
    FAIL("expected a LimitError");
  } catch (const LimitError& e) {
    CHECK(std::string(e.what()).find("has 30 profiles (5 x 2 x 3 actions)") != std::string::npos);
  }
  // Screening a player whose lever product alone is over budget is refused too.
  try {
    build_normal_form(three, BuildOptions{5});
    FAIL("expected a LimitError");
  } catch (const LimitError& e) {
    CHECK(std::string(e.what()).find("player 'us' alone has 6 lever settings") != std::string::npos);
  }
  // Overflowing 64 bits is still a clean LimitError.
  std::string many = "scenario: overflow\nplayers:\n";
  std::string payoffs = "payoffs:\n";
  for (int p = 0; p < 25; ++p) {
    many += "  p" + std::to_string(p) + ": {levers: {x: [0, 1, 2, 3, 4, 5, 6, 7]}}\n";
    payoffs += "  p" + std::to_string(p) + ": \"0\"\n";
  }
  try {
    build_normal_form(load_scenario_text(many + payoffs, "overflow.yaml"));
    FAIL("expected a LimitError");
  } catch (const LimitError& e) {
    CHECK(std::string(e.what()).find("more than 1.8e19 profiles") != std::string::npos);
  }
}

TEST_CASE("non-finite payoffs are input errors naming the profile") {
  const std::string base = kThreePlayers;
  auto with_us_payoff = [&](const std::string& expression) {
    std::string text = base;
    const std::string from = "us: \"k * us.tariff + (us.chips == tighten) + 100 * china.farm + 1000 * bytedance.divest\"";
    text.replace(text.find(from), from.size(), "us: \"" + expression + "\"");
    return load_scenario_text(text, "three.yaml");
  };
  try {
    build_normal_form(with_us_payoff("log(us.tariff)"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 22);
    CHECK(e.column() == 7);
    CHECK(e.message() ==
          "payoff of 'us' is -infinity at us: tariff=0,chips=ease; china: farm=boycott; bytedance: divest=refuse");
  }
  try {
    build_normal_form(with_us_payoff("1 / (china.farm == resume)"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.message().find("is +infinity at") != std::string::npos);
  }
  try {
    build_normal_form(with_us_payoff("sqrt(us.tariff - 15)"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.message().find("is NaN (not a number) at us: tariff=0,chips=ease") != std::string::npos);
  }
  // Non-finite only at infeasible profiles: never evaluated, so fine.
  CHECK_NOTHROW(build_normal_form(with_us_payoff(
      "1 / (bytedance.divest != sale or china.farm != boycott)")));
}

TEST_CASE("constraints that exclude everything are input errors") {
  std::string text = kThreePlayers;
  const std::string first = "  - \"not (us.tariff == 20 and us.chips == ease)\"";
  auto with_constraint = [&](const std::string& constraint) {
    std::string t = text;
    t.replace(t.find(first), first.size(), "  - \"" + constraint + "\"");
    return load_scenario_text(t, "three.yaml");
  };
  try {
    build_normal_form(with_constraint("us.tariff > 100"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 19);
    CHECK(e.message() == "the constraints exclude every action of player 'us'");
  }
  try {
    build_normal_form(with_constraint("us.tariff > 100 and china.farm == resume"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.message() == "the constraints exclude every profile");
  }
  CHECK_THROWS_AS(build_normal_form(with_constraint("k > 5")), InputError);  // constant false
  CHECK(build_normal_form(with_constraint("k < 5")).game.num_profiles() == 36);  // constant true
  // Expression errors surface from the builder with their position.
  try {
    build_normal_form(with_constraint("us.tarif > 0"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 19);
    CHECK(e.column() == 6);
  }
}

TEST_CASE("human_bytes") {
  CHECK(human_bytes(512) == "512 bytes");
  CHECK(human_bytes(1536) == "1.5 KiB");
  CHECK(human_bytes(3.0 * 1024 * 1024 * 1024) == "3.0 GiB");
}

TEST_CASE("the example at the top of docs/scenario.md loads and builds") {
  std::ifstream in(std::string(NEGSIM_SOURCE_DIR) + "/docs/scenario.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t start = doc.find("```yaml\n");
  REQUIRE(start != std::string::npos);
  const std::size_t end = doc.find("```", start + 8);
  const Scenario s = load_scenario_text(doc.substr(start + 8, end - start - 8), "docs/scenario.md");
  const ScenarioGame built = build_normal_form(s);
  // us: 3 x 3 settings minus (tariff=20, chips=ease); china: 2.
  CHECK(built.game.action_counts() == std::vector<std::size_t>{8, 2});
  const std::size_t index = built.game.profile_index(std::vector<std::size_t>{7, 0});  // tariff=20,chips=tighten; boycott
  CHECK(built.game.action_labels[0][7] == "tariff=20,chips=tighten");
  CHECK(built.game.payoff(0, index) == doctest::Approx(0.4 * 20 - 2));
  CHECK(built.game.payoff(1, index) == doctest::Approx(-10));
}

TEST_CASE("the shipped scenarios load and build") {
  for (const char* name : {"tiktok_2025", "trade_war_tariffs", "classic/prisoners_dilemma", "classic/chicken",
                           "classic/battle_of_sexes", "classic/matching_pennies", "classic/stag_hunt"}) {
    INFO(name);
    const Scenario s = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
    const ScenarioGame built = build_normal_form(s);
    CHECK(built.game.num_players() == s.players.size());
    CHECK(built.game.num_profiles() > 0);
  }
}

namespace {

void check_same_game(const ScenarioGame& a, const ScenarioGame& b) {
  REQUIRE(a.game.num_profiles() == b.game.num_profiles());
  CHECK(a.game.action_labels == b.game.action_labels);
  CHECK(a.action_levers == b.action_levers);
  CHECK(a.infeasible == b.infeasible);
  CHECK(a.player_ids == b.player_ids);
  CHECK(a.game.player_names == b.game.player_names);
  CHECK(a.game.title == b.game.title);
  CHECK(a.game.action_counts() == b.game.action_counts());
  for (std::size_t p = 0; p < a.game.num_players(); ++p) {
    const auto x = a.game.payoff_table(p), y = b.game.payoff_table(p);
    CHECK(std::equal(x.begin(), x.end(), y.begin(), y.end(),
                     [](double u, double v) { return std::memcmp(&u, &v, sizeof u) == 0; }));
  }
}

}  // namespace

TEST_CASE("one ScenarioProgram reused over variants builds what a fresh build does") {
  for (const std::string& file : {std::string("tiktok_2025"), std::string("trade_war_tariffs")}) {
    const Scenario base = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + file + ".yaml");
    Scenario variant = base;
    ScenarioProgram program;  // one for every variant below, as a sweep thread keeps it
    for (int k = 0; k < 12; ++k) {
      for (std::size_t i = 0; i < variant.parameters.size(); ++i)
        variant.parameters[i].value = base.parameters[i].value * (0.5 + 0.25 * ((k + static_cast<int>(i)) % 5));
      Lever& first = variant.players[0].levers[0];
      if (k % 3 == 1) {  // a sweep fixing a numeric lever to one new value
        first.numbers.assign(1, 7.5 * k);
        first.labels.assign(1, std::to_string(k));
      } else if (k % 3 == 2) {
        first = base.players[0].levers[0];
      }
      CAPTURE(file);
      CAPTURE(k);
      check_same_game(build_normal_form(variant, program), build_normal_form(variant));
    }
  }
  // Constraints whose text changes between builds (a sweep's label-lever
  // restriction) and infeasible payoffs.
  Scenario three = load_scenario_text(kThreePlayers, "three.yaml");
  ScenarioProgram program;
  const std::size_t first_constraints = three.constraints.size();
  three.constraints.push_back(ExpressionText{"1", {"--list", 1, 1}, {}});
  for (const char* restriction : {"us.chips == ease", "us.chips == tighten", "1", "us.chips == ease or us.chips == tighten"}) {
    three.constraints[first_constraints].text = restriction;
    CAPTURE(restriction);
    check_same_game(build_normal_form(three, program), build_normal_form(three));
  }
}

TEST_CASE("a game rebuilt in place over variants, failed builds between, equals a fresh build") {
  // As a sweep thread does: one program and one ScenarioGame for every point.
  for (const std::string& file : {std::string("tiktok_2025"), std::string("trade_war_tariffs")}) {
    const Scenario base = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + file + ".yaml");
    Scenario variant = base;
    ScenarioProgram program;
    ScenarioGame reused;
    for (int k = 0; k < 14; ++k) {
      CAPTURE(file);
      CAPTURE(k);
      variant = base;
      for (std::size_t i = 0; i < variant.parameters.size(); ++i)
        variant.parameters[i].value = base.parameters[i].value * (0.5 + 0.25 * ((k + static_cast<int>(i)) % 5));
      Lever& first = variant.players[0].levers[0];
      if (k % 4 == 1) {  // fewer actions: another shape, other labels
        first.numbers.assign(1, 7.5 * k);
        first.labels.assign(1, std::to_string(k));
      } else if (k % 4 == 3) {  // same shape, other labels and numbers
        for (std::size_t v = 0; v < first.size(); ++v) {
          first.labels[v] = first.labels[v] + "_" + std::to_string(k);
          if (first.numeric) first.numbers[v] += k;
        }
      }
      if (k == 5 || k == 9) {  // a point whose payoffs are not finite: the build fails half-way
        Scenario broken = variant;
        for (ScenarioParameter& parameter : broken.parameters)
          if (parameter.id != "p_us_committed") parameter.value = std::nan("");  // (the type prior stays valid)
        CHECK_THROWS_AS(build_normal_form(broken, program, {}, reused), InputError);
      }
      build_normal_form(variant, program, {}, reused);
      check_same_game(reused, build_normal_form(variant));
    }
  }
}
