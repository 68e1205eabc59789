#pragma once
// Checks shared by the two shard mergers (sweep_merge.cpp for plain sweeps,
// refine_merge.cpp for refined ones): reading a whole unsigned number from a
// description or row field, reading the rows line by line (a torn last line
// is an error), reading where a row sits (point, row, rows), and naming the
// shards missing from a merge.
#include <charconv>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "models/errors.hpp"

namespace negsim {

// True when `text` is all digits of a number that fits `value`.
inline bool read_whole_size(std::string_view text, std::size_t& value) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// Where a row of a sweep file sits: its point, its row within the point and
// the point's row count.
struct RowPosition {
  std::size_t point = 0, row = 0, rows = 0;
};

// Reads `line` (one CSV row without its '\n', or one JSON-lines object) into
// `out`; false when the line does not hold the three numbers. A CSV row's
// "row" and "rows" follow its "analysis" column. With `action_keys`, a JSON
// row's analysis keys (after "status") that start with action_ are added.
bool read_row_position(std::string_view line, bool json, std::size_t analysis_column, RowPosition& out,
                       std::set<std::string>* action_keys = nullptr);

// The rows of a shard file, one line at a time, each ending in '\n': a
// missing final newline means the shard was interrupted while writing (a
// torn shard). Errors are InputErrors at file:line (column 0) with the
// merger's hint; line numbers count from the first line of the file.
class ShardLineReader {
 public:
  // `rows` follows the `first_line` lines (the description, the CSV header)
  // of `file_name`, the file of shard `shard_index`/`shard_count`.
  ShardLineReader(std::string_view rows, std::size_t first_line, std::string file_name, std::size_t shard_index,
                  std::size_t shard_count, const char* hint)
      : rows_(rows),
        line_number_(first_line),
        file_name_(std::move(file_name)),
        shard_(std::to_string(shard_index) + "/" + std::to_string(shard_count)),
        hint_(hint) {}

  // The next line, with its '\n', into `line`; false after the last one.
  // Throws "torn last line" when the rest of the text has no '\n'.
  bool next(std::string_view& line);
  // Where the line `next` gave starts in `rows`, and where the next one does.
  std::size_t line_start() const { return start_; }
  std::size_t line_end() const { return end_; }
  // An InputError at the line `next` gave.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::string_view rows_;
  std::size_t start_ = 0, end_ = 0, line_number_;
  std::string file_name_;
  std::string shard_;  // "I/N"
  const char* hint_;
};

// Throws an InputError (against `first_file`) naming up to 20 of the shards
// 0..count-1 that `by_index` (shard index -> file position) lacks.
inline void require_every_shard(const std::map<std::size_t, std::size_t>& by_index, std::size_t count,
                                const std::string& first_file) {
  if (by_index.size() == count) return;
  std::string missing;
  std::size_t listed = 0;
  for (std::size_t i = 0; i < count && listed < 20; ++i)
    if (!by_index.count(i)) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(i);
      ++listed;
    }
  throw InputError(first_file, 0, 0,
                   "shard(s) " + missing + (count - by_index.size() > listed ? ", ..." : "") + " of " +
                       std::to_string(count) + " missing (" + std::to_string(by_index.size()) + " given)",
                   "give every shard's file");
}

}  // namespace negsim
