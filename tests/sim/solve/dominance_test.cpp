#include "sim/solve/dominance.hpp"

#include <doctest/doctest.h>

#include <limits>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>

#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using negsim::DominanceResult;
using negsim::MixedProfile;
using negsim::NormalFormGame;

using negsim::testing::bimatrix;
using negsim::testing::integer_payoffs;
using negsim::testing::random_game;

namespace {

// Reference: pure-strategy IESDS written the slow, obvious way, removing in
// each round everything dominated at the start of the round.
std::vector<std::vector<std::size_t>> brute_force_pure_iesds(const NormalFormGame& game) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<char>> alive(n);
  for (std::size_t p = 0; p < n; ++p) alive[p].assign(game.num_actions(p), 1);
  auto present = [&](std::size_t s, std::size_t skip) {
    for (std::size_t q = 0; q < n; ++q)
      if (q != skip && !alive[q][game.action_of(s, q)]) return false;
    return true;
  };
  for (bool changed = true; changed;) {
    changed = false;
    auto next = alive;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t a = 0; a < game.num_actions(p); ++a) {
        if (!alive[p][a]) continue;
        for (std::size_t b = 0; b < game.num_actions(p) && next[p][a]; ++b) {
          if (b == a || !alive[p][b]) continue;
          bool dominates = true;
          for (std::size_t s = 0; s < game.num_profiles() && dominates; ++s) {
            if (game.action_of(s, p) != a || !present(s, p)) continue;
            auto acts = game.profile_actions(s);
            acts[p] = b;
            dominates = game.payoff(p, game.profile_index(acts)) > game.payoff(p, s);
          }
          if (dominates) {
            next[p][a] = 0;
            changed = true;
          }
        }
      }
    alive = next;
  }
  std::vector<std::vector<std::size_t>> sets(n);
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t a = 0; a < alive[p].size(); ++a)
      if (alive[p][a]) sets[p].push_back(a);
  return sets;
}

std::vector<std::vector<std::size_t>> pure_nash(const NormalFormGame& game) {
  std::vector<std::vector<std::size_t>> found;
  for (std::size_t s = 0; s < game.num_profiles(); ++s) {
    bool stable = true;
    for (std::size_t p = 0; p < game.num_players() && stable; ++p) {
      auto acts = game.profile_actions(s);
      for (std::size_t b = 0; b < game.num_actions(p) && stable; ++b) {
        acts[p] = b;
        stable = game.payoff(p, game.profile_index(acts)) <= game.payoff(p, s);
      }
    }
    if (stable) found.push_back(game.profile_actions(s));
  }
  return found;
}

}  // namespace

TEST_CASE("dominance: prisoner's dilemma, defect strictly dominates cooperate") {
  // Actions 0 = cooperate, 1 = defect; (R,S,T,P) = (3,0,5,1).
  const NormalFormGame pd = bimatrix({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  const DominanceResult r = negsim::eliminate_strictly_dominated(pd);
  CHECK(r.surviving == std::vector<std::vector<std::size_t>>{{1}, {1}});
  REQUIRE(r.steps.size() == 2);
  for (std::size_t p = 0; p < 2; ++p) {
    CHECK(r.steps[p].round == 1);
    CHECK(r.steps[p].player == p);
    CHECK(r.steps[p].action == 0);
    CHECK(r.steps[p].dominator == std::vector<std::pair<std::size_t, double>>{{1, 1.0}});
    CHECK(r.steps[p].margin == doctest::Approx(1.0));  // min(5-3, 1-0)
  }
  CHECK(r.rejected == 0);
  CHECK(negsim::verify_elimination(pd, r, 1e-9));

  const negsim::DominanceSolve solved = negsim::solve_by_dominance(pd, negsim::SolveOptions{});
  CHECK(solved.result.complete);
  REQUIRE(solved.result.equilibria.size() == 1);
  CHECK(solved.result.equilibria[0].profile == MixedProfile{{0, 1}, {0, 1}});
  CHECK(solved.result.equilibria[0].payoffs == std::vector<double>{1, 1});
}

TEST_CASE("dominance: the middle row is dominated only by the 50/50 mix of top and bottom") {
  // Row payoffs Top (3,0), Middle (1,1), Bottom (0,3): Middle is beaten by
  // neither pure row, but 1/2 Top + 1/2 Bottom pays (1.5,1.5). The LP's
  // max-margin mixture is exactly 1/2-1/2 with margin 1/2.
  NormalFormGame g = bimatrix({{3, 0}, {1, 1}, {0, 3}}, {{2, 0}, {0, 0}, {0, 2}});
  g.player_names = {"Row", "Column"};
  g.action_labels = {{"Top", "Middle", "Bottom"}, {"Left", "Right"}};

  const DominanceResult pure_only = negsim::eliminate_strictly_dominated(g, false);
  CHECK(pure_only.steps.empty());
  CHECK(pure_only.surviving == std::vector<std::vector<std::size_t>>{{0, 1, 2}, {0, 1}});

  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].player == 0);
  CHECK(r.steps[0].action == 1);
  REQUIRE(r.steps[0].dominator.size() == 2);
  CHECK(r.steps[0].dominator[0].first == 0);
  CHECK(r.steps[0].dominator[0].second == doctest::Approx(0.5));
  CHECK(r.steps[0].dominator[1].first == 2);
  CHECK(r.steps[0].dominator[1].second == doctest::Approx(0.5));
  CHECK(r.steps[0].margin == doctest::Approx(0.5));
  CHECK(r.surviving == std::vector<std::vector<std::size_t>>{{0, 2}, {0, 1}});
  CHECK(negsim::verify_elimination(g, r, 1e-9));

  // The reduced game keeps names, labels and payoffs.
  CHECK(r.reduced.player_names == g.player_names);
  CHECK(r.reduced.action_labels[0] == std::vector<std::string>{"Top", "Bottom"});
  CHECK(r.reduced.action_labels[1] == std::vector<std::string>{"Left", "Right"});
  CHECK(r.reduced.payoff(0, r.reduced.profile_index(std::vector<std::size_t>{1, 1})) == 3);
  CHECK(r.reduced.payoff(1, r.reduced.profile_index(std::vector<std::size_t>{1, 1})) == 2);

  // Its equilibrium (1/2,1/2; 1/2,1/2) maps back with Middle at 0 and is an
  // equilibrium of the original game.
  const MixedProfile full = negsim::expand_profile(r, {{0.5, 0.5}, {0.5, 0.5}}, g);
  CHECK(full == MixedProfile{{0.5, 0, 0.5}, {0.5, 0.5}});
  CHECK(g.max_regret(full) == doctest::Approx(0.0));
  CHECK_THROWS_AS(negsim::expand_profile(r, {{1.0}, {0.5, 0.5}}, g), std::invalid_argument);

  const negsim::DominanceSolve solved = negsim::solve_by_dominance(g, negsim::SolveOptions{});
  CHECK_FALSE(solved.result.complete);
  CHECK(solved.result.equilibria.empty());
  REQUIRE(solved.result.notes.size() == 1);
  CHECK(solved.result.notes[0].find("2x2") != std::string::npos);
}

TEST_CASE("dominance: Gibbons' iterated example is removed in three rounds") {
  // Gibbons, Game Theory for Applied Economists (1992), section 1.1.B:
  // Row {Up, Down}, Column {Left, Middle, Right}. Right is dominated by
  // Middle; then Down by Up; then Left by Middle, leaving (Up, Middle).
  const NormalFormGame g = bimatrix({{1, 1, 0}, {0, 0, 2}}, {{0, 2, 1}, {3, 1, 0}});
  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  REQUIRE(r.steps.size() == 3);
  CHECK(r.steps[0].round == 1);
  CHECK(r.steps[0].player == 1);
  CHECK(r.steps[0].action == 2);
  CHECK(r.steps[0].dominator == std::vector<std::pair<std::size_t, double>>{{1, 1.0}});
  CHECK(r.steps[1].round == 2);
  CHECK(r.steps[1].player == 0);
  CHECK(r.steps[1].action == 1);
  CHECK(r.steps[1].dominator == std::vector<std::pair<std::size_t, double>>{{0, 1.0}});
  CHECK(r.steps[2].round == 3);
  CHECK(r.steps[2].player == 1);
  CHECK(r.steps[2].action == 0);
  CHECK(r.steps[2].margin == doctest::Approx(2.0));
  CHECK(r.surviving == std::vector<std::vector<std::size_t>>{{0}, {1}});
  CHECK(negsim::verify_elimination(g, r, 1e-9));

  const negsim::DominanceSolve solved = negsim::solve_by_dominance(g, negsim::SolveOptions{});
  REQUIRE(solved.result.equilibria.size() == 1);
  CHECK(solved.result.equilibria[0].payoffs == std::vector<double>{1, 2});
  CHECK(solved.result.equilibria[0].max_regret == 0.0);
}

TEST_CASE("dominance: a margin below the tolerance is not removed") {
  // A pure dominator's margin is a difference of stored payoffs, so the pure
  // rule applies (equilibrium.hpp): a tie in one column is not dominance;
  // 1e-12 is a real difference between the payoffs as given, whatever
  // rel_tol says about mixed profiles.
  const double ulp = std::numeric_limits<double>::epsilon();
  const NormalFormGame g = bimatrix({{1, 0}, {1 + ulp, 0}}, {{0, 0}, {0, 0}});
  CHECK(negsim::eliminate_strictly_dominated(g).steps.empty());
  // A mixed dominator needs a margin over rel_tol times the range: row 2
  // beats the even mixture of rows 0 and 1 by 1e-12, rows 0 and 1 alone not.
  const NormalFormGame mixed = bimatrix({{2, 0}, {0, 2}, {1 - 1e-12, 1 - 1e-12}}, {{0, 0}, {0, 0}, {0, 0}});
  CHECK(negsim::eliminate_strictly_dominated(mixed).steps.empty());
  CHECK(negsim::eliminate_strictly_dominated(mixed, true, 1e-14).steps.size() == 1);
  const NormalFormGame h = bimatrix({{1, 0}, {1 + 1e-12, 1e-12}}, {{0, 0}, {0, 0}});
  CHECK(negsim::eliminate_strictly_dominated(h).steps.size() == 1);
  CHECK(negsim::eliminate_strictly_dominated(h, true, 1e-3).steps.size() == 1);
}

TEST_CASE("dominance: verify_elimination rejects a forged step") {
  const NormalFormGame pd = bimatrix({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
  DominanceResult r = negsim::eliminate_strictly_dominated(pd);
  REQUIRE(negsim::verify_elimination(pd, r, 1e-9));
  r.steps[0].dominator = {{0, 1.0}};  // an action cannot dominate itself
  CHECK_FALSE(negsim::verify_elimination(pd, r, 1e-9));
  r = negsim::eliminate_strictly_dominated(pd);
  std::swap(r.steps[0].action, r.steps[0].dominator[0].first);  // cooperate does not dominate defect
  CHECK_FALSE(negsim::verify_elimination(pd, r, 1e-9));
}

TEST_CASE("dominance: three players, pure elimination equals a brute-force reference") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> sizes;
    const std::size_t players = 2 + seed % 2;
    for (std::size_t p = 0; p < players; ++p) sizes.push_back(2 + rng() % 4);
    const NormalFormGame g = random_game(sizes, seed, integer_payoffs(0, 5));
    CAPTURE(seed);
    const DominanceResult pure_only = negsim::eliminate_strictly_dominated(g, false);
    CHECK(pure_only.surviving == brute_force_pure_iesds(g));
    CHECK(negsim::verify_elimination(g, pure_only, 1e-9));
    for (const auto& step : pure_only.steps) CHECK(step.dominator.size() == 1);
  }
}

TEST_CASE("dominance: mixed elimination keeps every pure equilibrium and is order independent") {
  for (std::uint64_t seed = 100; seed < 160; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> sizes;
    const std::size_t players = 2 + seed % 2;
    for (std::size_t p = 0; p < players; ++p) sizes.push_back(2 + rng() % 4);
    const NormalFormGame g = random_game(sizes, seed, integer_payoffs(0, 4));
    CAPTURE(seed);
    const DominanceResult r = negsim::eliminate_strictly_dominated(g);
    CHECK(r.rejected == 0);
    CHECK(negsim::verify_elimination(g, r, 1e-9));
    // Mixed elimination removes at least what pure elimination removes.
    const DominanceResult pure_only = negsim::eliminate_strictly_dominated(g, false);
    for (std::size_t p = 0; p < players; ++p)
      for (std::size_t a : r.surviving[p])
        CHECK(std::find(pure_only.surviving[p].begin(), pure_only.surviving[p].end(), a) !=
              pure_only.surviving[p].end());
    // No Nash equilibrium uses a strictly dominated action.
    for (const auto& ne : pure_nash(g))
      for (std::size_t p = 0; p < players; ++p)
        CHECK(std::find(r.surviving[p].begin(), r.surviving[p].end(), ne[p]) != r.surviving[p].end());
    // Reversing every player's action order gives the mirrored surviving sets
    // (strict dominance is order independent).
    NormalFormGame mirrored(sizes);
    for (std::size_t s = 0; s < g.num_profiles(); ++s) {
      auto acts = g.profile_actions(s);
      for (std::size_t p = 0; p < players; ++p) acts[p] = sizes[p] - 1 - acts[p];
      for (std::size_t p = 0; p < players; ++p)
        mirrored.set_payoff(p, mirrored.profile_index(acts), g.payoff(p, s));
    }
    const DominanceResult m = negsim::eliminate_strictly_dominated(mirrored);
    for (std::size_t p = 0; p < players; ++p) {
      std::vector<std::size_t> back;
      for (std::size_t a : m.surviving[p]) back.push_back(sizes[p] - 1 - a);
      std::sort(back.begin(), back.end());
      CHECK(back == r.surviving[p]);
    }
    // The reduced game is the original restricted to the survivors.
    for (std::size_t s = 0; s < r.reduced.num_profiles(); ++s) {
      auto acts = r.reduced.profile_actions(s);
      for (std::size_t p = 0; p < players; ++p) acts[p] = r.surviving[p][acts[p]];
      for (std::size_t p = 0; p < players; ++p)
        CHECK(r.reduced.payoff(p, s) == g.payoff(p, g.profile_index(acts)));
    }
  }
}

TEST_CASE("dominance: actions that are averages of two others minus a constant are all removed") {
  // Player 0's action 2 pays the average of actions 0 and 1 minus 0.1 against
  // every profile of the other two: dominated by the mixture, by no pure action.
  NormalFormGame g = random_game({3, 3, 2}, 42, integer_payoffs(0, 9));
  for (std::size_t s = 0; s < g.num_profiles(); ++s) {
    auto acts = g.profile_actions(s);
    if (acts[0] != 2) continue;
    acts[0] = 0;
    const double u0 = g.payoff(0, g.profile_index(acts));
    acts[0] = 1;
    const double u1 = g.payoff(0, g.profile_index(acts));
    g.set_payoff(0, s, 0.5 * (u0 + u1) - 0.1);
  }
  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  const auto it = std::find_if(r.steps.begin(), r.steps.end(),
                               [](const auto& s) { return s.player == 0 && s.action == 2; });
  REQUIRE(it != r.steps.end());
  CHECK(it->margin > 0.0);
  CHECK(negsim::verify_elimination(g, r, 1e-9));
}

namespace {
const std::string kGambitDir = std::string(NEGSIM_SHARED_DIR) + "/games/gambit/";
}  // namespace

TEST_CASE("dominance: Gambit's mixdom.nfg is solved only with mixed dominators") {
  // "Two person 4x4 game needing mixed domination": pure dominance removes
  // nothing; with mixtures (row 1 by 3/5 row 2 + 2/5 row 3 first, margin 1/5)
  // elimination ends at Gambit's unique equilibrium, expected/mixdom.extreme.
  const NormalFormGame g = negsim::read_nfg_file(kGambitDir + "mixdom.nfg");
  CHECK(negsim::eliminate_strictly_dominated(g, false).steps.empty());
  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  CHECK(r.rejected == 0);
  CHECK(negsim::verify_elimination(g, r, 1e-9));
  REQUIRE_FALSE(r.steps.empty());
  CHECK(r.steps[0].player == 0);
  CHECK(r.steps[0].action == 0);
  REQUIRE(r.steps[0].dominator.size() == 2);
  CHECK(r.steps[0].dominator[0].second == doctest::Approx(0.6));
  CHECK(r.steps[0].dominator[1].second == doctest::Approx(0.4));
  CHECK(r.steps[0].margin == doctest::Approx(0.2));
  const auto expected = negsim::read_ne_file(kGambitDir + "expected/mixdom.extreme", g);
  REQUIRE(expected.size() == 1);
  const negsim::DominanceSolve solved = negsim::solve_by_dominance(g, negsim::SolveOptions{});
  CHECK(solved.result.complete);
  REQUIRE(solved.result.equilibria.size() == 1);
  CHECK(solved.result.equilibria[0].profile == negsim::to_double_profile(expected[0]));
}

TEST_CASE("dominance: Gambit's mixdom2.nfg reduces to the support of its equilibrium") {
  // Mixed dominance leaves rows {2,4} and columns {3,4}: the support of the
  // unique equilibrium (0,1/2,0,1/2; 0,0,2/5,3/5). The reduced 2x2 game has
  // no pure equilibrium; its mixed one, mapped back, is Gambit's.
  const NormalFormGame g = negsim::read_nfg_file(kGambitDir + "mixdom2.nfg");
  CHECK(negsim::eliminate_strictly_dominated(g, false).steps.empty());
  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  CHECK(negsim::verify_elimination(g, r, 1e-9));
  CHECK(r.surviving == std::vector<std::vector<std::size_t>>{{1, 3}, {2, 3}});
  const NormalFormGame& h = r.reduced;
  auto u = [&](std::size_t p, std::size_t i, std::size_t j) {
    return h.payoff(p, h.profile_index(std::vector<std::size_t>{i, j}));
  };
  // Row mixes to make the column indifferent, and vice versa.
  const double p = (u(1, 1, 1) - u(1, 1, 0)) / (u(1, 0, 0) - u(1, 1, 0) - u(1, 0, 1) + u(1, 1, 1));
  const double q = (u(0, 1, 1) - u(0, 0, 1)) / (u(0, 0, 0) - u(0, 1, 0) - u(0, 0, 1) + u(0, 1, 1));
  const MixedProfile full = negsim::expand_profile(r, {{p, 1 - p}, {q, 1 - q}}, g);
  const auto expected = negsim::read_ne_file(kGambitDir + "expected/mixdom2.extreme", g);
  REQUIRE(expected.size() == 1);
  CHECK(negsim::same_profile(full, negsim::to_double_profile(expected[0]), 1e-12));
  CHECK(g.max_regret(full) <= 1e-12);
}

TEST_CASE("dominance: every Gambit example game keeps the supports of its equilibria") {
  // No action in the support of an equilibrium is strictly dominated, so the
  // surviving sets contain every support in expected/*.pure and *.extreme.
  for (const auto& entry : std::filesystem::directory_iterator(kGambitDir)) {
    if (entry.path().extension() != ".nfg") continue;
    const NormalFormGame g = negsim::read_nfg_file(entry.path().string());
    if (g.num_profiles() > 5000) continue;
    CAPTURE(entry.path().filename().string());
    const DominanceResult r = negsim::eliminate_strictly_dominated(g);
    CHECK(r.rejected == 0);
    CHECK(negsim::verify_elimination(g, r, 1e-9));
    for (const char* ext : {".pure", ".extreme"}) {
      const auto file = kGambitDir + "expected/" + entry.path().stem().string() + ext;
      if (!std::filesystem::exists(file)) continue;
      for (const auto& eq : negsim::read_ne_file(file, g))
        for (std::size_t p = 0; p < g.num_players(); ++p)
          for (std::size_t a = 0; a < g.num_actions(p); ++a)
            if (eq[p][a] > 0)
              CHECK(std::find(r.surviving[p].begin(), r.surviving[p].end(), a) != r.surviving[p].end());
    }
  }
}

TEST_CASE("dominance: the TikTok stage game keeps its pure equilibria and reports verified steps") {
  const NormalFormGame g =
      negsim::build_normal_form(
          negsim::load_scenario_file(std::string(NEGSIM_SOURCE_DIR) + "/scenarios/tiktok_2025.yaml"))
          .game;
  const DominanceResult r = negsim::eliminate_strictly_dominated(g);
  CHECK(r.rejected == 0);
  CHECK(negsim::verify_elimination(g, r, negsim::regret_tolerances(g)));
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    CHECK_FALSE(r.surviving[p].empty());
    CHECK(r.reduced.action_labels[p].size() == r.surviving[p].size());
    for (std::size_t i = 0; i < r.surviving[p].size(); ++i)
      CHECK(r.reduced.action_labels[p][i] == g.action_labels[p][r.surviving[p][i]]);
  }
  for (const auto& ne : pure_nash(g))
    for (std::size_t p = 0; p < g.num_players(); ++p)
      CHECK(std::find(r.surviving[p].begin(), r.surviving[p].end(), ne[p]) != r.surviving[p].end());
}
