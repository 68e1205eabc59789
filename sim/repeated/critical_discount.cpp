#include "sim/repeated/critical_discount.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "sim/repeated/one_shot_deviation.hpp"

namespace negsim {

std::pair<long, long> rationalize(double x, long max_den) {
  // Continued-fraction convergents of x; the last one with denominator <= max_den.
  long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
  double r = x;
  for (int iter = 0; iter < 64; ++iter) {
    const double a = std::floor(r);
    if (a > 1e12) break;
    const long ai = static_cast<long>(a);
    const long p2 = ai * p1 + p0, q2 = ai * q1 + q0;
    if (q2 > max_den) break;
    p0 = p1, q0 = q1, p1 = p2, q1 = q2;
    if (std::abs(static_cast<double>(p1) / static_cast<double>(q1) - x) < 1e-15) break;
    const double frac = r - a;
    if (frac < 1e-15) break;
    r = 1.0 / frac;
  }
  return {p1, q1};
}

std::optional<mpq_class> simple_rational(double x) {
  if (!std::isfinite(x) || std::abs(x) >= 1e12) return std::nullopt;
  const auto [p, q] = rationalize(std::abs(x));
  if (q <= 0) return std::nullopt;
  mpq_class r(p, q);
  r.canonicalize();
  if (x < 0) r = -r;
  // A payoff computed from decimals (15.97 + 1) can be a few ulps off the
  // nearest double of its fraction; a fraction with q <= 10^6 that close is
  // not a coincidence.
  if (std::abs(nearest_double(r) - x) > 8 * std::numeric_limits<double>::epsilon() * std::abs(x)) return std::nullopt;
  return r;
}

std::optional<mpq_class> simple_rational(const NormalFormGame& game, std::size_t player, std::size_t profile) {
  if (game.has_exact()) return game.exact_payoff(player, profile);
  return simple_rational(game.payoff(player, profile));
}

namespace {

// Brent's root finder on [a, b] with f(a), f(b) of opposite signs.
double brent(const std::function<double(double)>& f, double a, double b, double fa, double fb) {
  if (fa * fb > 0) return 0.5 * (a + b);
  if (std::abs(fa) < std::abs(fb)) std::swap(a, b), std::swap(fa, fb);
  double c = a, fc = fa, d = b - a, e = d;
  for (int iter = 0; iter < 100; ++iter) {
    if (fb == 0) return b;
    if (fa * fb > 0) a = c, fa = fc, d = e = b - c;  // keep the bracket [b, a]
    if (std::abs(fa) < std::abs(fb)) {
      c = b, b = a, a = c;
      fc = fb, fb = fa, fa = fc;
    }
    const double tol = 2 * std::numeric_limits<double>::epsilon() * std::abs(b) + 1e-16;
    const double m = 0.5 * (a - b);
    if (std::abs(m) <= tol) return b;
    if (std::abs(e) >= tol && std::abs(fc) > std::abs(fb)) {
      double p, q, r;
      const double s = fb / fc;
      if (c == a) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        q = fc / fa;
        r = fb / fa;
        p = s * (2 * m * q * (q - r) - (b - c) * (r - 1));
        q = (q - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < std::min(3 * m * q - std::abs(tol * q), std::abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m, e = m;
      }
    } else {
      d = m, e = m;
    }
    c = b, fc = fb;
    b += std::abs(d) > tol ? d : (m > 0 ? tol : -tol);
    fb = f(b);
  }
  return b;
}

double golden_min(const std::function<double(double)>& f, double a, double b, double* fmin) {
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
  double f1 = f(x1), f2 = f(x2);
  for (int iter = 0; iter < 80 && b - a > 1e-15; ++iter) {
    if (f1 <= f2) {
      b = x2, x2 = x1, f2 = f1;
      x1 = b - phi * (b - a);
      f1 = f(x1);
    } else {
      a = x1, x1 = x2, f1 = f2;
      x2 = a + phi * (b - a);
      f2 = f(x2);
    }
  }
  const double x = f1 <= f2 ? x1 : x2;
  *fmin = std::min(f1, f2);
  return x;
}

}  // namespace

CriticalDiscountResult critical_discount(const NormalFormGame& game,
                                         std::span<const Automaton> automata,
                                         const CriticalDiscountOptions& options) {
  ProfileModel model(game, automata);
  const std::size_t n = game.num_players();
  // Per player (one_shot_deviation.hpp): player i's constraint holds where its
  // gain is at most tol_i, its own tolerance; a gain that is exactly 0 rounds
  // to at most tie_i. The overall constraint holds where every player's does;
  // its sign changes are located on the largest gain relative to each
  // player's payoff range, so nothing depends on the players' payoff units.
  std::vector<double> tol(n), tie(n);
  for (std::size_t i = 0; i < n; ++i) {
    tol[i] = model.gain_tolerance(i, options.tol);
    tie[i] = model.gain_tolerance(i, 1e-13);
  }
  CriticalDiscountResult result;
  std::map<double, std::vector<double>> cache;
  // eval(d)[f]: f < n: SPE gain of player f; n..2n-1: Nash gains (each in its
  // player's units); 2n: SPE overall; 2n+1: Nash overall (the largest gain
  // relative to its player's payoff unit).
  auto eval = [&](double d) -> const std::vector<double>& {
    auto it = cache.find(d);
    if (it != cache.end()) return it->second;
    if (options.deadline.expired())
      options.deadline.fail("locating critical discount factors: " + std::to_string(result.evaluations) +
                            " deviation checks done; nothing is reported");
    OneShotOptions o;
    o.check_spe = options.spe;
    o.check_nash = options.nash;
    const OneShotResult r = model.check(d, o);
    ++result.evaluations;
    std::vector<double> g(2 * n + 2, -INFINITY);
    for (std::size_t i = 0; i < n; ++i) {
      const double unit = model.payoff_unit(i);
      if (options.spe) g[i] = r.spe_gain[i], g[2 * n] = std::max(g[2 * n], r.spe_gain[i] / unit);
      if (options.nash) g[n + i] = r.nash_gain[i], g[2 * n + 1] = std::max(g[2 * n + 1], r.nash_gain[i] / unit);
    }
    return cache.emplace(d, std::move(g)).first->second;
  };
  // Whether constraint f holds at d, and whether it is 0 up to rounding.
  auto within = [&](double d, std::size_t f, const std::vector<double>& bound) {
    const std::vector<double>& g = eval(d);
    if (f < 2 * n) return g[f] <= bound[f % n];
    const std::size_t first = f == 2 * n ? 0 : n;
    for (std::size_t i = 0; i < n; ++i)
      if (!(g[first + i] <= bound[i])) return false;
    return true;
  };
  std::map<std::pair<long, long>, ProfileModel::ExactGains> exact_cache;  // by root p/q
  auto exact_zero = [&](double root, std::size_t f, std::string* exact) {
    if (!model.deterministic()) return;
    const auto [p, q] = rationalize(root);
    if (q <= 0 || std::abs(static_cast<double>(p) / static_cast<double>(q) - root) > 1e-9) return;
    if (p <= 0 || p >= q) return;
    // The per-player and overall searches often meet the same root: its
    // exact gains are computed once.
    auto known = exact_cache.find({p, q});
    if (known == exact_cache.end())
      known = exact_cache.emplace(std::pair{p, q}, model.exact_gains(mpq_class(p, q), options.nash)).first;
    const ProfileModel::ExactGains& g = known->second;
    mpq_class worst;
    bool first = true;
    auto take = [&](const mpq_class& x) {
      if (first || x > worst) worst = x, first = false;
    };
    if (f < n) take(g.spe[f]);
    else if (f < 2 * n) take(g.nash[f - n]);
    else if (f == 2 * n) for (const auto& x : g.spe) take(x);
    else for (const auto& x : g.nash) take(x);
    if (!first && worst == 0) *exact = std::to_string(p) + "/" + std::to_string(q);
  };

  const std::size_t K = std::max<std::size_t>(options.grid, 3);
  std::vector<double> grid(K);
  for (std::size_t k = 0; k < K; ++k)
    grid[k] = options.lo + (options.hi - options.lo) * static_cast<double>(k) / static_cast<double>(K - 1);

  auto analyze = [&](std::size_t f, std::vector<DiscountInterval>& intervals, double& threshold) {
    const bool is_spe = f < n || f == 2 * n;
    const int player = f < 2 * n ? static_cast<int>(f % n) : -1;
    auto g = [&](double d) { return eval(d)[f]; };
    std::vector<double> val(K);
    std::vector<char> ok(K);
    for (std::size_t k = 0; k < K; ++k) val[k] = g(grid[k]), ok[k] = within(grid[k], f, tol);
    // Boundary points between grid cells, and isolated touching points.
    struct Event {
      double at;
      std::string exact;
      bool touching;
    };
    std::vector<std::pair<std::size_t, Event>> crossings;  // after grid cell k
    std::vector<Event> touches;
    for (std::size_t k = 0; k + 1 < K; ++k) {
      if (ok[k] == ok[k + 1]) continue;
      double root;
      if (val[k] * val[k + 1] < 0) {
        root = brent(g, grid[k], grid[k + 1], val[k], val[k + 1]);
      } else {
        // No sign change: the gain reaches 0 and stays there (a payoff tie,
        // e.g. a weak punishment equilibrium). Locate where it leaves 0 up
        // to rounding, not up to `tol`, which would put the root below the
        // true threshold by tol / slope.
        double a = grid[k], b = grid[k + 1];
        const bool ha = ok[k] != 0;
        for (int it = 0; it < 60; ++it) {
          const double m = 0.5 * (a + b);
          (within(m, f, tie) == ha ? a : b) = m;
        }
        root = ha ? a : b;  // the held side
      }
      Event e{root, "", false};
      exact_zero(root, f, &e.exact);
      if (!e.exact.empty()) e.at = nearest_double(mpq_class(e.exact, 10));
      crossings.push_back({k, e});
    }
    for (std::size_t k = 1; k + 1 < K; ++k) {
      if (ok[k] || ok[k - 1] || ok[k + 1]) continue;
      if (!(val[k] <= val[k - 1] && val[k] <= val[k + 1])) continue;
      // Only a dip that could reach 0 between the neighbours: a smooth gain
      // touching 0 near grid[k] is at most a few times its rise to the
      // higher neighbour there. A flat stretch (a gain constant in delta, or
      // equal up to rounding) is no touching point: without this test every
      // point of it started an 80-step search (30000 deviation checks for
      // one strategy of a 4-player game instead of 400).
      const double rise = std::max(val[k - 1], val[k + 1]) - val[k];
      if (!(val[k] <= 16 * rise)) continue;
      double fmin;
      const double x = golden_min(g, grid[k - 1], grid[k + 1], &fmin);
      Event e{x, "", true};
      exact_zero(x, f, &e.exact);
      if (!e.exact.empty() || within(x, f, tol)) {
        if (!e.exact.empty()) {
          const auto [p, q] = rationalize(x);
          e.at = static_cast<double>(p) / static_cast<double>(q);
        }
        touches.push_back(e);
      }
    }
    // Assemble closed intervals of {g <= tol}.
    intervals.clear();
    bool open = ok[0] != 0;
    DiscountInterval cur;
    if (open) cur.lo = 0.0;
    for (const auto& [k, e] : crossings) {
      result.roots.push_back({e.at, e.exact, is_spe ? "spe" : "nash", player, false});
      if (!open) {
        cur = DiscountInterval{e.at, e.at, e.exact, ""};
        open = true;
      } else {
        cur.hi = e.at;
        cur.hi_exact = e.exact;
        intervals.push_back(cur);
        open = false;
      }
    }
    if (open) {
      cur.hi = 1.0;
      intervals.push_back(cur);
    }
    for (const Event& e : touches) {
      result.roots.push_back({e.at, e.exact, is_spe ? "spe" : "nash", player, true});
      intervals.push_back(DiscountInterval{e.at, e.at, e.exact, e.exact});
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const DiscountInterval& a, const DiscountInterval& b) { return a.lo < b.lo; });
    threshold = NAN;
    if (!intervals.empty() && intervals.back().hi == 1.0) threshold = intervals.back().lo;
  };

  result.spe_threshold_per_player.assign(n, NAN);
  result.nash_threshold_per_player.assign(n, NAN);
  result.spe_intervals_per_player.resize(n);
  result.nash_intervals_per_player.resize(n);
  if (options.spe) {
    for (std::size_t i = 0; i < n; ++i)
      analyze(i, result.spe_intervals_per_player[i], result.spe_threshold_per_player[i]);
    analyze(2 * n, result.spe_intervals, result.spe_threshold);
  }
  if (options.nash) {
    for (std::size_t i = 0; i < n; ++i)
      analyze(n + i, result.nash_intervals_per_player[i], result.nash_threshold_per_player[i]);
    analyze(2 * n + 1, result.nash_intervals, result.nash_threshold);
  }
  return result;
}

}  // namespace negsim
