// refresh_sequence_numbers (sequence_builder.hpp): a tree's numbers at other
// parameter values are those of a fresh build, bit for bit; a change of shape
// or an invalid number is refused.
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "models/errors.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/sequence_builder.hpp"

using namespace negsim;

namespace {

Scenario shipped(const std::string& path) { return load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/" + path); }

// Nodes whose chance probabilities or payoffs differ (exact comparison).
std::size_t differing_nodes(const SequenceTree& a, const SequenceTree& b) {
  REQUIRE(a.nodes.size() == b.nodes.size());
  std::size_t differing = 0;
  for (std::size_t x = 0; x < a.nodes.size(); ++x)
    if (a.nodes[x].probabilities != b.nodes[x].probabilities || a.nodes[x].payoffs != b.nodes[x].payoffs) ++differing;
  return differing;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Scenario with(Scenario s, const std::string& parameter, double value) {
  s.find_parameter(parameter)->value = value;
  return s;
}

}  // namespace

TEST_CASE("refreshed sequence numbers are a fresh build's, bit for bit, for payoffs, chance, prior and discount") {
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  const SequenceTree original = build_sequence_tree(tiktok);
  // A payoff number, a chance probability, the prior, the discount, and one
  // that reads sequence.round (status_quo_value is paid in the last round).
  const std::pair<const char*, double> changes[] = {{"ban_cost_us", 19.25},       {"ripe_probability", 0.3},
                                                    {"p_us_committed", 0.45},     {"delta", 0.61},
                                                    {"status_quo_value", 13.7}};
  for (const auto& change : changes) {
    CAPTURE(change.first);
    const Scenario changed = with(tiktok, change.first, change.second);
    SequenceTree tree = original;
    REQUIRE(refresh_sequence_numbers(changed, tree));
    const SequenceTree fresh = build_sequence_tree(changed);
    CHECK(differing_nodes(tree, fresh) == 0);
    CHECK(differing_nodes(tree, original) > 0);  // the numbers did move
    CHECK(tree.discount == fresh.discount);
    REQUIRE(tree.prior.profiles.size() == fresh.prior.profiles.size());
    for (std::size_t k = 0; k < tree.prior.profiles.size(); ++k)
      CHECK(tree.prior.profiles[k].probability == fresh.prior.profiles[k].probability);
    // And back: refreshing again at the original values restores them.
    REQUIRE(refresh_sequence_numbers(tiktok, tree));
    CHECK(differing_nodes(tree, original) == 0);
  }
}

TEST_CASE("refreshing sequence numbers refuses another shape and invalid numbers") {
  const Scenario tiktok = shipped("scenarios/tiktok_2025.yaml");
  const SequenceTree original = build_sequence_tree(tiktok);
  SequenceTree tree = original;
  CHECK_FALSE(refresh_sequence_numbers(with(tiktok, "extension_rounds", 3), tree));  // fewer rounds
  tree = original;
  CHECK_FALSE(refresh_sequence_numbers(with(tiktok, "p_us_committed", 0), tree));  // one type left
  tree = original;
  CHECK_FALSE(refresh_sequence_numbers(with(tiktok, "ripe_probability", 1.5), tree));  // not a probability
  tree = original;
  CHECK_FALSE(refresh_sequence_numbers(with(tiktok, "delta", 1.2), tree));  // not a discount factor
  // stop_when reading a parameter: play stops in round k.
  const std::string text =
      "scenario: wait\n"
      "parameters: {k: 4, bonus: 10}\n"
      "players:\n"
      "  a: {levers: {act: [wait, stop]}}\n"
      "payoffs: {a: \"1 + bonus * (a.act == stop) * (sequence.round == 3)\"}\n"
      "sequence:\n"
      "  rounds: 3\n"
      "  discount: 0.5\n"
      "  stop_when: \"a.act == stop or sequence.round + 1 >= k\"\n"
      "  steps: [{move: a}]\n";
  const Scenario wait = load_scenario_text(text, "wait.yaml");
  const SequenceTree wait_game = build_sequence_tree(wait);
  tree = wait_game;
  CHECK_FALSE(refresh_sequence_numbers(with(wait, "k", 3), tree));  // stops in round 2, not 3
  tree = wait_game;
  CHECK(refresh_sequence_numbers(with(wait, "bonus", 4), tree));
  CHECK(differing_nodes(tree, build_sequence_tree(with(wait, "bonus", 4))) == 0);
  CHECK(differing_nodes(tree, wait_game) > 0);
}

TEST_CASE("refreshing sequence numbers replays conditions: refreshed where they decide as before, refused where not") {
  // b moves only when a stops and `k` stays below 5; at k = 6 b's node goes.
  const std::string text =
      "scenario: conditional\n"
      "parameters: {k: 4, bonus: 10}\n"
      "players:\n"
      "  a: {levers: {act: [wait, stop]}}\n"
      "  b: {levers: {reply: [no, yes]}}\n"
      "payoffs: {a: \"bonus * (a.act == stop) - (b.reply == yes)\", b: \"(b.reply == yes) * k\"}\n"
      "sequence:\n"
      "  steps:\n"
      "    - move: a\n"
      "    - move: b\n"
      "      when: \"a.act == stop and k < 5\"\n"
      "      default: {b.reply: no}\n";
  const Scenario conditional = load_scenario_text(text, "conditional.yaml");
  const SequenceTree built = build_sequence_tree(conditional);
  CHECK(build_sequence_tree(with(conditional, "k", 6)).nodes.size() < built.nodes.size());
  SequenceTree tree = built;
  CHECK_FALSE(refresh_sequence_numbers(with(conditional, "k", 6), tree));  // b's node would go
  // The condition decides as before: the numbers are a fresh build's.
  const std::pair<const char*, double> same_shape[] = {{"bonus", 4}, {"k", 3}};
  for (const auto& change : same_shape) {
    CAPTURE(change.first);
    tree = built;
    const Scenario changed = with(conditional, change.first, change.second);
    REQUIRE(refresh_sequence_numbers(changed, tree));
    CHECK(differing_nodes(tree, build_sequence_tree(changed)) == 0);
    CHECK(differing_nodes(tree, built) > 0);
  }
  // And the other way: a tree built where b never moves, refreshed where it would.
  const SequenceTree without_b = build_sequence_tree(with(conditional, "k", 6));
  tree = without_b;
  CHECK_FALSE(refresh_sequence_numbers(conditional, tree));
  tree = without_b;
  const Scenario without_b_cheaper = with(with(conditional, "k", 6), "bonus", 3);
  CHECK(refresh_sequence_numbers(without_b_cheaper, tree));
  CHECK(differing_nodes(tree, build_sequence_tree(without_b_cheaper)) == 0);
}

TEST_CASE("refreshed numbers of a tree with a conditional step over types, chance and rounds are a fresh build's") {
  // TikTok with China's farm purchases as a conditional step after an
  // enforcement (docs/scenario.md, "Conditional steps"), the condition also
  // reading a parameter, and a payoff reading the step's lever.
  std::string text = read_text(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml");
  const std::string after = "      observes: [us.deadline, china.algorithm]\n";
  REQUIRE(text.find(after) != std::string::npos);
  text.insert(text.find(after) + after.size(),
              "    - move: china\n"
              "      levers: [farm]\n"
              "      when: \"us.deadline == enforce and ban_cost_china > 3\"\n"
              "      default: {china.farm: resume}\n");
  const std::string term = "(chance.moment == unripe)";
  REQUIRE(text.find(term) != std::string::npos);
  text.insert(text.find(term) + term.size(), " + farm_exports * (china.farm == resume)");
  const Scenario s = load_scenario_text(text, "tiktok_farm.yaml");
  const SequenceTree original = build_sequence_tree(s);
  REQUIRE(original.nodes.size() > build_sequence_tree(with(s, "ban_cost_china", 2)).nodes.size());
  const std::pair<const char*, double> changes[] = {
      {"farm_exports", 7.5}, {"ban_cost_china", 6}, {"ripe_probability", 0.2}, {"p_us_committed", 0.6}, {"delta", 0.8}};
  for (const auto& change : changes) {
    CAPTURE(change.first);
    const Scenario changed = with(s, change.first, change.second);
    SequenceTree tree = original;
    REQUIRE(refresh_sequence_numbers(changed, tree));
    CHECK(differing_nodes(tree, build_sequence_tree(changed)) == 0);
    REQUIRE(refresh_sequence_numbers(s, tree));
    CHECK(differing_nodes(tree, original) == 0);
  }
  SequenceTree tree = original;
  CHECK_FALSE(refresh_sequence_numbers(with(s, "ban_cost_china", 2), tree));  // China's step goes
}

TEST_CASE("refreshing sequence numbers refuses an expression that reads what the build's did not, and keeps many settings apart") {
  // At k = 4 the `if` folds to 0 and a's payoff reads no lever; at k = 6 it
  // reads a.act, whose settings the build did not record for it.
  const std::string folding =
      "scenario: folding\n"
      "parameters: {k: 4}\n"
      "players:\n"
      "  a: {levers: {act: [wait, stop]}}\n"
      "payoffs: {a: \"if(k > 5, a.act == stop, 0) + k\"}\n"
      "sequence:\n"
      "  steps: [{move: a}]\n";
  const Scenario low = load_scenario_text(folding, "folding.yaml");
  const Scenario high = with(low, "k", 6);
  SequenceTree tree = build_sequence_tree(low);
  CHECK_FALSE(refresh_sequence_numbers(high, tree));
  tree = build_sequence_tree(high);  // the other way it reads less: refreshed
  REQUIRE(refresh_sequence_numbers(with(low, "k", 3), tree));
  CHECK(differing_nodes(tree, build_sequence_tree(with(low, "k", 3))) == 0);
  // 70 x 70 settings of the levers the payoffs read: more than the table
  // indexes directly, so they are hashed; each keeps its own numbers.
  std::string values;
  for (int v = 0; v < 70; ++v) values += (v ? ", " : "") + std::to_string(v);
  const std::string wide = "scenario: wide\n"
                           "parameters: {k: 1.5}\n"
                           "players:\n"
                           "  a: {levers: {x: {values: [" + values + "]}}}\n"
                           "  b: {levers: {y: {values: [" + values + "]}}}\n"
                           "payoffs: {a: \"k * a.x - b.y\", b: \"b.y * a.x / (1 + k)\"}\n"
                           "sequence:\n"
                           "  steps: [{move: a}, {move: b}]\n";
  const Scenario w = load_scenario_text(wide, "wide.yaml");
  tree = build_sequence_tree(w);
  REQUIRE(tree.nodes.size() == 1 + 1 + 70 + 70 * 70);
  const Scenario changed = with(w, "k", 2.25);
  REQUIRE(refresh_sequence_numbers(changed, tree));
  CHECK(differing_nodes(tree, build_sequence_tree(changed)) == 0);
}
