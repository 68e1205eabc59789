#include "sim/solve/restricted_sequence_lemke.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/sequence_form_lcp.hpp"
#include "sim/solve/sequence_form_lemke.hpp"
#include "tests/support/random_trees.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

ExtensiveFormGame seeded_tree(std::uint64_t seed) {
  RandomTreeSpec spec;
  spec.seed = seed;
  spec.types = 2 + seed % 2;
  spec.rounds = 2;
  spec.hide = 0.3;
  spec.stop = 0.15;
  spec.payoff_range = seed % 3 == 0 ? 0 : 10;  // reals, or integers (degenerate)
  return random_tree(spec);
}

}  // namespace

TEST_CASE("restricted sequence-form Lemke: seeded random trees give equilibria the verifier accepts") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const ExtensiveFormGame game = seeded_tree(seed);
    CAPTURE(seed);
    const detail::SequenceLcp lcp = detail::build_sequence_lcp(game);
    const RestrictedLemkeResult r = restricted_sequence_lemke(game, lcp);
    CAPTURE(r.failure);
    REQUIRE(r.solved);
    CHECK(r.rounds >= 1);
    CHECK(r.restricted_rows <= lcp.n);
    CHECK(r.basis.size() == r.kept_rows.size());
    CHECK(r.kept_rows.size() == r.restricted_rows);
    const BehaviorCheck check = verify_behavior(game, r.profile);
    CHECK(check.is_equilibrium);
    CHECK(check.max_relative_gain < 1e-9);
  }
}

TEST_CASE("restricted sequence-form Lemke: a poor first restriction is grown by best responses") {
  // No CFR+ iterations: the average is uniform, so the first restriction is
  // each information set's first action alone (a pure profile), which is not
  // an equilibrium of these trees: the best responses must add actions.
  std::size_t grown = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const ExtensiveFormGame game = seeded_tree(seed);
    CAPTURE(seed);
    const detail::SequenceLcp lcp = detail::build_sequence_lcp(game);
    RestrictedLemkeOptions options;
    options.cfr_iterations = 0;
    options.support_threshold = 1.0;
    const RestrictedLemkeResult r = restricted_sequence_lemke(game, lcp, options);
    CAPTURE(r.failure);
    REQUIRE(r.solved);
    CHECK(verify_behavior(game, r.profile).is_equilibrium);
    CHECK((r.rounds == 1) == (r.actions_added == 0));
    grown += r.rounds > 1 ? 1 : 0;
  }
  CHECK(grown >= 3);
}

TEST_CASE("restricted sequence-form Lemke: the final basis re-solved exactly is an exact equilibrium") {
  // Through sequence_form_lemke: the restricted games' final basis, in the
  // whole LCP's ids, solved in rationals.
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const ExtensiveFormGame game = seeded_tree(seed);
    CAPTURE(seed);
    SequenceFormLemkeOptions options;
    options.start = LemkeStart::restricted;
    options.exact_fallback_max = 0;
    const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
    std::string notes;
    for (const std::string& n : r.notes) notes += n + "; ";
    CAPTURE(notes);
    REQUIRE(r.exact);
    CHECK_FALSE(r.exact_path);
    CHECK(r.rounds >= 1);
    CHECK(verify_exact_behavior(game, *r.exact).is_equilibrium);
    CHECK(r.notes.front().find("restricted games") != std::string::npos);
  }
}

TEST_CASE("restricted sequence-form Lemke: Kuhn poker is worth -1/18 to player 1") {
  const ExtensiveFormGame game = kuhn_poker();
  SequenceFormLemkeOptions options;
  options.start = LemkeStart::restricted;
  const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
  REQUIRE(r.exact);
  const ExactBehaviorCheck check = verify_exact_behavior(game, *r.exact);
  CHECK(check.is_equilibrium);
  CHECK(check.payoffs[0] == mpq_class(-1, 18));
}

TEST_CASE("restricted sequence-form Lemke: the geometric perturbation leaves the first pivot's row alone") {
  const std::vector<double> r = detail::geometric_perturbation(5, 2);
  REQUIRE(r.size() == 5);
  CHECK(r[0] == doctest::Approx(1e-5));
  CHECK(r[2] == 0.0);
  CHECK(r[1] > r[3]);
  CHECK(r[3] > r[4]);
  CHECK(r[4] > 1e-5 * 1e-4 * 0.99);
}
