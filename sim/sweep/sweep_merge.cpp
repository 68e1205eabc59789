#include "sim/sweep/sweep_merge.hpp"

#include <map>
#include <optional>
#include <string_view>


#include "models/errors.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/sweep/refine_merge.hpp"
#include "sim/sweep/shard_file_checks.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/sweep/sweep_output.hpp"

namespace negsim {

namespace {

constexpr const char* kResumeHint =
    "finish the shard with the same `negsim sweep ... --shard I/N --out FILE` command plus --resume, then merge again";



struct Shard {
  const SweepShardFile* file = nullptr;
  SweepIdentity id;
  bool json = false;
  std::string_view header;               // CSV header line with '\n' (empty for JSON lines)
  std::vector<std::string_view> points;  // each point's lines, in order
};

// Splits the rows of `shard` into whole points and checks them.
void read_points(Shard& shard, std::string_view rows, std::size_t first_line, std::size_t analysis_column) {
  const std::string& name = shard.file->name;
  const std::size_t expected_count =
      shard.id.shard_index >= shard.id.points
          ? 0
          : (shard.id.points - shard.id.shard_index + shard.id.shard_count - 1) / shard.id.shard_count;
  std::size_t point_start = 0;
  std::size_t expected_row = 0, row_count = 0;
  bool in_point = false;
  ShardLineReader lines(rows, first_line, name, shard.id.shard_index, shard.id.shard_count, kResumeHint);
  auto fail = [&](const std::string& message) { lines.fail(message); };
  std::string_view with_newline;
  while (lines.next(with_newline)) {
    const std::string_view line = with_newline.substr(0, with_newline.size() - 1);
    RowPosition at;
    if (!read_row_position(line, shard.json, analysis_column, at))
      fail("cannot read the point, row and rows of this line");
    const std::size_t point = at.point, row = at.row, count = at.rows;
    const std::size_t k = shard.points.size();
    const std::size_t expected_point = shard.id.shard_index + k * shard.id.shard_count;
    if (!in_point) {
      if (k >= expected_count)
        fail("point " + std::to_string(point) + " is beyond the " + std::to_string(expected_count) +
             " points of shard " + std::to_string(shard.id.shard_index) + "/" + std::to_string(shard.id.shard_count));
      point_start = lines.line_start();
      expected_row = 0;
      row_count = count;
    }
    if (point != expected_point)
      fail("point " + std::to_string(point) + " where point " + std::to_string(expected_point) +
           " was expected (each point exactly once, in order)");
    if (row != expected_row || count == 0 || count != row_count)
      fail("rows of point " + std::to_string(point) + " out of order (row " + std::to_string(row) + " of " +
           std::to_string(count) + ")");
    in_point = ++expected_row < row_count;
    if (!in_point) shard.points.push_back(rows.substr(point_start, lines.line_end() - point_start));
  }
  if (in_point || shard.points.size() != expected_count)
    throw InputError(name, 0, 0,
                     "incomplete: " + std::to_string(shard.points.size()) + " of the " +
                         std::to_string(expected_count) + " points of shard " + std::to_string(shard.id.shard_index) +
                         "/" + std::to_string(shard.id.shard_count) + " are complete",
                     kResumeHint);
}

}  // namespace

std::string merge_sweep_shards(const std::vector<SweepShardFile>& files) {
  if (files.empty()) throw UsageError("merge: no file given");
  std::vector<Shard> shards(files.size());
  std::map<std::size_t, std::size_t> by_index;  // shard index -> position in `shards`
  for (std::size_t f = 0; f < files.size(); ++f) {
    Shard& shard = shards[f];
    shard.file = &files[f];
    const std::string& content = files[f].content;
    const std::size_t newline = content.find('\n');
    const std::optional<SweepIdentity> id =
        newline == std::string::npos ? std::nullopt : SweepIdentity::parse(std::string_view(content).substr(0, newline));
    if (!id)
      throw InputError(files[f].name, 1, 0, "the first line is not a sweep description line",
                       "merge reads the files `negsim sweep --shard I/N --out FILE` writes (their first line starts "
                       "'# negsim sweep' or '{\"negsim_sweep\"')");
    if (f == 0 && !id->refine.empty()) return merge_refined_shards(files);
    shard.id = *id;
    shard.json = content[0] == '{';
    std::size_t pos = newline + 1, first_line = 1;
    if (!shard.json) {
      const std::size_t end = content.find('\n', pos);
      if (end == std::string::npos) throw InputError(files[f].name, 2, 0, "torn header line", kResumeHint);
      shard.header = std::string_view(content).substr(pos, end + 1 - pos);
      pos = end + 1;
      first_line = 2;
    }
    if (f > 0) {
      const Shard& first = shards[0];
      const std::string what = first.id.difference(shard.id);
      if (!what.empty())
        throw InputError(files[f].name, 1, 0,
                         "not a shard of the same sweep as " + files[0].name + ": " + what + " differ",
                         "merge only the shards of one sweep");
      if (shard.json != first.json)
        throw InputError(files[f].name, 1, 0, "CSV and JSON lines shards cannot be merged (" + files[0].name + ")");
      if (shard.header != first.header)
        throw InputError(files[f].name, 2, 0, "the header differs from " + files[0].name + "'s");
    }
    const auto [at, inserted] = by_index.emplace(shard.id.shard_index, f);
    if (!inserted)
      throw InputError(files[f].name, 1, 0,
                       "shard " + std::to_string(shard.id.shard_index) + "/" + std::to_string(shard.id.shard_count) +
                           " is given twice (also " + files[at->second].name + ")",
                       "each shard exactly once");
    std::size_t analysis_column = 0;
    if (!shard.json) {
      const std::vector<std::string> columns = split_csv_line(shard.header.substr(0, shard.header.size() - 1)).cells;
      while (analysis_column < columns.size() && columns[analysis_column] != "analysis") ++analysis_column;
      if (analysis_column == columns.size())
        throw InputError(files[f].name, 2, 0, "the header has no 'analysis' column");
    }
    read_points(shard, std::string_view(content).substr(pos), first_line, analysis_column);
  }
  const std::size_t count = shards[0].id.shard_count;
  require_every_shard(by_index, count, files[0].name);
  SweepIdentity whole = shards[0].id;
  whole.shard_index = 0;
  whole.shard_count = 1;
  std::string out = whole.line(shards[0].json ? SweepFormat::JsonLines : SweepFormat::Csv);
  out += shards[0].header;
  std::size_t total = 0;
  for (const Shard& shard : shards)
    for (std::string_view point : shard.points) total += point.size();
  out.reserve(out.size() + total);
  for (std::size_t p = 0; p < whole.points; ++p) {
    const Shard& shard = shards[by_index.at(p % count)];
    out += shard.points[p / count];
  }
  return out;
}

}  // namespace negsim
