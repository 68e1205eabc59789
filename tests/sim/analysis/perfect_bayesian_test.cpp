#include "sim/analysis/perfect_bayesian.hpp"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/analysis/belief_analysis.hpp"
#include "sim/analysis/sequence_verify.hpp"
#include "sim/report/beliefs_report.hpp"

using namespace negsim;

namespace {

std::string action_at(const SequenceTree& t, const TreeEquilibrium& eq, const std::string& knows_part) {
  for (std::size_t h = 0; h < t.infosets.size(); ++h)
    if (t.infosets[h].knows.find(knows_part) != std::string::npos) return t.infosets[h].action_labels[eq.actions[h]];
  return "?";
}

}  // namespace

TEST_CASE("beer-quiche: exactly the two pooling equilibria, each held up by a duel off the path") {
  // Cho and Kreps (1987): pooling on beer and pooling on quiche are the pure
  // perfect Bayesian equilibria; there is no separating one.
  const Scenario s = load_scenario_file("scenarios/classic/beer_quiche.yaml");
  const SequenceTree t = build_sequence_tree(s);
  const PerfectBayesianResult r = solve_perfect_bayesian(t);
  CHECK(r.complete);
  REQUIRE(r.equilibria.size() == 2);
  for (const TreeEquilibrium& eq : r.equilibria) {
    const std::string weak = action_at(t, eq, "its type (weak)");
    const std::string strong = action_at(t, eq, "its type (strong)");
    CHECK(weak == strong);  // pooling
    const std::string eaten = weak.substr(weak.find('=') + 1);
    const std::string other = eaten == "beer" ? "quiche" : "beer";
    CHECK(action_at(t, eq, "breakfast=" + eaten) == "response=retreat");
    CHECK(action_at(t, eq, "breakfast=" + other) == "response=duel");
    // On the path the receiver's belief is the prior (Bayes), off it a
    // belief that makes dueling rational (weak with probability >= 1/2).
    for (std::size_t h = 0; h < t.infosets.size(); ++h) {
      if (t.infosets[h].player != 1) continue;
      const std::vector<std::vector<double>> b = type_beliefs(t, eq, h);
      if (eq.assessment[h].reach > 0) {
        CHECK(eq.assessment[h].source == BeliefSource::kBayes);
        CHECK(b[0][0] == doctest::Approx(0.1));
      } else {
        CHECK(b[0][0] >= 0.5);
      }
    }
    for (std::size_t p = 0; p < 2; ++p) CHECK(eq.regrets[p] <= eq.tolerances[p]);
  }
}

TEST_CASE("deadline game: beliefs along the path match Bayes' rule computed by hand") {
  const Scenario s = load_scenario_file("tests/data/deadline_credibility.yaml");
  const double p = 0.5, w = 0.4;  // the file's p_committed and w
  const SequenceTree t = build_sequence_tree(s);
  const PerfectBayesianResult r = solve_perfect_bayesian(t);
  REQUIRE_FALSE(r.equilibria.empty());
  const TreeEquilibrium& eq = r.equilibria.front();
  // The committed type enforces when the window is open, the bluffing one never.
  for (std::size_t h = 0; h < t.infosets.size(); ++h) {
    const SequenceInfoSet& info = t.infosets[h];
    if (info.player != 0 || eq.assessment[h].reach <= 0) continue;
    const bool committed = info.knows.find("its type (committed)") != std::string::npos;
    const bool open = info.knows.find("window=open (round " + std::to_string(info.round) + ")") != std::string::npos ||
                      info.knows.find("open (rounds") != std::string::npos;
    if (!committed) CHECK(info.action_labels[eq.actions[h]] == "deadline=extend");
    if (committed && open && info.knows.find("its own divest") == std::string::npos)
      CHECK(info.action_labels[eq.actions[h]] == "deadline=enforce");
  }
  // The target at round k (after k - 1 extensions it waited through) believes
  // the enforcer committed with p (1-w)^(k-1) / (p (1-w)^(k-1) + 1 - p).
  std::size_t checked = 0;
  for (std::size_t h = 0; h < t.infosets.size(); ++h) {
    const SequenceInfoSet& info = t.infosets[h];
    if (info.player != 1 || eq.assessment[h].reach <= 0) continue;
    const double k = static_cast<double>(info.round - 1);
    const double expected = p * std::pow(1 - w, k) / (p * std::pow(1 - w, k) + 1 - p);
    CHECK(type_beliefs(t, eq, h)[0][0] == doctest::Approx(expected));
    // And the reach: every earlier round the enforcer extended and the target waited.
    ++checked;
  }
  CHECK(checked >= 1);
  for (std::size_t q = 0; q < 2; ++q) CHECK(eq.regrets[q] <= eq.tolerances[q]);
}

TEST_CASE("the independent verifier finds the gain of a profitable deviation") {
  const SequenceTree t = build_sequence_tree(load_scenario_file("scenarios/classic/beer_quiche.yaml"));
  // Both types quiche, receiver retreats after both: the strong type gains 1 by beer.
  std::vector<std::size_t> actions(t.infosets.size(), 0);
  for (std::size_t h = 0; h < t.infosets.size(); ++h)
    actions[h] = t.infosets[h].player == 0 ? 1 : 1;  // quiche; retreat
  const std::vector<double> regrets = tree_regrets(t, actions);
  CHECK(regrets[0] == doctest::Approx(0.9));  // strong (0.9) gains 1
  CHECK(regrets[1] == doctest::Approx(0.0));
  CHECK_FALSE(assess_profile(t, actions, tree_tolerances(t, 1e-9)).rational);
}

TEST_CASE("value of information: types known to all against private types") {
  const Scenario s = load_scenario_file("scenarios/classic/beer_quiche.yaml");
  const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
  REQUIRE(a.value_of_information);
  // Known types: the receiver duels the weak (receiver 1, sender weak 1 for
  // quiche) and retreats from the strong (sender 3, receiver 1).
  REQUIRE(a.revealed_by_type.size() == 2);
  CHECK(a.revealed_by_type[0] == std::vector<double>{1, 1});
  CHECK(a.revealed_by_type[1] == std::vector<double>{3, 1});
  CHECK((*a.value_of_information)[1] == doctest::Approx(1.0 - a.result.equilibria.front().payoffs[1]));
}
