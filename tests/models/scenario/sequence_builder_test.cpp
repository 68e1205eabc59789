#include "models/scenario/sequence_builder.hpp"

#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "models/io/gambit_acceptance.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/solve/efg_pure_equilibria.hpp"
#include "tests/support/thrown.hpp"

using namespace negsim;

namespace {

// Entry with a court: the entrant enters or not; a court (chance) upholds
// entry with probability q; the incumbent, seeing entry but not the court,
// fights or accommodates.
const std::string kEntry =
    "scenario: entry\n"
    "parameters: {q: 0.25}\n"
    "players:\n"
    "  entrant: {levers: {entry: [out, in]}}\n"
    "  incumbent: {levers: {response: [fight, accommodate]}}\n"
    "payoffs:\n"
    "  entrant: \"(entrant.entry == in) * if(incumbent.response == fight, -1, 1 + (chance.court == upholds))\"\n"
    "  incumbent: \"if(entrant.entry == out, 2, if(incumbent.response == fight, -1, 1))\"\n"
    "sequence:\n"
    "  steps:\n"
    "    - move: entrant\n"
    "    - chance: court\n"
    "      outcomes: {upholds: q, strikes: \"1 - q\"}\n"
    "    - move: incumbent\n"
    "      observes: [entrant]\n";

}  // namespace

TEST_CASE("sequence tree: nodes, chance, information sets and payoffs as built by hand") {
  const SequenceTree t = build_sequence_tree(load_scenario_text(kEntry, "entry.yaml"));
  // By hand: root (one type profile) -> entrant -> 2 x court -> 2 x 2 incumbent -> 8 leaves.
  CHECK(t.nodes.size() == 1 + 1 + 2 + 4 + 8);
  REQUIRE(t.infosets.size() == 3);  // entrant; incumbent after out; incumbent after in
  const SequenceNode& entrant = t.nodes[t.nodes[0].children[0]];
  REQUIRE(entrant.kind == SequenceNode::Kind::kDecision);
  CHECK(t.infosets[entrant.infoset].action_labels == std::vector<std::string>{"entry=out", "entry=in"});
  const SequenceNode& court = t.nodes[entrant.children[1]];
  REQUIRE(court.kind == SequenceNode::Kind::kChance);
  CHECK(court.probabilities == std::vector<double>{0.25, 0.75});
  // The incumbent does not see the court: both court outcomes after `in` are one set.
  const std::size_t upheld = court.children[0], struck = court.children[1];
  CHECK(t.nodes[upheld].infoset == t.nodes[struck].infoset);
  CHECK(t.infosets[t.nodes[upheld].infoset].nodes.size() == 2);
  CHECK(t.infosets[t.nodes[upheld].infoset].knows().find("not knowing chance court") != std::string::npos);
  // Leaves: in, upholds, accommodate -> entrant 2, incumbent 1.
  const SequenceNode& leaf = t.nodes[t.nodes[upheld].children[1]];
  REQUIRE(leaf.kind == SequenceNode::Kind::kTerminal);
  CHECK(leaf.payoffs == std::vector<double>{2, 1});
  CHECK(t.nodes[t.nodes[struck].children[0]].payoffs == std::vector<double>{-1, -1});
}

TEST_CASE("sequence tree: rounds repeat the steps with discounting until stop_when holds") {
  const std::string text =
      "scenario: wait\n"
      "players:\n"
      "  a: {levers: {act: [wait, stop]}}\n"
      "payoffs: {a: \"1 + 10 * (a.act == stop) * (sequence.round == 3)\"}\n"
      "sequence:\n"
      "  rounds: 3\n"
      "  discount: 0.5\n"
      "  stop_when: \"a.act == stop\"\n"
      "  steps: [{move: a}]\n";
  const SequenceTree t = build_sequence_tree(load_scenario_text(text, "wait.yaml"));
  // root, 3 decisions, leaves: stop in rounds 1-3 and wait in round 3.
  CHECK(t.nodes.size() == 1 + 3 + 4);
  CHECK(t.infosets.size() == 3);  // one per round (the player knows the clock)
  // wait, wait, stop: 1 + 0.5 + 0.25 * 11
  std::size_t x = t.nodes[0].children[0];
  x = t.nodes[x].children[0];
  x = t.nodes[x].children[0];
  CHECK(t.nodes[t.nodes[x].children[1]].payoffs[0] == doctest::Approx(1 + 0.5 + 0.25 * 11));
  CHECK(t.nodes[t.nodes[x].children[0]].payoffs[0] == doctest::Approx(1 + 0.5 + 0.25));
}

TEST_CASE("sequence tree: values that depend on --set are checked when building") {
  Scenario s = load_scenario_text(kEntry, "entry.yaml");
  apply_overrides(s, {{"q", 1.5}});
  const InputError e = negsim::testing::thrown_by<InputError>([&] { build_sequence_tree(s); });
  CHECK(e.line() == 13);
  CHECK(e.message().find("not in [0, 1]") != std::string::npos);

  const std::string unset =
      "scenario: u\n"
      "players:\n"
      "  a: {levers: {x: [l, r]}}\n"
      "  b: {levers: {y: [l, r]}}\n"
      "payoffs: {a: \"b.y\", b: \"0\"}\n"
      "sequence:\n"
      "  steps: [{move: a}]\n";
  const InputError reads = negsim::testing::thrown_by<InputError>(
      [&] { build_sequence_tree(load_scenario_text(unset, "u.yaml")); });
  CHECK(reads.line() == 5);
  CHECK(reads.message().find("reads b.y, which no move of the sequence sets") != std::string::npos);
}

TEST_CASE("sequence tree: the node bound is checked against the budget before building") {
  const std::string big =
      "scenario: big\n"
      "players:\n"
      "  a: {levers: {x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}}\n"
      "payoffs: {a: \"a.x\"}\n"
      "sequence:\n"
      "  rounds: 12\n"
      "  steps: [{move: a}]\n";
  const Scenario s = load_scenario_text(big, "big.yaml");
  CHECK(sequence_node_bound(s) > 1e12);
  SequenceBuildOptions options;
  options.build.max_profiles = 1'000'000;
  CHECK_THROWS_AS(build_sequence_tree(s, options), LimitError);
}

namespace {

// A responder who may retaliate only after an enforcement (docs/scenario.md,
// "Conditional steps"). Leaves by hand: enforce & no (2, -1); enforce & yes
// (-1, -2); extend: China does not move and its lever reads the default `no`,
// so (0, 0).
std::string retaliation(const std::string& default_value = "no", const std::string& more_steps = "") {
  return "scenario: retaliation\n"                                                      // 1
         "players:\n"                                                                   // 2
         "  us: {levers: {deadline: [enforce, extend], tariff: [keep, lift]}}\n"        // 3
         "  china: {levers: {retaliate: [no, yes], farm: [buy, boycott]}}\n"            // 4
         "payoffs:\n"                                                                   // 5
         "  us: \"2 * (us.deadline == enforce) - 3 * (china.retaliate == yes)\"\n"      // 6
         "  china: \"-1 * (us.deadline == enforce) - (china.retaliate == yes)\"\n"      // 7
         "sequence:\n"                                                                  // 8
         "  fixed: {us.tariff: keep, china.farm: buy}\n"                                // 9
         "  steps:\n"                                                                   // 10
         "    - move: us\n"                                                             // 11
         "      levers: [deadline]\n"                                                   // 12
         "    - move: china\n"                                                          // 13
         "      levers: [retaliate]\n"                                                  // 14
         "      when: \"us.deadline == enforce\"\n"                                     // 15
         "      default: {china.retaliate: " + default_value + "}\n" +                  // 16
         more_steps;
}

}  // namespace

TEST_CASE("sequence tree: a step with `when` happens only where its condition holds") {
  const Scenario s = load_scenario_text(retaliation(), "retaliation.yaml");
  const SequenceTree t = build_sequence_tree(s);
  // root -> us -> enforce: China (2 leaves); extend: a leaf at once.
  REQUIRE(t.nodes.size() == 1 + 1 + 1 + 3);
  CHECK(sequence_node_bound(s) >= static_cast<double>(t.nodes.size()));  // every step taken: 8
  const SequenceNode& us = t.nodes[t.nodes[0].children[0]];
  const SequenceNode& china = t.nodes[us.children[0]];
  REQUIRE(china.kind == SequenceNode::Kind::kDecision);
  CHECK(t.nodes[china.children[0]].payoffs == std::vector<double>{2, -1});
  CHECK(t.nodes[china.children[1]].payoffs == std::vector<double>{-1, -2});
  const SequenceNode& extend = t.nodes[us.children[1]];
  REQUIRE(extend.kind == SequenceNode::Kind::kTerminal);
  CHECK(extend.payoffs == std::vector<double>{0, 0});
  // A skipped step's levers read their default: with `yes`, extending costs the U.S. 3.
  const SequenceTree yes = build_sequence_tree(load_scenario_text(retaliation("yes"), "retaliation.yaml"));
  CHECK(yes.nodes[yes.nodes[yes.nodes[0].children[0]].children[1]].payoffs == std::vector<double>{-3, -1});
}

TEST_CASE("sequence tree: the equilibria of a conditional retaliation, by hand") {
  // Strategic form (China's set is reached by its own strategy, so it always
  // has an action): (enforce, no) gives (2, -1), no gain from extend (0) or
  // yes (-2); (extend, yes) gives (0, 0): enforcing would meet yes (-1), and
  // China's set is off the path; (enforce, yes) and (extend, no) fail (the
  // U.S. gains 1 and 2). Only (enforce, no) is subgame perfect: after
  // enforcement, yes costs China 1 more than no.
  const ScenarioExtensiveForm efg = build_scenario_extensive_form(load_scenario_text(retaliation(), "r.yaml"));
  const ExtensiveFormGame& g = efg.game;
  REQUIRE(g.has_perfect_recall());
  const std::size_t us = g.player_infosets(0).at(0), china = g.player_infosets(1).at(0);
  auto profiles = [&](const EfgPureResult& r) {
    std::vector<std::string> out;
    for (const EfgPureEquilibrium& e : r.equilibria)
      out.push_back(g.infoset(us).actions[e.actions[us]] + " " + g.infoset(china).actions[e.actions[china]]);
    std::sort(out.begin(), out.end());
    return out;
  };
  EfgPureOptions nash;
  CHECK(profiles(efg_pure_equilibria(g, nash)) ==
        std::vector<std::string>{"deadline=enforce retaliate=no", "deadline=extend retaliate=yes"});
  EfgPureOptions perfect;
  perfect.subgame_perfect = true;
  const EfgPureResult spe = efg_pure_equilibria(g, perfect);
  CHECK(profiles(spe) == std::vector<std::string>{"deadline=enforce retaliate=no"});
  CHECK(spe.equilibria.at(0).payoffs == std::vector<mpq_class>{2, -1});
}

TEST_CASE("sequence tree: a player knows whether its own conditional steps happened") {
  // Later, China sets its farm purchases seeing nothing, and the U.S. its
  // tariff seeing nothing. China still knows whether it was asked to
  // retaliate (and what it chose): three sets, one per own history; the U.S.
  // knows only its deadline: two sets. Perfect recall holds.
  const std::string more =
      "    - move: china\n"
      "      levers: [farm]\n"
      "      observes: none\n"
      "    - move: us\n"
      "      levers: [tariff]\n"
      "      observes: none\n";
  std::string text = retaliation("no", more);
  text.replace(text.find("  fixed: {us.tariff: keep, china.farm: buy}\n"), 44, "");
  const SequenceTree t = build_sequence_tree(load_scenario_text(text, "r.yaml"));
  std::vector<std::size_t> china_farm, us_tariff;
  for (std::size_t h = 0; h < t.infosets.size(); ++h) {
    if (t.infosets[h].step == 3) china_farm.push_back(h);
    if (t.infosets[h].step == 4) us_tariff.push_back(h);
  }
  REQUIRE(china_farm.size() == 3);
  CHECK(us_tariff.size() == 2);
  CHECK(t.infosets[china_farm[2]].nodes.size() == 1);
  CHECK(t.infosets[china_farm[2]].knows() ==
        "china in round 1, knowing its own retaliate=(skipped) (round 1); not knowing us deadline");
  const ScenarioExtensiveForm efg = build_extensive_form(t);
  CHECK(efg.game.has_perfect_recall());
  // The .efg reads back to the same tree and Gambit would accept it.
  const std::string written = write_efg(efg.game, {.gambit_labels = false});
  CHECK_FALSE(gambit_acceptance_problem(written));
  const ExtensiveFormGame back = read_efg(written);
  CHECK(back.num_nodes() == efg.game.num_nodes());
  CHECK(back.has_perfect_recall());
  CHECK(write_efg(back, {.gambit_labels = false}) == written);
}

TEST_CASE("sequence tree: conditions are checked before building, at file:line:col") {
  auto error_of = [](const std::string& text) {
    return negsim::testing::thrown_by<InputError>([&] { build_sequence_tree(load_scenario_text(text, "r.yaml")); },
                                                  text);
  };
  auto with_condition = [](const std::string& condition) {
    std::string text = retaliation();
    return text.replace(text.find("when: \"us.deadline == enforce\"") + 7, 22, condition);
  };
  // A condition on its own step's lever.
  std::string text = with_condition("china.retaliate == yes");
  InputError e = error_of(text);
  CHECK(e.line() == 15);
  CHECK(e.column() == 13);  // the expression (its opening quote)
  CHECK(e.message().find("reads china.retaliate, which this step sets") != std::string::npos);
  // An unknown name, with a suggestion.
  text = with_condition("us.deadlin == enforce");
  e = error_of(text);
  CHECK(e.line() == 15);
  CHECK(e.message().find("did you mean") != std::string::npos);
  // A lever set only by a later step.
  text = retaliation("no", "    - move: us\n      levers: [tariff]\n      when: \"china.farm == buy\"\n"
                           "      default: {us.tariff: keep}\n    - move: china\n      levers: [farm]\n");
  text.replace(text.find("  fixed: {us.tariff: keep, china.farm: buy}\n"), 44, "");
  e = error_of(text);
  CHECK(e.line() == 18);  // the fixed line is gone
  CHECK(e.message().find("reads china.farm, which is not yet set") != std::string::npos);
}
