// The feasible and individually rational payoff region of a repeated game:
// F = co{u(a) : a pure profile} intersected with IR = {w : w_i >= v_i}, where v
// is the minmax vector (pure, mixed or correlated). By the folk theorem
// (Fudenberg & Maskin 1986) every point in the relative interior of F ∩ IR is
// a subgame-perfect equilibrium payoff for delta close enough to 1 (with
// public randomization; full-dimensionality for N >= 3).
//
// Two players: the region as a polygon (F clipped by two half-planes).
// N players: the generating payoff vectors and an exact membership test (an LP:
// is w a convex combination of pure payoff vectors?); no facet enumeration.
// Tolerances: computed in per-player normalised coordinates (payoff_units.hpp)
// and mapped back, so the region moves with a separate positive affine change
// of each player's payoffs; contains()'s tol is relative to each player's range.
// Complexity: O(P log P) for the 2D hull; one LP with P columns per membership test.
#pragma once

#include <span>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/repeated/minmax.hpp"
#include "sim/repeated/payoff_units.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim {

enum class MinmaxKind { Pure, Mixed, Correlated };

struct FeasibleRegion {
  std::size_t num_players = 0;
  MinmaxKind kind = MinmaxKind::Mixed;
  std::vector<double> minmax;                       // IR thresholds v_i
  std::vector<bool> minmax_exact;
  std::vector<std::vector<double>> payoff_points;   // distinct pure payoff vectors
  std::vector<Point2> feasible_polygon;             // 2 players: F
  std::vector<Point2> polygon;                      // 2 players: F ∩ IR, CCW
  bool empty = false;                               // F ∩ IR is empty
  PayoffUnits units;                                // the normalisation below
  std::vector<double> unit_minmax;                  // v in normalised coordinates
  std::vector<std::vector<double>> unit_payoff_points;
  std::vector<Point2> unit_feasible_polygon;

  // True if w is feasible and w_i >= v_i, both within tol times player i's
  // payoff range (tested in normalised coordinates).
  bool contains(std::span<const double> w, double tol = 1e-9) const;
};

FeasibleRegion feasible_region(const NormalFormGame& game, MinmaxKind kind = MinmaxKind::Mixed,
                               const MinmaxOptions& options = {});

}  // namespace negsim
