// negsim on Gambit .efg games: solve, validate, export, run.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/run_command.hpp"

using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

const std::string kEfg = std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/";

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.insert(line);
  return lines;
}

}  // namespace

TEST_CASE("solve GAME.efg --method pure prints Gambit's NE lines") {
  for (const std::string name : {"e04", "cent2", "bayes1a", "condjury", "pvw"}) {
    INFO(name);
    const auto r = run_negsim("solve " + quoted(kEfg + name + ".efg") + " --method pure --format gambit");
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out) == lines_of(read_text_file(kEfg + "expected/" + name + ".pure")));
  }
}

TEST_CASE("solve GAME.efg --format json gives behaviour, beliefs and the path") {
  const auto r = run_negsim("solve " + quoted(kEfg + "e05.efg") + " --format json");
  INFO(r.out.substr(0, 400));
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["game"]["kind"] == "extensive");
  CHECK(j["method"] == "pure");
  CHECK(j["form"] == "strategic-form");
  REQUIRE(!j["equilibria"].empty());
  const auto& eq = j["equilibria"][0];
  double path_total = 0;
  for (const auto& z : eq["path"]) path_total += z["probability"].get<double>();
  CHECK(path_total == doctest::Approx(1.0));
  bool some_beliefs = false;
  for (const auto& set : eq["information_sets"]) {
    // Beliefs at every set: Bayes on the path, the tremble limit off it.
    CHECK(set["belief_source"] == (set["reached"].get<bool>() ? "bayes" : "uniform_trembles"));
    double total = 0;
    for (const auto& b : set["beliefs"]) total += b["probability"].get<double>();
    CHECK(total == doctest::Approx(1.0));
    some_beliefs = some_beliefs || set["reached"].get<bool>();
  }
  CHECK(some_beliefs);
}

TEST_CASE("solve on imperfect recall names the information set, and unknown methods are usage errors") {
  const auto r = run_negsim("solve " + quoted(kEfg + "myerson.efg"));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("perfect recall") != std::string::npos);
  CHECK(r.err.find("(1,2)") != std::string::npos);
  const auto bad = run_negsim("solve " + quoted(kEfg + "e04.efg") + " --method lh");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("extensive-form") != std::string::npos);
  const auto opt = run_negsim("solve " + quoted(kEfg + "e04.efg") + " --method pure --starts 3");
  CHECK(opt.exit_code == 2);
  CHECK(opt.err.find("--starts") != std::string::npos);
}

TEST_CASE("subgame-perfect and agent-form methods say what they computed") {
  const auto spe = run_negsim("solve " + quoted(kEfg + "cent2.efg") + " --method pure-spe");
  CHECK(spe.exit_code == 0);
  CHECK(spe.out.find("subgame-perfect") != std::string::npos);
  const auto agent = run_negsim("solve " + quoted(kEfg + "badgame1.efg") + " --method pure-agent");
  CHECK(agent.exit_code == 0);
  CHECK(agent.out.find("agent-form") != std::string::npos);
}

TEST_CASE("validate reads .efg games and names imperfect recall") {
  const auto ok = run_negsim("validate " + quoted(kEfg + "e04.efg"));
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("ok: Gambit .efg game") != std::string::npos);
  CHECK(ok.out.find("perfect recall") != std::string::npos);
  const auto imperfect = run_negsim("validate " + quoted(kEfg + "e09.efg"));
  CHECK(imperfect.exit_code == 0);
  CHECK(imperfect.out.find("imperfect recall") != std::string::npos);
  TempDir tmp;
  const std::string bad = tmp.write("bad.efg", "EFG 2 R \"x\" { \"A\" }\nc \"\" 1 \"\" { \"a\" 0.3 \"b\" 0.6 } 0\n");
  const auto err = run_negsim("validate " + quoted(bad));
  CHECK(err.exit_code == 1);
  CHECK(err.err.find("bad.efg:2:11: chance probabilities sum to 0.9") != std::string::npos);
}

TEST_CASE("export converts .efg to its reduced normal form and .nfg to .efg") {
  TempDir tmp;
  const std::string nfg = tmp.file("e04.nfg");
  const auto r = run_negsim("export " + quoted(kEfg + "e04.efg") + " --nfg " + quoted(nfg));
  REQUIRE(r.exit_code == 0);
  CHECK(read_text_file(nfg).rfind("NFG 1 R", 0) == 0);
  // The pure equilibria of the exported normal form: as many as the tree's.
  const auto nf_pure = run_negsim("solve " + quoted(nfg) + " --method pure --format gambit");
  const auto ef_pure = run_negsim("solve " + quoted(kEfg + "e04.efg") + " --method pure --format gambit");
  CHECK(lines_of(nf_pure.out).size() == lines_of(ef_pure.out).size());
  // .nfg -> .efg -> solve gives the normal form's pure equilibria back.
  const std::string efg = tmp.file("2x2.efg");
  const std::string source = std::string(NEGSIM_SHARED_DIR) + "/games/gambit/2x2.nfg";
  REQUIRE(run_negsim("export " + quoted(source) + " --efg " + quoted(efg)).exit_code == 0);
  const auto from_tree = run_negsim("solve " + quoted(efg) + " --method pure --format gambit");
  const auto from_nfg = run_negsim("solve " + quoted(source) + " --method pure --format gambit");
  CHECK(from_tree.exit_code == 0);
  CHECK(lines_of(from_tree.out) == lines_of(from_nfg.out));
  // A scenario with types and no sequence: the Bayesian game (types by chance,
  // each player knowing its own), whose pure equilibrium is the Bayesian one:
  // the receiver, seeing nothing, retreats (prior strong 0.9), each sender type
  // eats its own breakfast (weak quiche, strong beer).
  const std::string beer = read_text_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/beer_quiche.yaml");
  const std::string bayes = tmp.write("bayes.yaml", beer.substr(0, beer.find("\nsequence:")) + "\n");
  const std::string bayes_efg = tmp.file("bayes.efg");
  const auto exported = run_negsim("export " + quoted(bayes) + " --efg " + quoted(bayes_efg));
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  CHECK(read_text_file(bayes_efg).find("c \"\" 1 \"types\" { \"weak\" 0.1 \"strong\" 0.9 }") != std::string::npos);
  const auto bayes_pure = run_negsim("solve " + quoted(bayes_efg) + " --method pure --format gambit");
  CHECK(bayes_pure.out == "NE,0,1,1,0,0,1\n");
  // .efg -> .efg is a normalised copy that reads back.
  const std::string copy = tmp.file("copy.efg");
  REQUIRE(run_negsim("export " + quoted(kEfg + "nim.efg") + " --efg " + quoted(copy)).exit_code == 0);
  CHECK(run_negsim("validate " + quoted(copy)).exit_code == 0);
}

TEST_CASE("run GAME.efg reports the pure, subgame-perfect, sequence-form and quasi-perfect equilibria") {
  // Each part says what solve --method NAME says: the pure set as gambit-enumpure's,
  // Lemke's line as gambit-lcp's.
  const auto r = run_negsim("run " + quoted(kEfg + "e04.efg") + " --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["game"]["kind"] == "extensive");
  std::set<std::string> names;
  for (const auto& part : j["analyses"]) {
    const std::string name = part["analysis"].get<std::string>();
    INFO(name);
    names.insert(name);
    if (part.contains("skipped")) continue;
    std::set<std::string> lines;
    for (const auto& eq : part["equilibria"]) lines.insert(eq["gambit"].get<std::string>());
    if (name == "pure") CHECK(lines == lines_of(read_text_file(kEfg + "expected/e04.pure")));
    if (name == "lcp") {
      CHECK(lines.size() == 1);
      CHECK(lines_of(read_text_file(kEfg + "expected/e04.lcp")).count(*lines.begin()) == 1);
    }
    if (name == "qpe") {
      // Beliefs at every information set, off the path too.
      for (const auto& set : part["equilibria"][0]["information_sets"]) CHECK(set["beliefs"].is_array());
    }
    for (const auto& eq : part["equilibria"]) CHECK(eq["max_relative_gain"].get<double>() <= 1e-9);
  }
  CHECK(names == std::set<std::string>{"pure", "pure-spe", "lcp", "qpe", "lp"});
  // e04 is not zero-sum: lp says why it does not apply.
  for (const auto& part : j["analyses"])
    if (part["analysis"] == "lp") CHECK(part["skipped"].get<std::string>().find("zero-sum") != std::string::npos);
  // Text names each part; three players get the agent logit QRE and CFR+ instead of the 2-player methods.
  const auto text = run_negsim("run " + quoted(kEfg + "2x2x2.efg"));
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  CHECK(text.out.find("== pure:") != std::string::npos);
  CHECK(text.out.find("== logit:") != std::string::npos);
  CHECK(text.out.find("== cfr:") != std::string::npos);
  CHECK(text.out.find("== lcp:") != std::string::npos);  // listed, with why it does not apply
  CHECK(text.out.find("does not apply to a 3-player game") != std::string::npos);
  // Imperfect recall is refused as solve refuses it, naming the set; --set is for scenarios.
  const auto imperfect = run_negsim("run " + quoted(kEfg + "myerson.efg"));
  CHECK(imperfect.exit_code == 1);
  CHECK(imperfect.err.find("perfect recall") != std::string::npos);
  CHECK(run_negsim("run " + quoted(kEfg + "e04.efg") + " --set x=1").exit_code == 2);
  CHECK(run_negsim("run " + quoted(kEfg + "e04.efg") + " --format html").exit_code == 2);
}
