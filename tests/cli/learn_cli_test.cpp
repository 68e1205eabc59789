// CLI tests of `negsim learn`: the real executable on small games whose
// learning behaviour is known (a prisoner's dilemma where best responses reach
// the dominant-strategy equilibrium; matching pennies where they cycle).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/solve_report.hpp"
#include "tests/support/run_command.hpp"

using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

// Prisoner's dilemma: R = 3, T = t, P = 1, S = 0; defect is dominant for t > 3.
const char* kDilemma = R"yaml(scenario: dilemma
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

// Matching pennies (Gambit order: player 1 changes fastest).
const char* kPennies =
    "NFG 1 R \"Matching pennies\" { \"P1\" \"P2\" } { 2 2 }\n"
    "1 -1 -1 1 -1 1 1 -1\n";

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("learn: best-response dynamics reach the dilemma's equilibrium, verified") {
  TempDir tmp;
  const std::string game = tmp.write("dilemma.yaml", kDilemma);
  const auto r = run_negsim("learn '" + game + "' --dynamics best-response --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == negsim::kJsonSchemaVersion);
  CHECK(j["dynamics"] == "best-response");
  CHECK(j["converged"] == true);
  CHECK(j["verdict"]["is_equilibrium"] == true);
  CHECK(j["verdict"]["max_regret"] == 0.0);
  for (const auto& player : j["final_profile"]) CHECK(player["probabilities"]["move=defect"] == 1.0);
  // The trajectory starts at the default pure start (everyone's first action).
  const auto& first = j["trajectory"][0];
  CHECK(first["iteration"] == 0);
  CHECK(first["profile"][0][0] == 1.0);
  CHECK(first["payoffs"][0] == 3.0);  // (cooperate, cooperate) pays R = 3
  CHECK(j["trajectory"].back()["payoffs"][1] == 1.0);  // (defect, defect) pays P = 1

  const auto text = run_negsim("learn '" + game + "' --dynamics best-response");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Verdict: the final profile is a Nash equilibrium") != std::string::npos);
  CHECK(text.out.find("an equilibrium only if verified") != std::string::npos);
}

TEST_CASE("learn: best responses cycle in matching pennies and the verdict says no equilibrium") {
  TempDir tmp;
  const std::string game = tmp.write("pennies.nfg", kPennies);
  const auto r = run_negsim("learn '" + game + "' --dynamics best-response --format json");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["converged"] == false);
  CHECK(j["verdict"]["is_equilibrium"] == false);
  CHECK(j["verdict"]["max_regret"] == 2.0);  // a pure profile of matching pennies: the loser gains 2
  const auto text = run_negsim("learn '" + game + "' --dynamics best-response");
  CHECK(text.out.find("is NOT a Nash equilibrium") != std::string::npos);
}

TEST_CASE("learn: the csv trajectory holds probabilities and payoffs per recorded iteration") {
  TempDir tmp;
  const std::string game = tmp.write("dilemma.yaml", kDilemma);
  const auto r = run_negsim("learn '" + game + "' --dynamics fictitious-play --iterations 100 --every 10 --format csv");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto rows = csv_rows(r.out);
  REQUIRE(rows.size() == 12);  // header, iteration 0, then 10, 20, ..., 100
  CHECK(rows[0] == std::vector<std::string>{"iteration", "row:move=cooperate", "row:move=defect",
                                            "col:move=cooperate", "col:move=defect", "payoff:row", "payoff:col"});
  CHECK(rows[1][0] == "0");
  CHECK(rows[1][1] == "0.5");
  CHECK(rows[1][5] == "2.25");  // uniform play: (3 + 0 + 5 + 1) / 4
  CHECK(rows[2][0] == "10");
  CHECK(rows.back()[0] == "100");
  // Every round both best-respond with defect: after 100 rounds the empirical
  // frequency of defect is (0.5 + 100) / 101.
  CHECK(std::stod(rows.back()[2]) == doctest::Approx(100.5 / 101));
  // The same run through --out writes the same bytes.
  const auto to_file =
      run_negsim("learn '" + game + "' --dynamics fictitious-play --iterations 100 --every 10 --format csv --out '" +
                 tmp.file("trajectory.csv") + "'");
  REQUIRE(to_file.exit_code == 0);
  CHECK(to_file.out.empty());
  CHECK(read_text_file(tmp.file("trajectory.csv")) == r.out);
}

TEST_CASE("learn: --set reaches the scenario - logit settles at the mixed equilibrium of matching pennies") {
  TempDir tmp;
  const std::string dilemma = tmp.write("dilemma.yaml", kDilemma);
  // With t = 2 < R the game is a stag hunt: from (cooperate, cooperate) nobody moves.
  const auto stag = run_negsim("learn '" + dilemma + "' --set t=2 --dynamics best-response --format json");
  REQUIRE_MESSAGE(stag.exit_code == 0, stag.err);
  const nlohmann::json s = nlohmann::json::parse(stag.out);
  CHECK(s["final_profile"][0]["probabilities"]["move=cooperate"] == 1.0);
  CHECK(s["verdict"]["is_equilibrium"] == true);

  const std::string pennies = tmp.write("pennies.nfg", kPennies);
  const auto logit = run_negsim("learn '" + pennies + "' --dynamics logit --lambda 2 --step 0.2 --initial '0.9,0.1;0.3,0.7' --format json");
  REQUIRE_MESSAGE(logit.exit_code == 0, logit.err);
  const nlohmann::json l = nlohmann::json::parse(logit.out);
  CHECK(l["trajectory"][0]["profile"][0][0] == 0.9);
  CHECK(l["converged"] == true);
  CHECK(l["final_profile"][0]["probabilities"]["1"].get<double>() == doctest::Approx(0.5).epsilon(1e-4));
}

TEST_CASE("learn: regret matching is reproducible from its seed") {
  TempDir tmp;
  const std::string pennies = tmp.write("pennies.nfg", kPennies);
  const std::string base = "learn '" + pennies + "' --dynamics regret-matching --iterations 500 --format csv";
  const auto a = run_negsim(base + " --seed 7");
  const auto b = run_negsim(base + " --seed 7");
  const auto c = run_negsim(base + " --seed 8");
  REQUIRE_MESSAGE(a.exit_code == 0, a.err);
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
}

TEST_CASE("learn: bad usage is exit 2 with a message") {
  TempDir tmp;
  const std::string game = "'" + tmp.write("pennies.nfg", kPennies) + "'";
  const auto unknown = run_negsim("learn " + game + " --dynamics fictitous-play");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean 'fictitious-play'?") != std::string::npos);
  CHECK(run_negsim("learn " + game).exit_code == 2);
  CHECK(run_negsim("learn --dynamics logit").exit_code == 2);
  const std::vector<std::string> bad = {
      "--dynamics logit --iterations 0",        "--dynamics logit --iterations -5",
      "--dynamics logit --iterations 1e99",     "--dynamics logit --iterations nan",
      "--dynamics logit --iterations 100000000000", "--dynamics logit --step 0",
      "--dynamics logit --step nan",            "--dynamics logit --step 2",
      "--dynamics logit --lambda inf",          "--dynamics logit --lambda -1",
      "--dynamics logit --tol 0",               "--dynamics logit --regret-tol 1",
      "--dynamics regret-matching --seed -1",   "--dynamics logit --every 0",
      "--dynamics logit --initial '0.5,0.6;0.5,0.5'", "--dynamics logit --initial '1,0'",
      "--dynamics logit --initial 'up;1,0'",    "--dynamics best-response --initial '0.5,0.5;1,0'",
      "--dynamics fictitious-play --step 0.5",  "--dynamics logit --seed 3",
      "--dynamics replicator --simultaneous",   "--dynamics logit --format gambit"};
  for (const std::string& args : bad) {
    const auto r = run_negsim("learn " + game + " " + args);
    CHECK_MESSAGE(r.exit_code == 2, args << ": " << r.err);
    CHECK_MESSAGE(r.err.find("usage error") != std::string::npos, args << ": " << r.err);
  }
  const auto step = run_negsim("learn " + game + " --dynamics fictitious-play --step 0.5");
  CHECK(step.err.find("--step does not apply to --dynamics fictitious-play") != std::string::npos);
  // Bad input (not usage) stays exit 1.
  CHECK(run_negsim("learn '" + tmp.file("missing.nfg") + "' --dynamics logit").exit_code == 1);
}

TEST_CASE("learn: a time limit stops the dynamic with exit 3 and leaves --out untouched") {
  TempDir tmp;
  const std::string out = tmp.file("trajectory.csv");
  const auto r = run_negsim("learn scenarios/tiktok_2025.yaml --dynamics fictitious-play --iterations 100000000 "
                            "--every 100000 --time-limit 0.05 --format csv --out '" + out + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("fictitious play") != std::string::npos);
  CHECK(r.err.find("nothing is reported") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}
