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
//  - Shards (--shard I/N, refine_plan's shard_index/shard_count), with no
//    word between them: a cell's refinement reads only outcomes at points
//    of the closed cell, so a shard refines the level-0 cells it owns alone.
//    Two ways to deal the cells, chosen from the grid, L and N alone
//    (shares_level0):
//    * a coarse level 0 (N times its points at most an estimate of the
//      whole refinement's points, see shares_level0 in the .cpp): every shard
//      computes the whole level 0, so every shard knows which cells' corners
//      differ ("mixed"; the uniform ones need no refinement), and the mixed
//      cells, in increasing order of their lower corner and weighted by
//      their edges whose ends differ, are cut into N contiguous runs of
//      about equal weight (shard s takes the cells whose weight's midpoint
//      falls in [s, s + 1) * total / N). The work goes where the boundary
//      is, and contiguous runs share few faces; the price is level 0 in
//      every shard.
//    * a fine level 0: the cells, in increasing order of their lower corner,
//      are dealt round-robin (cell c to shard c % N), and each shard computes
//      its cells' corners: with many cells per shard the boundary's cells
//      spread evenly by themselves, and level 0 is not repeated. Round-robin
//      rather than blocks: a boundary crossing one block would leave one
//      shard with all of it.
//    A point on a face shared with another shard's cell may be computed by
//    both (the rows are equal: a point's row and seed depend on its fine
//    index only), possibly at different levels (the level at which each
//    shard first needs it); the whole sweep's level is the smallest.
//    `negsim merge` (sweep_merge.hpp) keeps one copy.
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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace negsim {

// The shape of the fine grid that a plan needs: per axis (in the spec's
// order) its number of fine values, its index stride and whether it is
// refined. Written into a refined sweep's description line
// (sweep_identity.hpp, refine_grid=) so that `negsim merge` can replay the
// plan without the scenario.
struct RefineGrid {
  std::vector<std::size_t> extent, stride;
  std::vector<bool> refined;

  // UsageError without a --grid axis of two or more values, or with random
  // or LHS axes (a sample has no neighbours to compare with).
  static RefineGrid of(const SweepSpec& fine);
  // "17r,17r,2f": extent and r (refined) or f (fixed) per axis.
  std::string text() const;
  // Reads text(); the strides follow from the extents (first axis slowest)
  // and the sweep's point count. nullopt if the text is not a grid of
  // `points` points with a refined axis.
  static std::optional<RefineGrid> parse(std::string_view text, std::size_t points);
};

class RefinePlan {
 public:
  // `fine` is the coarse spec refined by `levels` (SweepSpec::refined).
  // UsageError as RefineGrid::of. With shard_count > 1 the plan holds only
  // the points of shard shard_index's level-0 cells (see above).
  RefinePlan(const SweepSpec& fine, unsigned levels, std::size_t shard_index = 0, std::size_t shard_count = 1);
  RefinePlan(const RefineGrid& grid, unsigned levels, std::size_t shard_index = 0, std::size_t shard_count = 1);

  unsigned levels() const { return levels_; }
  // The level whose points the last call of start()/next() returned.
  unsigned level() const { return level_; }
  // The axes that are refined (positions in the spec's axes).
  const std::vector<std::size_t>& refined_axes() const { return refined_; }

  // Whether a plan of `shard_count` shards computes the whole level 0 in
  // every shard and deals the mixed cells (see above), or deals every cell
  // round-robin. The sweep's description line says which (refine_shards=).
  static bool shares_level0(const RefineGrid& grid, unsigned levels, std::size_t shard_count);
  bool shares_level0() const { return shared_level0_; }

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
  // This shard's share of the level-0 cells whose corners differ.
  std::vector<std::size_t> deal_mixed_cells(const std::vector<std::size_t>& corners,
                                            const std::function<std::uint32_t(std::size_t)>& outcome) const;

  unsigned levels_ = 0, level_ = 0;
  std::size_t shard_index_ = 0, shard_count_ = 1;
  bool done_ = false;
  bool shared_level0_ = false;
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
