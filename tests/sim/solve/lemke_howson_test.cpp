#include "sim/solve/lemke_howson.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {
SolveOptions lh_options(int label, bool exact = false, bool all = false) {
  SolveOptions o;
  o.method = "lh";
  o.label = label;
  o.exact = exact;
  o.all_labels = all;
  return o;
}

bool contains_exact(const SolveResult& r, const ExactMixedProfile& p) {
  for (const Equilibrium& eq : r.equilibria)
    if (eq.exact && *eq.exact == p) return true;
  return false;
}
}  // namespace

TEST_CASE("Lemke-Howson: von Stengel 3x2, every label reaches one of the three equilibria") {
  const NormalFormGame g = von_stengel_3x2();
  const std::vector<ExactMixedProfile> expected{
      {{1, 0, 0}, {1, 0}},
      {{mpq_class(4, 5), mpq_class(1, 5), 0}, {mpq_class(2, 3), mpq_class(1, 3)}},
      {{0, mpq_class(1, 3), mpq_class(2, 3)}, {mpq_class(1, 3), mpq_class(2, 3)}}};
  for (bool exact : {false, true}) {
    const SolveResult all = lemke_howson(g, lh_options(0, exact, true));
    CHECK(all.rejected == 0);
    CHECK(all.complete == false);
    CHECK(!all.equilibria.empty());
    for (const Equilibrium& eq : all.equilibria) {
      bool found = false;
      for (const ExactMixedProfile& e : expected) {
        MixedProfile d{{}, {}};
        for (int p = 0; p < 2; ++p)
          for (const auto& v : e[p]) d[p].push_back(v.get_d());
        if (same_profile(eq.profile, d, 1e-12)) found = true;
        if (exact && eq.exact && *eq.exact == e) CHECK(found);
      }
      CHECK(found);
      if (exact) CHECK(eq.exact.has_value());
    }
  }
  // Dropping label 0 by hand: x1 enters P, the ratios 1/3 (column 1) and 1/2
  // (column 2) make label 3 leave; y1 enters Q, the ratios 1/3, 1/2, none make
  // label 0 leave: the path ends at the pure equilibrium (1,0,0; 1,0).
  const SolveResult r = lemke_howson(g, lh_options(0, true));
  REQUIRE(r.equilibria.size() == 1);
  CHECK(contains_exact(r, expected[0]));
  // All five labels together reach more than one equilibrium.
  CHECK(lemke_howson(g, lh_options(0, true, true)).equilibria.size() >= 2);
}

TEST_CASE("Lemke-Howson: the cycling trap ends at (0,2/3,1/3, 0,1,0) from every label") {
  const NormalFormGame g = lh_cycling_trap();
  const ExactMixedProfile expected{{0, mpq_class(2, 3), mpq_class(1, 3)}, {0, 1, 0}};
  for (bool exact : {false, true}) {
    for (int label = 0; label < 6; ++label) {
      CAPTURE(label);
      CAPTURE(exact);
      const SolveResult r = lemke_howson(g, lh_options(label, exact));
      REQUIRE(r.equilibria.size() == 1);
      CHECK(r.rejected == 0);
      CHECK(same_profile(r.equilibria[0].profile, {{0, 2.0 / 3, 1.0 / 3}, {0, 1, 0}}, 1e-12));
      if (exact) CHECK(contains_exact(r, expected));
    }
  }
}

TEST_CASE("Lemke-Howson: rock-paper-scissors gives the uniform profile from every label") {
  const NormalFormGame g = rock_paper_scissors();
  const ExactMixedProfile uniform{{mpq_class(1, 3), mpq_class(1, 3), mpq_class(1, 3)},
                                  {mpq_class(1, 3), mpq_class(1, 3), mpq_class(1, 3)}};
  const SolveResult r = lemke_howson(g, lh_options(0, true, true));
  REQUIRE(r.equilibria.size() == 1);
  CHECK(contains_exact(r, uniform));
  CHECK(r.equilibria[0].payoffs[0] == doctest::Approx(0.0));
  const SolveResult d = lemke_howson(g, lh_options(4));
  REQUIRE(d.equilibria.size() == 1);
  CHECK(same_profile(d.equilibria[0].profile, {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}, 1e-12));
}

TEST_CASE("Lemke-Howson: coordination games end at a pure equilibrium from label k") {
  // From (0,0), dropping label i (a row) makes i the only candidate; the path
  // ends at the pure coordination profile (i, i).
  for (std::size_t n : {2u, 4u, 7u}) {
    const NormalFormGame g = coordination(n);
    for (int label = 0; label < static_cast<int>(2 * n); ++label) {
      const SolveResult r = lemke_howson(g, lh_options(label));
      REQUIRE(r.equilibria.size() == 1);
      const std::size_t k = static_cast<std::size_t>(label) % n;
      CHECK(r.equilibria[0].profile == g.pure_to_mixed(std::vector<std::size_t>{k, k}));
    }
  }
}

TEST_CASE("Lemke-Howson: chicken reaches pure equilibria, payoffs reported") {
  const NormalFormGame g = chicken();
  const SolveResult r = lemke_howson(g, lh_options(0, true, true));
  CHECK(r.rejected == 0);
  for (const Equilibrium& eq : r.equilibria) {
    const bool dc = eq.profile == g.pure_to_mixed(std::vector<std::size_t>{0, 1});
    const bool cd = eq.profile == g.pure_to_mixed(std::vector<std::size_t>{1, 0});
    const bool mixed = same_profile(eq.profile, {{0.5, 0.5}, {0.5, 0.5}}, 1e-12);
    CHECK((dc || cd || mixed));
    if (mixed) CHECK(eq.payoffs[0] == doctest::Approx(2.0));
  }
}

TEST_CASE("Lemke-Howson: rejects bad input") {
  CHECK_THROWS_AS(lemke_howson(von_stengel_3x2(), lh_options(5)), std::invalid_argument);
  CHECK_THROWS_AS(lemke_howson(von_stengel_3x2(), lh_options(-1)), std::invalid_argument);
  NormalFormGame three({2, 2, 2});
  CHECK_THROWS_AS(lemke_howson(three, lh_options(0)), std::invalid_argument);
}

TEST_CASE("Lemke-Howson property: seeded random and degenerate games, every label, double and exact agree") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const std::size_t m = 2 + seed % 5, n = 2 + (seed * 7) % 6;
    const int range = seed % 3 == 0 ? 3 : (seed % 3 == 1 ? 0 : 10);  // {0,1,2} payoffs are degenerate
    const NormalFormGame g = random_game({m, n}, seed, range_payoffs(range));
    CAPTURE(seed);
    for (int label = 0; label < static_cast<int>(m + n); ++label) {
      const SolveResult d = lemke_howson(g, lh_options(label));
      const SolveResult e = lemke_howson(g, lh_options(label, true));
      REQUIRE(d.equilibria.size() == 1);
      REQUIRE(e.equilibria.size() == 1);
      CHECK(d.rejected == 0);
      CHECK(e.rejected == 0);
      CHECK(e.equilibria[0].exact.has_value());
      // The lexicographic rule makes the path unique, so both arithmetics
      // take the same number of pivots and end at the same point.
      CHECK(d.notes == e.notes);
      REQUIRE(d.paths.size() == 1);
      REQUIRE(e.paths.size() == 1);
      CHECK(d.paths[0].steps == e.paths[0].steps);
      CHECK_FALSE(d.paths[0].exact);
      CHECK(e.paths[0].exact);
      CHECK(same_profile(d.equilibria[0].profile, e.equilibria[0].profile, 1e-9));
    }
  }
}

namespace {
// The winning path of a race: (label, pivots), from the typed path records.
std::pair<int, std::size_t> race_winner(const SolveResult& r) {
  const PathRecord* winner = first_equilibrium_path(r);
  if (winner == nullptr) {
    FAIL("no winning path");
    return {-1, 0};
  }
  // Exactly one path ends at an equilibrium; the others were overtaken or dropped.
  for (const PathRecord& path : r.paths)
    if (&path != winner) CHECK(path.end != PathEndReason::equilibrium);
  return {winner->label, winner->steps};
}
}  // namespace

TEST_CASE("Lemke-Howson label race: the first path to end, identical to that label's own path") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const std::size_t m = 8 + seed % 13, n = 6 + (seed * 5) % 17;
    const int range = seed % 3 == 0 ? 3 : 0;  // {0,1,2} payoffs are degenerate
    const NormalFormGame g = random_game({m, n}, seed, range_payoffs(range));
    CAPTURE(seed);
    for (bool exact : {false, true}) {
      SolveOptions o = lh_options(0, exact);
      o.label_race = true;
      const SolveResult r = lemke_howson(g, o);
      REQUIRE(r.equilibria.size() == 1);
      CHECK(r.rejected == 0);
      CHECK(r.equilibria[0].exact.has_value() == exact);
      const std::pair<int, std::size_t> winner = race_winner(r);
      const int label = winner.first;
      const std::size_t pivots = winner.second;
      REQUIRE(label >= 0);
      REQUIRE(label < static_cast<int>(m + n));
      const SolveResult alone = lemke_howson(g, lh_options(label, exact));
      REQUIRE(alone.equilibria.size() == 1);
      REQUIRE_FALSE(alone.paths.empty());
      CHECK(alone.paths.back().label == label);
      CHECK(alone.paths.back().steps == pivots);
      CHECK(alone.paths.back().end == PathEndReason::equilibrium);
      if (exact) {
        CHECK(*r.equilibria[0].exact == *alone.equilibria[0].exact);
      } else {
        CHECK(same_profile(r.equilibria[0].profile, alone.equilibria[0].profile, 1e-9));
      }
      // The winner ends in the earliest round of 32-pivot turns, and first in
      // label order within that round (every label is raced when m + n <= 32).
      if (m + n <= 32) {
        auto round_of = [&](int k) {
          const std::size_t p = lemke_howson(g, lh_options(k)).paths.back().steps;
          return (p + 31) / 32;
        };
        const std::size_t winning_round = round_of(label);
        for (int k = 0; k < static_cast<int>(m + n); ++k) {
          CAPTURE(k);
          if (k < label) CHECK(round_of(k) > winning_round);
          if (k > label) CHECK(round_of(k) >= winning_round);
        }
      }
    }
  }
}

TEST_CASE("Lemke-Howson label race: von Stengel 3x2 ends at one of its three equilibria") {
  const NormalFormGame g = von_stengel_3x2();
  SolveOptions o = lh_options(0, true);
  o.label_race = true;
  const SolveResult r = lemke_howson(g, o);
  REQUIRE(r.equilibria.size() == 1);
  const std::vector<ExactMixedProfile> expected{
      {{1, 0, 0}, {1, 0}},
      {{mpq_class(4, 5), mpq_class(1, 5), 0}, {mpq_class(2, 3), mpq_class(1, 3)}},
      {{0, mpq_class(1, 3), mpq_class(2, 3)}, {mpq_class(1, 3), mpq_class(2, 3)}}};
  CHECK(std::find(expected.begin(), expected.end(), *r.equilibria[0].exact) != expected.end());
}
