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
