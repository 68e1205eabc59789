#include "sim/sweep/shard_file_checks.hpp"

#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/text_escape.hpp"

namespace negsim {

bool ShardLineReader::next(std::string_view& line) {
  if (end_ >= rows_.size()) return false;
  start_ = end_;
  ++line_number_;
  const std::size_t newline = rows_.find('\n', start_);
  if (newline == std::string_view::npos)
    fail("torn last line: shard " + shard_ + " was interrupted while writing");
  end_ = newline + 1;
  line = rows_.substr(start_, end_ - start_);
  return true;
}

void ShardLineReader::fail(const std::string& message) const {
  throw InputError(file_name_, static_cast<int>(line_number_), 0, message, hint_);
}

bool read_row_position(std::string_view line, bool json, std::size_t analysis_column, RowPosition& out,
                       std::set<std::string>* action_keys) {
  if (!json) {
    const std::vector<std::string> fields = split_csv_line(line).cells;
    return fields.size() > analysis_column + 2 && read_whole_size(fields[0], out.point) &&
           read_whole_size(fields[analysis_column + 1], out.row) && read_whole_size(fields[analysis_column + 2], out.rows);
  }
  try {
    // In order: the analysis columns are the keys after "status" (an axis
    // could be named action_...).
    const nlohmann::ordered_json object = nlohmann::ordered_json::parse(line);
    out.point = object.at("point").get<std::size_t>();
    out.row = object.at("row").get<std::size_t>();
    out.rows = object.at("rows").get<std::size_t>();
    if (action_keys) {
      bool analysis_columns = false;
      for (const auto& item : object.items()) {
        if (analysis_columns && item.key().rfind("action_", 0) == 0) action_keys->insert(item.key());
        analysis_columns = analysis_columns || item.key() == "status";
      }
    }
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace negsim
