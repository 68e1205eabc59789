#include "models/game/extensive_form.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "models/errors.hpp"
#include "tests/support/extensive_games.hpp"

using negsim::BehaviorProfile;
using negsim::ExactBehaviorProfile;
using negsim::ExtensiveFormGame;
using negsim::GameStructureError;
using negsim::kNoIndex;
using negsim::NodeKind;

namespace {

// Kuhn-style: chance deals High or Low (1/3, 2/3) to player 1, who Bets or
// Checks; player 2 sees only the bet and Calls or Folds.
ExtensiveFormGame signalling_game() {
  ExtensiveFormGame g;
  g.add_player("Sender");
  g.add_player("Receiver");
  const std::size_t deal =
      g.add_chance_infoset({"High", "Low"}, std::vector<mpq_class>{mpq_class(1, 3), mpq_class(2, 3)});
  const std::size_t high = g.add_infoset(0, {"Bet", "Check"}, "high");
  const std::size_t low = g.add_infoset(0, {"Bet", "Check"}, "low");
  const std::size_t after_bet = g.add_infoset(1, {"Call", "Fold"}, "bet seen");
  const std::size_t c = g.set_move(0, deal);
  const std::size_t h = g.set_move(c, high);
  const std::size_t l = g.set_move(c + 1, low);
  const std::size_t hb = g.set_move(h, after_bet);
  const std::size_t lb = g.set_move(l, after_bet);
  g.set_outcome(hb, g.add_outcome(std::vector<double>{2, -2}));
  g.set_outcome(hb + 1, g.add_outcome(std::vector<double>{1, -1}));
  g.set_outcome(h + 1, g.add_outcome(std::vector<double>{1, -1}));
  g.set_outcome(lb, g.add_outcome(std::vector<double>{-2, 2}));
  g.set_outcome(lb + 1, g.add_outcome(std::vector<double>{1, -1}));
  g.set_outcome(l + 1, g.add_outcome(std::vector<double>{-1, 1}));
  g.finalize();
  return g;
}

}  // namespace

TEST_CASE("a tree grows from leaves with contiguous children") {
  const ExtensiveFormGame g = negsim::testing::entry_deterrence();
  CHECK(g.num_nodes() == 5);
  CHECK(g.node(0).kind == NodeKind::decision);
  CHECK(g.num_children(0) == 2);
  CHECK(g.child(0, 1) == g.node(0).first_child + 1);
  CHECK(g.node(g.child(0, 1)).parent == 0);
  CHECK(g.node(g.child(0, 1)).action_in_parent == 1);
  CHECK(g.terminals().size() == 3);
  CHECK(g.has_perfect_recall());
  CHECK(g.min_payoff(0) == -1);
  CHECK(g.max_payoff(1) == 2);
  // Preorder visits In's subtree before Out.
  const auto order = g.preorder();
  CHECK(order.front() == 0);
  CHECK(order.back() == g.child(0, 1));
}

TEST_CASE("construction rejects malformed moves and probabilities") {
  ExtensiveFormGame g;
  g.add_player("A");
  CHECK_THROWS_AS(g.add_chance_infoset({"x", "y"}, std::vector<mpq_class>{mpq_class(1, 2), mpq_class(1, 3)}),
                  GameStructureError);
  CHECK_THROWS_AS(g.add_chance_infoset({"x", "y"}, std::vector<mpq_class>{mpq_class(3, 2), mpq_class(-1, 2)}),
                  GameStructureError);
  CHECK_THROWS_AS(g.add_chance_infoset({"x"}, std::vector<mpq_class>{1, 0}), GameStructureError);
  CHECK_THROWS_AS(g.add_infoset(1, {"a"}), GameStructureError);
  CHECK_THROWS_AS(g.add_infoset(0, {}), GameStructureError);
  CHECK_THROWS_AS(g.add_outcome(std::vector<double>{1, 2}), GameStructureError);
  const std::size_t i = g.add_infoset(0, {"a", "b"});
  g.set_move(0, i);
  CHECK_THROWS_AS(g.set_move(0, i), GameStructureError);  // not a leaf any more
  const std::size_t unused = g.add_infoset(0, {"c"});
  (void)unused;
  CHECK_THROWS_AS(g.finalize(), GameStructureError);  // an information set without nodes
  // Doubles that sum to 1 up to rounding are accepted and made exact.
  ExtensiveFormGame h;
  h.add_player("A");
  const std::size_t c = h.add_chance_infoset({"x", "y", "z"}, std::vector<double>{0.1, 0.2, 0.7});
  CHECK(h.infoset(c).chance_probs[0] + h.infoset(c).chance_probs[1] + h.infoset(c).chance_probs[2] == 1);
}

TEST_CASE("queries before finalize are refused") {
  ExtensiveFormGame g;
  g.add_player("A");
  CHECK_THROWS_AS(g.player_infosets(0), std::logic_error);
  g.finalize();
  CHECK(g.player_infosets(0).empty());
  g.add_infoset(0, {"a"});
  CHECK_FALSE(g.finalized());
}

TEST_CASE("outcomes on inner nodes add up along the path") {
  ExtensiveFormGame g;
  g.add_player("A");
  g.add_player("B");
  const std::size_t i = g.add_infoset(0, {"a", "b"});
  const std::size_t c = g.set_move(0, i);
  g.set_outcome(0, g.add_outcome(std::vector<mpq_class>{mpq_class(1, 3), 5}));
  g.set_outcome(c, g.add_outcome(std::vector<mpq_class>{mpq_class(1, 6), -5}));
  g.finalize();
  CHECK(g.exact_terminal_payoffs(c)[0] == mpq_class(1, 2));
  CHECK(g.exact_terminal_payoffs(c)[1] == 0);
  CHECK(g.exact_terminal_payoffs(c + 1)[0] == mpq_class(1, 3));
  CHECK(g.terminal_payoffs(c + 1)[1] == 5.0);
}

TEST_CASE("sequences and sequence-form constraints follow von Stengel") {
  const ExtensiveFormGame g = signalling_game();
  CHECK(g.has_perfect_recall());
  // Sender: empty, (high,Bet), (high,Check), (low,Bet), (low,Check).
  CHECK(g.num_sequences(0) == 5);
  CHECK(g.num_sequences(1) == 3);
  const auto& sender = g.player_infosets(0);
  REQUIRE(sender.size() == 2);
  CHECK(g.infoset_label(sender[0]) == "high");  // first in preorder
  CHECK(g.sequence(sender[1], 1) == 4);
  CHECK(g.sequence_infoset(0, 4) == sender[1]);
  CHECK(g.sequence_action(0, 4) == 1);
  CHECK(g.parent_sequence(sender[0]) == 0);

  const auto e = g.sequence_constraints(0);
  CHECK(e.rows == 3);
  CHECK(e.cols == 5);
  // Every row of E applied to a realization plan gives e = (1, 0, 0).
  const BehaviorProfile b = g.uniform_behavior();
  const auto x = g.sequence_weights(b, 0);
  std::vector<double> ex(e.rows, 0.0);
  for (const auto& entry : e.entries) ex[entry.row] += entry.value * x[entry.col];
  CHECK(ex[0] == doctest::Approx(1));
  CHECK(ex[1] == doctest::Approx(0));
  CHECK(ex[2] == doctest::Approx(0));

  // Sequence-form payoff x^T A y equals the tree's expected payoff.
  BehaviorProfile mixed = g.uniform_behavior();
  mixed[sender[0]] = {0.8, 0.2};
  mixed[sender[1]] = {0.3, 0.7};
  mixed[g.player_infosets(1)[0]] = {0.4, 0.6};
  const auto xs = g.sequence_weights(mixed, 0);
  const auto ys = g.sequence_weights(mixed, 1);
  double v0 = 0, v1 = 0;
  for (const auto& s : g.sequence_payoffs()) {
    v0 += xs[s.row] * ys[s.col] * s.payoff[0];
    v1 += xs[s.row] * ys[s.col] * s.payoff[1];
  }
  const auto direct = g.expected_payoffs(mixed);
  CHECK(v0 == doctest::Approx(direct[0]));
  CHECK(v1 == doctest::Approx(direct[1]));
  // Hand computation: high (1/3): 0.8*(0.4*2+0.6*1)+0.2*1 = 1.32;
  // low (2/3): 0.3*(0.4*-2+0.6*1)+0.7*-1 = -0.76. Total 0.44 - 0.50667.
  CHECK(direct[0] == doctest::Approx(1.32 / 3 - 0.76 * 2 / 3));
}

TEST_CASE("terminal sequences carry the chance probability of the path") {
  const ExtensiveFormGame g = signalling_game();
  const auto ts = g.terminal_sequences();
  REQUIRE(ts.size() == 6);
  CHECK(ts[0].chance == mpq_class(1, 3));
  CHECK(ts[5].chance == mpq_class(2, 3));
  CHECK(ts[0].sequence[0] == 1);  // high, Bet
  CHECK(ts[0].sequence[1] == 1);  // Call
  CHECK(ts[2].sequence[1] == 0);  // after Check player 2 has not moved
}

TEST_CASE("behaviour from sequence weights inverts sequence weights exactly") {
  const ExtensiveFormGame g = signalling_game();
  ExactBehaviorProfile b = g.exact_uniform_behavior();
  b[g.player_infosets(0)[0]] = {mpq_class(1, 7), mpq_class(6, 7)};
  const auto w = g.exact_sequence_weights(b, 0);
  ExactBehaviorProfile back = g.exact_uniform_behavior();
  g.exact_behavior_from_sequence_weights(0, w, back);
  CHECK(back == b);
  const auto flat = g.flatten_exact_behavior(b);
  CHECK(flat.size() == 6);
  CHECK(flat[0] == mpq_class(1, 7));
}

TEST_CASE("imperfect recall is detected and the information set named") {
  // Myerson's example: player 1 moves, player 2 moves, player 1 moves again
  // without remembering the first move.
  ExtensiveFormGame g;
  g.add_player("Player 1");
  g.add_player("Player 2");
  const std::size_t first = g.add_infoset(0, {"1", "2"}, "(1,1)");
  const std::size_t second = g.add_infoset(1, {"1", "2"}, "(2,1)");
  const std::size_t forgetful = g.add_infoset(0, {"1", "2"}, "(1,2)");
  const std::size_t c = g.set_move(0, first);
  const std::size_t t1 = g.set_move(c, second);
  const std::size_t t2 = g.set_move(c + 1, second);
  g.set_move(t1 + 1, forgetful);
  g.set_move(t2, forgetful);
  g.finalize();
  REQUIRE_FALSE(g.has_perfect_recall());
  CHECK(g.recall_problem()->infoset == forgetful);
  CHECK(g.recall_problem()->message.find("\"(1,2)\"") != std::string::npos);
  CHECK(g.recall_problem()->message.find("player 1") != std::string::npos);
  CHECK_THROWS_AS(g.require_perfect_recall("pure"), negsim::InputError);
  CHECK_THROWS_AS(g.sequence_constraints(0), negsim::InputError);
}

TEST_CASE("absent-mindedness is imperfect recall") {
  ExtensiveFormGame g;
  g.add_player("Driver");
  const std::size_t i = g.add_infoset(0, {"exit", "continue"});
  const std::size_t c = g.set_move(0, i);
  g.set_move(c + 1, i);
  g.finalize();
  REQUIRE_FALSE(g.has_perfect_recall());
  CHECK(g.recall_problem()->message.find("absent-mindedness") != std::string::npos);
}

TEST_CASE("the recall check covers chance, as Gambit does") {
  ExtensiveFormGame g;
  g.add_player("A");
  const std::size_t first = g.add_chance_infoset({"x", "y"}, std::vector<mpq_class>{mpq_class(1, 2), mpq_class(1, 2)});
  const std::size_t again = g.add_chance_infoset({"u", "v"}, std::vector<mpq_class>{mpq_class(1, 2), mpq_class(1, 2)});
  const std::size_t c = g.set_move(0, first);
  g.set_move(c, again);
  g.set_move(c + 1, again);
  g.finalize();
  REQUIRE_FALSE(g.has_perfect_recall());
  CHECK(g.recall_problem()->infoset == again);
  CHECK(g.recall_problem()->message.find("chance") != std::string::npos);
}

TEST_CASE("reduced strategies drop choices the player's own moves exclude") {
  // Player 1: A or B at the root; after A, player 2 moves l or r, then player
  // 1 chooses c or d (knowing nothing of l/r). After B the game ends.
  ExtensiveFormGame g;
  g.add_player("One");
  g.add_player("Two");
  const std::size_t root = g.add_infoset(0, {"A", "B"});
  const std::size_t two = g.add_infoset(1, {"l", "r"});
  const std::size_t later = g.add_infoset(0, {"c", "d"});
  const std::size_t c = g.set_move(0, root);
  const std::size_t t = g.set_move(c, two);
  const std::size_t l1 = g.set_move(t, later);
  const std::size_t l2 = g.set_move(t + 1, later);
  double k = 0;
  for (std::size_t leaf : {l1, l1 + 1, l2, l2 + 1, c + 1}) {
    g.set_outcome(leaf, g.add_outcome(std::vector<double>{k, 10 * k}));
    k += 1;
  }
  g.finalize();
  CHECK(g.has_perfect_recall());
  CHECK(g.count_reduced_strategies(0) == 3);
  const auto s = g.reduced_strategies(0);
  REQUIRE(s.size() == 3);
  CHECK(g.reduced_strategy_label(0, s[0]) == "11");
  CHECK(g.reduced_strategy_label(0, s[1]) == "12");
  CHECK(g.reduced_strategy_label(0, s[2]) == "2*");
  const negsim::NormalFormGame nf = g.reduced_normal_form();
  CHECK(nf.num_actions(0) == 3);
  CHECK(nf.num_actions(1) == 2);
  // (A then d, r) reaches leaf l2+1: outcome k = 3.
  const std::vector<std::size_t> prof{1, 1};
  CHECK(nf.exact_payoff(0, nf.profile_index(prof)) == 3);
  CHECK(nf.exact_payoff(1, nf.profile_index(prof)) == 30);
  const std::vector<std::size_t> out{2, 0};
  CHECK(nf.exact_payoff(0, nf.profile_index(out)) == 4);
  CHECK(nf.action_labels[0][2] == "2*");
}

TEST_CASE("the reduced normal form weights chance and matches behaviour payoffs") {
  const ExtensiveFormGame g = signalling_game();
  const negsim::NormalFormGame nf = g.reduced_normal_form();
  REQUIRE(nf.num_actions(0) == 4);
  REQUIRE(nf.num_actions(1) == 2);
  // Strategy "12" (Bet when high, Check when low) against Call.
  const auto s = g.reduced_strategies(0);
  const auto it = std::find_if(s.begin(), s.end(), [](const negsim::ReducedStrategy& r) {
    return r[0] == 0 && r[1] == 1;
  });
  REQUIRE(it != s.end());
  const std::vector<std::size_t> prof{static_cast<std::size_t>(it - s.begin()), 0};
  // 1/3 * 2 + 2/3 * -1 = 0
  CHECK(nf.exact_payoff(0, nf.profile_index(prof)) == 0);
  std::vector<std::size_t> pure(g.num_infosets(), 0);
  pure[g.player_infosets(0)[1]] = 1;
  const auto b = g.pure_behavior(pure);
  CHECK(g.expected_payoffs(b)[0] == doctest::Approx(0.0));
  CHECK(g.is_valid_behavior(b));
  auto bad = b;
  bad[g.player_infosets(1)[0]] = {0.5, 0.6};
  CHECK_FALSE(g.is_valid_behavior(bad));
}

TEST_CASE("subgame roots are nodes whose subtree closes every information set") {
  // In the signalling game only the root is a subgame root (the receiver's
  // information set spans both deals).
  const ExtensiveFormGame s = signalling_game();
  CHECK(s.subgame_roots() == std::vector<std::size_t>{0});
  // In the entry game both decision nodes are.
  const ExtensiveFormGame e = negsim::testing::entry_deterrence();
  const auto roots = e.subgame_roots();
  REQUIRE(roots.size() == 2);
  CHECK(roots[0] == 0);
  CHECK(roots[1] == e.child(0, 0));
}

TEST_CASE("a normal-form game as a tree has that game as its reduced normal form") {
  negsim::NormalFormGame nf({2, 3});
  nf.player_names = {"Row", "Col"};
  for (std::size_t idx = 0; idx < nf.num_profiles(); ++idx) {
    nf.set_payoff(0, idx, static_cast<double>(idx));
    nf.set_payoff(1, idx, 10.0 - static_cast<double>(idx));
  }
  const ExtensiveFormGame g = negsim::extensive_form_of(nf);
  CHECK(g.has_perfect_recall());
  CHECK(g.num_nodes() == 1 + 2 + 6);
  CHECK(g.player_infosets(1).size() == 1);
  CHECK(g.infoset(g.player_infosets(1)[0]).nodes.size() == 2);
  const negsim::NormalFormGame back = g.reduced_normal_form();
  REQUIRE(back.num_profiles() == nf.num_profiles());
  for (std::size_t idx = 0; idx < nf.num_profiles(); ++idx)
    for (std::size_t p = 0; p < 2; ++p) CHECK(back.payoff(p, idx) == nf.payoff(p, idx));
  CHECK(back.player_names == nf.player_names);
}

TEST_CASE("outcomes given as doubles keep the doubles and make exact payoffs on demand") {
  ExtensiveFormGame g;
  g.add_player("A");
  g.add_player("B");
  const std::size_t c = g.set_move(0, g.add_infoset(0, {"l", "r"}));
  g.set_outcome(c, g.add_outcome(std::vector<double>{0.1, -0.0}));
  const double third[2] = {1.0 / 3, 2.5};
  g.set_outcome(c + 1, g.add_outcome(third, 2, "third"));
  CHECK(g.outcome(0).exact.empty());  // no rational made
  CHECK(g.outcome(1).label == "third");
  g.finalize();
  CHECK(g.terminal_payoffs(c)[0] == 0.1);
  CHECK_FALSE(std::signbit(g.terminal_payoffs(c)[1]));  // -0 is the rational 0, whose double is +0
  const ExtensiveFormGame copy = g;  // shares the exact payoffs made later
  CHECK(g.exact_terminal_payoffs(c)[0] == mpq_class(0.1));  // the double's binary value, exactly
  CHECK(g.exact_terminal_payoffs(c)[0] != mpq_class(1, 10));
  CHECK(g.exact_terminal_payoffs(c + 1)[0] == mpq_class(1.0 / 3));
  CHECK(copy.exact_terminal_payoffs(c + 1)[1] == mpq_class(5, 2));
  CHECK(g.outcome(1).payoffs() == std::vector<mpq_class>{mpq_class(1.0 / 3), mpq_class(5, 2)});
  CHECK_THROWS_AS(g.add_outcome(std::vector<double>{1.0}), GameStructureError);
  CHECK_THROWS_AS(g.add_outcome(std::vector<double>{1.0, std::nan("")}), GameStructureError);
}

TEST_CASE("terminal doubles under outcomes on inner nodes are the nearest doubles of exact sums") {
  ExtensiveFormGame g;
  g.add_player("A");
  const std::size_t c = g.set_move(0, g.add_infoset(0, {"l", "r"}));
  g.set_outcome(0, g.add_outcome(std::vector<double>{0.1}));
  g.set_outcome(c, g.add_outcome(std::vector<double>{0.2}));
  g.finalize();
  const mpq_class sum = mpq_class(0.1) + mpq_class(0.2);
  CHECK(g.exact_terminal_payoffs(c)[0] == sum);
  CHECK(g.terminal_payoffs(c)[0] == negsim::nearest_double(sum));
  CHECK(g.exact_terminal_payoffs(c + 1)[0] == mpq_class(0.1));
}

namespace {
class NumberedLabels : public negsim::InfosetLabeler {
 public:
  mutable int calls = 0;
  std::string label(std::size_t key) const override {
    ++calls;
    return "set #" + std::to_string(key);
  }
};
}  // namespace

TEST_CASE("information sets share action labels and may be labelled on demand") {
  ExtensiveFormGame g;
  g.add_player("A");
  const negsim::ActionLabels moves{"l", "r"};
  const std::size_t top = g.add_infoset_labelled_by(0, moves, 7);
  const std::size_t c = g.set_move(0, top);
  const std::size_t given = g.add_infoset(0, moves, "given");
  g.set_move(c, given);
  CHECK(&g.infoset(top).actions.list() == &g.infoset(given).actions.list());  // one table
  CHECK(g.infoset(top).actions == negsim::ActionLabels{"l", "r"});
  CHECK(g.infoset(top).actions[1] == "r");
  CHECK(g.infoset_label(top).empty());  // no labeler yet
  auto labels = std::make_shared<NumberedLabels>();
  g.set_infoset_labeler(labels);
  g.finalize();
  CHECK(labels->calls == 0);  // finalize puts nothing in words
  CHECK(g.infoset_label(top) == "set #7");
  CHECK(g.infoset_label(given) == "given");
  CHECK(g.describe_infoset(top).find("labelled \"set #7\"") != std::string::npos);
}
