#include "sim/sweep/refine_merge.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>


#include "models/errors.hpp"
#include "sim/report/text_escape.hpp"
#include "sim/sweep/refine_outcome.hpp"
#include "sim/sweep/refine_plan.hpp"
#include "sim/sweep/shard_file_checks.hpp"
#include "sim/sweep/sweep_identity.hpp"
#include "sim/sweep/sweep_output.hpp"

namespace negsim {

namespace {

constexpr const char* kResumeHint =
    "finish the shard with the same `negsim sweep ... --refine L --shard I/N --out FILE` command plus --resume, "
    "then merge again";
constexpr std::string_view kJsonLevel = ",\"level\":";


// A point of a shard file: its index, level and its lines as the engine
// wrote them, before the level was appended (each ending in '\n').
struct ShardPoint {
  std::size_t index = 0, level = 0;
  std::string lines;
};

struct RefinedShard {
  const SweepShardFile* file = nullptr;
  SweepIdentity id;
  bool json = false;
  std::string_view header;  // CSV header with '\n'
  std::vector<ShardPoint> points;
};

// The end the runner gives each line of a point of `level`.
std::string level_suffix(bool json, std::size_t level) {
  return json ? std::string(kJsonLevel) + std::to_string(level) + "}\n" : "," + std::to_string(level) + "\n";
}

// `line` (with '\n') without its level; nullopt if the level is not its last cell.
std::optional<std::string> strip_level(std::string_view line, bool json, std::size_t& level) {
  const std::size_t at = json ? line.rfind(kJsonLevel) : line.rfind(',');
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t digits = at + (json ? kJsonLevel.size() : 1);
  const std::size_t end = line.size() - (json ? 2 : 1);
  if (end < digits || !read_whole_size(line.substr(digits, end - digits), level)) return std::nullopt;
  std::string stripped(line.substr(0, at));
  stripped += json ? "}\n" : "\n";
  if (stripped.substr(0, at) + level_suffix(json, level) != line) return std::nullopt;
  return stripped;
}

void read_rows(RefinedShard& shard, std::string_view rows, std::size_t first_line, std::size_t analysis_column,
               std::set<std::string>& json_keys) {
  const std::string& name = shard.file->name;
  std::size_t expected_row = 0, row_count = 0;
  bool in_point = false;
  ShardPoint point;
  std::set<std::size_t> seen;
  ShardLineReader lines(rows, first_line, name, shard.id.shard_index, shard.id.shard_count, kResumeHint);
  auto fail = [&](const std::string& message) { lines.fail(message); };
  std::string_view line;  // with its '\n'
  while (lines.next(line)) {
    std::size_t level = 0;
    const std::optional<std::string> stripped = strip_level(line, shard.json, level);
    if (!stripped) fail("the line does not end with a level column");
    RowPosition at;
    const std::string_view text = shard.json ? line : line.substr(0, line.size() - 1);
    if (!read_row_position(text, shard.json, analysis_column, at, &json_keys))
      fail("cannot read the point, row and rows of this line");
    const std::size_t index = at.point, row = at.row, count = at.rows;
    if (!in_point) {
      if (!seen.insert(index).second) fail("point " + std::to_string(index) + " appears twice in this file");
      point = ShardPoint{index, level, {}};
      expected_row = 0;
      row_count = count;
    }
    if (index != point.index || row != expected_row || count == 0 || count != row_count)
      fail("rows of point " + std::to_string(point.index) + " out of order (point " + std::to_string(index) +
           ", row " + std::to_string(row) + " of " + std::to_string(count) + ")");
    if (level != point.level)
      fail("point " + std::to_string(index) + " has rows of levels " + std::to_string(point.level) + " and " +
           std::to_string(level));
    point.lines += *stripped;
    in_point = ++expected_row < row_count;
    if (!in_point) shard.points.push_back(std::move(point));
  }
  if (in_point)
    throw InputError(name, 0, 0,
                     "incomplete: the last point (" + std::to_string(point.index) + ") has " +
                         std::to_string(expected_row) + " of its " + std::to_string(row_count) + " rows",
                     kResumeHint);
}

std::string shard_name(const SweepIdentity& id) {
  return std::to_string(id.shard_index) + "/" + std::to_string(id.shard_count);
}

}  // namespace

std::string merge_refined_shards(const std::vector<SweepShardFile>& files) {
  if (files.empty()) throw UsageError("merge: no file given");
  std::vector<RefinedShard> shards(files.size());
  std::map<std::size_t, std::size_t> by_index;  // shard index -> position in `shards`
  std::set<std::string> json_keys;              // action_<player> keys of the JSON rows
  for (std::size_t f = 0; f < files.size(); ++f) {
    RefinedShard& shard = shards[f];
    shard.file = &files[f];
    const std::string& content = files[f].content;
    const std::size_t newline = content.find('\n');
    const std::optional<SweepIdentity> id =
        newline == std::string::npos ? std::nullopt : SweepIdentity::parse(std::string_view(content).substr(0, newline));
    if (!id)
      throw InputError(files[f].name, 1, 0, "the first line is not a sweep description line",
                       "merge reads the files `negsim sweep --shard I/N --out FILE` writes");
    shard.id = *id;
    shard.json = content[0] == '{';
    if (f > 0) {
      const std::string what = shards[0].id.difference(shard.id);
      if (!what.empty())
        throw InputError(files[f].name, 1, 0,
                         "not a shard of the same sweep as " + files[0].name + ": " + what + " differ",
                         "merge only the shards of one sweep");
      if (shard.json != shards[0].json)
        throw InputError(files[f].name, 1, 0, "CSV and JSON lines shards cannot be merged (" + files[0].name + ")");
    }
    if (shard.id.refine.empty() || shard.id.refine_grid.empty())
      throw InputError(files[f].name, 1, 0, "not a refined sweep (no refine= and refine_grid= in its first line)");
    std::size_t pos = newline + 1, first_line = 1, analysis_column = 0;
    if (!shard.json) {
      const std::size_t end = content.find('\n', pos);
      if (end == std::string::npos) throw InputError(files[f].name, 2, 0, "torn header line", kResumeHint);
      shard.header = std::string_view(content).substr(pos, end + 1 - pos);
      pos = end + 1;
      first_line = 2;
      if (f > 0 && shard.header != shards[0].header)
        throw InputError(files[f].name, 2, 0, "the header differs from " + files[0].name + "'s");
      const std::vector<std::string> columns = split_csv_line(shard.header.substr(0, shard.header.size() - 1)).cells;
      while (analysis_column < columns.size() && columns[analysis_column] != "analysis") ++analysis_column;
      if (analysis_column == columns.size() || columns.back() != "level")
        throw InputError(files[f].name, 2, 0, "the header is not a refined sweep's (an analysis column, level last)");
    }
    const auto [at, inserted] = by_index.emplace(shard.id.shard_index, f);
    if (!inserted)
      throw InputError(files[f].name, 1, 0,
                       "shard " + shard_name(shard.id) + " is given twice (also " + files[at->second].name + ")",
                       "each shard exactly once");
    read_rows(shard, std::string_view(content).substr(pos), first_line, analysis_column, json_keys);
  }
  const SweepIdentity& id = shards[0].id;
  const bool json = shards[0].json;
  const std::size_t count = id.shard_count;
  require_every_shard(by_index, count, files[0].name);

  // Every point's rows, once; copies from two shards must agree.
  std::unordered_map<std::size_t, std::pair<const std::string*, std::size_t>> rows_of;  // point -> (lines, file)
  for (std::size_t f = 0; f < shards.size(); ++f)
    for (const ShardPoint& point : shards[f].points) {
      const auto [it, inserted] = rows_of.emplace(point.index, std::make_pair(&point.lines, f));
      if (!inserted && *it->second.first != point.lines)
        throw InputError(files[f].name, 0, 0,
                         "point " + std::to_string(point.index) + " has other rows than in " +
                             files[it->second.second].name +
                             " (a point's rows depend on its fine index only: were the shards run by different "
                             "builds, or edited?)",
                         "run both shards again with the same negsim");
    }

  std::size_t levels = 0;
  const std::optional<RefineGrid> grid = RefineGrid::parse(id.refine_grid, id.points);
  if (!read_whole_size(id.refine, levels) || levels > 52 || !grid)
    throw InputError(files[0].name, 1, 0, "cannot read refine=" + id.refine + " refine_grid=" + id.refine_grid);
  if (RefinePlan::shares_level0(*grid, static_cast<unsigned>(levels), count) != (id.refine_shards == kRefineShardDeal))
    throw InputError(files[0].name, 1, 0,
                     id.refine_shards.empty()
                         ? std::string("a shard of a refined sweep written by an older negsim: its first line has no "
                                       "refine_shards=") +
                               kRefineShardDeal + ", so it dealt the level-0 cells round-robin, where this negsim "
                               "computes level 0 in every shard and deals the cells whose corners differ"
                         : "refine_shards=" + id.refine_shards + " is not how this negsim shares this refinement",
                     "run the shards again with this negsim (--resume refuses the old files too)");

  // The outcome of a point, from its rows, as the sweep decided it.
  std::optional<RefineOutcome> outcome;
  try {
    if (json) {
      std::vector<std::string> names;
      for (const std::string& column : id.refine_by)
        if (column == "regime") names.insert(names.end(), json_keys.begin(), json_keys.end());
        else names.push_back(column);
      outcome = RefineOutcome::json_keys(std::move(names));
    } else {
      std::vector<std::string> columns = split_csv_line(shards[0].header.substr(0, shards[0].header.size() - 1)).cells;
      columns.pop_back();  // level
      outcome.emplace(columns, id.refine_by);
    }
  } catch (const UsageError& e) {
    throw InputError(files[0].name, 1, 0, std::string("refine_by= does not fit the rows: ") + e.what());
  }
  std::unordered_map<std::size_t, std::uint32_t> outcome_ids;
  std::unordered_map<std::string, std::uint32_t> keys;
  auto outcome_of = [&](std::size_t point) -> std::uint32_t {
    const auto known = outcome_ids.find(point);
    if (known != outcome_ids.end()) return known->second;
    const auto rows = rows_of.find(point);
    if (rows == rows_of.end())
      throw InputError(files[0].name, 0, 0, "the outcome of point " + std::to_string(point) + " is missing");
    const auto key = keys.emplace(outcome->key(*rows->second.first), static_cast<std::uint32_t>(keys.size()));
    outcome_ids.emplace(point, key.first->second);
    return key.first->second;
  };

  // Each shard replays its own plan: exactly its points, in order, at its levels.
  for (std::size_t s = 0; s < count; ++s) {
    const RefinedShard& shard = shards[by_index.at(s)];
    RefinePlan plan(*grid, static_cast<unsigned>(levels), s, count);
    std::size_t k = 0;
    for (std::vector<std::size_t> level = plan.start(); !level.empty(); level = plan.next(outcome_of)) {
      for (const std::size_t point : level) {
        const std::string expected = "point " + std::to_string(point) + " (level " + std::to_string(plan.level()) + ")";
        if (k == shard.points.size())
          throw InputError(shard.file->name, 0, 0,
                           "incomplete: the refinement of shard " + shard_name(shard.id) + " stops after " +
                               std::to_string(k) + " points; " + expected + " and what follows are missing",
                           kResumeHint);
        const ShardPoint& got = shard.points[k];
        if (got.index != point || got.level != plan.level())
          throw InputError(shard.file->name, 0, 0,
                           "point " + std::to_string(got.index) + " (level " + std::to_string(got.level) +
                               ") is point " + std::to_string(k) + " of shard " + shard_name(shard.id) +
                               ", where its refinement has " + expected,
                           "a shard file holds the points of its own level-0 cells only, in the order the sweep "
                           "writes them; run the shard again");
        ++k;
      }
    }
    if (k != shard.points.size())
      throw InputError(shard.file->name, 0, 0,
                       "point " + std::to_string(shard.points[k].index) + " is beyond the " + std::to_string(k) +
                           " points of the refinement of shard " + shard_name(shard.id),
                       "run the shard again");
  }

  // The whole sweep's plan gives the order and the levels.
  SweepIdentity whole = id;
  whole.shard_index = 0;
  whole.shard_count = 1;
  whole.refine_shards.clear();
  std::string out = whole.line(json ? SweepFormat::JsonLines : SweepFormat::Csv);
  out += shards[0].header;
  RefinePlan plan(*grid, static_cast<unsigned>(levels));
  std::size_t written = 0;
  for (std::vector<std::size_t> level = plan.start(); !level.empty(); level = plan.next(outcome_of)) {
    const std::string suffix = level_suffix(json, plan.level());
    for (const std::size_t point : level) {
      const auto rows = rows_of.find(point);
      if (rows == rows_of.end())
        throw InputError(files[0].name, 0, 0, "point " + std::to_string(point) + " of the sweep is in no shard");
      const std::string& lines = *rows->second.first;
      for (std::size_t pos = 0; pos < lines.size();) {
        const std::size_t end = lines.find('\n', pos);
        out.append(lines, pos, end - pos - (json ? 1 : 0));
        out += suffix;
        pos = end + 1;
      }
      ++written;
    }
  }
  if (written != rows_of.size())
    throw std::logic_error("merge: the shards hold points the whole sweep's refinement does not");
  return out;
}

}  // namespace negsim
