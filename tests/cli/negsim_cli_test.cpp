// CLI tests: the real executable, its outputs and exit codes.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"

using negsim::testing::run_negsim;
using negsim::testing::TempDir;
using negsim::testing::read_text_file;

namespace {
const std::string kShared = NEGSIM_SHARED_DIR;

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line))
    if (!line.empty()) lines.insert(line);
  return lines;
}

const char* kTinyScenario = R"yaml(scenario: tiny
title: Tiny
parameters:
  t: {value: 5}
players:
  row:
    levers:
      move: {values: [cooperate, defect]}
  col:
    levers:
      move: {values: [cooperate, defect]}
payoffs:
  row: "3 * (row.move == cooperate) * (col.move == cooperate) + t * (row.move == defect) * (col.move == cooperate) + (row.move == defect) * (col.move == defect)"
  col: "3 * (row.move == cooperate) * (col.move == cooperate) + t * (col.move == defect) * (row.move == cooperate) + (row.move == defect) * (col.move == defect)"
)yaml";
}  // namespace

TEST_CASE("cli: help, unknown commands and bad usage") {
  auto r = run_negsim("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("solve GAME") != std::string::npos);
  r = run_negsim("solv x.nfg");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 'solve'") != std::string::npos);
  r = run_negsim("solve --no-such-option x");
  CHECK(r.exit_code == 2);
  r = run_negsim("run --format yaml");
  CHECK(r.exit_code == 2);
  for (const char* cmd : {"run", "validate", "solve", "export", "generate"}) {
    r = run_negsim(std::string(cmd) + " --help");
    CHECK_MESSAGE(r.exit_code == 0, cmd);
    CHECK(r.out.find("usage: negsim") != std::string::npos);
  }
}

TEST_CASE("cli: run with no scenario argument analyses the embedded TikTok scenario from any folder") {
  TempDir tmp;
  // --sensitivity none: the tipping points (pinned by the golden tests) would double the time.
  const auto r = run_negsim("run --sensitivity none");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("United States") != std::string::npos);
  CHECK(r.out.find("ByteDance") != std::string::npos);
  CHECK(r.out.find("Pure Nash equilibria") != std::string::npos);
  CHECK(r.out.find("max regret") != std::string::npos);
  // From another folder, the embedded copy is used.
  const std::string command = "cd '" + tmp.path() + "' && '" + NEGSIM_EXE + "' run --sensitivity none > out.txt";
  CHECK(std::system(command.c_str()) == 0);
  CHECK(read_text_file(tmp.file("out.txt")) == r.out);
}

TEST_CASE("cli: run --format json has a schema version and verified equilibria") {
  const auto r = run_negsim("run scenarios/trade_war_tariffs.yaml --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 2);
  const auto& eqs = j["pure_equilibria"]["equilibria"];
  REQUIRE(eqs.size() == 1);  // the trade war's unique equilibrium: both at the top tariff
  CHECK(eqs[0]["strategies"][0]["support"][0]["action"] == "tariff=63");
  CHECK(eqs[0]["max_regret"].get<double>() <= 1e-9);
  CHECK(eqs[0]["payoffs"][0].get<double>() == doctest::Approx(-2.9));
}

TEST_CASE("cli: --set changes a parameter and unknown names are rejected with a hint") {
  auto r = run_negsim("run scenarios/classic/prisoners_dilemma.yaml --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = run_negsim("validate scenarios/trade_war_tariffs.yaml --set nash_tarif=40");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nash_tariff") != std::string::npos);
  r = run_negsim("validate scenarios/trade_war_tariffs.yaml --set nash_tariff");
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: solve a .nfg file matches Gambit's pure equilibria") {
  for (const char* name : {"e04", "coord333", "2x2x2", "pd"}) {
    const auto r = run_negsim("solve '" + kShared + "/games/gambit/" + name +
                              ".nfg' --method pure --format gambit");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(lines_of(r.out) ==
                      lines_of(read_text_file(kShared + "/games/gambit/expected/" + name + ".pure")),
                  name);
  }
}

TEST_CASE("cli: export writes a .nfg whose equilibria equal the scenario's") {
  TempDir tmp;
  const std::string nfg = tmp.file("pd.nfg");
  auto r = run_negsim("export scenarios/classic/prisoners_dilemma.yaml --nfg '" + nfg + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto from_file = run_negsim("solve '" + nfg + "' --method pure --format gambit");
  const auto from_scenario =
      run_negsim("solve scenarios/classic/prisoners_dilemma.yaml --method pure --format gambit");
  REQUIRE(from_file.exit_code == 0);
  CHECK(from_file.out == from_scenario.out);
  CHECK(lines_of(from_file.out).size() == 1);
  CHECK(read_text_file(nfg).find("play=defect") != std::string::npos);
}

TEST_CASE("cli: validate reports the size of a good scenario") {
  TempDir tmp;
  const auto r = run_negsim("validate '" + tmp.write("tiny.yaml", kTinyScenario) + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("2 x 2 actions, 4 profiles") != std::string::npos);
}

TEST_CASE("cli: bad input gets exit 1 with file:line:col and leaves no output file") {
  TempDir tmp;
  const std::string out = tmp.file("report.txt");
  struct Case { const char* name; std::string text; std::string expect; };
  std::string unknown_lever = kTinyScenario;
  unknown_lever.replace(unknown_lever.rfind("col.move == defect"), 8, "col.mvoe");
  std::string nan_payoff = kTinyScenario;
  nan_payoff.replace(nan_payoff.find("row: \"3"), 7, "row: \"log(0) + 3");
  std::string empty_lever = kTinyScenario;
  empty_lever.replace(empty_lever.find("[cooperate, defect]"), 19, "[]");
  std::string duplicate_player = kTinyScenario;
  duplicate_player.replace(duplicate_player.find("  col:\n"), 7, "  row:\n");
  const std::vector<Case> cases = {
      {"malformed.yaml", "scenario: x\nplayers: [a, {b: \n", "malformed.yaml:"},
      {"unknown_lever.yaml", unknown_lever, "did you mean"},
      {"nan.yaml", nan_payoff, "nan.yaml:"},
      {"empty_lever.yaml", empty_lever, "empty_lever.yaml:"},
      {"duplicate.yaml", duplicate_player, "duplicate.yaml:"},
  };
  for (const Case& c : cases) {
    const auto r = run_negsim("run '" + tmp.write(c.name, c.text) + "' --out '" + out + "'");
    CHECK_MESSAGE(r.exit_code == 1, c.name, " ", r.err);
    CHECK_MESSAGE(r.err.find(c.expect) != std::string::npos, c.name, " ", r.err);
    CHECK_MESSAGE(r.err.find(std::string(c.name) + ":") != std::string::npos, r.err);
    CHECK_FALSE(std::filesystem::exists(out));
  }
  auto r = run_negsim("run '" + tmp.file("missing.yaml") + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("missing.yaml") != std::string::npos);
  r = run_negsim("solve '" + tmp.write("bad.nfg", "NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 2 3\n") + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("bad.nfg:") != std::string::npos);
  // A failed run leaves an existing output file as it was.
  std::ofstream(out) << "previous";
  r = run_negsim("run '" + tmp.file("nan.yaml") + "' --out '" + out + "'");
  CHECK(r.exit_code == 1);
  CHECK(read_text_file(out) == "previous");
  // Output into a folder that does not exist: exit 1, nothing written.
  r = run_negsim("run scenarios/classic/chicken.yaml --out '" + tmp.file("no/such/folder.txt") + "'");
  CHECK(r.exit_code == 1);
}

TEST_CASE("cli: too many profiles is exit 3 with a memory estimate, before allocating") {
  TempDir tmp;
  std::string big = "scenario: big\nplayers:\n";
  for (int p = 0; p < 4; ++p) {
    big += "  p" + std::to_string(p) + ":\n    levers:\n";
    for (int l = 0; l < 3; ++l) big += "      l" + std::to_string(l) + ": {values: [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29]}\n";
  }
  big += "payoffs:\n";
  for (int p = 0; p < 4; ++p) big += "  p" + std::to_string(p) + ": \"p" + std::to_string(p) + ".l0\"\n";
  const auto r = run_negsim("run '" + tmp.write("big.yaml", big) + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("--max-profiles") != std::string::npos);
  CHECK(r.err.find("B") != std::string::npos);  // a memory figure such as "3.8 TiB"
  const auto small = run_negsim("validate scenarios/classic/chicken.yaml --max-profiles 3");
  CHECK(small.exit_code == 3);
}

TEST_CASE("cli: generate writes a seeded random game that solve reads back") {
  TempDir tmp;
  const std::string path = tmp.file("g.nfg");
  auto r = run_negsim("generate --sizes 4x3x2 --seed 7 --out '" + path + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = run_negsim("solve '" + path + "' --method pure --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out)["game"]["profiles"] == 24);
}

TEST_CASE("cli: run shows the subgame-perfect path and its threats, bargain the deal") {
  auto r = run_negsim("run --format json --sensitivity none");  // tipping points are not what this tests
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.contains("sequential"));
  const auto& spe = j["sequential"]["equilibria"];
  REQUIRE(spe.size() >= 1);
  CHECK(spe[0]["max_regret"].get<double>() <= 1e-9);
  CHECK(spe[0]["path"].size() == 3);
  CHECK(spe[0]["threats"].size() > 0);
  r = run_negsim("bargain --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto b = nlohmann::json::parse(r.out);
  CHECK(b["schema_version"] == 2);
  CHECK(b["alternating_offers"]["max_regret"].get<double>() <= 1e-9);
  r = run_negsim("bargain scenarios/classic/chicken.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no `bargaining` block") != std::string::npos);
}

TEST_CASE("cli: a timeline naming an unknown player is exit 1 with file:line:col and a hint") {
  TempDir tmp;
  const std::string text = std::string(kTinyScenario) + "timeline: [[row], [colum]]\n";
  const auto r = run_negsim("validate '" + tmp.write("timeline.yaml", text) + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("timeline.yaml:") != std::string::npos);
  CHECK(r.err.find("did you mean 'col'") != std::string::npos);
}

TEST_CASE("cli: run answers whether the deal is self-enforcing (trade war: Friedman's bound)") {
  const auto r = run_negsim("run scenarios/trade_war_tariffs.yaml --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out)["repeated"];
  // Symmetric trade war: R = 0, T = 0.1*63 - 0.05*63 = 3.15, P = -2.9:
  // grim trigger needs delta >= (T - R) / (T - P) = 3.15 / 6.05.
  CHECK(j["critical_discount"].get<double>() == doctest::Approx(3.15 / 6.05).epsilon(1e-6));
  CHECK(j["target"][0] == "tariff=0");
  bool grim_found = false;
  for (const auto& s : j["strategies"])
    if (s["strategy"] == "grim-trigger") {
      grim_found = true;
      CHECK(s["subgame_perfect"] == true);
    }
  CHECK(grim_found);
}

TEST_CASE("cli: repeated: payoff set, Axelrod tournament, simulation with history") {
  TempDir tmp;
  // ORACLES: Abreu-Sannikov example at delta 0.3 has 6 vertices.
  const std::string as = tmp.write("as.nfg",
      "NFG 1 R \"AS\" { \"1\" \"2\" } { 3 3 }\n"
      "16 9 21 1 9 0 3 13 10 4 5 -4 0 3 -1 0 -5 -15\n");
  auto r = run_negsim("repeated '" + as + "' --target 1,1 --payoff-set --delta 0.3 --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out)["payoff_set"]["vertices"].size() == 6);
  // ORACLES: round robin, 5 turns: Cooperator 45, Defector 52, Grudger 49.
  r = run_negsim("repeated scenarios/classic/prisoners_dilemma.yaml --target play=cooperate,play=cooperate "
                 "--tournament cooperator,tit-for-tat,defector,grudger,go-by-majority --rounds 5 --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::map<std::string, double> scores;
  const auto tournament = nlohmann::json::parse(r.out);
  for (const auto& s : tournament["tournament"]) scores[s["strategy"].get<std::string>()] = s["score"].get<double>();
  CHECK(scores["cooperator"] == doctest::Approx(45));
  CHECK(scores["defector"] == doctest::Approx(52));
  CHECK(scores["grudger"] == doctest::Approx(49));
  const std::string csv = tmp.file("h.csv");
  r = run_negsim("repeated scenarios/trade_war_tariffs.yaml --strategies grim-trigger --runs 50 --rounds 20 --history '" + csv + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("subgame perfect") != std::string::npos);
  CHECK(read_text_file(csv).rfind("run,round,player,action,payoff,trembled\n", 0) == 0);
  // No pure SPE: a clear error (ORACLES).
  const std::string none = tmp.write("none.nfg",
      "NFG 1 R \"none\" { \"1\" \"2\" } { 2 2 }\n1 -1 -2 2 -1 2 1 0\n");
  r = run_negsim("repeated '" + none + "' --target 1,1 --payoff-set --delta 0.05");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no pure-strategy subgame-perfect equilibrium") != std::string::npos);
}

TEST_CASE("cli: solve methods agree with the shared answers (enum exact, lh, lp, ce, dominance)") {
  auto r = run_negsim("solve '" + kShared + "/games/gambit/e04.nfg' --method enum --exact --format gambit");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(lines_of(r.out) == lines_of(read_text_file(kShared + "/games/gambit/expected/e04.extreme")));
  r = run_negsim("solve '" + kShared + "/games/gambit/e04.nfg' --method lh --all-labels --exact --format gambit");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  for (const std::string& line : lines_of(r.out))
    CHECK(lines_of(read_text_file(kShared + "/games/gambit/expected/e04.extreme")).count(line) == 1);
  r = run_negsim("solve scenarios/classic/matching_pennies.yaml --method lp --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out)["equilibria"][0]["payoffs"][0].get<double>() == doctest::Approx(0.0));
  r = run_negsim("solve scenarios/classic/chicken.yaml --method ce --objective welfare --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  // Chicken DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3): the welfare-max CE puts 1/3 on DC, CD and CC.
  const auto ce = nlohmann::json::parse(r.out)["equilibrium"];
  CHECK(ce["payoffs"][0].get<double>() + ce["payoffs"][1].get<double>() == doctest::Approx(16.0 / 3));
  r = run_negsim("solve scenarios/classic/prisoners_dilemma.yaml --method dominance");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("play=cooperate (dominated by play=defect") != std::string::npos);
  r = run_negsim("solve '" + kShared + "/games/gambit/2x2x2.nfg' --method lh");
  CHECK(r.exit_code == 2);
  r = run_negsim("solve scenarios/classic/chicken.yaml --method enumm");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 'enum'") != std::string::npos);
  // auto on a 2-player game: pure + all extreme equilibria (chicken: 2 pure + 1 mixed).
  r = run_negsim("solve scenarios/classic/chicken.yaml --format gambit");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(lines_of(r.out).size() == 3);
}

TEST_CASE("cli: sweep with the repeated and spe analyses") {
  // Trade war: grim trigger holds iff delta >= 3.15 / 6.05 = 0.5207.
  auto r = run_negsim("sweep scenarios/trade_war_tariffs.yaml --grid delta=0.5:0.54:3 --analyses repeated --jobs 2");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::vector<std::string> holds;
  std::stringstream ss(r.out);
  std::string line;
  std::getline(ss, line);  // the sweep's description line
  std::getline(ss, line);  // header
  while (std::getline(ss, line)) holds.push_back(line.find(",yes,yes") != std::string::npos ? "yes" : "no");
  CHECK(holds == std::vector<std::string>{"no", "no", "yes"});  // delta 0.5, 0.52, 0.54
  r = run_negsim("sweep --analyses spe --list value_with_algorithm=60,100 --format jsonl");
  CHECK(r.exit_code != 0);  // the scenario argument is required
  r = run_negsim("sweep scenarios/tiktok_2025.yaml --analyses spe --list value_with_algorithm=60,100 --format jsonl");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(lines_of(r.out).size() == 3);  // the description line and two rows
  r = run_negsim("sweep scenarios/classic/chicken.yaml --analyses spe --grid win=4:5:2");
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: a stage with three movers and no pure equilibrium is solved with mixed play") {
  TempDir tmp;
  const std::string text =
      "scenario: three-way-pennies\nplayers:\n  a: {levers: {m: [h, t]}}\n  b: {levers: {m: [h, t]}}\n"
      "  c: {levers: {m: [h, t]}}\npayoffs:\n"
      "  a: \"(a.m == b.m) - (a.m != b.m) + 0.3 * (c.m == h)\"\n"
      "  b: \"(b.m != c.m) - (b.m == c.m) + 0.2 * (a.m == t)\"\n"
      "  c: \"(c.m == a.m) - (c.m != a.m) + 0.1 * (b.m == h)\"\n"
      "timeline: [[a, b, c]]\n";
  const auto r = run_negsim("run '" + tmp.write("mp3.yaml", text) + "' --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["pure_equilibria"]["equilibria"].empty());
  const auto& spe = j["sequential"]["equilibria"];
  REQUIRE(spe.size() == 1);
  CHECK(spe[0]["pure"] == false);
  CHECK(spe[0]["max_regret"].get<double>() <= 1e-9);
  // Each matching-pennies pair mixes 50/50: a gets 0.3 * P(c = h) = 0.15.
  CHECK(spe[0]["payoffs"][0].get<double>() == doctest::Approx(0.15));
}
