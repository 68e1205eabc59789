// `negsim merge` for refined sweeps (--refine L --shard I/N): the shards
// joined into the file one unsharded refined run writes, byte for byte, after
// checking that nothing is missing.
//
// Contract (the plain merge's, sweep_merge.hpp, where it applies)
//  - Every file starts with the description line of the same refined sweep
//    (refine=, refine_by= and refine_grid= included), same format, same
//    header; every shard 0..N-1 exactly once; no torn line, no unfinished
//    point (each point's rows 0..rows-1 in a row, one level on all of them).
//  - Shards check themselves: the refinement is replayed from the rows'
//    outcome columns (RefineOutcome over refine_by, RefinePlan over
//    refine_grid), shard by shard, and each file must hold exactly its plan's
//    points, in its order, at its levels. A file that stops early (killed,
//    still running) is refused naming the first missing point; a point that
//    should not be there is refused too.
//  - A point on a face of two shards' level-0 cells is in both files; its
//    rows must be byte-identical apart from the level (rows depend on the
//    point's fine index only), or the merge fails naming both files.
//  - The result: the description line of the whole sweep (shard 0/1), the
//    header, and the points in the order of the unsharded plan (level by
//    level, ascending within a level), each at its unsharded level (the
//    smallest of its copies', which the replay checks).
// Complexity: linear in the files' size plus the plan's cost (refine_plan.hpp).
#pragma once

#include <string>
#include <vector>

#include "sim/sweep/sweep_merge.hpp"

namespace negsim {

// `files` are the shards of one refined sweep (their first line says
// refine=); InputError naming the file and problem otherwise.
std::string merge_refined_shards(const std::vector<SweepShardFile>& files);

}  // namespace negsim
