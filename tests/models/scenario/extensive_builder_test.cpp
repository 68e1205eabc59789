#include "models/scenario/extensive_builder.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "models/io/efg.hpp"
#include "models/scenario/loader.hpp"
#include "sim/analysis/perfect_bayesian.hpp"
#include "sim/solve/behavior_verify.hpp"

using namespace negsim;

TEST_CASE("extensive form of a scenario sequence: same tree, perfect recall, the verifiers agree") {
  const SequenceTree t = build_sequence_tree(load_scenario_file("scenarios/classic/beer_quiche.yaml"));
  const ScenarioExtensiveForm e = build_extensive_form(t, "beer-quiche");
  CHECK(e.game.num_nodes() == t.nodes.size());
  CHECK(e.game.has_perfect_recall());
  CHECK(e.game.num_players() == 2);
  // 4 player information sets + 1 chance set (the type draw).
  CHECK(e.game.num_infosets() == 5);
  const PerfectBayesianResult r = solve_perfect_bayesian(t);
  REQUIRE(r.equilibria.size() == 2);
  for (const TreeEquilibrium& eq : r.equilibria) {
    const BehaviorCheck check = verify_behavior(e.game, e.behavior_of(eq.actions));
    CHECK(check.is_equilibrium);
    for (std::size_t p = 0; p < 2; ++p) CHECK(check.payoffs[p] == doctest::Approx(eq.payoffs[p]));
  }
  // A profile that is not an equilibrium: both verifiers find the same gain.
  std::vector<std::size_t> quiche_retreat(t.infosets.size(), 1);
  const BehaviorCheck bad = verify_behavior(e.game, e.behavior_of(quiche_retreat));
  CHECK_FALSE(bad.is_equilibrium);
  CHECK(bad.gain[0] == doctest::Approx(0.9));
}

TEST_CASE("the one-pass build of a scenario's game is the two-pass build, byte for byte") {
  for (const char* path : {"scenarios/classic/beer_quiche.yaml", "tests/data/deadline_credibility.yaml",
                           "scenarios/tiktok_2025.yaml"}) {
    CAPTURE(path);
    const Scenario s = load_scenario_file(path);
    const SequenceTree t = build_sequence_tree(s);
    const ScenarioExtensiveForm two_pass = build_extensive_form(t, "title");
    const ScenarioExtensiveForm direct = build_scenario_extensive_form(s, {}, "title");
    const std::string efg = write_efg(two_pass.game);
    CHECK(write_efg(direct.game) == efg);
    CHECK(direct.infoset_of == two_pass.infoset_of);
    CHECK(direct.node_of.empty());  // no tree to map
    SequenceTree kept;
    const ScenarioExtensiveForm both = build_scenario_extensive_form(s, {}, "title", kept);
    CHECK(write_efg(both.game) == efg);
    CHECK(both.node_of == two_pass.node_of);
    REQUIRE(kept.nodes.size() == t.nodes.size());
    REQUIRE(kept.infosets.size() == t.infosets.size());
    std::size_t differ = 0;  // counted, not one assertion per node (ASan runs these too)
    for (std::size_t h = 0; h < t.infosets.size(); ++h) {
      differ += kept.infosets[h].knows() != t.infosets[h].knows() || kept.infosets[h].nodes != t.infosets[h].nodes;
      // The game's sets are labelled with what their movers know.
      differ += direct.game.infoset_label(direct.infoset_of[h]) != t.infosets[h].knows();
    }
    for (std::size_t x = 0; x < t.nodes.size(); ++x)
      differ += kept.nodes[x].children != t.nodes[x].children || kept.nodes[x].payoffs != t.nodes[x].payoffs ||
                kept.nodes[x].type_profile != t.nodes[x].type_profile || kept.nodes[x].parent != t.nodes[x].parent;
    CHECK(differ == 0);
  }
}

TEST_CASE("a sequence's information sets put in words what the mover knows") {
  const SequenceTree t = build_sequence_tree(load_scenario_file("scenarios/classic/beer_quiche.yaml"));
  std::vector<std::string> words;
  for (const SequenceInfoSet& info : t.infosets) words.push_back(info.knows());
  CHECK(std::find(words.begin(), words.end(), "Sender in round 1, knowing its type (strong)") != words.end());
  CHECK(std::find(words.begin(), words.end(),
                  "Receiver in round 1, knowing Sender breakfast=beer (round 1); not knowing the type of Sender") !=
        words.end());
}
