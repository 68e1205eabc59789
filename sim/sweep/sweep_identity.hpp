// What a sweep file is a part of: its first line describes the sweep that
// wrote it, so that --resume and `negsim merge` can refuse files of another
// sweep instead of silently mixing results.
//
// The description line (the file's first line, before the CSV header):
//   CSV:         # negsim sweep shard=I/N points=P negsim=V scenario=H set=H axes=H analyses=H
//   JSON lines:  {"negsim_sweep":"shard=I/N points=P negsim=V scenario=H set=H axes=H analyses=H"}
// (the JSON form keeps every line of a JSON lines file valid JSON). Each H is
// 16 hex digits of FNV-1a (64 bit), a change detector, not a signature:
//   scenario  the scenario file's bytes
//   set       every --set NAME=VALUE, in order
//   axes      every axis as written (--grid/--list/--random/--lhs), --samples, --seed
//   analyses  --analyses, --select, --max-profiles, --format
// and, for a refined sweep only (--refine L), three more fields after them:
//   refine=L refine_by=C refine_grid=G
// the level, the --refine-by columns (comma-separated; bytes other than
// letters, digits and _.:- written %XX) and the fine grid
// (RefineGrid::text, refine_plan.hpp), so that `negsim merge` can replay
// the refinement from the rows alone; a shard of a refined sweep whose
// plan computes the whole level 0 in every shard and deals the cells whose
// corners differ (RefinePlan::shares_level0, refine_plan.hpp) adds
// refine_shards=level0. Shard files of such a sweep written before that
// deal (every level-0 cell round-robin) lack the field, so --resume and
// merge refuse them instead of misreading them.
// V is negsim's version. Everything a row depends on is in the line, and
// nothing else (no time, host or path), so a resumed, sharded-and-merged or
// MPI sweep keeps the bytes of one uninterrupted run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace negsim {

enum class SweepFormat;

// How a refined sweep's shards share the work (refine_plan.hpp, "Shards").
inline constexpr const char* kRefineShardDeal = "level0";

// FNV-1a 64 over `parts`, each followed by a 0 byte (so ("ab","c") and
// ("a","bc") differ), as 16 lowercase hex digits.
std::string sweep_hash(const std::vector<std::string>& parts);

struct SweepIdentity {
  std::size_t shard_index = 0, shard_count = 1;
  std::size_t points = 0;  // of the whole sweep
  std::string negsim;      // version
  std::string scenario, set, axes, analyses;  // hashes (see above)
  std::string refine;                         // --refine L; empty: not refined
  std::vector<std::string> refine_by;         // --refine-by columns
  std::string refine_grid;                    // RefineGrid::text()
  std::string refine_shards;                  // kRefineShardDeal, or empty (see above)

  // The description line, with its '\n'.
  std::string line(SweepFormat format) const;
  // Reads a description line (without its '\n'); nullopt if `line` is not one.
  static std::optional<SweepIdentity> parse(std::string_view line);
  // What differs from `other` apart from the shard, in words ("the scenario
  // file", "the --set values", ...); empty when the sweeps are the same.
  std::string difference(const SweepIdentity& other) const;
};

}  // namespace negsim
