// Conformance: EVERY method in the registry (method_registry.hpp), on every
// test game it applies to, with each option it says it reads, keeps the
// shared contract:
//  - every equilibrium is verified here, independently of the method: a
//    valid mixed profile, each player's regret recomputed from the payoff
//    tables and within that player's own payoff range times a tolerance
//    (exact equilibria: exact regret 0), payoffs and max_regret as reported;
//  - no equilibrium is listed twice;
//  - complete = true only where the registry says the method promises all
//    equilibria of its kind for that game, and then it finds every oracle
//    equilibrium (../shared/games/gambit/expected/NAME.pure and NAME.extreme,
//    computed with Gambit; on random games, every pure profile that a brute
//    force check finds is an equilibrium);
//  - --max-equilibria 1 is honoured (at most one, and a longer list is
//    marked cut with LimitKind::equilibria_cap);
//  - an expired deadline is honoured: LimitError, or a result marked
//    incomplete with LimitKind::time.
// Correlated methods (ce, cce) give a distribution: its incentive
// constraints are checked here from the game.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/errors.hpp"
#include "models/io/gambit_ne.hpp"
#include "models/io/nfg.hpp"
#include "sim/solve/correlated.hpp"
#include "sim/solve/method_registry.hpp"
#include "sim/solve/solve.hpp"
#include "tests/support/random_games.hpp"
#include "tests/support/test_games.hpp"

using namespace negsim;

namespace {

struct TestGame {
  std::string name;
  NormalFormGame game;
  std::optional<std::vector<ExactMixedProfile>> pure, extreme;  // oracle answers, when known
};

MixedProfile to_double(const ExactMixedProfile& e) {
  MixedProfile d(e.size());
  for (std::size_t p = 0; p < e.size(); ++p)
    for (const auto& v : e[p]) d[p].push_back(v.get_d());
  return d;
}

// A zero-sum game: B = -A.
NormalFormGame random_zero_sum(std::size_t m, std::size_t n, std::uint64_t seed) {
  NormalFormGame game = testing::random_game({m, n}, seed, testing::integer_payoffs(0, 6));
  for (std::size_t s = 0; s < game.num_profiles(); ++s) game.set_payoff(1, s, -game.payoff(0, s));
  return game;
}

mpq_class q(long num, long den = 1) { return mpq_class(num, den); }

// An n x n coordination game (1 on the diagonal): its 2^n - 1 equilibria are
// uniform play on each nonempty common support (../shared/ORACLES.md).
TestGame coordination(std::size_t n) {
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) a[i][i] = 1.0;
  TestGame t{"coordination " + std::to_string(n) + "x" + std::to_string(n), testing::bimatrix(a, a), {}, {}};
  std::vector<ExactMixedProfile> all, pure;
  for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
    const long size = __builtin_popcountl(mask);
    std::vector<mpq_class> x(n, q(0));
    for (std::size_t i = 0; i < n; ++i)
      if (mask >> i & 1) x[i] = q(1, size);
    all.push_back({x, x});
    if (size == 1) pure.push_back({x, x});
  }
  t.extreme = all;
  t.pure = pure;
  return t;
}

// The 2-player cases of ../shared/ORACLES.md with every equilibrium known.
std::vector<TestGame> oracle_cases() {
  std::vector<TestGame> cases;
  {
    TestGame t{"von Stengel 3x2", testing::bimatrix({{3, 3}, {2, 5}, {0, 6}}, {{3, 2}, {2, 6}, {3, 1}}), {}, {}};
    t.extreme = std::vector<ExactMixedProfile>{{{q(1), q(0), q(0)}, {q(1), q(0)}},
                                               {{q(4, 5), q(1, 5), q(0)}, {q(2, 3), q(1, 3)}},
                                               {{q(0), q(1, 3), q(2, 3)}, {q(1, 3), q(2, 3)}}};
    t.pure = std::vector<ExactMixedProfile>{{{q(1), q(0), q(0)}, {q(1), q(0)}}};
    cases.push_back(std::move(t));
  }
  {
    TestGame t{"rock-paper-scissors",
               testing::bimatrix({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}}), {}, {}};
    const std::vector<mpq_class> third{q(1, 3), q(1, 3), q(1, 3)};
    t.extreme = std::vector<ExactMixedProfile>{{third, third}};
    t.pure = std::vector<ExactMixedProfile>{};
    cases.push_back(std::move(t));
  }
  {
    // Chicken, actions (dare, chicken): DD=(0,0), DC=(4,1), CD=(1,4), CC=(3,3).
    TestGame t{"chicken", testing::bimatrix({{0, 4}, {1, 3}}, {{0, 1}, {4, 3}}), {}, {}};
    t.pure = std::vector<ExactMixedProfile>{{{q(1), q(0)}, {q(0), q(1)}}, {{q(0), q(1)}, {q(1), q(0)}}};
    t.extreme = *t.pure;
    t.extreme->push_back({{q(1, 2), q(1, 2)}, {q(1, 2), q(1, 2)}});
    cases.push_back(std::move(t));
  }
  // The Lemke-Howson cycling trap (degenerate): no full oracle, the contract still holds.
  cases.push_back({"Lemke-Howson cycling trap",
                   testing::bimatrix({{0, 0, 0}, {0, 1, 1}, {1, 1, 0}}, {{1, 0, 1}, {1, 1, 0}, {0, 0, 2}}), {}, {}});
  cases.push_back(coordination(3));
  cases.push_back(coordination(4));
  return cases;
}

std::vector<TestGame> test_games() {
  std::vector<TestGame> games;
  const std::filesystem::path dir = std::filesystem::path(NEGSIM_SHARED_DIR) / "games" / "gambit";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".nfg") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    TestGame t{path.stem().string(), {}, {}, {}};
    NfgReadOptions options;
    options.exact = ExactMode::Always;
    t.game = read_nfg_file(path.string(), options);
    for (const char* kind : {".pure", ".extreme"}) {
      const std::filesystem::path expected = dir / "expected" / (t.name + kind);
      if (!std::filesystem::exists(expected)) continue;
      (std::string(kind) == ".pure" ? t.pure : t.extreme) = read_ne_file(expected.string(), t.game);
    }
    games.push_back(std::move(t));
  }
  for (TestGame& t : oracle_cases()) games.push_back(std::move(t));
  // Seeded random games: generic (real payoffs) and degenerate (payoffs in
  // {0, 1, 2}: many ties), 2 and 3 players, and zero-sum ones for lp.
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    games.push_back({"random real 4x3 seed " + std::to_string(seed), testing::random_game({4, 3}, seed, testing::real_payoffs(-1.0, 1.0)), {}, {}});
    games.push_back({"random degenerate 3x4 seed " + std::to_string(seed),
                     testing::random_game({3, 4}, seed, testing::integer_payoffs(0, 2)), {}, {}});
    games.push_back({"random real 2x3x2 seed " + std::to_string(seed),
                     testing::random_game({2, 3, 2}, seed, testing::real_payoffs(-1.0, 1.0)), {}, {}});
    games.push_back({"random zero-sum 3x3 seed " + std::to_string(seed), random_zero_sum(3, 3, seed), {}, {}});
  }
  games.push_back({"all zero 3x3", NormalFormGame({3, 3}), {}, {}});  // every profile is an equilibrium
  games.push_back({"all zero 2x2x2", NormalFormGame({2, 2, 2}), {}, {}});
  return games;
}

// Each player's tolerance: relative to that player's payoff range, with a
// rounding floor relative to its largest payoff magnitude. Computed here,
// not with the library's regret_tolerances.
std::vector<double> player_tolerances(const NormalFormGame& game) {
  std::vector<double> tol;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    double low = game.payoff(p, 0), high = low;
    for (std::size_t s = 0; s < game.num_profiles(); ++s) {
      low = std::min(low, game.payoff(p, s));
      high = std::max(high, game.payoff(p, s));
    }
    tol.push_back(1e-7 * (high - low) + 1e-12 * std::max(std::abs(low), std::abs(high)));
  }
  return tol;
}

// Every pure profile at which no player gains by a pure deviation (brute force).
std::vector<MixedProfile> brute_force_pure(const NormalFormGame& game) {
  std::vector<MixedProfile> out;
  const std::vector<double> tol = player_tolerances(game);
  for (std::size_t s = 0; s < game.num_profiles(); ++s) {
    PureProfile actions = game.profile_actions(s);
    bool equilibrium = true;
    for (std::size_t p = 0; p < game.num_players() && equilibrium; ++p) {
      PureProfile other = actions;
      for (std::size_t a = 0; a < game.num_actions(p); ++a) {
        other[p] = a;
        if (game.payoff(p, game.profile_index(other)) > game.payoff(p, s) + tol[p]) equilibrium = false;
      }
    }
    if (equilibrium) out.push_back(game.pure_to_mixed(actions));
  }
  return out;
}

bool listed(const SolveResult& result, const MixedProfile& profile) {
  return std::any_of(result.equilibria.begin(), result.equilibria.end(),
                     [&](const Equilibrium& eq) { return same_profile(eq.profile, profile, 1e-7); });
}

bool same_equilibrium(const Equilibrium& a, const Equilibrium& b) {
  if (a.exact && b.exact) return *a.exact == *b.exact;
  return same_profile(a.profile, b.profile, 1e-7);
}

// The contract every result keeps, whatever the method.
void check_result(const MethodInfo& method, const TestGame& t, const SolveResult& result) {
  const NormalFormGame& game = t.game;
  const std::vector<double> tol = player_tolerances(game);
  // Exact and LP methods never reject a candidate (that would be a bug);
  // the floating path followers (logit, gnm) may, when a path point does
  // not polish to within tolerance: it is dropped, counted and its regret
  // kept, never reported as an equilibrium.
  if (method.name == "logit" || method.name == "gnm") {
    CHECK(result.rejected_max_regrets.size() == result.rejected);
    for (double regret : result.rejected_max_regrets) MESSAGE(method.name << " rejected a candidate with max regret " << regret);
  } else {
    CHECK(result.rejected == 0);
  }
  CHECK(result.rejected_max_regrets.size() <= result.rejected);
  CHECK_FALSE(result.limit_reached.has_value());  // no limit was set
  for (const Equilibrium& eq : result.equilibria) {
    REQUIRE(game.is_valid_mixed(eq.profile, 1e-9));
    const std::vector<double> regrets = game.regrets(eq.profile);
    for (std::size_t p = 0; p < regrets.size(); ++p) {
      CAPTURE(p);
      CHECK(regrets[p] <= tol[p]);
    }
    CHECK(eq.max_regret == doctest::Approx(*std::max_element(regrets.begin(), regrets.end())).epsilon(1e-6));
    const std::vector<double> payoffs = game.expected_payoffs(eq.profile);
    REQUIRE(eq.payoffs.size() == payoffs.size());
    for (std::size_t p = 0; p < payoffs.size(); ++p)
      CHECK(eq.payoffs[p] == doctest::Approx(payoffs[p]).epsilon(1e-9));
    if (eq.exact) {
      CHECK(game.exact_max_regret(*eq.exact) == 0);
      CHECK(same_profile(to_double(*eq.exact), eq.profile, 1e-12));
    }
  }
  for (std::size_t i = 0; i < result.equilibria.size(); ++i)
    for (std::size_t j = i + 1; j < result.equilibria.size(); ++j) {
      CAPTURE(i);
      CAPTURE(j);
      CHECK_FALSE(same_equilibrium(result.equilibria[i], result.equilibria[j]));
    }
  const Coverage coverage = method.guarantee_for(game);
  if (result.complete) CHECK_MESSAGE(promises_all(coverage), "complete without a promise of all");
  // What "all" promises, against the oracles. (A method promising all may
  // still report complete = false, e.g. dominance when more than one profile
  // survives; then it promises nothing more.)
  const bool promised = result.complete && promises_all(coverage);
  if (promised && coverage == Coverage::unique) {
    REQUIRE(result.equilibria.size() == 1);
    CHECK(result.equilibria[0].is_pure());
    if (t.extreme) CHECK(t.extreme->size() == 1);
    if (t.pure) CHECK(t.pure->size() == 1);
    for (const MixedProfile& pure : brute_force_pure(game)) CHECK(listed(result, pure));
  }
  if (promised && (coverage == Coverage::all_pure || coverage == Coverage::all_extreme)) {
    // Every pure equilibrium is an extreme one, so both promise all the pure ones.
    for (const MixedProfile& pure : brute_force_pure(game)) CHECK(listed(result, pure));
    if (t.pure)
      for (const ExactMixedProfile& e : *t.pure) CHECK_MESSAGE(listed(result, to_double(e)), format_ne_line(e));
  }
  if (promised && coverage == Coverage::all_pure) {
    for (const Equilibrium& eq : result.equilibria) CHECK(eq.is_pure());
    if (t.pure) CHECK(result.equilibria.size() == t.pure->size());
  }
  if (promised && coverage == Coverage::all_extreme && t.extreme) {
    for (const ExactMixedProfile& e : *t.extreme) CHECK_MESSAGE(listed(result, to_double(e)), format_ne_line(e));
    CHECK(result.equilibria.size() == t.extreme->size());
  }
}

// The option settings to run a method with: its defaults, then each option
// it reads set to a non-default value (the registry's list decides).
std::vector<std::pair<std::string, SolveOptions>> variants(const MethodInfo& method) {
  SolveOptions base;
  base.method = method.name;
  std::vector<std::pair<std::string, SolveOptions>> out{{"defaults", base}};
  for (MethodOption option : method.options) {
    SolveOptions o = base;
    switch (option) {
      case MethodOption::exact: o.exact = true; break;
      case MethodOption::label: o.label = 1; break;
      case MethodOption::all_labels: o.all_labels = true; break;
      case MethodOption::race: o.label_race = true; break;
      case MethodOption::starts: o.starts = 3; break;
      case MethodOption::seed: o.seed = 7; break;
      // --trace is the CLI's printout of the logit branch, --objective only
      // for ce/cce, --max-equilibria checked on its own below.
      case MethodOption::trace:
      case MethodOption::objective:
      case MethodOption::max_equilibria: continue;
    }
    out.emplace_back(std::string(option_flag(option)), o);
  }
  return out;
}

// CE: no player gains by swapping a recommendation a for b; CCE: by
// committing to b beforehand. Checked from the game, not from the LP.
double correlated_gain(const NormalFormGame& game, const CorrelatedEquilibrium& ce) {
  double worst = 0.0;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t n = game.num_actions(p);
    std::vector<double> gain(n * n, 0.0);  // [a * n + b]: from recommended a to b (CCE: a unused)
    for (const auto& [index, prob] : ce.distribution) {
      PureProfile actions = game.profile_actions(index);
      const std::size_t a = actions[p];
      const double here = game.payoff(p, index);
      for (std::size_t b = 0; b < n; ++b) {
        actions[p] = b;
        const double delta = prob * (game.payoff(p, game.profile_index(actions)) - here);
        gain[(ce.kind == CorrelationKind::Correlated ? a : 0) * n + b] += delta;
      }
    }
    for (double g : gain) worst = std::max(worst, g);
  }
  return worst;
}

}  // namespace

TEST_CASE("conformance: every registered method keeps the shared contract on every applicable test game") {
  const std::vector<TestGame> games = test_games();
  REQUIRE(games.size() >= 40);
  for (const MethodInfo& method : method_registry()) {
    CAPTURE(method.name);
    std::size_t applicable = 0, with_oracle = 0;
    bool promises_all_somewhere = false;
    std::size_t stopped = 0, finished_in_first_chunk = 0;
    for (const TestGame& t : games) {
      if (why_not_applicable(method, t.game)) continue;
      ++applicable;
      CAPTURE(t.name);
      if (method.solution == Solution::correlated) {
        SolveOptions o;
        o.method = method.name;
        for (const char* objective : {"any", "welfare"}) {
          o.objective = objective;
          const CorrelatedEquilibrium ce = solve_correlated(t.game, o);
          double total = 0.0;
          for (const auto& entry : ce.distribution) total += entry.second;
          CHECK(total == doctest::Approx(1.0));
          const std::vector<double> tol = player_tolerances(t.game);
          CHECK(correlated_gain(t.game, ce) <= *std::max_element(tol.begin(), tol.end()) + 1e-9);
        }
        // An expired deadline: LimitError, or (one GLPK call, which gets the
        // time left as its own limit, finished first) a verified answer.
        o.deadline = Deadline::after_seconds(1e-9);
        while (!o.deadline.expired()) {
        }
        try {
          const CorrelatedEquilibrium late = solve_correlated(t.game, o);
          const std::vector<double> tol = player_tolerances(t.game);
          CHECK(correlated_gain(t.game, late) <= *std::max_element(tol.begin(), tol.end()) + 1e-9);
          ++finished_in_first_chunk;
        } catch (const LimitError&) {
          ++stopped;
        }
        continue;
      }
      if (promises_all(method.guarantee_for(t.game))) {
        promises_all_somewhere = true;
        if (t.pure || t.extreme) ++with_oracle;
      }
      for (const auto& entry : variants(method)) {
        // Not a structured binding: CAPTURE's lambda cannot capture one in clang 14.
        const std::string& variant = entry.first;
        const SolveOptions& options = entry.second;
        CAPTURE(variant);
        const SolveResult result = solve(t.game, options);
        check_result(method, t, result);
        // --exact gives rationals: always for the bimatrix methods, for pure
        // when the game has exact payoffs (read from a file).
        if (options.exact && (method.name == "lh" || method.name == "enum" || t.game.has_exact()) &&
            method.name != "auto")
          for (const Equilibrium& eq : result.equilibria) CHECK(eq.exact.has_value());
        // Path-following methods say how every path ended.
        if (method.name == "lh") {
          CHECK_FALSE(result.paths.empty());
          for (const PathRecord& path : result.paths)
            CHECK(path.label >= 0);
          // Each equilibrium came from a path that ended there.
          std::size_t ended_at_equilibrium = 0;
          for (const PathRecord& path : result.paths) ended_at_equilibrium += path.end == PathEndReason::equilibrium;
          CHECK(ended_at_equilibrium >= result.equilibria.size());
        }
        if (method.name == "logit" || method.name == "gnm") {
          CHECK(result.paths.size() == static_cast<std::size_t>(options.starts));
          for (std::size_t k = 0; k < result.paths.size(); ++k) CHECK(result.paths[k].start == static_cast<int>(k));
        }
      }
      if (method.reads(MethodOption::max_equilibria)) {
        // Settings that can list several: several starts, every label.
        SolveOptions uncapped;
        uncapped.method = method.name;
        if (method.reads(MethodOption::starts)) uncapped.starts = 3;
        uncapped.all_labels = method.reads(MethodOption::all_labels);
        SolveOptions capped = uncapped;
        capped.max_equilibria = 1;
        const SolveResult full = solve(t.game, uncapped);
        const SolveResult cut = solve(t.game, capped);
        CHECK(cut.equilibria.size() <= 1);
        if (full.equilibria.size() > 1) {
          CHECK_FALSE(cut.complete);
          REQUIRE(cut.limit_reached.has_value());
          CHECK(cut.limit_reached->kind == LimitKind::equilibria_cap);
        }
      }
      // An expired deadline: an error, or what was verified, marked as cut
      // by time. Methods read the clock once per chunk of work (256 bases,
      // 65536 profiles, ...), so on a small game one may finish its whole
      // job in its first chunk: then the result must be the full one, never
      // a silently shortened list.
      SolveOptions late;
      late.method = method.name;
      late.deadline = Deadline::after_seconds(1e-9);
      while (!late.deadline.expired()) {
      }
      try {
        const SolveResult result = solve(t.game, late);
        if (result.limit_reached) {
          CHECK(result.limit_reached->kind == LimitKind::time);
          CHECK_FALSE(result.complete);
          CHECK_FALSE(result.equilibria.empty());  // else solve() throws
        } else {
          SolveOptions unlimited;
          unlimited.method = method.name;
          const SolveResult full = solve(t.game, unlimited);
          CHECK(result.complete == full.complete);
          CHECK(result.equilibria.size() == full.equilibria.size());
          ++finished_in_first_chunk;
        }
      } catch (const LimitError&) {
        ++stopped;
      }
    }
    CHECK(applicable >= 10);
    MESSAGE(method.name << ": expired deadline stopped " << stopped << " runs; " << finished_in_first_chunk
                        << " finished within their first chunk of work");
    if (promises_all_somewhere) CHECK(with_oracle >= 10);
  }
}

TEST_CASE("conformance: the registry names each method once, with a summary, a guarantee and a way to run it") {
  std::set<std::string> names;
  for (const MethodInfo& m : method_registry()) {
    CAPTURE(m.name);
    CHECK(names.insert(m.name).second);
    CHECK_FALSE(m.summary.empty());
    CHECK_FALSE(m.guarantee.empty());
    CHECK(static_cast<bool>(m.guarantee_for));
    CHECK(static_cast<bool>(m.run) == (m.solution == Solution::nash));
    CHECK(&find_method(m.name) == &m);
  }
  CHECK(names.count("auto") == 1);
  CHECK_THROWS_AS(find_method("enumm"), UsageError);
}
