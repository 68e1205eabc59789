// Critical discount factors of a profile of automata: the sets of delta in
// (0, 1) where the profile is subgame perfect / Nash, per player and overall.
//
// Method. Each incentive constraint gain(delta) = Q - V is a rational function
// of delta (values solve (I - delta T) V = (1 - delta) r), so a player's worst
// gain g_i(delta) = max over constraints is continuous and piecewise rational.
// g_i is sampled on a grid; every sign change is refined by Brent's method
// (Brent 1973) to ~1e-14; every grid local minimum that comes close to zero
// without crossing (a touching root, e.g. tit-for-tat's knife edge) is refined
// by golden-section search. Each root is then rationalised (continued
// fractions, denominators <= 10^6) and, for deterministic pure profiles,
// checked exactly with GMP rationals: an exact root is reported as "p/q".
// The profile holds on the closed sets {g_i <= tol_i}, tol_i player i's own
// tolerance (one_shot_deviation.hpp); the overall sets are where every
// player's holds, their boundaries located on the largest gain relative to
// each player's payoff range, so no result depends on payoff units.
//
// Complexity: (grid + ~40 per root) evaluations of ProfileModel::check.
// Limits: roots closer together than the grid spacing can be missed (a
// grid of 400 points resolves intervals wider than 1/400; raise `grid`);
// exact confirmation needs deterministic pure automata and a root with a
// small denominator.
#pragma once

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gmpxx.h>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "models/game/automaton.hpp"

namespace negsim {

struct DiscountInterval {
  double lo = 0, hi = 0;       // closed at roots; lo = 0 / hi = 1 mean "down to 0" / "up to 1"
  std::string lo_exact, hi_exact;  // "p/q" when the endpoint was confirmed exactly
};

struct CriticalDiscountOptions {
  std::size_t grid = 400;
  double lo = 1e-3, hi = 1 - 1e-3;  // grid range inside (0, 1)
  double tol = 1e-9;                // per player, relative to its payoff range (OneShotOptions)
  bool spe = true, nash = true;
  // Checked before every evaluation (one exact one-shot deviation check over
  // the product automaton); LimitError saying how many were done.
  Deadline deadline;
};

struct DiscountRoot {
  double delta = 0;
  std::string exact;        // "p/q" if confirmed exactly, else ""
  std::string kind;         // "spe" or "nash"
  int player = -1;          // -1 = overall
  bool touching = false;    // gain touches 0 without crossing
};

struct CriticalDiscountResult {
  // Smallest delta such that the profile holds on [delta, hi] (NaN if it fails at hi).
  std::vector<double> spe_threshold_per_player, nash_threshold_per_player;
  double spe_threshold = NAN, nash_threshold = NAN;
  std::vector<std::vector<DiscountInterval>> spe_intervals_per_player, nash_intervals_per_player;
  std::vector<DiscountInterval> spe_intervals, nash_intervals;
  std::vector<DiscountRoot> roots;
  std::size_t evaluations = 0;
};

CriticalDiscountResult critical_discount(const NormalFormGame& game,
                                         std::span<const Automaton> automata,
                                         const CriticalDiscountOptions& options = {});

// Best rational approximation p/q of x with q <= max_den (continued fractions).
std::pair<long, long> rationalize(double x, long max_den = 1000000);

// x as a short rational: the simplest p/q (q <= 10^6, |x| < 10^12) within 8
// ulps of x (a scenario's 15.97, or 15.97 + 1 computed in doubles, is
// 1597/100 or 1697/100), else nothing.
std::optional<mpq_class> simple_rational(double x);
// A payoff as a rational: the game's exact payoff when it carries them, else
// simple_rational of the double. Exact thresholds are stated in these terms.
std::optional<mpq_class> simple_rational(const NormalFormGame& game, std::size_t player, std::size_t profile);

}  // namespace negsim
