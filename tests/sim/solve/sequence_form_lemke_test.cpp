#include "sim/solve/sequence_form_lemke.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/io/efg.hpp"
#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/sequence_form_lcp.hpp"
#include "tests/support/random_trees.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

std::string efg_dir() { return std::string(NEGSIM_SHARED_DIR) + "/games/gambit-efg/"; }

// Gambit's NE line of an exact behaviour profile (behaviour order, exact numbers).
std::string ne_line(const ExtensiveFormGame& game, const ExactBehaviorProfile& profile) {
  std::string line = "NE";
  for (const mpq_class& v : game.flatten_exact_behavior(profile)) line += "," + v.get_str();
  return line;
}

std::vector<std::string> lcp_games() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(efg_dir() + "expected"))
    if (entry.path().extension() == ".lcp") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("sequence-form Lemke: every 2-player Gambit example gives gambit-lcp's line, verified exactly") {
  const std::vector<std::string> names = lcp_games();
  REQUIRE(names.size() == 62);  // EXPECTED.md: one .lcp per 2-player game Gambit reads
  for (const std::string& name : names) {
    CAPTURE(name);
    std::ifstream in(efg_dir() + "expected/" + name + ".lcp");
    std::string expected;
    std::getline(in, expected);
    const ExtensiveFormGame game = read_efg_file(efg_dir() + name + ".efg");
    SequenceFormLemkeOptions exact;
    exact.exact = true;
    const SequenceFormLemkeResult e = sequence_form_lemke(game, exact);
    REQUIRE(e.exact);
    CHECK(e.exact_path);
    CHECK(verify_exact_behavior(game, *e.exact).is_equilibrium);
    CHECK(ne_line(game, *e.exact) == expected);
    // Double precision follows the same path; its basis re-solved exactly is the same answer.
    const SequenceFormLemkeResult d = sequence_form_lemke(game);
    REQUIRE(d.exact);
    CHECK_FALSE(d.exact_path);
    CHECK(ne_line(game, *d.exact) == expected);
    CHECK(verify_behavior(game, d.profile).is_equilibrium);
    CHECK(d.pivots == e.pivots);
  }
}

TEST_CASE("sequence-form Lemke: Kuhn poker is worth -1/18 to player 1") {
  const ExtensiveFormGame game = kuhn_poker();
  SequenceFormLemkeOptions options;
  options.exact = true;
  const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
  REQUIRE(r.exact);
  const ExactBehaviorCheck check = verify_exact_behavior(game, *r.exact);
  CHECK(check.is_equilibrium);
  CHECK(check.payoffs[0] == mpq_class(-1, 18));
  CHECK(check.payoffs[1] == mpq_class(1, 18));
  // The LCP: 13 sequences each, 7 constraint rows each.
  CHECK(r.lcp_rows == 13 + 13 + 7 + 7);
}

TEST_CASE("sequence-form Lemke: seeded random 2-player trees are solved, double equal to exact") {
  // Small integer payoffs: many ties, i.e. degenerate games (the lexicographic rule's job).
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.rounds = 1 + seed % 2;
    spec.actions = 2 + (seed / 2) % 2;
    spec.types = 1 + (seed / 4) % 2;
    spec.hide = (seed % 4) * 0.25;
    spec.payoff_range = static_cast<int>(1 + seed % 4);
    spec.zero_sum = seed % 6 == 0;
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    SequenceFormLemkeOptions exact_options;
    exact_options.exact = true;
    const SequenceFormLemkeResult e = sequence_form_lemke(game, exact_options);
    REQUIRE(e.exact);
    CHECK(verify_exact_behavior(game, *e.exact).is_equilibrium);
    const SequenceFormLemkeResult d = sequence_form_lemke(game);
    CHECK(verify_behavior(game, d.profile).is_equilibrium);
    REQUIRE(d.exact);
    CHECK(verify_exact_behavior(game, *d.exact).is_equilibrium);
    if (!d.exact_path) CHECK(ne_line(game, *d.exact) == ne_line(game, *e.exact));
    ++checked;
  }
  CHECK(checked == 24);
}

TEST_CASE("sequence-form Lemke: real-valued payoffs, double path re-solved exactly") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.rounds = 1 + seed % 2;
    spec.types = 2;
    spec.payoff_range = 0;
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    const SequenceFormLemkeResult d = sequence_form_lemke(game);
    CHECK(verify_behavior(game, d.profile).is_equilibrium);
    REQUIRE(d.exact);
    CHECK(verify_exact_behavior(game, *d.exact).is_equilibrium);
  }
}

TEST_CASE("sequence-form Lemke: a large tree above the exact re-solve limit is verified in double") {
  RandomTreeSpec spec;
  spec.seed = 3;
  spec.rounds = 2;
  spec.types = 3;
  spec.payoff_range = 0;
  const ExtensiveFormGame game = random_tree(spec);
  SequenceFormLemkeOptions options;
  options.exact_resolve_max = 5;
  const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
  CHECK_FALSE(r.exact);
  CHECK(verify_behavior(game, r.profile).is_equilibrium);
  CHECK(r.notes.back().find("above the exact re-solve limit") != std::string::npos);
}

TEST_CASE("sequence-form Lemke: random trees of a few hundred sequences solve in double precision and verify") {
  // Above about 250 sequences per player the old dense double tableau drifted
  // into cycles or rays; the revised engine (lcp_revised.hpp) refactorises.
  // No exact re-solve and no exact fallback: the double path alone must work.
  for (std::uint64_t seed = 1; seed <= 1; ++seed) {  // larger trees: bench/bench_sequence_form.cpp
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.types = 3;
    spec.rounds = 3;
    spec.hide = 0.3;
    spec.stop = 0.15;
    spec.payoff_range = 10;  // integer payoffs: degenerate, the lexicographic rule's job
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    CAPTURE(game.num_sequences(0));
    CAPTURE(game.num_sequences(1));
    CHECK(game.num_sequences(0) + game.num_sequences(1) >= 300);
    SequenceFormLemkeOptions options;
    options.exact_resolve_max = 0;
    options.exact_fallback_max = 0;
    const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
    CHECK_FALSE(r.exact_path);
    CHECK_FALSE(r.exact);
    CHECK(r.factorizations >= 2);
    const BehaviorCheck check = verify_behavior(game, r.profile);
    CHECK(check.is_equilibrium);
    CHECK(check.max_relative_gain < 1e-9);
  }
}

TEST_CASE("sequence-form Lemke: the revised double engine follows the exact path") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.types = 2;
    spec.rounds = 2;
    spec.payoff_range = static_cast<int>(seed % 3) * 5;  // 0 (reals), 5, 10
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    SequenceFormLemkeOptions exact;
    exact.exact = true;
    const SequenceFormLemkeResult d = sequence_form_lemke(game, exact);
    const SequenceFormLemkeResult r = sequence_form_lemke(game);
    CHECK_FALSE(r.exact_path);
    REQUIRE(d.exact);
    REQUIRE(r.exact);
    // With real payoffs a ratio tie within rounding (1e-9 relative) may be
    // broken lexicographically where exact arithmetic sees a strict minimum:
    // the same equilibrium, possibly by a slightly different path.
    if (spec.payoff_range > 0) CHECK(d.pivots == r.pivots);
    CHECK(ne_line(game, *d.exact) == ne_line(game, *r.exact));
  }
}

TEST_CASE("sequence-form Lemke: refuses games that are not 2-player or lack perfect recall") {
  CHECK_THROWS_AS(sequence_form_lemke(read_efg_file(efg_dir() + "condjury.efg")), std::invalid_argument);
  // myerson has imperfect recall (EXPECTED.md); Gambit refuses it too.
  const ExtensiveFormGame myerson = read_efg_file(efg_dir() + "myerson.efg");
  REQUIRE_FALSE(myerson.has_perfect_recall());
  CHECK_THROWS_AS(sequence_form_lemke(myerson), InputError);
}

TEST_CASE("sequence-form Lemke: an expired deadline stops the path with a limit error") {
  RandomTreeSpec spec;
  spec.seed = 3;
  spec.rounds = 3;
  SequenceFormLemkeOptions options;
  options.deadline = Deadline::after_seconds(1e-9);
  CHECK_THROWS_AS(sequence_form_lemke(random_tree(spec), options), LimitError);
}

TEST_CASE("sequence-form LCP: the centroid covering vector is each player's cost against the other's uniform plan") {
  // Recomputed from the terminals: d at player 1's sequence s is the sum over
  // terminals ending s of chance x (K - u1) x player 2's uniform realization
  // weight of its sequence there (K = largest payoff + 1); the same for player 2.
  RandomTreeSpec spec;
  spec.seed = 5;
  spec.types = 2;
  spec.rounds = 2;
  spec.payoff_range = 7;
  const ExtensiveFormGame game = random_tree(spec);
  const detail::SequenceLcp lcp = detail::build_sequence_lcp(game);
  const std::vector<mpq_class> d = detail::centroid_covering_vector(game, lcp);
  const ExactBehaviorProfile uniform = game.exact_uniform_behavior();
  const std::vector<mpq_class> xbar = game.exact_sequence_weights(uniform, 0);
  const std::vector<mpq_class> ybar = game.exact_sequence_weights(uniform, 1);
  mpq_class k = 0;
  for (std::size_t t : game.terminals())
    for (const mpq_class& u : game.exact_terminal_payoffs(t)) k = std::max(k, u);
  k += 1;
  std::vector<mpq_class> expected(lcp.n, mpq_class(0));
  for (const TerminalSequences& t : game.terminal_sequences()) {
    const auto& u = game.exact_terminal_payoffs(t.node);
    expected[lcp.x0() + t.sequence[0]] += t.chance * (k - u[0]) * ybar[t.sequence[1]];
    expected[lcp.y0() + t.sequence[1]] += t.chance * (k - u[1]) * xbar[t.sequence[0]];
  }
  expected[lcp.p0()] = 1;
  expected[lcp.q0()] = 1;
  REQUIRE(d.size() == expected.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    CAPTURE(i);
    CHECK(d[i] == expected[i]);
  }
}

TEST_CASE("sequence-form Lemke: the centroid start solves seeded random trees, verified exactly") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    RandomTreeSpec spec;
    spec.seed = seed;
    spec.rounds = 1 + seed % 2;
    spec.actions = 2 + (seed / 3) % 2;
    spec.types = 1 + seed % 3;
    spec.hide = (seed % 4) * 0.25;
    spec.payoff_range = static_cast<int>(seed % 4) * 3;  // 0 (reals), 3, 6, 9
    const ExtensiveFormGame game = random_tree(spec);
    CAPTURE(seed);
    SequenceFormLemkeOptions options;
    options.start = LemkeStart::centroid;
    options.exact_fallback_max = 0;  // the double path itself must succeed
    const SequenceFormLemkeResult r = sequence_form_lemke(game, options);
    CHECK_FALSE(r.exact_path);
    REQUIRE(r.exact);  // the final basis, re-solved exactly for the unperturbed LCP, is a solution
    CHECK(verify_exact_behavior(game, *r.exact).is_equilibrium);
    CHECK(r.notes.front().find("centroid") != std::string::npos);
    // Without the exact re-solve: the double values of the same basis.
    options.exact_resolve_max = 0;
    const SequenceFormLemkeResult d = sequence_form_lemke(game, options);
    CHECK_FALSE(d.exact);
    const BehaviorCheck check = verify_behavior(game, d.profile);
    CHECK(check.is_equilibrium);
    CHECK(check.max_relative_gain < 1e-9);
  }
}

TEST_CASE("sequence-form Lemke: the automatic start keeps gambit-lcp's start on small LCPs and takes restricted games above") {
  RandomTreeSpec spec;
  spec.seed = 2;
  spec.types = 2;
  spec.rounds = 2;
  const ExtensiveFormGame game = random_tree(spec);
  SequenceFormLemkeOptions options;
  const SequenceFormLemkeResult gambit = sequence_form_lemke(game, options);
  for (const std::string& note : gambit.notes) CHECK(note.find("centroid") == std::string::npos);
  CHECK(gambit.rounds == 0);
  options.centroid_above_rows = gambit.lcp_rows - 1;
  const SequenceFormLemkeResult restricted = sequence_form_lemke(game, options);
  CHECK(restricted.notes.front().find("restricted games") != std::string::npos);
  CHECK(restricted.rounds >= 1);
  REQUIRE(restricted.exact);
  CHECK(verify_exact_behavior(game, *restricted.exact).is_equilibrium);
}
