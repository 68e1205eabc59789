// Per-player payoff units for the payoff-set geometry of repeated games.
//
// The tolerance rule of docs/solvers/tolerances.md is per player and relative
// to that player's own payoff range. Sets in the plane (or space) of all
// players' payoffs mix two players' units, so a Euclidean tolerance or one
// scaled by the largest payoff would depend on how each player's payoffs are
// expressed. Instead the geometry is computed in normalised coordinates
//     w'_i = (w_i - offset_i) / unit_i,
// offset_i = player i's smallest stage payoff, unit_i = its range (1 when the
// player's payoffs are all equal), so every player's payoffs lie in [0, 1];
// results are mapped back. A separate positive affine change of each player's
// payoffs then changes nothing in normalised coordinates: the computed sets
// are equivariant, up to the rounding of the mapping itself.
#pragma once

#include <span>
#include <vector>

#include "models/game/normal_form.hpp"
#include "sim/repeated/polygon.hpp"

namespace negsim {

struct PayoffUnits {
  std::vector<double> offset;  // each player's smallest stage payoff
  std::vector<double> unit;    // each player's payoff range (1 if 0)

  static PayoffUnits of(const NormalFormGame& game);

  // The same game with every player's payoffs mapped to [0, 1].
  NormalFormGame normalise(const NormalFormGame& game) const;

  double to_unit(std::size_t player, double w) const { return (w - offset[player]) / unit[player]; }
  double to_game(std::size_t player, double w) const { return offset[player] + unit[player] * w; }
  Point2 to_unit(const Point2& w) const { return {to_unit(0, w[0]), to_unit(1, w[1])}; }
  Point2 to_game(const Point2& w) const { return {to_game(0, w[0]), to_game(1, w[1])}; }
  std::vector<double> to_unit(std::span<const double> w) const;
};

}  // namespace negsim
