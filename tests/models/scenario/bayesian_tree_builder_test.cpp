#include "models/scenario/bayesian_tree_builder.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "models/io/efg.hpp"
#include "models/scenario/loader.hpp"
#include "sim/solve/efg_pure_equilibria.hpp"
#include "sim/solve/pure_nash.hpp"

using namespace negsim;

namespace {

// Two typed players with a correlated prior, no sequence: a Bayesian game.
const char* kJoint = R"yaml(
scenario: joint-bayesian
parameters:
  p_hard: {value: 0.3}
players:
  us:
    levers:
      deadline: {values: [enforce, extend]}
  china:
    levers:
      algorithm: {values: [deny, license]}
types:
  us: [committed, bluffing]
  china: [hardline, flexible]
  joint:
    - {us: committed, china: hardline, probability: p_hard}
    - {us: committed, china: flexible, probability: 0.2}
    - {us: bluffing, china: flexible, probability: "0.8 - p_hard"}
payoffs:
  us: "2 * (us.type == committed) * (us.deadline == enforce) + 3 * (china.algorithm == license) - (us.deadline == enforce)"
  china: "(china.type == flexible) * (china.algorithm == license) + 2 * (us.deadline == enforce) * (china.algorithm == license) - (china.type == hardline) * (china.algorithm == license) * 3"
)yaml";

// The pure Bayesian equilibria, as agent action vectors: from the type-agent
// form, and from the tree (its sets matched to agents by label).
void same_pure_equilibria(const Scenario& s) {
  const TypeAgentGame tag = build_type_agent_game(s);
  const ExtensiveFormGame tree = bayesian_extensive_form(tag, s.title);
  const NormalFormGame& agents = tag.game;
  std::set<std::vector<std::size_t>> from_agents, from_tree;
  for (const Equilibrium& eq : solve_pure_nash(agents).equilibria) {
    std::vector<std::size_t> actions;
    for (const auto& row : eq.profile)
      actions.push_back(static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin()));
    from_agents.insert(actions);
  }
  const ExtensiveSolveResult pure = solve_efg_pure(tree, SolveOptions{}, EfgEquilibriumForm::strategic, false);
  for (const BehaviorEquilibrium& eq : pure.equilibria) {
    std::vector<std::size_t> actions(agents.num_players(), 0);
    for (std::size_t a = 0; a < agents.num_players(); ++a) {
      // Agent (p, t)'s information set, by the label the contract gives it.
      const TypeAgent& agent = tag.agents[a];
      const std::vector<std::string>& labels = tag.prior.labels[agent.player];
      const std::string label = tree.player_name(agent.player) +
                                (labels.empty() ? "" : ", knowing its type (" + labels[agent.type] + ")");
      std::size_t found = 0;
      for (std::size_t i : tree.player_infosets(agent.player))
        if (tree.infoset_label(i) == label) {
          actions[a] = static_cast<std::size_t>(std::max_element(eq.profile[i].begin(), eq.profile[i].end()) -
                                                eq.profile[i].begin());
          ++found;
        }
      CHECK(found == 1);
    }
    from_tree.insert(actions);
  }
  CHECK(!from_agents.empty());
  CHECK(from_tree == from_agents);
}

}  // namespace

TEST_CASE("Bayesian game as a tree: chance draws the types, each player knows its own, same equilibria") {
  Scenario bq = load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/beer_quiche.yaml");
  bq.sequence.present = false;  // the one-shot Bayesian game
  const TypeAgentGame tag = build_type_agent_game(bq);
  const ExtensiveFormGame tree = bayesian_extensive_form(tag, bq.title);
  CHECK(tree.has_perfect_recall());
  // Root: the prior, exactly the decimals the scenario wrote.
  REQUIRE(tree.node(0).kind == NodeKind::chance);
  const EfgInfoset& types = tree.infoset(tree.node(0).infoset);
  REQUIRE(types.actions == std::vector<std::string>{"weak", "strong"});
  CHECK(types.chance_probs[0] == mpq_class(1, 10));
  CHECK(types.chance_probs[1] == mpq_class(9, 10));
  // The sender has one set per type, the untyped receiver one set, seeing nothing.
  CHECK(tree.player_infosets(0).size() == 2);
  CHECK(tree.player_infosets(1).size() == 1);
  CHECK(tree.infoset_label(tree.player_infosets(0)[0]) == "Sender, knowing its type (weak)");
  CHECK(tree.infoset_label(tree.player_infosets(1)[0]) == "Receiver");
  CHECK(tree.terminals().size() == 2 * 2 * 2);
  // A .efg round trip keeps it (what negsim export writes).
  CHECK(write_efg(read_efg(write_efg(tree), "bq.efg")) == write_efg(tree));
  same_pure_equilibria(bq);
}

TEST_CASE("Bayesian game as a tree: a correlated prior keeps only its type profiles") {
  const Scenario s = load_scenario_text(kJoint, "joint.yaml");
  const TypeAgentGame tag = build_type_agent_game(s);
  const ExtensiveFormGame tree = bayesian_extensive_form(tag, s.id);
  const EfgInfoset& types = tree.infoset(tree.node(0).infoset);
  CHECK(types.actions ==
        std::vector<std::string>{"committed, hardline", "committed, flexible", "bluffing, flexible"});
  CHECK(types.chance_probs[0] == mpq_class(3, 10));
  CHECK(types.chance_probs[2] == mpq_class(1, 2));  // 0.8 - 0.3
  CHECK(tree.player_infosets(0).size() == 2);  // committed, bluffing
  CHECK(tree.player_infosets(1).size() == 2);  // hardline, flexible
  CHECK(tree.has_perfect_recall());
  same_pure_equilibria(s);
}
