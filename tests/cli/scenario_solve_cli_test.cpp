// negsim solve SCENARIO for scenarios with types: the type-agent normal form
// without a sequence, the tree with one, the prior-averaged game on request.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

// Row is of type likes_a (0.6) or likes_b (0.4), and earns 2 for matching on
// its liked move, 1 on the other; Col wants to match. Pure Bayesian
// equilibria (row likes_a, row likes_b, col): (a, a, a) and (b, b, b) only.
const char* kTyped = R"yaml(scenario: typed-match
players:
  row:
    levers:
      move: [a, b]
  col:
    levers:
      move: [a, b]
types:
  row: {likes_a: 0.6, likes_b: 0.4}
payoffs:
  row: "if(row.type == likes_a, 2, 1) * (row.move == a) * (col.move == a) + if(row.type == likes_b, 2, 1) * (row.move == b) * (col.move == b)"
  col: "(row.move == col.move)"
)yaml";

const std::string kBeerQuiche = "scenarios/classic/beer_quiche.yaml";

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.insert(line);
  return lines;
}

}  // namespace

TEST_CASE("solve on a scenario with types and no sequence gives the Bayesian equilibria per player and type") {
  TempDir tmp;
  const std::string scenario = tmp.write("typed.yaml", kTyped);
  const auto r = run_negsim("solve " + quoted(scenario) + " --method pure --format json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["model"]["kind"] == "type_agent");
  REQUIRE(j["model"]["agents"].size() == 3);
  CHECK(j["model"]["agents"][0]["type"] == "likes_a");
  CHECK(j["model"]["agents"][0]["probability"].get<double>() == doctest::Approx(0.6));
  CHECK(j["model"]["agents"][2]["type"].is_null());
  REQUIRE(j["game"]["players"].size() == 3);
  CHECK(j["complete"] == true);
  REQUIRE(j["equilibria"].size() == 2);
  // Each equilibrium: all three agents on the same move.
  for (const auto& eq : j["equilibria"]) {
    std::set<std::string> moves;
    for (const auto& s : eq["strategies"]) moves.insert(s["support"][0]["action"].get<std::string>());
    CHECK(moves.size() == 1);
  }
  const auto text = run_negsim("solve " + quoted(scenario) + " --method pure");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("type-agent normal form") != std::string::npos);
  CHECK(text.out.find("(likes_b)") != std::string::npos);
  // The prior-averaged stage game: two players again.
  const auto averaged = run_negsim("solve " + quoted(scenario) + " --prior-averaged --method pure --format json");
  REQUIRE(averaged.exit_code == 0);
  const auto a = nlohmann::json::parse(averaged.out);
  CHECK(a["game"]["players"].size() == 2);
  CHECK(!a.contains("model"));
}

TEST_CASE("solve on a scenario refuses a method of the other model, listing the valid ones") {
  TempDir tmp;
  const std::string scenario = tmp.write("typed.yaml", kTyped);
  auto r = run_negsim("solve " + quoted(scenario) + " --method qpe");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("type-agent") != std::string::npos);
  CHECK(r.err.find("logit") != std::string::npos);
  r = run_negsim("solve " + quoted(scenario) + " --method enum");  // three agents: not a 2-player method
  CHECK(r.exit_code == 2);
  const std::size_t list = r.err.find("the methods for it are pure,");
  REQUIRE(list != std::string::npos);
  CHECK(r.err.find("enum", list) == std::string::npos);
  r = run_negsim("solve " + kBeerQuiche + " --method enum");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("sequence tree") != std::string::npos);
  CHECK(r.err.find("qpe") != std::string::npos);
  CHECK(run_negsim("solve " + kBeerQuiche + " --method nonsense").exit_code == 2);
  CHECK(run_negsim("solve scenarios/classic/chicken.yaml --prior-averaged").exit_code == 2);
}

TEST_CASE("solve on beer-quiche solves its tree as solve GAME.efg does, with beliefs off the path") {
  TempDir tmp;
  const std::string efg = tmp.file("bq.efg");
  REQUIRE(run_negsim("export " + kBeerQuiche + " --efg " + quoted(efg)).exit_code == 0);
  const auto direct = run_negsim("solve " + kBeerQuiche + " --method pure --format gambit");
  const auto via_file = run_negsim("solve " + quoted(efg) + " --method pure --format gambit");
  REQUIRE(direct.exit_code == 0);
  CHECK(lines_of(direct.out) == lines_of(via_file.out));
  CHECK(lines_of(direct.out).size() == 2);  // the two pooling equilibria
  const auto r = run_negsim("solve " + kBeerQuiche + " --method pure --format json");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["game"]["kind"] == "extensive");
  CHECK(j["model"].get<std::string>().find("sequence tree") != std::string::npos);
  // In each pooling equilibrium the receiver's set after the other breakfast
  // is off the path: both types tremble once (e/2 each), so the belief is the
  // prior, weak 0.1.
  for (const auto& eq : j["equilibria"]) {
    std::size_t off = 0;
    for (const auto& set : eq["information_sets"]) {
      if (set["reached"].get<bool>()) {
        CHECK(set["belief_source"] == "bayes");
        continue;
      }
      if (set["beliefs"].size() != 2) continue;  // a sender's own unreached set: none here
      ++off;
      CHECK(set["belief_source"] == "uniform_trembles");
      CHECK(set["trembles"] == 1);
      double weak = -1;
      for (const auto& b : set["beliefs"]) {
        const std::string history = b["history"].dump();
        if (history.find("weak") != std::string::npos) weak = b["probability"].get<double>();
      }
      CHECK(weak == doctest::Approx(0.1));
    }
    CHECK(off == 1);
  }
  // Two-player tree methods apply too.
  CHECK(run_negsim("solve " + kBeerQuiche + " --method lcp --format gambit").exit_code == 0);
}

TEST_CASE("solve on a scenario tree too big to enumerate: auto falls back to one verified equilibrium") {
  // The TikTok tree: three players, pure enumeration far over its limit, so
  // auto solves it with CFR+ and says so.
  const auto r = run_negsim("solve scenarios/tiktok_2025.yaml --format json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("solving with cfr") != std::string::npos);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["game"]["kind"] == "extensive");
  REQUIRE(j["equilibria"].size() == 1);
  CHECK(j["equilibria"][0]["max_relative_gain"].get<double>() <= 1e-6);
  // An explicit method that enumerates is refused with the limit (exit 3).
  CHECK(run_negsim("solve scenarios/tiktok_2025.yaml --method pure").exit_code == 3);
}
