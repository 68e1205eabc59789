// Issue 12, "every input is checked where it enters": every command accepts
// or clearly refuses every kind of input file; validate checks every block a
// command reads; --target works for multi-lever actions; every numeric option
// refuses negative, zero, NaN and huge values with exit 2; text output cannot
// be forged or drive a terminal; JSON output never fails on bad UTF-8.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"

using negsim::testing::read_text_file;
using negsim::testing::run_negsim;
using negsim::testing::TempDir;

namespace {

const std::string kShared = NEGSIM_SHARED_DIR;

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// A 2-player game whose actions have two levers: labels like "move=c,tone=soft".
const char* kTwoLevers = R"yaml(scenario: two-levers
title: Two levers
players:
  row:
    levers:
      move: {values: [c, d]}
      tone: {values: [soft, hard]}
  col:
    levers:
      move: {values: [c, d]}
payoffs:
  row: "3 * (row.move == c) * (col.move == c) + 5 * (row.move == d) * (col.move == c) + (row.move == d) * (col.move == d) - 0.1 * (row.tone == hard)"
  col: "3 * (row.move == c) * (col.move == c) + 5 * (col.move == d) * (row.move == c) + (row.move == d) * (col.move == d)"
)yaml";

std::string tiny_with(const std::string& extra) {
  return std::string(R"yaml(scenario: tiny
title: Tiny
players:
  row:
    levers:
      move: {values: [c, d]}
  col:
    levers:
      move: {values: [c, d]}
payoffs:
  row: "3 * (row.move == c) * (col.move == c) + 5 * (row.move == d) * (col.move == c) + (row.move == d) * (col.move == d)"
  col: "3 * (row.move == c) * (col.move == c) + 5 * (col.move == d) * (row.move == c) + (row.move == d) * (col.move == d)"
)yaml") + extra;
}

}  // namespace

TEST_CASE("input kinds: every command accepts or clearly refuses a scenario, a .nfg and an .efg file") {
  TempDir tmp;
  const std::string nfg = kShared + "/games/gambit/2x2.nfg";
  const std::string efg = tmp.write("game.efg", read_text_file(kShared + "/games/gambit-efg/2smp.efg"));
  // The same .efg without its extension is recognised by its first bytes.
  const std::string efg_bare = tmp.write("game_without_extension", read_text_file(efg));
  const std::string out = tmp.file("out.txt");
  struct Case {
    std::string args;
    int exit_code;
    std::string in_err;
  };
  const std::vector<Case> cases = {
      // validate and run used to dereference a scenario that does not exist.
      {"validate " + quoted(nfg), 0, ""},
      {"run " + quoted(nfg), 1, "expected a scenario (YAML) for negsim run"},
      {"bargain " + quoted(nfg), 1, "expected a scenario (YAML) for negsim bargain"},
      {"sweep " + quoted(nfg) + " --grid x=0:1:2", 1, "expected a scenario (YAML) for negsim sweep"},
      {"solve " + quoted(nfg), 0, ""},
      {"export " + quoted(nfg) + " --nfg " + quoted(out), 0, ""},
      {"repeated " + quoted(nfg), 2, "--target"},
      {"run " + quoted(nfg) + " --format json", 1, "negsim solve FILE.nfg"},
  };
  for (const Case& c : cases) {
    const auto r = run_negsim(c.args);
    INFO(c.args << "\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.err.find(c.in_err) != std::string::npos);
  }
  const auto v = run_negsim("validate " + quoted(nfg));
  CHECK(v.out.find("ok: Gambit .nfg game") != std::string::npos);
  CHECK(v.out.find("2 x 2 actions") != std::string::npos);
  for (const std::string& game : {efg, efg_bare}) {
    // solve, validate, export and run take .efg games (tests/cli/efg_cli_test.cpp).
    for (const std::string& command : {"validate " + quoted(game), "solve " + quoted(game),
                                       "export " + quoted(game) + " --nfg " + quoted(out), "run " + quoted(game)}) {
      const auto r = run_negsim(command);
      INFO(command << "\nstderr: " << r.err);
      CHECK(r.exit_code == 0);
    }
    for (const std::string& command :
         {"bargain " + quoted(game), "repeated " + quoted(game) + " --target '1;1'",
          "sweep " + quoted(game) + " --grid x=0:1:2"}) {
      const auto r = run_negsim(command);
      INFO(command << "\nstderr: " << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("extensive-form (.efg)") != std::string::npos);
      CHECK(r.err.find("hint:") != std::string::npos);
    }
  }
}

TEST_CASE("validate builds a scenario's types and sequence: size, --set errors at file:line:col, the node bound") {
  const std::string bq = "'" + std::string(NEGSIM_SOURCE_DIR) + "/scenarios/classic/beer_quiche.yaml'";
  const auto ok = run_negsim("validate " + bq);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("types, a sequence (15 nodes, 4 information sets)") != std::string::npos);
  // The prior is a parameter: --set can push it out of [0, 1]; the error points at the prior's expression.
  const auto prior = run_negsim("validate " + bq + " --set p_weak=1.5");
  CHECK(prior.exit_code == 1);
  CHECK(prior.err.find("beer_quiche.yaml:29:18: the prior probability of sender being weak is 1.5") != std::string::npos);
  CHECK(prior.err.find("hint:") != std::string::npos);
  // Thirty deadline rounds: the tree's node bound is over the budget before anything is built.
  const auto big = run_negsim("validate '" + std::string(NEGSIM_SOURCE_DIR) +
                              "/scenarios/tiktok_2025.yaml' --set extension_rounds=30");
  CHECK(big.exit_code == 3);
  CHECK(big.err.find("may have up to") != std::string::npos);
  CHECK(big.err.find("--max-profiles") != std::string::npos);
}

TEST_CASE("validate checks the repeated block as run and repeated read it") {
  TempDir tmp;
  struct Case {
    std::string block;
    std::string in_err;
  };
  const std::vector<Case> cases = {
      {"repeated: {discount: 0.9, target: {nobody.move: c, col.move: c}}\n", "nobody"},
      {"repeated: {discount: 1.5, target: {row.move: c, col.move: c}}\n", "discount"},
      {"repeated: {discount: 0.9, target: {row.move: c, col.move: maybe}}\n", "maybe"},
      {"repeated: {discount: 0.9, continuation: 2, target: {row.move: c, col.move: c}}\n", "continuation"},
      {"repeated: {discount: 0.9, target: {row.move: c, col.move: c}, strategies: {row: no-such-strategy}}\n",
       "no-such-strategy"},
      {"repeated: {discount: 0.9, target: {row.move: c, col.move: c}, strategies: {zed: grim-trigger}}\n", "zed"},
  };
  for (const Case& c : cases) {
    const std::string path = tmp.write("s.yaml", tiny_with(c.block));
    const auto v = run_negsim("validate " + quoted(path));
    INFO(c.block << "validate: " << v.err);
    CHECK(v.exit_code == 1);
    CHECK(v.err.find(c.in_err) != std::string::npos);
  }
  const std::string good =
      tmp.write("good.yaml", tiny_with("repeated: {discount: 0.9, target: {row.move: c, col.move: c}, "
                                       "strategies: {row: grim-trigger, col: tit-for-tat}}\n"));
  const auto ok = run_negsim("validate " + quoted(good));
  CHECK_MESSAGE(ok.exit_code == 0, ok.err);
  CHECK(ok.out.find("a repeated block") != std::string::npos);
}

TEST_CASE("repeated --target names actions of players with several levers (semicolon or one --target per player)") {
  TempDir tmp;
  const std::string scenario = tmp.write("two.yaml", kTwoLevers);
  const std::string nfg = tmp.file("two.nfg");
  REQUIRE(run_negsim("export " + quoted(scenario) + " --nfg " + quoted(nfg)).exit_code == 0);
  const std::string common = " --strategies grim-trigger --runs 20 --rounds 5 --format json";
  std::set<std::string> outputs;
  for (const std::string& target : {std::string("--target 'move=c,tone=soft;move=c'"),
                                    std::string("--target 'move=c,tone=soft; move=c'"),
                                    std::string("--target 'move=c,tone=soft' --target 'move=c'")}) {
    for (const std::string& game : {scenario, nfg}) {
      const auto r = run_negsim("repeated " + quoted(game) + " " + target + common);
      INFO(game << " " << target << "\n" << r.err);
      REQUIRE(r.exit_code == 0);
      const auto j = nlohmann::json::parse(r.out);
      // Everyone cooperates on the target: 3 per round for each player.
      CHECK(j["simulation"]["players"][1]["mean_average"].get<double>() == doctest::Approx(3));
      outputs.insert(r.out);
    }
  }
  CHECK(outputs.size() == 1);  // the same game and target whichever way it is written
  // Commas alone cannot split these labels: a usage error that says how.
  const auto bad = run_negsim("repeated " + quoted(nfg) + " --target 'move=c,tone=soft,move=c'" + common);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("join labels that contain commas with ';'") != std::string::npos);
  // Single-lever games keep the comma form.
  const auto pd = run_negsim("repeated " + quoted(kShared + "/games/gambit/2x2.nfg") +
                             " --target 1,1 --strategies grim-trigger --runs 5 --rounds 3");
  CHECK_MESSAGE(pd.exit_code == 0, pd.err);
}

TEST_CASE("every numeric option: negative, zero, NaN, infinite, huge and non-numeric values are usage errors") {
  TempDir tmp;
  const std::string nfg = kShared + "/games/gambit/2x2.nfg";
  const std::string out = tmp.file("g.nfg");
  const std::string scenario = "scenarios/classic/prisoners_dilemma.yaml";
  struct Option {
    std::string command;  // everything before the option
    std::string name;
    bool zero_ok;
  };
  const std::vector<Option> options = {
      {"repeated " + scenario + " --strategies grim-trigger", "runs", false},
      {"repeated " + scenario + " --strategies grim-trigger", "rounds", false},
      {"repeated " + scenario, "delta", false},
      {"repeated " + scenario + " --strategies grim-trigger", "continuation", false},
      {"repeated " + scenario + " --strategies grim-trigger", "tremble", true},
      {"repeated " + scenario + " --strategies grim-trigger", "seed", true},
      {"solve " + quoted(nfg) + " --method logit", "starts", false},
      {"solve " + quoted(nfg) + " --method logit", "seed", true},
      {"solve " + quoted(nfg), "max-equilibria", false},
      {"solve " + quoted(nfg) + " --method lh", "label", false},
      {"solve " + scenario, "max-profiles", false},
      {"solve " + scenario, "time-limit", true},
      {"run " + scenario, "max-profiles", false},
      {"run " + scenario, "time-limit", true},
      {"validate " + scenario, "max-profiles", false},
      {"bargain " + scenario, "max-profiles", false},
      {"export " + scenario + " --nfg " + quoted(out), "max-profiles", false},
      {"generate --out " + quoted(out) + " --sizes 2x2", "seed", true},
      {"generate --out " + quoted(out) + " --sizes 2x2", "decimals", true},
      {"generate --out " + quoted(out), "sizes", false},
      {"sweep " + scenario + " --grid T=0:1:2 --random R=0:1", "samples", false},
      {"sweep " + scenario + " --grid T=0:1:2", "seed", true},
      {"sweep " + scenario + " --grid T=0:1:2", "jobs", false},
      {"sweep " + scenario + " --grid T=0:1:2", "batch", false},
      {"sweep " + scenario + " --grid T=0:1:2", "max-profiles", false},
      {"sweep " + scenario + " --grid T=0:1:2", "time-limit", true},
  };
  // "-1" is the case that used to wrap to 2^64 - 1 in unsigned options.
  std::vector<std::string> bad = {"-1", "nan", "inf", "-inf", "1e400", "99999999999999999999999", "abc", "",
                                  "2x", "0x10", "--1"};
  for (const Option& option : options) {
    std::vector<std::string> values = bad;
    if (!option.zero_ok) values.push_back("0");
    for (const std::string& value : values) {
      const std::string args = option.command + " --" + option.name + "='" + value + "'";
      const auto r = run_negsim(args);
      INFO(args << "\nstdout: " << r.out.substr(0, 200) << "\nstderr: " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("--" + option.name) != std::string::npos);
      CHECK(r.out.empty());
    }
  }
  // Out of range for their meaning.
  for (const std::string& args : {"repeated " + scenario + " --delta 1.5", "repeated " + scenario + " --delta 1", "repeated " + scenario + " --tremble 2",
                                  "repeated " + scenario + " --strategies grim-trigger --continuation 1.01",
                                  "repeated " + scenario + " --strategies grim-trigger --runs 100000000000",
                                  "generate --out " + quoted(out) + " --sizes 2x-1",
                                  "generate --out " + quoted(out) + " --sizes 2x99999999999",
                                  "generate --out " + quoted(out) + " --sizes 2x2 --decimals 18"}) {
    const auto r = run_negsim(args);
    INFO(args << "\n" << r.err);
    CHECK(r.exit_code == 2);
  }
  // In range: accepted.
  const auto ok = run_negsim("repeated scenarios/trade_war_tariffs.yaml --strategies grim-trigger --runs 3 --rounds 2 --seed 0 "
                             "--tremble 0 --delta 0.95 --continuation 0.5");
  CHECK_MESSAGE(ok.exit_code == 0, ok.err);
}

TEST_CASE("a NaN condition is an input error, not a true condition") {
  TempDir tmp;
  for (const std::string& payoff : {"if(0/0, 1, 2)", "if(sqrt(-1) > 0, 1, 2)", "not (0/0 < 1)", "(row.move == c) * (0/0 == 1)"}) {
    std::string text = tiny_with("");
    const std::string old_payoff = text.substr(text.find("  row: \"3"), text.find('\n', text.find("  row: \"3")) -
                                                                            text.find("  row: \"3"));
    text.replace(text.find(old_payoff), old_payoff.size(), "  row: \"" + payoff + "\"");
    const std::string path = tmp.write("nan.yaml", text);
    const auto r = run_negsim("validate " + quoted(path));
    INFO(payoff << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("NaN") != std::string::npos);
  }
}

TEST_CASE("text output neutralises control characters, JSON output never meets invalid UTF-8") {
  TempDir tmp;
  // A title that would forge a Gambit line and retitle the terminal.
  std::string text = tiny_with("");
  text.replace(text.find("title: Tiny"), 11, "title: \"Tiny\\e]0;pwned\\a\\nNE,1,0,0,1\\x9b31m\"");
  const std::string scenario = tmp.write("escape.yaml", text);
  for (const std::string& args : {"run " + quoted(scenario), "solve " + quoted(scenario)}) {
    const auto r = run_negsim(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\a') == std::string::npos);
    CHECK(r.out.find("\xc2\x9b") == std::string::npos);
    CHECK(r.out.find("\nNE,") == std::string::npos);
  }
  const auto shown = run_negsim("run " + quoted(scenario));
  CHECK(shown.out.find("\\x1B]0;pwned") != std::string::npos);  // shown, not executed
  // A .nfg title with raw control bytes; names and labels with a line break are refused.
  const std::string nfg = tmp.write("t.nfg", "NFG 1 R \"T\x1b[2J\nNE,1,0\" { \"A\" \"B\" } { 1 1 }\n1 1\n");
  auto r = run_negsim("solve " + quoted(nfg));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("\nNE,1,0\n") == std::string::npos);
  const std::string forged = tmp.write("n.nfg", "NFG 1 R \"T\" { \"A\nNE,1\" \"B\" } { 1 1 }\n1 1\n");
  r = run_negsim("solve " + quoted(forged));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("n.nfg:1:") != std::string::npos);
  CHECK(r.err.find("control character") != std::string::npos);
  // Invalid UTF-8: an input error with a position, from every loader, not exit 4.
  const std::string latin = tmp.write("latin.nfg", "NFG 1 R \"Caf\xe9\" { \"A\" \"B\" } { 1 1 }\n1 1\n");
  r = run_negsim("solve " + quoted(latin) + " --format json");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("latin.nfg:1:13: the game title is not valid UTF-8 (byte 0xE9)") != std::string::npos);
  text = tiny_with("");
  text.replace(text.find("title: Tiny"), 11, "title: Caf\xe9");
  const std::string bad_yaml = tmp.write("latin.yaml", text);
  for (const std::string& command : {"run", "validate", "solve", "bargain", "repeated"}) {
    r = run_negsim(std::string(command) + " " + quoted(bad_yaml) + (command == std::string("validate") ? "" : " --format json"));
    INFO(command << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("latin.yaml:2:11: the file is not valid UTF-8") != std::string::npos);
  }
  // A player name that would forge a line.
  text = tiny_with("");
  text.replace(text.find("  row:\n    levers:"), 18, "  row:\n    name: \"Row\\nNE,1\"\n    levers:");
  r = run_negsim("validate " + quoted(tmp.write("name.yaml", text)));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("name contains a control character") != std::string::npos);
  CHECK(r.err.find("name.yaml:5:11:") != std::string::npos);  // at the name
  // A unit too (printed after payoffs).
  r = run_negsim("validate " + quoted(tmp.write("unit.yaml", "parameters:\n  x: {value: 1, unit: \"$bn\\nNE,1\"}\n" + tiny_with(""))));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("unit contains a control character") != std::string::npos);
}
