// `negsim merge`: the shards of one sweep (--shard I/N, each its own file)
// joined into the file one process would have written, byte for byte.
//
// Contract
//  - Every file must start with a sweep description line
//    (sweep_identity.hpp); all must describe the same sweep (scenario file,
//    --set, axes, analyses, negsim version, number of shards), be in the same
//    format, and (CSV) have the same header.
//  - Every shard 0..N-1 must be there exactly once, and each must be
//    complete: its points are exactly I, I+N, I+2N, ... below the sweep's
//    point count, in order, each with all its rows (row 0..rows-1), and the
//    last line ends with a newline. A torn or unfinished shard (killed, still
//    running) is refused, naming the file and what is missing; continue it
//    with `negsim sweep ... --resume` and merge again.
//  - The result is the description line of the whole sweep (shard 0/1), the
//    header, and every point's rows in point order: exactly the bytes of an
//    unsharded run.
//  - Refined sweeps (--refine L, their first line says refine=) are merged
//    by merge_refined_shards (refine_merge.hpp), which also replays the
//    refinement to check that no point is missing.
//  - Problems are InputErrors naming the file (and the line where one applies).
// Complexity: linear in the total size of the files.
#pragma once

#include <string>
#include <vector>

namespace negsim {

struct SweepShardFile {
  std::string name;     // for messages
  std::string content;  // the whole file
};

std::string merge_sweep_shards(const std::vector<SweepShardFile>& files);

}  // namespace negsim
