#include "sim/sweep/refine_plan.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "models/errors.hpp"

namespace negsim {

namespace {

// The index offsets of the points k * step * stride_r, k in 0..count-1, over
// every combination of the refined axes r.
std::vector<std::size_t> lattice_offsets(const std::vector<std::size_t>& stride, std::size_t step, std::size_t count) {
  std::vector<std::size_t> offsets{0};
  for (const std::size_t s : stride) {
    std::vector<std::size_t> grown;
    grown.reserve(offsets.size() * count);
    for (const std::size_t o : offsets)
      for (std::size_t k = 0; k < count; ++k) grown.push_back(o + k * step * s);
    offsets = std::move(grown);
  }
  return offsets;
}

// a * b, or the largest size_t if that overflows (an estimate this large
// only ever says "more").
std::size_t saturating_product(std::size_t a, std::size_t b) {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) return std::numeric_limits<std::size_t>::max();
  return a * b;
}

}  // namespace

bool RefinePlan::shares_level0(const RefineGrid& grid, unsigned levels, std::size_t shard_count) {
  if (shard_count <= 1) return false;
  // In integers, so that every shard and merge, on any machine, decide alike.
  // Level 0's points, and an estimate of the whole refinement's: one
  // boundary across each slice of the refined axes (each value of the
  // others), meeting about as many level-0 cells as the slice's largest face
  // has (all refined axes but the shortest), each costing about
  // 4 * 2^(L(d-1)) points (64 at L = 4 in 2D on the TikTok maps).
  std::size_t points = 1, slices = 1, face = 1, shortest = std::numeric_limits<std::size_t>::max(), refined = 0;
  for (std::size_t a = 0; a < grid.extent.size(); ++a) {
    if (grid.refined[a]) {
      const std::size_t cells = (grid.extent[a] - 1) >> levels;
      points = saturating_product(points, cells + 1);
      face = saturating_product(face, cells);
      shortest = std::min(shortest, cells);
      ++refined;
    } else {
      points = saturating_product(points, grid.extent[a]);
      slices = saturating_product(slices, grid.extent[a]);
    }
  }
  if (refined == 0) return false;
  face = shortest == 0 ? 0 : face / shortest;
  std::size_t estimate = saturating_product(saturating_product(slices, 4), face);
  for (std::size_t k = 0; k < levels * (refined - 1); ++k) estimate = saturating_product(estimate, 2);
  estimate = estimate > std::numeric_limits<std::size_t>::max() - points ? std::numeric_limits<std::size_t>::max()
                                                                          : estimate + points;
  return saturating_product(shard_count, points) <= estimate;
}

std::vector<std::size_t> RefinePlan::deal_mixed_cells(
    const std::vector<std::size_t>& corners, const std::function<std::uint32_t(std::size_t)>& outcome) const {
  // A cell's weight: the edges (corner i and corner i | b, b one bit) whose
  // ends differ, the more the longer its boundary; 0 for a uniform cell.
  std::vector<std::size_t> mixed, weight;
  std::size_t total = 0;
  for (const std::size_t cell : cells_) {
    std::size_t edges = 0;
    for (std::size_t i = 0; i < corners.size(); ++i)
      for (std::size_t bit = 1; bit < corners.size(); bit <<= 1)
        if (!(i & bit) && outcome(cell + corners[i]) != outcome(cell + corners[i | bit])) ++edges;
    if (edges == 0) continue;
    mixed.push_back(cell);
    weight.push_back(edges);
    total += edges;
  }
  // Contiguous runs of about equal weight, in corner order: shard s takes
  // the cells whose weight's midpoint falls in [s, s + 1) * total / N.
  std::vector<std::size_t> mine;
  std::size_t before = 0;
  for (std::size_t i = 0; i < mixed.size(); ++i) {
    const std::size_t owner = std::min(shard_count_ - 1, (2 * before + weight[i]) * shard_count_ / (2 * total));
    before += weight[i];
    if (owner == shard_index_) mine.push_back(mixed[i]);
  }
  return mine;
}

RefineGrid RefineGrid::of(const SweepSpec& fine) {
  RefineGrid grid;
  for (std::size_t a = 0; a < fine.axes().size(); ++a) {
    const SweepAxis& axis = fine.axes()[a];
    if (axis.is_sampled())
      throw UsageError("--refine: " + axis.argument +
                       " is a random or Latin hypercube axis; refinement needs grids (--grid), whose points have "
                       "neighbours to compare");
    grid.extent.push_back(axis.num_levels());
    grid.stride.push_back(fine.stride(a));
    grid.refined.push_back(axis.kind == SweepAxisKind::Grid && axis.num_levels() >= 2);
  }
  if (std::find(grid.refined.begin(), grid.refined.end(), true) == grid.refined.end())
    throw UsageError("--refine needs at least one --grid axis with two or more values");
  return grid;
}

std::string RefineGrid::text() const {
  std::string out;
  for (std::size_t a = 0; a < extent.size(); ++a)
    out += (a ? "," : "") + std::to_string(extent[a]) + (refined[a] ? "r" : "f");
  return out;
}

std::optional<RefineGrid> RefineGrid::parse(std::string_view text, std::size_t points) {
  RefineGrid grid;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.size() < 2 || (item.back() != 'r' && item.back() != 'f')) return std::nullopt;
    std::size_t extent = 0;
    const auto result = std::from_chars(item.data(), item.data() + item.size() - 1, extent);
    if (result.ec != std::errc() || result.ptr != item.data() + item.size() - 1 || extent == 0) return std::nullopt;
    grid.extent.push_back(extent);
    grid.refined.push_back(item.back() == 'r');
  }
  // Strides: the last axis fastest; what is left of `points` is the unit.
  std::size_t product = 1;
  grid.stride.assign(grid.extent.size(), 0);
  for (std::size_t a = grid.extent.size(); a-- > 0;) {
    grid.stride[a] = product;
    if (product > points / grid.extent[a]) return std::nullopt;
    product *= grid.extent[a];
  }
  if (product == 0 || points % product != 0) return std::nullopt;
  for (std::size_t& s : grid.stride) s *= points / product;
  if (std::find(grid.refined.begin(), grid.refined.end(), true) == grid.refined.end()) return std::nullopt;
  return grid;
}

RefinePlan::RefinePlan(const SweepSpec& fine, unsigned levels, std::size_t shard_index, std::size_t shard_count)
    : RefinePlan(RefineGrid::of(fine), levels, shard_index, shard_count) {}

RefinePlan::RefinePlan(const RefineGrid& grid, unsigned levels, std::size_t shard_index, std::size_t shard_count)
    : levels_(levels), shard_index_(shard_index), shard_count_(shard_count) {
  if (shard_count_ == 0 || shard_index_ >= shard_count_) throw UsageError("--shard I/N needs 0 <= I < N");
  shared_level0_ = shares_level0(grid, levels, shard_count);
  for (std::size_t a = 0; a < grid.extent.size(); ++a) {
    if (grid.refined[a]) {
      refined_.push_back(a);
      stride_.push_back(grid.stride[a]);
      extent_.push_back(grid.extent[a]);
    } else {
      fixed_.push_back(a);
      fixed_stride_.push_back(grid.stride[a]);
      fixed_extent_.push_back(grid.extent[a]);
    }
  }
  if (refined_.empty())
    throw UsageError("--refine needs at least one --grid axis with two or more values");
  side_ = std::size_t{1} << levels_;
}

std::vector<std::size_t> RefinePlan::start() {
  level_ = 0;
  done_ = false;
  side_ = std::size_t{1} << levels_;
  known_.clear();
  cells_.clear();
  // Every axis' coordinates at level 0, in axis order (the first slowest):
  // a refined axis every 2^L fine values, the others every value. The
  // product in this order is ascending in the fine index.
  std::vector<std::size_t> points{0};
  std::vector<bool> cell{true};  // is the point a cell's lower corner
  std::size_t r = 0, f = 0;
  const std::size_t axes = refined_.size() + fixed_.size();
  for (std::size_t a = 0; a < axes; ++a) {
    const bool refined = r < refined_.size() && refined_[r] == a;
    const std::size_t stride = refined ? stride_[r] : fixed_stride_[f];
    const std::size_t extent = refined ? extent_[r] : fixed_extent_[f];
    const std::size_t step = refined ? side_ : 1;
    std::vector<std::size_t> grown;
    std::vector<bool> grown_cell;
    for (std::size_t i = 0; i < points.size(); ++i)
      for (std::size_t c = 0; c < extent; c += step) {
        grown.push_back(points[i] + c * stride);
        grown_cell.push_back(cell[i] && (!refined || c + 1 < extent));
      }
    points = std::move(grown);
    cell = std::move(grown_cell);
    if (refined) ++r;
    else ++f;
  }
  for (std::size_t i = 0; i < points.size(); ++i)
    if (cell[i]) cells_.push_back(points[i]);
  if (shard_count_ > 1 && !shared_level0_) {
    // This shard's cells (round-robin in corner order) and their corners.
    std::vector<std::size_t> mine;
    for (std::size_t c = shard_index_; c < cells_.size(); c += shard_count_) mine.push_back(cells_[c]);
    cells_ = std::move(mine);
    const std::vector<std::size_t> corners = lattice_offsets(stride_, side_, 2);
    points.clear();
    for (const std::size_t c : cells_)
      for (const std::size_t o : corners) points.push_back(c + o);
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
  }
  known_.insert(points.begin(), points.end());
  if (levels_ == 0) done_ = true;
  return points;
}

std::vector<std::size_t> RefinePlan::next(const std::function<std::uint32_t(std::size_t)>& outcome) {
  if (done_ || level_ >= levels_) {
    done_ = true;
    return {};
  }
  const std::size_t half = side_ / 2;
  const std::vector<std::size_t> corners = lattice_offsets(stride_, side_, 2);
  if (level_ == 0 && shared_level0_) cells_ = deal_mixed_cells(corners, outcome);
  const std::vector<std::size_t> subgrid = lattice_offsets(stride_, half, 3);
  const std::vector<std::size_t> children = lattice_offsets(stride_, half, 2);
  std::vector<std::size_t> points, cells;
  for (const std::size_t cell : cells_) {
    const std::uint32_t first = outcome(cell);
    bool uniform = true;
    for (std::size_t c = 1; c < corners.size() && uniform; ++c) uniform = outcome(cell + corners[c]) == first;
    if (uniform) continue;
    for (const std::size_t o : subgrid)
      if (known_.insert(cell + o).second) points.push_back(cell + o);
    for (const std::size_t o : children) cells.push_back(cell + o);
  }
  if (cells.empty()) {
    done_ = true;
    return {};
  }
  std::sort(points.begin(), points.end());
  std::sort(cells.begin(), cells.end());
  ++level_;
  side_ = half;
  cells_ = std::move(cells);
  return points;
}

}  // namespace negsim
