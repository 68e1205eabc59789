// What Gambit 16.7 accepts (models/io/gambit_acceptance.hpp), the labels the
// writer makes (models/io/gambit_labels.hpp), and every .efg negsim writes:
// the shared Gambit games and every shipped scenario's export.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/io/efg.hpp"
#include "models/io/gambit_acceptance.hpp"
#include "models/io/gambit_labels.hpp"
#include "models/scenario/bayesian_tree_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/extensive_builder.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/type_agent_builder.hpp"

using negsim::ExtensiveFormGame;
using negsim::gambit_acceptance_problem;

namespace {

std::string efg_dir() { return std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/"; }

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> shared_efg_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(efg_dir()))
    if (entry.path().extension() == ".efg") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// What Gambit 16.7 said about the file ("" if it accepted it).
std::string gambit_error(const std::string& name) {
  const std::string path = efg_dir() + "expected/" + name + ".error";
  return std::filesystem::exists(path) ? file_text(path) : "";
}

std::string problem_text(const std::string& efg) {
  const auto problem = gambit_acceptance_problem(efg);
  return problem ? std::to_string(problem->line) + ":" + std::to_string(problem->column) + ": " + problem->message : "";
}

const char* kHeader = "EFG 2 R \"g\" { \"A\" \"B\" }\n\"\"\n";

}  // namespace

TEST_CASE("gambit acceptance: each of Gambit 16.7's label rules is found, with its line and column") {
  // Accepted: empty labels repeat, equal labels of different players, of a
  // player and chance, and a label restated at a later node of the same set.
  const std::string fine = std::string(kHeader) +
                           "c \"root\" 1 \"x\" { \"h\" 1/2 \"t\" 1/2 } 0\n"
                           "p \"\" 1 1 \"x\" { \"a\" \"b\" } 0\n"
                           "p \"\" 2 1 \"x\" { \"c\" \"d\" } 0\n"
                           "t \"\" 1 \"o\" { 1, 2 }\nt \"\" 2 \"o\" { 0 0 }\n"
                           "t \"\" 1\n"
                           "p \"\" 1 1 \"x\" { \"a\" \"b\" } 0\n"
                           "t \"\" 1\nt \"\" 2\n";
  CHECK(problem_text(fine) == "");
  // A node label used twice (terminal nodes count).
  std::string twice = fine;
  twice.replace(twice.find("t \"\" 2\n"), 7, "t \"root\" 2\n");
  CHECK(problem_text(twice) == "11:3: node label \"root\" repeats (first at line 3)");
  // Two information sets of player 1 with one label.
  std::string sets = fine;
  sets.replace(sets.rfind("1 1 \"x\""), 7, "1 2 \"x\"");
  CHECK(problem_text(sets) == "9:10: information set label \"x\" repeats for player 1 (first at line 4)");
  // Chance counts as one player.
  const std::string chance = std::string(kHeader) +
                             "c \"\" 1 \"deal\" { \"h\" 1/2 \"t\" 1/2 } 0\n"
                             "c \"\" 2 \"deal\" { \"h\" 1/2 \"t\" 1/2 } 0\nt \"\" 0\nt \"\" 0\n"
                             "t \"\" 0\n";
  CHECK(problem_text(chance) == "4:8: information set label \"deal\" repeats for chance (first at line 3)");
  // Non-ASCII anywhere: a player, an action, an outcome label.
  CHECK(problem_text("EFG 2 R \"g\" { \"Ann\" \"Bj\xC3\xB6rn\" }\nt \"\" 0\n").find("1:21: the string") == 0);
  CHECK(problem_text(std::string(kHeader) + "p \"\" 1 1 \"\" { \"caf\xC3\xA9\" } 0\nt \"\" 0\n").find("3:15: the string") == 0);
  CHECK(problem_text(std::string(kHeader) + "t \"\" 1 \"\xE2\x80\x94\" { 1 2 }\n").find("3:8: the string") == 0);
  // Not an .efg node list at all.
  CHECK(problem_text("NFG 1 R \"g\"") == "1:1: not an .efg file: expected 'EFG 2 R' or 'EFG 2 D'");
  CHECK(problem_text(std::string(kHeader) + "x \"\" 0\n") == "3:1: expected a node line starting with 'p', 'c' or 't'");
}

TEST_CASE("gambit acceptance: the checker agrees with Gambit 16.7 on every shared game") {
  // Gambit refused these files for their labels (the .error files): the
  // checker must find a problem in exactly those, and of the same kind.
  std::size_t refused = 0;
  for (const std::string& name : shared_efg_names()) {
    INFO(name);
    const std::string error = gambit_error(name);
    const std::string problem = problem_text(file_text(efg_dir() + name + ".efg"));
    if (error.find("Node label must be unique") != std::string::npos) {
      CHECK(problem.find("node label") != std::string::npos);
      ++refused;
    } else if (error.find("Infoset label must be unique") != std::string::npos) {
      CHECK(problem.find("information set label") != std::string::npos);
      ++refused;
    } else {
      CHECK(problem == "");  // accepted, or refused for imperfect recall only
    }
  }
  CHECK(refused == 8);
}

TEST_CASE("gambit acceptance: negsim writes every shared game as a file Gambit accepts") {
  for (const std::string& name : shared_efg_names()) {
    INFO(name);
    const ExtensiveFormGame g = negsim::read_efg_file(efg_dir() + name + ".efg");
    const std::string text = negsim::write_efg(g);
    CHECK(problem_text(text) == "");
    // Writing what was read back changes nothing (stable renaming).
    CHECK(negsim::write_efg(negsim::read_efg(text)) == text);
    // A game Gambit accepted is written with its own labels: nothing renamed.
    if (gambit_error(name).find("label") == std::string::npos)
      CHECK(text == negsim::write_efg(g, {.gambit_labels = false}));
  }
}

TEST_CASE("gambit acceptance: every shipped scenario exports to an .efg Gambit accepts") {
  // As negsim export SCENARIO --efg does (sim/cli/cmd_export.cpp): a
  // sequence's tree, types without a sequence as the Bayesian game, else the
  // normal form as simultaneous moves. The builders' own labels must obey
  // the rules (the writer's renaming is a safety net, not the design).
  std::vector<std::string> paths = {std::string(NEGSIM_SOURCE_DIR) + "/tests/data/deadline_credibility.yaml"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(NEGSIM_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  std::size_t trees = 0;
  for (const std::string& path : paths) {
    INFO(path);
    const negsim::Scenario s = negsim::load_scenario_file(path);
    const std::string title = s.title.empty() ? s.id : s.title;
    ExtensiveFormGame g;
    if (s.sequence.present) {
      g = negsim::build_scenario_extensive_form(s, {}, title).game;
      ++trees;
    } else if (s.types.present) {
      g = negsim::bayesian_extensive_form(negsim::build_type_agent_game(s), title);
      ++trees;
    } else {
      g = negsim::extensive_form_of(negsim::build_normal_form(s).game);
    }
    const std::string as_is = negsim::write_efg(g, {.gambit_labels = false});
    CHECK(problem_text(as_is) == "");
    const std::string text = negsim::write_efg(g);
    CHECK(text == as_is);
    CHECK(negsim::write_efg(negsim::read_efg(text)) == text);
  }
  CHECK(trees >= 3);
}

TEST_CASE("gambit labels: ASCII stays, the rest is transliterated as documented") {
  using negsim::ascii_label;
  CHECK(ascii_label("deadline=extend, \"x\"") == "deadline=extend, \"x\"");
  CHECK(ascii_label("N\xC3\xA9gociation \xC3\x89t\xC3\xA9") == "Negociation Ete");
  CHECK(ascii_label("\xC3\x9F \xC3\x86 \xC5\x81\xC3\xB3" "d\xC5\xBA \xC5\x92uvre") == "ss AE Lodz OEuvre");
  CHECK(ascii_label("U.S.\xE2\x80\x93" "China \xE2\x80\x9C" "deal\xE2\x80\x9D\xE2\x80\xA6") == "U.S.-China \"deal\"...");
  CHECK(ascii_label("\xE7\xBE\x8E\xE5\x9B\xBD") == "<U+7F8E><U+56FD>");
  CHECK(ascii_label("\xF0\x9F\x98\x80") == "<U+1F600>");
  CHECK(ascii_label("Caf\xE9") == "Caf<0xE9>");  // not UTF-8
  negsim::UniqueLabels labels;
  CHECK(labels.claim("") == "");
  CHECK(labels.claim("") == "");
  CHECK(labels.claim("x") == "x");
  CHECK(labels.claim("x (2)") == "x (2)");
  CHECK(labels.claim("x") == "x (3)");
  CHECK(labels.claim("x") == "x (4)");
  CHECK(labels.claim("x (2)") == "x (2) (2)");
}

TEST_CASE("gambit labels: a game with repeated and non-ASCII labels is written so that Gambit accepts it") {
  const std::string text = std::string("EFG 2 R \"N\xC3\xA9gociation\" { \"\xE7\xBE\x8E\" \"B\" }\n\"\"\n") +
                           "c \"n\" 1 \"d\" { \"h\" 1/2 \"t\" 1/2 } 0\n"
                           "p \"n\" 1 1 \"s\" { \"a\" } 0\n"
                           "t \"n\" 1 \"o\" { 1 2 }\n"
                           "p \"\" 1 2 \"s\" { \"a\" } 0\n"
                           "t \"\" 1\n";
  const ExtensiveFormGame g = negsim::read_efg(text);
  CHECK(problem_text(negsim::write_efg(g, {.gambit_labels = false})) != "");
  const std::string written = negsim::write_efg(g);
  CHECK(problem_text(written) == "");
  const ExtensiveFormGame back = negsim::read_efg(written);
  CHECK(back.title == "Negociation");
  CHECK(back.player_name(0) == "<U+7F8E>");
  CHECK(back.node(0).label == "n");
  CHECK(back.infoset_label(back.player_infosets(0)[1]) == "s (2)");
  std::vector<std::string> node_labels;
  for (std::size_t n : back.preorder()) node_labels.push_back(back.node(n).label);
  CHECK(node_labels == std::vector<std::string>{"n", "n (2)", "n (3)", "", ""});
}
