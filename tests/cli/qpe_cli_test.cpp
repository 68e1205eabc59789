// negsim solve GAME.efg --method qpe: the quasi-perfect refinement end to end.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;
using negsim::testing::TempDir;

TEST_CASE("solve --method qpe: consistent beliefs at the off-path set, and the refined answer") {
  // Player 1 takes Out (3,0) or L/R; player 2 sees only "not Out" and plays
  // u or d. Any move of player 2 is Nash; with the consistent belief 1/2-1/2
  // only d is sequentially rational.
  TempDir tmp;
  const std::string file = tmp.file("offpath.efg");
  std::ofstream(file) << "EFG 2 R \"off-path beliefs\" { \"P1\" \"P2\" }\n\"\"\n"
                         "p \"\" 1 1 \"\" { \"Out\" \"L\" \"R\" } 0\n"
                         "t \"\" 1 \"\" { 3, 0 }\n"
                         "p \"\" 2 1 \"\" { \"u\" \"d\" } 0\n"
                         "t \"\" 2 \"\" { 1, 1 }\nt \"\" 3 \"\" { 0, 0 }\n"
                         "p \"\" 2 1 \"\" { \"u\" \"d\" } 0\n"
                         "t \"\" 4 \"\" { 0, 0 }\nt \"\" 5 \"\" { 2, 2 }\n";
  const auto gambit = run_negsim("solve '" + file + "' --method qpe --format gambit");
  REQUIRE(gambit.exit_code == 0);
  CHECK(gambit.out == "NE,1,0,0,0,1\n");
  const auto json = run_negsim("solve '" + file + "' --method qpe --format json");
  REQUIRE(json.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(json.out);
  CHECK(j["form"] == "quasi-perfect");
  const nlohmann::json& set = j["equilibria"][0]["information_sets"][1];
  CHECK(set["reached"] == false);
  REQUIRE(set["beliefs"].is_array());
  CHECK(set["beliefs"][0]["probability"].get<double>() == 0.5);
  CHECK(set["beliefs"][1]["probability"].get<double>() == 0.5);
  const auto text = run_negsim("solve '" + file + "' --method qpe");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("[consistent beliefs") != std::string::npos);
  // Three players: the method does not apply.
  const auto three = run_negsim("solve '" + std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/2x2x2.efg' --method qpe");
  CHECK(three.exit_code != 0);
  CHECK(three.err.find("qpe") != std::string::npos);
}
