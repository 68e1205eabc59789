#include "sim/solve/behavior_verify.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "tests/support/extensive_games.hpp"

using negsim::BehaviorProfile;
using negsim::ExtensiveFormGame;
using negsim::kNoIndex;

namespace {

// Probability that behaviour profile b plays player p's reduced strategy s
// (Kuhn: product over the information sets the strategy reaches).
double strategy_probability(const ExtensiveFormGame& g, std::size_t p, const negsim::ReducedStrategy& s,
                            const BehaviorProfile& b) {
  double prob = 1;
  for (std::size_t k = 0; k < s.size(); ++k)
    if (s[k] != kNoIndex) prob *= b[g.player_infosets(p)[k]][s[k]];
  return prob;
}

// Best-response value of player p computed on the reduced normal form: an
// independent route (enumerate p's reduced strategies against the others'
// induced mixed strategies).
double normal_form_best_response(const ExtensiveFormGame& g, const BehaviorProfile& b, std::size_t p) {
  const negsim::NormalFormGame nf = g.reduced_normal_form();
  std::vector<std::vector<negsim::ReducedStrategy>> strategies;
  for (std::size_t q = 0; q < g.num_players(); ++q) strategies.push_back(g.reduced_strategies(q));
  std::vector<double> value(nf.num_actions(p), 0.0);
  for (std::size_t idx = 0; idx < nf.num_profiles(); ++idx) {
    double w = 1;
    for (std::size_t q = 0; q < g.num_players(); ++q)
      if (q != p) w *= strategy_probability(g, q, strategies[q][nf.action_of(idx, q)], b);
    value[nf.action_of(idx, p)] += w * nf.payoff(p, idx);
  }
  return *std::max_element(value.begin(), value.end());
}

}  // namespace

TEST_CASE("entry deterrence: Nash, non-Nash and exact gains") {
  const ExtensiveFormGame g = negsim::testing::entry_deterrence();
  const std::size_t entry = g.player_infosets(0)[0];
  const std::size_t reply = g.player_infosets(1)[0];
  std::vector<std::size_t> pure(g.num_infosets());
  pure[entry] = 1;  // Out
  pure[reply] = 0;  // Fight
  const auto out_fight = negsim::verify_behavior(g, g.pure_behavior(pure));
  CHECK(out_fight.is_equilibrium);
  CHECK(out_fight.gain[0] == 0);
  CHECK(out_fight.gain[1] == 0);
  pure[entry] = 0;  // In, Fight: the entrant gains 1 by staying out
  const auto in_fight = negsim::verify_behavior(g, g.pure_behavior(pure));
  CHECK_FALSE(in_fight.is_equilibrium);
  CHECK(in_fight.gain[0] == doctest::Approx(1.0));
  CHECK(in_fight.best_actions[entry] == 1);
  CHECK(in_fight.gain[1] == doctest::Approx(2.0));  // yield gives 1 instead of -1
  CHECK(in_fight.max_relative_gain == doctest::Approx(2.0 / 3.0));

  // Exact: the incumbent fights with probability 1/2 exactly: In gives 0 = Out.
  negsim::ExactBehaviorProfile half = g.exact_uniform_behavior();
  half[entry] = {0, 1};
  half[reply] = {mpq_class(1, 2), mpq_class(1, 2)};
  const auto exact = negsim::verify_exact_behavior(g, half);
  CHECK(exact.is_equilibrium);
  CHECK(exact.gain[0] == 0);
  half[reply] = {mpq_class(1, 3), mpq_class(2, 3)};  // now In gives 1/3 > 0
  const auto not_equilibrium = negsim::verify_exact_behavior(g, half);
  CHECK_FALSE(not_equilibrium.is_equilibrium);
  CHECK(not_equilibrium.gain[0] == mpq_class(1, 3));
}

TEST_CASE("best-response values agree with the reduced normal form on random trees") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const std::size_t players = seed % 3 == 0 ? 3 : 2;
    const ExtensiveFormGame g = negsim::testing::random_extensive_form(players, players == 3 ? 4 : 5, 2, seed);
    REQUIRE(g.has_perfect_recall());
    const BehaviorProfile b = negsim::testing::random_behavior(g, seed * 7);
    const auto check = negsim::verify_behavior(g, b);
    for (std::size_t p = 0; p < players; ++p) {
      CHECK(check.best_response[p] == doctest::Approx(normal_form_best_response(g, b, p)).epsilon(1e-9));
      CHECK(check.best_response[p] >= check.payoffs[p] - 1e-12);
    }
    // The exact verifier agrees with the double one on the same (dyadic) profile.
    const auto exact = negsim::verify_exact_behavior(g, negsim::to_exact_behavior(b));
    for (std::size_t p = 0; p < players; ++p)
      CHECK(exact.best_response[p].get_d() == doctest::Approx(check.best_response[p]).epsilon(1e-9));
  }
}

TEST_CASE("a best response found by the verifier is itself worth the best-response value") {
  const ExtensiveFormGame g = negsim::testing::random_extensive_form(2, 5, 3, 99);
  const BehaviorProfile b = negsim::testing::random_behavior(g, 5);
  const auto check = negsim::verify_behavior(g, b);
  for (std::size_t p = 0; p < 2; ++p) {
    BehaviorProfile deviated = b;
    for (std::size_t i : g.player_infosets(p)) {
      std::fill(deviated[i].begin(), deviated[i].end(), 0.0);
      deviated[i][check.best_actions[i]] = 1.0;
    }
    CHECK(g.expected_payoffs(deviated)[p] == doctest::Approx(check.best_response[p]));
  }
}

TEST_CASE("the verifier refuses imperfect recall, naming the information set") {
  const ExtensiveFormGame g =
      negsim::read_efg_file(std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/myerson.efg");
  try {
    negsim::verify_behavior(g, g.uniform_behavior());
    FAIL("no error");
  } catch (const negsim::InputError& e) {
    CHECK(std::string(e.what()).find("perfect recall") != std::string::npos);
    CHECK(std::string(e.what()).find("(1,2)") != std::string::npos);
  }
}
