#include "models/scenario/sequence_builder.hpp"

#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
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
