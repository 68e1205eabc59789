#include "sim/sweep/refine_outcome.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "sim/report/text_escape.hpp"

namespace negsim {

namespace {

std::string json_cell(const nlohmann::json& row, const std::string& name) {
  const auto it = row.find(name);
  if (it == row.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

RefineOutcome::RefineOutcome(const SweepLayout& layout, const std::vector<std::string>& by)
    : format_(layout.format()) {
  choose(layout.columns(), by);
}

RefineOutcome::RefineOutcome(const std::vector<std::string>& csv_columns, const std::vector<std::string>& by)
    : format_(SweepFormat::Csv) {
  if (std::find(csv_columns.begin(), csv_columns.end(), "status") == csv_columns.end() ||
      std::find(csv_columns.begin(), csv_columns.end(), "message") == csv_columns.end() ||
      std::find(csv_columns.begin(), csv_columns.end(), "analysis") == csv_columns.end())
    throw UsageError("--refine-by: the columns have no analysis, status or message column");
  choose(csv_columns, by);
}

RefineOutcome RefineOutcome::json_keys(std::vector<std::string> names) {
  RefineOutcome outcome;
  outcome.format_ = SweepFormat::JsonLines;
  outcome.names_ = std::move(names);
  return outcome;
}

void RefineOutcome::choose(const std::vector<std::string>& columns, const std::vector<std::string>& by) {
  const auto analysis = std::find(columns.begin(), columns.end(), "status");
  const auto message = std::find(columns.begin(), columns.end(), "message");
  std::string available;
  for (auto it = analysis + 1; it != message; ++it) available += (available.empty() ? "" : ", ") + *it;
  const std::string hint = "the sweep's analysis columns: " + (available.empty() ? "(none)" : available);
  for (const std::string& name : by) {
    if (name == "regime") {
      for (auto it = analysis + 1; it != message; ++it)
        if (it->rfind("action_", 0) == 0) names_.push_back(*it);
      if (names_.empty())
        throw UsageError("--refine-by regime: the analyses write no action_<player> column; choose the outcome with "
                         "--refine-by COLUMN[,COLUMN...] (" + hint + ")");
      continue;
    }
    if (std::find(analysis + 1, message, name) == message)
      throw UsageError("--refine-by: '" + name + "' is not an analysis column of this sweep (" + hint + ")");
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
  }
  if (names_.empty()) throw UsageError("--refine-by: no column given");
  for (const std::string& name : names_)
    indices_.push_back(static_cast<std::size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin()));
  analysis_ = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), "analysis") - columns.begin());
  status_ = static_cast<std::size_t>(analysis - columns.begin());
}

std::string RefineOutcome::key(std::string_view lines) const {
  // Separators that the sweep never writes in a cell (control characters are
  // written as spaces).
  constexpr char kUnit = '\x1f', kRecord = '\x1e';
  std::vector<std::string> rows;
  std::size_t pos = 0;
  while (pos < lines.size()) {
    std::size_t end = lines.find('\n', pos);
    if (end == std::string_view::npos) end = lines.size();
    const std::string_view line = lines.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    std::string row;
    if (format_ == SweepFormat::Csv) {
      const std::vector<std::string> cells = split_csv_line(line).cells;
      if (cells.size() <= std::max(status_, analysis_)) throw std::runtime_error("a row has too few cells");
      row = cells[analysis_] + kUnit + cells[status_];
      for (const std::size_t c : indices_) row += kUnit + (c < cells.size() ? cells[c] : std::string());
    } else {
      const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
      if (!object.is_object()) throw std::runtime_error("a row is not a JSON object");
      row = json_cell(object, "analysis") + kUnit + json_cell(object, "status");
      for (const std::string& name : names_) row += kUnit + json_cell(object, name);
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  std::string key;
  for (const std::string& row : rows) key += row + kRecord;
  return key;
}

}  // namespace negsim
