// --max-equilibria is honoured by every method (sim/solve/equilibrium_cap.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/solve/equilibrium_cap.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/run_command.hpp"

using namespace negsim;

namespace {

// A 3x3 coordination game: 3 pure and 4 mixed equilibria (one per support).
NormalFormGame coordination() {
  NormalFormGame game({3, 3});
  for (std::size_t a = 0; a < 3; ++a)
    for (std::size_t b = 0; b < 3; ++b) {
      const std::vector<std::size_t> actions = {a, b};
      const std::size_t profile = game.profile_index(actions);
      const double u = a == b ? 1.0 + static_cast<double>(a) : 0.0;
      game.set_payoff(0, profile, u);
      game.set_payoff(1, profile, u);
    }
  return game;
}

bool has_cap_note(const SolveResult& result) {
  return std::any_of(result.notes.begin(), result.notes.end(),
                     [](const std::string& n) { return n.find("--max-equilibria") != std::string::npos; });
}

}  // namespace

TEST_CASE("equilibrium cap: every method lists at most --max-equilibria, marked incomplete when cut") {
  const NormalFormGame game = coordination();
  struct Method {
    const char* name;
    bool all_labels;
    int starts;
  };
  for (const Method& m : {Method{"auto", false, 1}, Method{"pure", false, 1}, Method{"enum", false, 1},
                          Method{"lh", true, 1}, Method{"logit", false, 8}, Method{"gnm", false, 8}}) {
    INFO(m.name);
    SolveOptions options;
    options.method = m.name;
    options.all_labels = m.all_labels;
    options.starts = m.starts;
    const SolveResult all = solve(game, options);
    for (std::size_t cap : {std::size_t{1}, std::size_t{2}}) {
      options.max_equilibria = cap;
      const SolveResult capped = solve(game, options);
      CHECK(capped.equilibria.size() == std::min(cap, all.equilibria.size()));
      if (all.equilibria.size() > cap) {
        CHECK_FALSE(capped.complete);
        CHECK(has_cap_note(capped));
      }
    }
  }
  // enum finds all 7: the cap is what cuts them.
  SolveOptions options;
  options.method = "enum";
  CHECK(solve(game, options).equilibria.size() == 7);
}

TEST_CASE("equilibrium cap: the helper keeps the first N and notes it once") {
  SolveResult result;
  result.equilibria.resize(5);
  CHECK_FALSE(apply_equilibrium_cap(result, 5));
  CHECK(result.complete);
  CHECK(apply_equilibrium_cap(result, 3));
  CHECK(result.equilibria.size() == 3);
  CHECK_FALSE(result.complete);
  CHECK(result.notes.size() == 1);
  result.equilibria.resize(4);
  apply_equilibrium_cap(result, 3);
  CHECK(result.notes.size() == 1);
}

TEST_CASE("equilibrium cap: negsim solve --max-equilibria with every output format") {
  negsim::testing::TempDir tmp;
  const std::string nfg = tmp.write("c.nfg", "NFG 1 R \"coordination\" { \"A\" \"B\" } { 3 3 }\n"
                                             "1 1 0 0 0 0 0 0 2 2 0 0 0 0 0 0 3 3\n");
  const auto r = negsim::testing::run_negsim("solve '" + nfg + "' --method enum --max-equilibria 2 --format gambit");
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
  const auto j = negsim::testing::run_negsim("solve '" + nfg + "' --method gnm --starts 10 --max-equilibria 1 --format json");
  CHECK(j.exit_code == 0);
  CHECK(j.out.find("\"complete\": false") != std::string::npos);
}
