#include "sim/analysis/perfect_bayesian.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "models/scenario/loader.hpp"
#include "sim/analysis/belief_analysis.hpp"
#include "sim/analysis/sequence_verify.hpp"
#include "sim/report/beliefs_report.hpp"
#include "sim/solve/tremble_beliefs.hpp"
#include "models/scenario/extensive_builder.hpp"

using namespace negsim;

namespace {

std::string action_at(const SequenceTree& t, const TreeEquilibrium& eq, const std::string& knows_part) {
  for (std::size_t h = 0; h < t.infosets.size(); ++h)
    if (t.infosets[h].knows().find(knows_part) != std::string::npos) return t.infosets[h].action_labels[eq.actions[h]];
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
    const bool committed = info.knows().find("its type (committed)") != std::string::npos;
    const bool open = info.knows().find("window=open (round " + std::to_string(info.round) + ")") != std::string::npos ||
                      info.knows().find("open (rounds") != std::string::npos;
    if (!committed) CHECK(info.action_labels[eq.actions[h]] == "deadline=extend");
    if (committed && open && info.knows().find("its own divest") == std::string::npos)
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

TEST_CASE("value of learning the other's type alone: beer-quiche's receiver, by hand") {
  // Only the sender has a type, so only the receiver has something to learn.
  // Knowing it, the receiver duels the weak sender and retreats from the
  // strong one: payoff 1 whatever the type. With private types both pure
  // equilibria pool and the receiver retreats on the path: 1 - p_weak. The
  // sender, knowing it is found out: strong beer and no duel (3), weak
  // dueled anyway, so quiche (1).
  Scenario s = load_scenario_file("scenarios/classic/beer_quiche.yaml");
  for (const double p_weak : {0.1, 0.3}) {
    CAPTURE(p_weak);
    apply_overrides(s, {{"p_weak", p_weak}});
    const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
    REQUIRE(a.learning.size() == 1);
    const BeliefAnalysis::OneSidedValue& receiver = a.learning.front();
    CHECK(receiver.player == 1);
    CHECK(receiver.learns == std::vector<std::size_t>{0});
    REQUIRE(receiver.value);
    REQUIRE(receiver.payoffs);
    CHECK(*receiver.value == doctest::Approx(p_weak).epsilon(1e-12));
    CHECK((*receiver.payoffs)[1] == doctest::Approx(1).epsilon(1e-12));
    CHECK((*receiver.payoffs)[0] == doctest::Approx((1 - p_weak) * 3 + p_weak * 1).epsilon(1e-12));
    CHECK(receiver.nodes == a.tree.nodes.size());  // same tree shape, other information sets
  }
}

TEST_CASE("value of learning the other's type alone: the TikTok deadline game, one side against all") {
  // Only the U.S. has a type: ByteDance and China each learn it alone, the
  // U.S. has nothing to learn. Two rounds keep the test cheap.
  Scenario s = load_scenario_file("scenarios/tiktok_2025.yaml");
  apply_overrides(s, {{"extension_rounds", 2}});
  const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
  REQUIRE(!a.result.equilibria.empty());
  REQUIRE(a.value_of_information);
  std::vector<std::string> learners;
  for (const BeliefAnalysis::OneSidedValue& item : a.learning) {
    learners.push_back(a.tree.player_ids[item.player]);
    CHECK(item.learns.size() == 1);
    CHECK(a.tree.player_ids[item.learns.front()] == "us");
    REQUIRE(item.value);
    // The value is the learner's own payoff difference, nothing else.
    CHECK(*item.value == doctest::Approx((*item.payoffs)[item.player] - a.result.equilibria.front().payoffs[item.player]));
  }
  CHECK(learners == std::vector<std::string>{"china", "bytedance"});
  // Consistency of the two kinds: China gains nothing from knowing the
  // resolve alone (its moves here do not turn on it), so when everyone knows,
  // ByteDance faces the same China as when it alone knows; its value alone
  // must then equal its value when all know (two different trees).
  CHECK(*a.learning.front().value == doctest::Approx(0).epsilon(1e-12));
  const std::size_t bytedance = a.learning.back().player;
  CHECK(*a.learning.back().value >= -1e-9);
  CHECK(*a.learning.back().value == doctest::Approx((*a.value_of_information)[bytedance]).epsilon(1e-9));
  // The JSON says the same.
  const nlohmann::json j = beliefs_json(s, a);
  CHECK(j["value_of_learning_types"]["bytedance"]["value"].get<double>() == *a.learning.back().value);
  CHECK(j["value_of_learning_types"]["bytedance"]["learns"] == nlohmann::json::array({"us"}));
  CHECK_FALSE(j["value_of_learning_types"].contains("us"));
  CHECK(j["value_of_information_to_all"] == j["value_of_information"]);
}

namespace {

// The probability of the action labelled `label` at the first set whose `knows` contains `knows_part`.
double behavior_at(const SequenceTree& t, const BehaviorPerfectBayesian& b, const std::string& knows_part,
                   const std::string& label) {
  for (std::size_t h = 0; h < t.infosets.size(); ++h)
    if (t.infosets[h].knows().find(knows_part) != std::string::npos)
      for (std::size_t k = 0; k < t.infosets[h].action_labels.size(); ++k)
        if (t.infosets[h].action_labels[k] == label) return b.behavior[h][k];
  return -1;
}

}  // namespace

TEST_CASE("beer-quiche with a likely weak sender: no pure PBE, the semi-separating behaviour equilibrium") {
  // With P(weak) = 0.6 neither pooling survives (the receiver duels whatever
  // everyone eats) and separating fails (the weak sender would copy the
  // strong). The sequential equilibrium mixes (by hand): strong drinks beer;
  // weak drinks beer with probability q where 0.6 q / (0.6 q + 0.4) = 1/2, so
  // q = 2/3; after beer the receiver retreats with probability 1/2, leaving
  // the weak indifferent (2 * 1/2 = 1 for quiche, where it is dueled).
  Scenario s = load_scenario_file("scenarios/classic/beer_quiche.yaml");
  apply_overrides(s, {{"p_weak", 0.6}});
  const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
  CHECK(a.result.equilibria.empty());
  REQUIRE(a.behavior);
  const BehaviorPerfectBayesian& b = *a.behavior;
  CHECK_FALSE(b.pure);
  CHECK(behavior_at(a.tree, b, "its type (strong)", "breakfast=beer") == doctest::Approx(1.0));
  CHECK(behavior_at(a.tree, b, "its type (weak)", "breakfast=beer") == doctest::Approx(2.0 / 3));
  CHECK(behavior_at(a.tree, b, "breakfast=beer", "response=retreat") == doctest::Approx(0.5));
  CHECK(behavior_at(a.tree, b, "breakfast=quiche", "response=duel") == doctest::Approx(1.0));
  // Beliefs by Bayes' rule on the path: after beer, weak with probability 1/2.
  for (std::size_t h = 0; h < a.tree.infosets.size(); ++h)
    if (a.tree.infosets[h].knows().find("breakfast=beer") != std::string::npos) {
      CHECK(b.assessment[h].source == BeliefSource::kBayes);
      CHECK(type_beliefs(a.tree, b.assessment, h)[0][0] == doctest::Approx(0.5));
    }
  // The report states it (and no longer says mixed ones need other solvers).
  const std::string text = beliefs_text(s, a, "");
  CHECK(text.find("Sequential equilibrium in behaviour strategies") != std::string::npos);
  CHECK(beliefs_json(s, a).contains("behavior_equilibrium"));
}

TEST_CASE("beer-quiche as given: the behaviour equilibrium pools on the path, beliefs everywhere") {
  const Scenario s = load_scenario_file("scenarios/classic/beer_quiche.yaml");
  const BeliefAnalysis a = analyze_beliefs(s, BuildOptions{});
  REQUIRE(a.behavior);
  const BehaviorPerfectBayesian& b = *a.behavior;
  for (std::size_t h = 0; h < b.behavior.size(); ++h)  // off the path the receiver may mix (a duel often enough deters)
    if (b.assessment[h].reach > 0)
      for (double x : b.behavior[h]) CHECK((x == 0 || x == 1));
  const double weak_beer = behavior_at(a.tree, b, "its type (weak)", "breakfast=beer");
  CHECK(weak_beer == behavior_at(a.tree, b, "its type (strong)", "breakfast=beer"));  // pooling
  for (std::size_t h = 0; h < a.tree.infosets.size(); ++h) {
    double sum = 0;
    for (double x : b.assessment[h].belief) sum += x;
    CHECK(sum == doctest::Approx(1.0));  // off the path too
  }
  // Nothing new to say: the report shows only the pure list.
  CHECK(beliefs_text(s, a, "").find("behaviour strategies") == std::string::npos);
}

namespace {

// Chance picks A or B (1/2 each); at A player 1 chooses out or in (2
// actions), at B out, in or aside (3 actions); both `in` lead to one
// information set of player 2 (l or r). Playing out at both, that set is off
// the path and reached by one tremble either way: at A with weight
// 1/2 * 1/2, at B with 1/2 * 1/3, so the tremble limit believes A with
// probability (1/4) / (1/4 + 1/6) = 3/5 (a tremble of e per action would
// say 1/2). Player 2's payoffs turn on it: l pays 1 at A, r pays 1.4 at B.
SequenceTree uneven_tremble_tree() {
  SequenceTree t;
  t.player_ids = {"p1", "p2"};
  t.player_names = {"P1", "P2"};
  auto add = [&](SequenceNode::Kind kind, std::size_t parent, std::size_t branch) {
    SequenceNode node;
    node.kind = kind;
    node.parent = parent;
    node.parent_branch = branch;
    t.nodes.push_back(node);
    if (parent != static_cast<std::size_t>(-1)) t.nodes[parent].children.push_back(t.nodes.size() - 1);
    return t.nodes.size() - 1;
  };
  auto leaf = [&](std::size_t parent, std::size_t branch, double u1, double u2) {
    const std::size_t x = add(SequenceNode::Kind::kTerminal, parent, branch);
    t.nodes[x].payoffs = {u1, u2};
  };
  auto decision = [&](std::size_t parent, std::size_t branch, std::size_t player, std::size_t infoset) {
    const std::size_t x = add(SequenceNode::Kind::kDecision, parent, branch);
    t.nodes[x].player = player;
    t.nodes[x].infoset = infoset;
    t.infosets[infoset].nodes.push_back(x);
    return x;
  };
  t.infosets.resize(3);
  t.infosets[0].player = 0, t.infosets[0].action_labels = {"out", "in"};
  t.infosets[1].player = 0, t.infosets[1].action_labels = {"out", "in", "aside"};
  t.infosets[2].player = 1, t.infosets[2].action_labels = {"l", "r"};
  const std::size_t root = add(SequenceNode::Kind::kChance, static_cast<std::size_t>(-1), 0);
  t.nodes[root].probabilities = {0.5, 0.5};
  // Preorder (parents first), as the builder numbers nodes.
  const std::size_t a = decision(root, 0, 0, 0);
  leaf(a, 0, 10, 0);
  const std::size_t xa = decision(a, 1, 1, 2);
  leaf(xa, 0, 0, 1);
  leaf(xa, 1, 0, 0);
  const std::size_t b = decision(root, 1, 0, 1);
  leaf(b, 0, 10, 0);
  const std::size_t xb = decision(b, 1, 1, 2);
  leaf(xb, 0, 0, 0);
  leaf(xb, 1, 0, 1.4);
  leaf(b, 2, 0, 0);
  for (std::size_t h = 0; h < t.infosets.size(); ++h) t.infosets[h].index = h;
  return t;
}

}  // namespace

TEST_CASE("off the path, each tremble weighs 1/|A| of its set, as tremble_beliefs does for every .efg method") {
  const SequenceTree t = uneven_tremble_tree();
  const std::vector<double> tol = tree_tolerances(t, 1e-9);
  const AssessmentCheck with_l = assess_profile(t, {0, 0, 0}, tol);
  REQUIRE(with_l.assessment[2].belief.size() == 2);
  CHECK(with_l.assessment[2].source == BeliefSource::kTrembles);
  CHECK(with_l.assessment[2].belief[0] == doctest::Approx(0.6));
  CHECK(with_l.assessment[2].belief[1] == doctest::Approx(0.4));
  CHECK(with_l.sequential);
  // r is not rational under the tremble belief (a tremble of e per action,
  // belief 1/2, would make it so): only a point mass on B supports it.
  const AssessmentCheck with_r = assess_profile(t, {0, 0, 1}, tol);
  CHECK(with_r.assessment[2].source == BeliefSource::kSupporting);
  CHECK_FALSE(with_r.sequential);
  // Under that belief l (0.6) beats r (0.56): the sequential equilibrium has
  // player 2 play l; r is held up only by a point-mass belief (weak PBE).
  // The enumeration and the best-response iteration agree.
  for (std::uint64_t enumerated : {std::uint64_t{1} << 16, std::uint64_t{0}}) {
    PerfectBayesianOptions options;
    options.max_enumerated = enumerated;
    const PerfectBayesianResult r = solve_perfect_bayesian(t, options);
    bool sequential_l = false;
    for (const TreeEquilibrium& eq : r.equilibria) {
      CHECK(eq.actions[0] == 0);
      CHECK(eq.actions[1] == 0);
      if (eq.actions[2] == 0) sequential_l = sequential_l || eq.sequential;
      else CHECK_FALSE(eq.sequential);
    }
    CHECK(sequential_l);
  }
}

TEST_CASE("off-path beliefs of every pure PBE equal tremble_limit_beliefs on the tree's extensive form") {
  // The two definitions are written apart (the tree's solver and the .efg
  // methods' sim/solve/tremble_beliefs); for the same profile they must give
  // the same belief at every set off the path.
  std::size_t compared = 0;
  for (const char* file : {"scenarios/classic/beer_quiche.yaml", "tests/data/deadline_credibility.yaml",
                           "tests/data/three_movers_mixed.yaml"}) {
    CAPTURE(file);
    const Scenario s = load_scenario_file(file);
    if (!s.sequence.present) continue;
    const SequenceTree t = build_sequence_tree(s);
    const ScenarioExtensiveForm efg = build_extensive_form(t);
    const PerfectBayesianResult r = solve_perfect_bayesian(t);
    for (const TreeEquilibrium& eq : r.equilibria) {
      const TrembleBeliefs limit = tremble_limit_beliefs(efg.game, efg.behavior_of(eq.actions));
      for (std::size_t h = 0; h < t.infosets.size(); ++h) {
        if (eq.assessment[h].source != BeliefSource::kTrembles) continue;
        const std::size_t gi = efg.infoset_of[h];
        const std::vector<std::size_t>& members = efg.game.infoset(gi).nodes;
        CHECK(limit.origin[gi] == BeliefOrigin::uniform_trembles);
        for (std::size_t i = 0; i < t.infosets[h].nodes.size(); ++i) {
          const std::size_t k = static_cast<std::size_t>(
              std::find(members.begin(), members.end(), efg.node_of[t.infosets[h].nodes[i]]) - members.begin());
          REQUIRE(k < members.size());
          CHECK(eq.assessment[h].belief[i] == doctest::Approx(limit.belief[gi][k]).epsilon(1e-12));
        }
        ++compared;
      }
    }
  }
  CHECK(compared > 0);
}
