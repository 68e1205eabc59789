#include "sim/solve/cfr_plus.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "tests/support/random_trees.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

double max_relative_gain(const ExtensiveFormGame& game, const BehaviorProfile& profile) {
  const BehaviorCheck check = verify_behavior(game, profile);
  double worst = 0;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    worst = std::max(worst, check.gain[p] / (game.max_payoff(p) - game.min_payoff(p)));
  return worst;
}

}  // namespace

TEST_CASE("CFR+: Kuhn poker converges to the value -1/18 with small exploitability") {
  const ExtensiveFormGame game = kuhn_poker();
  CfrPlusOptions options;
  options.iterations = 3000;
  const CfrPlusResult r = cfr_plus(game, options);
  CHECK(r.iterations == 3000);
  // The reported exploitability is the verifier's, of the average profile.
  CHECK(r.exploitability == doctest::Approx(max_relative_gain(game, r.average)).epsilon(1e-12));
  CHECK(r.exploitability < 1e-4);
  CHECK(game.expected_payoffs(r.average)[0] == doctest::Approx(-1.0 / 18).epsilon(1e-3));
  // Exploitability falls: the last check is far below the first.
  REQUIRE(r.trace.size() >= 5);
  CHECK(r.trace.back().exploitability < 0.01 * r.trace.front().exploitability);
  CHECK(r.trace.back().iteration == 3000);
}

TEST_CASE("CFR+: stops at the target exploitability, which the verifier confirms") {
  RandomTreeSpec spec;
  spec.seed = 11;
  spec.rounds = 2;
  spec.types = 3;
  spec.zero_sum = true;
  const ExtensiveFormGame game = random_tree(spec);
  CfrPlusOptions options;
  options.iterations = 1000000;
  options.target = 1e-3;
  const CfrPlusResult r = cfr_plus(game, options);
  CHECK(r.target_reached);
  CHECK(r.iterations < 1000000);
  CHECK(max_relative_gain(game, r.average) <= 1e-3);
}

TEST_CASE("CFR+: a 3-player game reports the verifier's exploitability of its average") {
  const ExtensiveFormGame game = read_efg_file(std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/condjury.efg");
  CfrPlusOptions options;
  options.iterations = 200;
  const CfrPlusResult r = cfr_plus(game, options);
  CHECK(r.iterations == 200);
  CHECK(r.player_exploitability.size() == 3);
  CHECK(r.exploitability == doctest::Approx(max_relative_gain(game, r.average)).epsilon(1e-12));
  CHECK(game.is_valid_behavior(r.average));
  CHECK(game.is_valid_behavior(r.current));
}

TEST_CASE("CFR+: an expired deadline stops after the iterations done so far") {
  CfrPlusOptions options;
  options.deadline = Deadline::after_seconds(1e-9);
  const CfrPlusResult r = cfr_plus(kuhn_poker(), options);
  CHECK(r.time_limit_reached);
  CHECK(r.iterations == 0);
  CHECK(kuhn_poker().is_valid_behavior(r.average));
}

TEST_CASE("CFR variants: each converges on Kuhn poker to the value -1/18") {
  const ExtensiveFormGame game = kuhn_poker();
  struct Variant {
    CfrVariant variant;
    double power;
    double bound;  // exploitability after 2000 iterations
  };
  // Vanilla CFR converges as O(1/sqrt(T)) only: a looser bound, and the slowest.
  const Variant variants[] = {{CfrVariant::cfr_plus, 1, 1e-3},
                              {CfrVariant::cfr_plus, 2, 1e-3},
                              {CfrVariant::predictive_plus, 2, 1e-3},
                              {CfrVariant::discounted, 2, 1e-3},
                              {CfrVariant::vanilla, 0, 2e-2}};
  double vanilla = 0, plus = 0;
  for (const Variant& v : variants) {
    CAPTURE(static_cast<int>(v.variant));
    CAPTURE(v.power);
    CfrPlusOptions options;
    options.variant = v.variant;
    options.averaging_power = v.power;
    options.iterations = 2000;
    const CfrPlusResult r = cfr_plus(game, options);
    CHECK(r.exploitability < v.bound);
    CHECK(game.expected_payoffs(r.average)[0] == doctest::Approx(-1.0 / 18).epsilon(0.05));
    if (v.variant == CfrVariant::vanilla) vanilla = r.exploitability;
    if (v.variant == CfrVariant::cfr_plus && v.power == 1) plus = r.exploitability;
  }
  CHECK(plus < vanilla);  // the point of the plus
}

TEST_CASE("CFR+: the iteration engine and the library call agree iteration for iteration") {
  RandomTreeSpec spec;
  spec.seed = 5;
  spec.rounds = 2;
  spec.types = 2;
  spec.zero_sum = true;
  const ExtensiveFormGame game = random_tree(spec);
  CfrPlusOptions options;
  options.iterations = 37;
  const CfrPlusResult r = cfr_plus(game, options);
  CfrPlusSolver solver(game, options);
  for (int t = 0; t < 37; ++t) solver.iterate();
  CHECK(solver.iterations() == 37);
  CHECK(solver.average() == r.average);
  CHECK(solver.current() == r.current);
}

TEST_CASE("CFR+: after one iteration the current strategy follows the first regrets") {
  // Matching pennies as a tree: player 1 picks H or T, player 2 (not seeing
  // it) picks H or T; player 1 wins 1 on a match and loses 1 otherwise.
  // Iteration 1: player 1 against uniform has zero regrets (stays uniform);
  // player 2 then faces uniform too. So the current profile stays uniform,
  // and the average (uniform) is the game's equilibrium: exploitability 0.
  ExtensiveFormGame g;
  g.add_player("P1");
  g.add_player("P2");
  const std::size_t a = g.add_infoset(0, {"H", "T"});
  const std::size_t b = g.add_infoset(1, {"H", "T"});
  const std::size_t first = g.set_move(0, a);
  for (std::size_t x = 0; x < 2; ++x) {
    const std::size_t leaf = g.set_move(first + x, b);
    for (std::size_t y = 0; y < 2; ++y) {
      const double u = x == y ? 1 : -1;
      g.set_outcome(leaf + y, g.add_outcome(std::vector<double>{u, -u}));
    }
  }
  g.finalize();
  // A biased game: player 1 wins 3 on H-H. Against uniform player 2, H is
  // worth 1 and T 0 (value 0.5): regrets +0.5 and -0.5, so after one update
  // player 1 plays H with probability 1 (regret matching+ on the clipped regrets).
  ExtensiveFormGame biased = g;
  biased.set_outcome(biased.node(first).first_child, biased.add_outcome(std::vector<double>{3, -3}));
  biased.finalize();
  CfrPlusOptions options;
  options.iterations = 1;
  CfrPlusSolver fair(g, options), skew(biased, options);
  fair.iterate();
  skew.iterate();
  CHECK(fair.current()[a] == std::vector<double>{0.5, 0.5});
  CHECK(fair.current()[b] == std::vector<double>{0.5, 0.5});
  CHECK(skew.current()[a] == std::vector<double>{1.0, 0.0});
  // Player 2 then faces H for sure: T (no match) is its only positive regret.
  CHECK(skew.current()[b] == std::vector<double>{0.0, 1.0});
  CHECK(relative_exploitability(g, fair.average())[0] == doctest::Approx(0).epsilon(1e-12));
}
