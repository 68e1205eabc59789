// The specification of a parameter sweep: which scenario variants ("points")
// to analyse, numbered 0..P-1 deterministically. Format: docs/sweeps.md.
//
// Axes, in the order given on the command line:
//   --grid NAME=LO:HI:N    N evenly spaced values, both ends included
//                          (N = 1: just LO). Value i is LO + (HI-LO)*i/(N-1),
//                          the last one exactly HI.
//   --list NAME=a,b,c      the listed values, in order.
//   --random NAME=LO:HI    uniform on [LO, HI), one value per sample.
//   --lhs NAME=LO:HI       Latin hypercube on [LO, HI): the K samples fall one
//                          in each of the K equal strata of every LHS axis.
// NAME is a scenario parameter, or `player.lever`: the lever is then fixed to
// the point's value (the player's menu for that lever becomes that one value).
// For a lever, a list item may be a set written `a|b|c`: the lever's value set
// becomes exactly those values (a numeric lever's values are replaced, so new
// numbers are allowed; a label lever is restricted to those of its labels by a
// one-player constraint, so its labels and their numbers stay as in the file).
// Label levers take --list only; grids, random and LHS need numeric levers.
//
// Points: the Cartesian product of the grid/list axes (the first axis given
// varies slowest) times the K samples of the random/LHS axes (fastest):
//   index = ((l_0 * n_1 + l_1) * n_2 + ...) * K + sample.
// Without random/LHS axes K = 1. The same K samples are used in every grid
// cell (common random numbers). Random values and point seeds depend only on
// (--seed, axis position, sample or point index): never on threads, shards,
// ranks or batches.
//
// Errors: malformed arguments are UsageErrors naming the argument; unknown
// parameter or lever names are InputErrors (file "--grid" etc.) with a
// did-you-mean hint. Limits: at most 2^53 points (UsageError, checked before
// anything is allocated); HI - LO must be a finite double (UsageError: a range
// such as -1e308:1e308 would give infinite or NaN values); the LHS samples
// (16 bytes per sample and LHS axis) are checked against the memory budget
// (LimitError).
// Complexity: construction O(axes + K * LHS axes); a point's values O(axes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace negsim {

enum class SweepAxisKind { Grid, List, Random, LatinHypercube };

// One axis as written: the option (without dashes: "grid", "list", "random",
// "lhs") and its value ("tiktok_value=10:50:5").
struct SweepAxisArgument {
  std::string option;
  std::string value;
};

struct SweepAxis {
  SweepAxisKind kind = SweepAxisKind::Grid;
  std::string argument;  // "--grid NAME=..." as written, for messages
  std::string name;      // parameter id or player.lever
  bool is_lever = false;
  std::size_t parameter = 0;  // index in Scenario::parameters (if !is_lever)
  std::size_t player = 0, lever = 0;  // (if is_lever)
  bool label_lever = false;
  // List: the levels. values[l] is one number for a parameter or a fixed
  // lever; a set for a lever list item `a|b` (numbers of a numeric lever;
  // label indices of a label lever). texts[l] is the CSV cell.
  std::vector<std::vector<double>> values;
  std::vector<std::string> texts;
  // Grid: the range and the number of levels. A grid's values are computed
  // when asked for (SweepSpec::number), never stored, so a grid of 10^12
  // levels costs nothing until its points are run.
  std::size_t grid_levels = 0;
  // Grid, Random and LatinHypercube: the range (HI - LO is a finite double).
  double low = 0, high = 0;
  // LatinHypercube: the K sample values, precomputed.
  std::vector<double> samples;

  bool is_sampled() const { return kind == SweepAxisKind::Random || kind == SweepAxisKind::LatinHypercube; }
  std::size_t num_levels() const { return kind == SweepAxisKind::Grid ? grid_levels : values.size(); }
  // Value l of a grid: LO + (HI-LO)*l/(N-1), the last one exactly HI.
  double grid_value(std::size_t l) const;
};

// splitmix64 (Steele, Lea, Flood 2014): the mixing function behind every seed here.
std::uint64_t splitmix64(std::uint64_t x);

class SweepSpec {
 public:
  SweepSpec() = default;
  // Validates the axes against the scenario (after --set overrides). samples
  // is --samples (0 if not given: an error when random/LHS axes exist, and
  // --samples without them is an error too); seed is --seed.
  SweepSpec(const Scenario& scenario, const std::vector<SweepAxisArgument>& axes,
            std::size_t samples, std::uint64_t seed);

  const std::vector<SweepAxis>& axes() const { return axes_; }
  std::size_t num_points() const { return num_points_; }
  std::size_t num_samples() const { return samples_; }
  std::uint64_t seed() const { return seed_; }

  // The seed of point `index`: splitmix64(splitmix64(seed) + index). Analyses
  // that draw random numbers use it, so results do not depend on scheduling.
  std::uint64_t point_seed(std::size_t index) const;

  // Value of axis `axis` at point `index`: a number (parameters, fixed
  // levers) and the CSV text of the value.
  double number(std::size_t axis, std::size_t index) const;
  std::string text(std::size_t axis, std::size_t index) const;

  // The level of axis `axis` (a grid or list axis) at point `index`, and the
  // index step between neighbouring levels of that axis.
  std::size_t level(std::size_t axis, std::size_t index) const;
  std::size_t stride(std::size_t axis) const { return level_stride_[axis]; }

  // The same sweep on grids 2^levels times finer (--refine): every --grid
  // axis of N >= 2 values gets (N - 1) * 2^levels + 1, so value i of this
  // spec is value i * 2^levels of the fine one (the same double: the
  // numerator and denominator of grid_value are both scaled by 2^levels).
  // Other axes are unchanged. UsageError past 2^53 points.
  SweepSpec refined(unsigned levels) const;

  // A working copy of the scenario for apply_point: it gets one extra
  // constraint slot per label-lever axis (holding the restriction to the
  // point's labels). Workers make one and reuse it for every point.
  Scenario prepare(const Scenario& base) const;
  // Sets every swept parameter and lever of `prepared` (made by prepare() from
  // `base`) to point `index`. Cheap: no allocation for parameter axes.
  void apply_point(std::size_t index, const Scenario& base, Scenario& prepared) const;

 private:
  void compute_strides();
  std::size_t sample(std::size_t index) const { return index % samples_; }
  double sampled_value(std::size_t axis, std::size_t sample) const;

  std::vector<SweepAxis> axes_;
  std::vector<std::size_t> level_stride_;  // per axis (grid/list only)
  std::size_t samples_ = 1;
  std::size_t num_points_ = 1;
  std::uint64_t seed_ = 0;
  std::size_t base_constraints_ = 0;  // constraints of the base scenario
};

// Shortest text that reads back as the same double ("0.1", "20", "1e-07").
std::string format_sweep_number(double value);

}  // namespace negsim
