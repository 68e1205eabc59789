#include "sim/solve/agent_logit.hpp"

#include <doctest/doctest.h>

#include <string>

#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "tests/support/random_trees.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

ExtensiveFormGame efg(const std::string& name) {
  return read_efg_file(std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/" + name + ".efg");
}

}  // namespace

TEST_CASE("agent logit: Gambit examples with 2 and 3 players end at verified equilibria") {
  for (const char* name : {"cent2", "bayes1a", "work1", "condjury", "jury_mr", "2x2x2", "palf", "e16"}) {
    CAPTURE(name);
    const ExtensiveFormGame game = efg(name);
    const AgentLogitResult r = agent_logit(game);
    REQUIRE(r.verified);
    CHECK(verify_behavior(game, r.profile).is_equilibrium);
    CHECK(r.lambda > 0);
  }
}

TEST_CASE("agent logit: Kuhn poker's logit solution is an equilibrium worth -1/18") {
  const ExtensiveFormGame game = kuhn_poker();
  AgentLogitOptions options;
  options.keep_trace = true;
  const AgentLogitResult r = agent_logit(game, options);
  REQUIRE(r.verified);
  const BehaviorCheck check = verify_behavior(game, r.profile);
  CHECK(check.is_equilibrium);
  CHECK(check.payoffs[0] == doctest::Approx(-1.0 / 18).epsilon(1e-9));
  // The branch starts at the centroid at lambda 0 and lambda grows along it.
  REQUIRE(r.trace.size() > 2);
  CHECK(r.trace.front().lambda == 0.0);
  CHECK(r.trace.front().profile == game.uniform_behavior());
  CHECK(r.trace.back().lambda > r.trace[1].lambda);
}

TEST_CASE("agent logit: seeded random 3-player trees end verified or say how far they are") {
  int verified = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    RandomTreeSpec spec;
    spec.players = 3;
    spec.seed = seed;
    spec.rounds = 1;
    spec.types = 2;
    spec.payoff_range = 0;
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    const AgentLogitResult r = agent_logit(game);
    const BehaviorCheck check = verify_behavior(game, r.profile);
    CHECK(r.verified == check.is_equilibrium);
    if (r.verified) ++verified;
    else CHECK(r.exploitability > 0);
  }
  CHECK(verified >= 5);  // generic games: the polish succeeds
}
