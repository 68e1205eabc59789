#include "models/scenario/extensive_builder.hpp"

#include <doctest/doctest.h>

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
