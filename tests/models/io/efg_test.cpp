#include "models/io/efg.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/io/game_file_kind.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "sim/analysis/perfect_bayesian.hpp"
#include "sim/solve/behavior_verify.hpp"

using negsim::ExtensiveFormGame;
using negsim::InputError;
using negsim::NodeKind;
using negsim::read_efg;
using negsim::read_efg_file;
using negsim::write_efg;

namespace {

std::string efg_dir() { return std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/"; }

std::vector<std::string> shared_efg_files() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(efg_dir()))
    if (entry.path().extension() == ".efg") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Structural equality, node by node in preorder; outcomes by payoffs and label.
std::string difference(const ExtensiveFormGame& a, const ExtensiveFormGame& b) {
  if (a.title != b.title) return "title";
  if (a.comment != b.comment) return "comment";
  if (a.player_names() != b.player_names()) return "players";
  const auto pa = a.preorder();
  const auto pb = b.preorder();
  if (pa.size() != pb.size()) return "node count";
  for (std::size_t k = 0; k < pa.size(); ++k) {
    const auto& x = a.node(pa[k]);
    const auto& y = b.node(pb[k]);
    const std::string where = " at preorder node " + std::to_string(k);
    if (x.kind != y.kind) return "kind" + where;
    if (x.label != y.label) return "node label" + where;
    if ((x.outcome == negsim::kNoIndex) != (y.outcome == negsim::kNoIndex)) return "outcome presence" + where;
    if (x.outcome != negsim::kNoIndex) {
      if (a.outcome(x.outcome).payoffs() != b.outcome(y.outcome).payoffs()) return "payoffs" + where;
      if (a.outcome(x.outcome).label != b.outcome(y.outcome).label) return "outcome label" + where;
    }
    if (x.kind == NodeKind::terminal) continue;
    const auto& s = a.infoset(x.infoset);
    const auto& t = b.infoset(y.infoset);
    if (s.player != t.player) return "owner" + where;
    if (a.infoset_position(x.infoset) != b.infoset_position(y.infoset)) return "infoset" + where;
    if (a.infoset_label(x.infoset) != b.infoset_label(y.infoset) || s.actions != t.actions) return "infoset labels" + where;
    if (s.chance_probs != t.chance_probs) return "chance probabilities" + where;
  }
  return "";
}

std::string error_of(const std::string& text) {
  try {
    read_efg(text, "g.efg");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("every shared .efg game reads, writes and reads back to the same game") {
  const auto names = shared_efg_files();
  CHECK(names.size() >= 70);
  for (const std::string& name : names) {
    INFO(name);
    const ExtensiveFormGame g = read_efg_file(efg_dir() + name + ".efg");
    CHECK(g.num_players() >= 1);
    CHECK(g.terminals().size() >= 1);
    // Labels as they are (repeats kept, as the reader allows): the same game.
    const std::string text = write_efg(g, {.gambit_labels = false});
    const ExtensiveFormGame back = read_efg(text, name + " (written)");
    CHECK(difference(g, back) == "");
    CHECK(write_efg(back, {.gambit_labels = false}) == text);
    // Labels Gambit accepts (the default): the same game but for renamed
    // labels (tests/models/io/gambit_acceptance_test.cpp checks the rest).
    const std::string difference_after_renaming = difference(g, read_efg(write_efg(g)));
    CHECK((difference_after_renaming == "" || difference_after_renaming.find("label") != std::string::npos));
  }
}

TEST_CASE("a scenario with types and chance exports to .efg and reads back to the same game") {
  // What negsim export SCENARIO --efg FILE writes (sim/cli/cmd_export.cpp).
  for (const std::string name : {"classic/beer_quiche.yaml", "tiktok_2025.yaml"}) {
    INFO(name);
    const negsim::Scenario scenario = negsim::load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/" + name);
    const negsim::SequenceTree tree = negsim::build_sequence_tree(scenario);
    const negsim::ScenarioExtensiveForm efg = negsim::build_extensive_form(tree, scenario.title);
    const std::string text = write_efg(efg.game);
    const ExtensiveFormGame back = read_efg(text, name + ".efg");
    CHECK(difference(efg.game, back) == "");
    CHECK(back.has_perfect_recall());
    CHECK(write_efg(back) == text);
    // The root is the types' chance move, its probabilities the prior, exactly.
    REQUIRE(back.node(0).kind == NodeKind::chance);
    const auto& types = back.infoset(back.node(0).infoset);
    REQUIRE(types.chance_probs.size() == tree.prior.profiles.size());
    for (std::size_t k = 0; k < types.chance_probs.size(); ++k)
      CHECK(types.chance_probs[k].get_d() == doctest::Approx(tree.prior.profiles[k].probability).epsilon(1e-15));
    if (name == "tiktok_2025.yaml") {
      // The chance "moment" of every round is in the file too, each node its
      // own set with its own label (Gambit refuses repeated set labels).
      REQUIRE(back.chance_infosets().size() > 1);
      CHECK(back.infoset_label(back.chance_infosets()[0]) == "types");
      CHECK(back.infoset_label(back.chance_infosets()[1]) == "moment in round 1, #1");
      continue;
    }
    // Beer-quiche's two pooling equilibria are equilibria of the game read back.
    const negsim::PerfectBayesianResult pbe = negsim::solve_perfect_bayesian(tree);
    REQUIRE(pbe.equilibria.size() == 2);
    // The profile moved to the game read back, set by set (matched by node, in preorder).
    std::vector<std::size_t> set_of(efg.game.num_infosets(), negsim::kNoIndex);
    const auto pa = efg.game.preorder();
    const auto pb = back.preorder();
    for (std::size_t k = 0; k < pa.size(); ++k)
      if (efg.game.node(pa[k]).kind != NodeKind::terminal) set_of[efg.game.node(pa[k]).infoset] = back.node(pb[k]).infoset;
    for (const auto& eq : pbe.equilibria) {
      const negsim::BehaviorProfile mine = efg.behavior_of(eq.actions);
      negsim::BehaviorProfile moved(back.num_infosets());
      for (std::size_t i = 0; i < mine.size(); ++i) moved[set_of[i]] = mine[i];
      CHECK(negsim::verify_behavior(back, moved).is_equilibrium);
    }
  }
}

TEST_CASE("files Gambit refuses for repeated labels are read") {
  for (const std::string name : {"4cards", "caro2", "coord2ts", "e10", "e10a", "nim", "nim7"}) {
    INFO(name);
    const ExtensiveFormGame g = read_efg_file(efg_dir() + name + ".efg");
    CHECK(g.has_perfect_recall());
  }
  // holdout.efg reads too, but one of player 1's one-action information sets
  // lies twice on a path: imperfect recall (absent-mindedness), named.
  const ExtensiveFormGame holdout = read_efg_file(efg_dir() + "holdout.efg");
  REQUIRE_FALSE(holdout.has_perfect_recall());
  CHECK(holdout.recall_problem()->message.find("absent-mindedness") != std::string::npos);
}

TEST_CASE("imperfect-recall games read, and the failing information set is named") {
  const ExtensiveFormGame g = read_efg_file(efg_dir() + "myerson.efg");
  REQUIRE_FALSE(g.has_perfect_recall());
  CHECK(g.recall_problem()->message.find("\"(1,2)\"") != std::string::npos);
  const ExtensiveFormGame e09 = read_efg_file(efg_dir() + "e09.efg");
  CHECK_FALSE(e09.has_perfect_recall());
}

TEST_CASE("a small game reads with its numbers exact") {
  const std::string text =
      "EFG 2 R \"Tiny\" { \"Ann\" \"Bob\" }\n"
      "\"a comment\"\n"
      "c \"root\" 1 \"deal\" { \"H\" 1/3 \"L\" 2/3 } 0\n"
      "p \"\" 1 1 \"info\" { \"x\" \"y\" } 1 \"o1\" { 0.5, -2 }\n"
      "t \"\" 2 \"o2\" { 1e1 3 }\n"
      "t \"\" 0\n"
      "p \"\" 1 1 0\n"
      "t \"\" 2\n"
      "t \"\" 1\n";
  const ExtensiveFormGame g = read_efg(text, "tiny.efg");
  CHECK(g.title == "Tiny");
  CHECK(g.comment == "a comment");
  CHECK(g.num_nodes() == 7);
  CHECK(g.infoset(g.player_infosets(0)[0]).nodes.size() == 2);
  CHECK(g.infoset(g.chance_infosets()[0]).chance_probs[0] == mpq_class(1, 3));
  // First "x" terminal: outcome o1 at the inner node plus o2 at the leaf.
  const std::size_t first_x = g.node(g.node(0).first_child).first_child;
  CHECK(g.exact_terminal_payoffs(first_x)[0] == mpq_class(21, 2));
  CHECK(g.exact_terminal_payoffs(first_x + 1)[1] == -2);
  CHECK(negsim::exact_number_text(mpq_class(-1, 4)) == "-0.25");
  CHECK(negsim::exact_number_text(mpq_class(1, 3)) == "1/3");
  CHECK(negsim::exact_number_text(mpq_class(7)) == "7");
}

TEST_CASE("non-ASCII and quoted labels survive a round trip") {
  const std::string text =
      "EFG 2 R \"Négociation \\\"TikTok\\\"\" { \"美国\" \"ByteDance\" }\n"
      "p \"\" 1 1 \"décision\" { \"céder\" \"tenir\" } 0\n"
      "t \"fin\" 1 \"a\" { 1, 0 }\n"
      "t \"fin\" 2 \"b\" { 0, 1 }\n";
  const ExtensiveFormGame g = read_efg(text);
  CHECK(g.title == "Négociation \"TikTok\"");
  CHECK(g.player_name(0) == "美国");
  const ExtensiveFormGame back = read_efg(write_efg(g, {.gambit_labels = false}));
  CHECK(difference(g, back) == "");
  // By default the file is ASCII, transliterated (models/io/gambit_labels.hpp).
  const ExtensiveFormGame ascii = read_efg(write_efg(g));
  CHECK(ascii.title == "Negociation \"TikTok\"");
  CHECK(ascii.player_name(0) == "<U+7F8E><U+56FD>");
  CHECK(ascii.infoset_label(0) == "decision");
  CHECK(ascii.infoset(0).actions[0] == "ceder");
  CHECK(ascii.node(ascii.preorder()[2]).label == "fin (2)");
}

TEST_CASE("errors name file, line and column") {
  CHECK(error_of("NFG 1 R \"x\" { \"a\" }") .find("g.efg:1:1: expected 'EFG'") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\np \"\" 2 1 \"\" { \"a\" } 0\n").find("g.efg:2:6: player 2 does not exist") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nc \"\" 1 \"\" { \"a\" 0.3 \"b\" 0.6 } 0\n")
            .find("g.efg:2:11: chance probabilities sum to 0.9, not 1") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n")
            .find("the file ends before the tree does") != std::string::npos);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nt \"\" 1 \"o\" { 1 2 }\n").find("g.efg:2:12: an outcome needs one payoff per player") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nt \"\" 0\nt \"\" 0\n").find("g.efg:3:1: unexpected 't' after the last node") == 0);
  // An information set restated with a different number of actions.
  CHECK(error_of("EFG 2 R \"x\" { \"A\" \"B\" }\np \"\" 2 1 \"\" { \"a\" \"b\" } 0\n"
                 "p \"\" 2 1 \"\" { \"a\" } 0\nt \"\" 0\nt \"\" 0\n")
            .find("g.efg:3:13: information set 1 of player 2 has 2 actions where it first appeared, but 1 here") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nt \"\" 1 \"o\" { 1 }\n").find("no error") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nt \"unclosed 1 \n").find("g.efg:2:3: this string is never closed") == 0);
  CHECK(error_of("EFG 2 R \"x\" { \"A\" }\nt \"\" 1 \"o\" { 1/0 }\n").find("g.efg:2:14: expected a payoff") == 0);
}

TEST_CASE("an .efg path is recognised as an extensive-form game") {
  CHECK(negsim::game_file_kind(efg_dir() + "e01.efg") == negsim::GameFileKind::Efg);
  CHECK(negsim::game_file_kind(efg_dir() + "cent2.efg") == negsim::GameFileKind::Efg);
}
