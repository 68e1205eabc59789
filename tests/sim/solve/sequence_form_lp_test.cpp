#include "sim/solve/sequence_form_lp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/sequence_form_lemke.hpp"
#include "tests/support/random_trees.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

std::string efg_dir() { return std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/"; }

// The value by an independent route: any equilibrium of a constant-sum game
// is an optimal pair, so exact sequence-form Lemke's payoff is the value.
mpq_class lemke_value(const ExtensiveFormGame& game) {
  SequenceFormLemkeOptions options;
  options.exact = true;
  const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
  return verify_exact_behavior(game, *r.exact).payoffs[0];
}

}  // namespace

TEST_CASE("sequence-form LP: Kuhn poker has value -1/18 and verified optimal strategies") {
  const ExtensiveFormGame game = kuhn_poker();
  mpq_class c;
  REQUIRE(is_constant_sum(game, &c));
  CHECK(c == 0);
  const SequenceFormLpResult r = sequence_form_lp(game);
  CHECK(r.value == doctest::Approx(-1.0 / 18).epsilon(1e-12));
  const BehaviorCheck check = verify_behavior(game, r.profile);
  CHECK(check.is_equilibrium);
  CHECK(check.payoffs[0] == doctest::Approx(-1.0 / 18).epsilon(1e-12));
  CHECK(r.notes.front() == "zero-sum");
  // Player 1 never bets the queen first (every optimal strategy checks it).
  const std::size_t queen_open = game.player_infosets(0)[2];
  CHECK(game.infoset_label(queen_open) == "Q");
  CHECK(r.profile[queen_open][1] == doctest::Approx(0.0).epsilon(1e-12));
}

TEST_CASE("sequence-form LP: the constant-sum Gambit examples agree with exact Lemke's value") {
  int constant_sum = 0;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(efg_dir()))
    if (entry.path().extension() == ".efg") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    CAPTURE(name);
    ExtensiveFormGame game;
    try {
      game = read_efg_file(efg_dir() + name + ".efg");
    } catch (const std::exception&) {
      continue;  // the reader's own tests cover files it refuses
    }
    if (!game.has_perfect_recall() || !is_constant_sum(game)) continue;
    ++constant_sum;
    const SequenceFormLpResult r = sequence_form_lp(game);
    CHECK(verify_behavior(game, r.profile).is_equilibrium);
    const double range = std::max(1.0, game.max_payoff(0) - game.min_payoff(0));
    CHECK(std::abs(r.value - lemke_value(game).get_d()) <= 1e-9 * range);
  }
  CHECK(constant_sum >= 1);
}

TEST_CASE("sequence-form LP: seeded random zero-sum trees, value equal to Lemke's, both strategies optimal") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.rounds = 1 + seed % 2;
    spec.types = 1 + (seed / 2) % 3;
    spec.payoff_range = 6;
    spec.zero_sum = true;
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    const SequenceFormLpResult r = sequence_form_lp(game);
    CHECK(verify_behavior(game, r.profile).is_equilibrium);
    CHECK(r.value == doctest::Approx(lemke_value(game).get_d()).epsilon(1e-9));
    SequenceFormLpOptions exact;
    exact.exact_simplex = true;
    const SequenceFormLpResult e = sequence_form_lp(game, exact);
    CHECK(e.exact_simplex);
    CHECK(e.value == doctest::Approx(r.value).epsilon(1e-9));
  }
}

TEST_CASE("sequence-form LP: refuses a game that is not constant-sum") {
  RandomTreeSpec spec;
  spec.seed = 5;
  const ExtensiveFormGame game = random_tree(spec);
  REQUIRE_FALSE(is_constant_sum(game));
  CHECK_THROWS_AS(sequence_form_lp(game), std::invalid_argument);
}
