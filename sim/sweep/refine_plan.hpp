// Adaptive refinement of a grid sweep (--refine L): which points to compute,
// level by level, so that a regime map is as sharp as a grid 2^L times finer
// at a fraction of its points. Format and guarantees: docs/sweeps.md,
// "Adaptive regime maps".
//
// Method (a 2^d-tree over the d refined axes, as a quadtree in 2D):
//  - The fine grid: every --grid axis of N >= 2 values gets (N - 1) * 2^L + 1
//    (SweepSpec::refined); the other axes (lists, one-value grids) are not
//    refined. Points are named by their index in the fine grid, so a refined
//    sweep's row equals the fine sweep's row at that point, seed included.
//  - Level 0 is the grid given: its points, and its cells (the boxes between
//    neighbouring values of the refined axes, at every value of the others),
//    of side 2^L fine steps.
//  - Level k = 1..L: every cell of level k-1 whose 2^d corners do not all
//    have the same outcome is split into 2^d cells of half the side; the
//    level's points are the corners of those new cells not computed before,
//    in increasing index. The list depends only on the outcomes of levels
//    below k, never on threads, batches or resumes.
// Limits: cells whose corners agree are never looked into, so an island of
// another outcome strictly inside a cell, or a boundary that leaves a cell
// through the same side it entered, is missed (docs/sweeps.md measures how
// often on the TikTok maps).
// Complexity: level k costs O(cells of level k-1 * 3^d) and memory O(points
// computed + cells of the level).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_set>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

class RefinePlan {
 public:
  // `fine` is the coarse spec refined by `levels` (SweepSpec::refined).
  // UsageError without a --grid axis of two or more values, or with random
  // or LHS axes (a sample has no neighbours to compare with).
  RefinePlan(const SweepSpec& fine, unsigned levels);

  unsigned levels() const { return levels_; }
  // The level whose points the last call of start()/next() returned.
  unsigned level() const { return level_; }
  // The axes that are refined (positions in the spec's axes).
  const std::vector<std::size_t>& refined_axes() const { return refined_; }

  // Level 0: the points of the grid given, as fine indices, ascending.
  std::vector<std::size_t> start();
  // The next level's new points, ascending, from the outcome (an id: equal
  // ids, equal outcomes) of every point returned so far; empty once level L
  // is done or no cell is split (then level() stays the last level with points).
  std::vector<std::size_t> next(const std::function<std::uint32_t(std::size_t point)>& outcome);

  // The cells of the current level (lower corners, fine indices) and their
  // side in fine steps.
  const std::vector<std::size_t>& cells() const { return cells_; }
  std::size_t cell_side() const { return side_; }

 private:
  unsigned levels_ = 0, level_ = 0;
  bool done_ = false;
  std::vector<std::size_t> refined_;
  std::vector<std::size_t> stride_;     // per refined axis: the fine index step of one fine value
  std::vector<std::size_t> extent_;     // per refined axis: fine values of the axis
  std::vector<std::size_t> fixed_;      // the other axes (not refined)
  std::vector<std::size_t> fixed_stride_, fixed_extent_;
  std::size_t side_ = 1;
  std::vector<std::size_t> cells_;
  std::unordered_set<std::size_t> known_;
};

}  // namespace negsim
