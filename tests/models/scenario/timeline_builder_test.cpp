#include "models/scenario/timeline_builder.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

// Entry deterrence written as a scenario: the entrant moves first.
std::string entry_scenario(const std::string& timeline) {
  return "scenario: entry\n"
         "players:\n"
         "  entrant:\n"
         "    levers:\n"
         "      entry: {values: [out, in]}\n"
         "  incumbent:\n"
         "    levers:\n"
         "      response: {values: [fight, accommodate]}\n"
         "payoffs:\n"
         "  entrant: \"if(entrant.entry == out, 0, if(incumbent.response == fight, -1, 1))\"\n"
         "  incumbent: \"if(entrant.entry == out, 2, if(incumbent.response == fight, -1, 1))\"\n" +
         timeline;
}

InputError error_of(const std::string& text) {
  return negsim::testing::thrown_by<InputError>([&] { build_timeline(load_scenario_text(text, "entry.yaml")); },
                                                text);
}

}  // namespace

TEST_CASE("timeline: stages of players become a multi-stage game with the scenario's payoffs") {
  const ScenarioTimeline t = build_timeline(load_scenario_text(entry_scenario("timeline: [[entrant], [incumbent]]\n"), "entry.yaml"));
  const MultiStageGame& g = t.game;
  REQUIRE(g.num_stages() == 2);
  CHECK(g.stage(0).movers == std::vector<std::size_t>{0});
  CHECK(g.stage(1).movers == std::vector<std::size_t>{1});
  CHECK(g.stage(0).action_labels[0] == std::vector<std::string>{"entry=out", "entry=in"});
  CHECK(g.num_leaves() == 4);
  // Leaf (in, fight) = history (1, 0) -> node 2.
  CHECK(g.payoff(0, 2) == -1);
  CHECK(g.payoff(1, 3) == 1);
  CHECK(g.payoff(1, 0) == 2);
  CHECK(t.player_ids == std::vector<std::string>{"entrant", "incumbent"});
  // Bare ids and simultaneous stages are accepted.
  const ScenarioTimeline s = build_timeline(load_scenario_text(entry_scenario("timeline: [[entrant, incumbent]]\n"), "entry.yaml"));
  CHECK(s.game.num_stages() == 1);
  CHECK(s.game.stage_profiles(0) == 4);
  const ScenarioTimeline b = build_timeline(load_scenario_text(entry_scenario("timeline: [incumbent, entrant]\n"), "entry.yaml"));
  CHECK(b.stages == std::vector<std::vector<std::size_t>>{{1}, {0}});
}

TEST_CASE("timeline errors: unknown player with did-you-mean, a player twice, a player missing") {
  InputError e = error_of(entry_scenario("timeline: [[entrant], [incumbnt]]\n"));
  CHECK(e.file() == "entry.yaml");
  CHECK(e.line() == 12);
  CHECK(e.column() == 24);
  CHECK(e.message().find("unknown player 'incumbnt'") != std::string::npos);
  CHECK(e.message().find("did you mean 'incumbent'") != std::string::npos);
  e = error_of(entry_scenario("timeline: [[entrant], [incumbent, entrant]]\n"));
  CHECK(e.line() == 12);
  CHECK(e.column() == 35);
  CHECK(e.message().find("already in stage 1") != std::string::npos);
  e = error_of(entry_scenario("timeline: [[entrant]]\n"));
  CHECK(e.line() == 12);
  CHECK(e.message().find("'incumbent' is in no stage") != std::string::npos);
  e = error_of(entry_scenario("timeline: [[entrant], []]\n"));
  CHECK(e.message().find("stage 2 has no player") != std::string::npos);
  e = error_of(entry_scenario("timeline: {a: b}\n"));
  CHECK(e.line() == 12);
}
