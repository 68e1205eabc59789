#include "sim/repeated/simulate.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/run_command.hpp"
#include <tbb/global_control.h>

#include "sim/repeated/strategy_library.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

TEST_CASE("TFT vs always-defect over 3 rounds scores (0,5),(1,1),(1,1)") {
  const NormalFormGame g = testing::pd_axelrod();
  const PureProfile target{0, 0};
  const std::vector<Automaton> pair = {make_strategy("tit-for-tat", g, 0, target),
                                       make_strategy("always-defect", g, 1, target)};
  SimulationOptions o;
  o.rounds = 3;
  const SimulationResult r = simulate(g, pair, o);
  REQUIRE(r.histories.size() == 1);
  const auto& h = r.histories[0].profiles;
  REQUIRE(h.size() == 3);
  std::vector<std::pair<double, double>> scores;
  for (std::uint32_t idx : h) scores.push_back({g.payoff(0, idx), g.payoff(1, idx)});
  CHECK(scores == std::vector<std::pair<double, double>>{{0, 5}, {1, 1}, {1, 1}});
  CHECK(r.mean_total == std::vector<double>{2, 7});
  CHECK(r.player_rounds == 6);
}

TEST_CASE("Axelrod round robin, 5 turns: Cooperator 45, Defector 52, Grudger/GoByMajority/TFT 49") {
  const NormalFormGame g = testing::pd_axelrod();
  std::vector<TournamentEntry> entries;
  for (const char* s : {"cooperator", "tit-for-tat", "defector", "grudger", "go-by-majority"})
    entries.push_back(library_entry(s));
  TournamentOptions o;
  o.rounds = 5;
  const TournamentResult r = run_tournament(g, {0, 0}, entries, o);
  CHECK(r.scores == std::vector<double>{45, 49, 52, 49, 49});
  CHECK(r.names[r.ranking[0]] == "defector");
}

TEST_CASE("results do not depend on the number of threads and repeat with the seed") {
  const NormalFormGame g = testing::public_goods(3);
  const PureProfile target{0, 0, 0};
  std::vector<Automaton> profile;
  profile.push_back(make_strategy_from_spec("generous-tft:g=0.3", g, 0, target));
  profile.push_back(make_strategy("random", g, 1, target));
  profile.push_back(make_strategy("win-stay-lose-shift", g, 2, target));
  SimulationOptions o;
  o.rounds = 50;
  o.continuation = 0.95;
  o.discount = 0.97;
  o.tremble = 0.05;
  o.runs = 500;
  o.seed = 42;
  const SimulationResult a = simulate(g, profile, o);
  SimulationResult b;
  {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    b = simulate(g, profile, o);
  }
  CHECK(a.mean_total == b.mean_total);
  CHECK(a.ci_total == b.ci_total);
  CHECK(a.mean_rounds == b.mean_rounds);
  CHECK(a.mean_rounds < 50);
  CHECK(a.mean_rounds > 10);
  CHECK(a.ci_total[0] > 0);
  o.seed = 43;
  CHECK(simulate(g, profile, o).mean_total != a.mean_total);
}

TEST_CASE("geometric end: mean length 1/(1-p) and trembles flip actions at the right rate") {
  const NormalFormGame g = testing::pd_axelrod();
  const PureProfile target{0, 0};
  const std::vector<Automaton> pair = {make_strategy("always-target", g, 0, target),
                                       make_strategy("always-target", g, 1, target)};
  SimulationOptions o;
  o.rounds = 0;
  o.continuation = 0.9;
  o.runs = 20000;
  o.seed = 7;
  const SimulationResult r = simulate(g, pair, o);
  CHECK(r.mean_rounds == doctest::Approx(10.0).epsilon(0.03));
  o.continuation = 1.0;
  o.rounds = 1000;
  o.runs = 1;
  o.tremble = 0.1;
  const SimulationResult t = simulate(g, pair, o);
  std::size_t flips = 0;
  for (std::uint8_t b : t.histories[0].trembled) flips += (b & 1) + ((b >> 1) & 1);
  CHECK(flips > 150);
  CHECK(flips < 250);
}

// Regression: simulate() allocated every run's results before playing one
// (10^7 runs of 2 players: 320 MB at once, and 2.7 GB for 32 players,
// whatever the memory). Runs are now folded into the sums chunk by chunk:
// measured through the real executable, the peak memory of `negsim repeated
// --runs 10000000` stays far below what the old arrays alone took.
TEST_CASE("repeated --runs 10^7 does not hold every run in memory (peak RSS of the executable)") {
  negsim::testing::TempDir tmp;
  const std::string scenario = tmp.write("pd.yaml", R"yaml(scenario: pd
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
repeated:
  discount: 0.9
  target: {row.move: c, col.move: c}
)yaml");
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    // The time limit only bounds the test's duration (exit 3 when it cuts
    // the runs short); the allocation happened before the first run.
    ::execl(NEGSIM_EXE, "negsim", "repeated", scenario.c_str(), "--strategies", "grim-trigger", "--runs", "10000000",
            "--rounds", "1", "--time-limit", "0.5", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
  REQUIRE(WIFEXITED(status));
  const int code = WEXITSTATUS(status);
  CHECK((code == 0 || code == 3));
  // ru_maxrss is in KiB. The old arrays: 10^7 x (2 doubles + 16 bytes) = 320 MB.
  CHECK(usage.ru_maxrss < 200 * 1024);
}
