#include "sim/solve/hybrid_vertex_enumeration.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/lex_tableau.hpp"
#include "sim/solve/vertex_enumeration.hpp"
#include "tests/support/random_games.hpp"

using namespace negsim;
using namespace negsim::testing;

namespace {

SolveOptions exact_enum() {
  SolveOptions o;
  o.method = "enum";
  o.exact = true;
  return o;
}

// The exact profiles found, as Gambit .ne lines (exact rationals).
std::set<std::string> exact_set(const SolveResult& r) {
  std::set<std::string> out;
  for (const Equilibrium& eq : r.equilibria) {
    REQUIRE(eq.exact.has_value());
    out.insert(format_ne_line(*eq.exact));
  }
  return out;
}

bool ran_hybrid(const SolveResult& r) {
  for (const std::string& note : r.notes)
    if (note.find("with exact decisions") != std::string::npos) return true;
  return false;
}

// Both engines on one game: the same exact set, nothing rejected, complete.
// Returns whether the hybrid engine decided the game itself.
bool engines_agree(const NormalFormGame& game) {
  const SolveResult hybrid = enumerate_extreme_equilibria_with_engine(game, exact_enum(), ExactEngine::hybrid);
  const SolveResult rational = enumerate_extreme_equilibria_with_engine(game, exact_enum(), ExactEngine::rational_pivoting);
  CHECK(hybrid.rejected == 0);
  CHECK(rational.rejected == 0);
  CHECK(hybrid.complete);
  CHECK(!hybrid.equilibria.empty());
  CHECK(exact_set(hybrid) == exact_set(rational));
  CHECK(hybrid.equilibria.size() == rational.equilibria.size());
  for (const Equilibrium& eq : hybrid.equilibria) CHECK(game.exact_max_regret(*eq.exact) == 0);
  return ran_hybrid(hybrid);
}

// A game with the given integer payoff tables (row-major m x n).
NormalFormGame integer_game(std::size_t m, std::size_t n, const std::vector<long>& a, const std::vector<long>& b) {
  NormalFormGame game({m, n});
  std::vector<mpq_class> exact(2 * m * n);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      exact[i + j * m] = mpq_class(a[i * n + j]);
      exact[m * n + i + j * m] = mpq_class(b[i * n + j]);
    }
  game.set_exact_payoffs(std::move(exact));
  return game;
}

mpq_class value(const mpz_class& numerator, const mpz_class& det) {
  mpq_class q(numerator, det);
  q.canonicalize();
  return q;
}

}  // namespace

TEST_CASE("hybrid enum: the same exact set as rational pivoting on seeded random games") {
  int hybrid_runs = 0, games = 0;
  for (std::uint64_t seed = 1; seed <= 90; ++seed) {
    const std::size_t m = 1 + seed % 6, n = 1 + (seed * 5) % 7;
    // ranges 100 and reals are generic; {0,1}, {0,1,2} and {0..4} give ties
    const int ranges[] = {100, 0, 2, 3, 5, 100};
    const int range = ranges[seed % 6];
    CAPTURE(seed);
    CAPTURE(range);
    const NormalFormGame g = random_game({m, n}, seed, range_payoffs(range));
    const bool hybrid = engines_agree(g);
    if (hybrid) ++hybrid_runs;
    if (range == 100 || range == 0) CHECK(hybrid);  // generic games: decided by the hybrid engine
    ++games;
  }
  // Small degenerate games mostly stay within the exact-basis budget too.
  CHECK(hybrid_runs >= games * 2 / 3);
}

TEST_CASE("hybrid enum: the same exact set as rational pivoting on 8x8 integer games with many ties") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    const int high = seed % 2 == 0 ? 9 : 99;  // {0..9}: ties in most rows and columns
    engines_agree(random_game({8, 8}, 500 + seed, integer_payoffs(0, high)));
  }
}

TEST_CASE("hybrid enum: degenerate games give the same set, degenerate vertices matched exactly") {
  // Every payoff equal: every pure profile is an (extreme) equilibrium, and
  // every vertex of both polytopes is degenerate.
  for (std::size_t n = 2; n <= 6; ++n) {
    CAPTURE(n);
    const std::vector<long> flat(n * (n + 1), 7);
    const NormalFormGame game = integer_game(n, n + 1, flat, flat);
    engines_agree(game);
    CHECK(enumerate_extreme_equilibria(game, exact_enum()).equilibria.size() == n * (n + 1));
  }
  // Row 0 has two best responses for the column player (columns 0 and 1): a
  // degenerate vertex of P, decided exactly; its partners found in rationals.
  const NormalFormGame tie = integer_game(2, 3, {3, 3, 0, 0, 1, 4}, {2, 2, 1, 0, 3, 1});
  engines_agree(tie);
  const detail::HybridEnumeration h =
      detail::hybrid_equilibrium_candidates(positive_integer_bimatrix(tie), Deadline{});
  REQUIRE(h.decided);
  CHECK(h.exact_bases > 0);
  CHECK(h.degenerate_vertices > 0);
  CHECK(h.exact_points > 0);
  // 6 x 7, all payoffs equal: a pure x has 12 labels, so its partner face
  // needs C(12, 6) = 924 > 256 systems: matched against Q's vertices instead.
  const std::vector<long> flat(42, 3);
  const detail::HybridEnumeration f =
      detail::hybrid_equilibrium_candidates(positive_integer_bimatrix(integer_game(6, 7, flat, flat)), Deadline{});
  REQUIRE(f.decided);
  CHECK(f.matched_against_q > 0);
}

TEST_CASE("hybrid enum: near-ties beyond double precision are decided exactly") {
  // Payoffs in two clusters, small integers and 2^45 + small integers: after
  // scaling into (0, 1] the differences within a cluster are about 1e-13,
  // inside the guard bands, so decisions go exact (or the whole game goes to
  // rational pivoting); either way the set is exact.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    const NormalFormGame small = random_game({4, 4}, seed, integer_payoffs(0, 50));
    const std::vector<double>& base = small.payoffs();
    std::vector<mpq_class> exact(base.size());
    const long high = 1L << 45;
    for (std::size_t k = 0; k < exact.size(); ++k)
      exact[k] = mpq_class((base[k] > 25 ? high : 0) + static_cast<long>(base[k]));
    NormalFormGame big = small;
    big.set_exact_payoffs(std::move(exact));
    engines_agree(big);
    const detail::HybridEnumeration h =
        detail::hybrid_equilibrium_candidates(positive_integer_bimatrix(big), Deadline{});
    CHECK((!h.decided || h.exact_bases > 0));
  }
}

TEST_CASE("hybrid enum: a generic game is decided in double with every decision certain") {
  const NormalFormGame g = random_game({6, 6}, 7, integer_payoffs(0, 99));
  const detail::HybridEnumeration h = detail::hybrid_equilibrium_candidates(positive_integer_bimatrix(g), Deadline{});
  REQUIRE(h.decided);
  CHECK(!h.stopped);
  CHECK(h.bases > 6);
  CHECK(!h.candidates.empty());
  for (const auto& pair : h.candidates) {
    CHECK(pair.first.size() == 6);  // x nondegenerate: m labels
    CHECK(pair.second.size() == 6);
  }
}

TEST_CASE("hybrid enum: every 2-player shared Gambit game, same set as rational pivoting") {
  const std::filesystem::path dir = std::filesystem::path(NEGSIM_SHARED_DIR) / "games" / "gambit";
  int games = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".nfg") continue;
    const std::string name = entry.path().stem().string();
    if (!std::filesystem::exists(dir / "expected" / (name + ".extreme"))) continue;
    CAPTURE(name);
    NfgReadOptions read_options;
    read_options.exact = ExactMode::Always;
    const NormalFormGame game = read_nfg_file(entry.path().string(), read_options);
    engines_agree(game);
    ++games;
  }
  CHECK(games >= 30);
}

TEST_CASE("lex tableau: pivot_to_basis rebuilds the dictionary that feasible pivots reach") {
  const std::vector<mpz_class> matrix{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};  // 4 x 3, positive
  const std::vector<int> rows{3, 4, 5, 6}, cols{0, 1, 2};
  detail::LexTableau<mpz_class> walked(4, 3, matrix, rows, cols, 7);
  const detail::LexTableau<mpz_class> slack = walked;
  // Three feasible pivots: each column enters once by the minimum-ratio rule.
  for (std::size_t step = 0; step < 3; ++step) {
    const std::size_t c = walked.col_of(static_cast<int>(step));
    const int r = walked.lex_min_ratio_row(c);
    REQUIRE(r >= 0);
    walked.pivot(static_cast<std::size_t>(r), c);
  }
  std::vector<int> basis;
  for (std::size_t r = 0; r < 4; ++r) basis.push_back(walked.basic(r));
  detail::LexTableau<mpz_class> rebuilt = slack;
  REQUIRE(rebuilt.pivot_to_basis(basis));
  CHECK(sgn(rebuilt.det()) > 0);
  // Same basic values and same dictionary entries (as rationals).
  for (int id : basis) {
    CHECK(value(walked.rhs(walked.row_of(id)), walked.det()) ==
          value(rebuilt.rhs(rebuilt.row_of(id)), rebuilt.det()));
    for (std::size_t c = 0; c < 3; ++c) {
      const int nb = walked.nonbasic(c);
      CHECK(value(walked.entry(walked.row_of(id), c), walked.det()) ==
            value(rebuilt.entry(rebuilt.row_of(id), rebuilt.col_of(nb)), rebuilt.det()));
    }
  }
  // A singular target basis is refused: columns 0 and 1 scaled copies of each other.
  const std::vector<mpz_class> singular{1, 2, 2, 4};
  detail::LexTableau<mpz_class> s(2, 2, singular, {2, 3}, {0, 1}, 4);
  CHECK(!s.pivot_to_basis({0, 1}));
}
