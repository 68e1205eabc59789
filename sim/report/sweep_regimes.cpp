#include "sim/report/sweep_regimes.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "models/errors.hpp"
#include "sim/report/text_escape.hpp"

#include <nlohmann/json.hpp>

namespace negsim {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);


// "tariff=0,chips=hold" -> the value of `lever`, or "" when absent.
std::string lever_value(const std::string& action, const std::string& lever) {
  std::size_t start = 0;
  while (start <= action.size()) {
    std::size_t end = action.find(',', start);
    if (end == std::string::npos) end = action.size();
    const std::string_view part(action.data() + start, end - start);
    if (part.size() > lever.size() && part.substr(0, lever.size()) == lever && part[lever.size()] == '=')
      return std::string(part.substr(lever.size() + 1));
    start = end + 1;
  }
  return "";
}

}  // namespace

std::size_t SweepTable::column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? npos : static_cast<std::size_t>(it - columns.begin());
}

SweepTable read_sweep_csv(std::string_view content, const std::string& file) {
  SweepTable table;
  table.file = file;
  std::size_t start = 0, line_number = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    ++line_number;
    const std::string_view line = content.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    // The sweep's description line (`# negsim sweep ...`, sim/sweep/sweep_identity.hpp) comes before the header.
    if (table.columns.empty() && line.front() == '#') {
      if (table.description.empty()) table.description = std::string(line);
      continue;
    }
    CsvLineCells split = split_csv_line(line);
    if (!split.closed)
      throw InputError(file, static_cast<int>(line_number), 0, "a quoted CSV cell is not closed",
                       "is this a complete `negsim sweep` CSV file?");
    std::vector<std::string> cells = std::move(split.cells);
    if (table.columns.empty()) {
      table.columns = std::move(cells);
      const std::size_t analysis = table.column("analysis");
      if (table.column("point") != 0 || analysis == npos || table.column("status") == npos)
        throw InputError(file, static_cast<int>(line_number), 1, "not a negsim sweep CSV file: the header has no point, analysis and status columns",
                         "write the sweep with `negsim sweep ... --format csv --out FILE`");
      table.axes.assign(table.columns.begin() + 1, table.columns.begin() + static_cast<std::ptrdiff_t>(analysis));
      continue;
    }
    if (cells.size() != table.columns.size())
      throw InputError(file, static_cast<int>(line_number), 1,
                       "expected " + std::to_string(table.columns.size()) + " cells, found " +
                           std::to_string(cells.size()),
                       "the file may be cut short or belong to another program");
    table.rows.push_back(std::move(cells));
  }
  if (table.columns.empty())
    throw InputError(file, 1, 1, "empty file: no sweep header", "write the sweep with `negsim sweep ... --out FILE`");
  return table;
}

SweepTable read_sweep_jsonl(std::string_view content, const std::string& file) {
  SweepTable table;
  table.file = file;
  std::vector<nlohmann::ordered_json> objects;  // key order kept: the columns
  std::vector<std::size_t> lines;
  std::size_t start = 0, line_number = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    ++line_number;
    const std::string_view line = content.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::ordered_json row = nlohmann::ordered_json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object())
      throw InputError(file, static_cast<int>(line_number), 1, "not a JSON object on this line",
                       "write the sweep with `negsim sweep ... --format jsonl --out FILE`");
    // The sweep's description (`{"negsim_sweep": ...}`, sim/sweep/sweep_identity.hpp).
    if (row.contains("negsim_sweep")) {
      if (table.description.empty()) table.description = std::string(line);
      continue;
    }
    if (objects.empty()) {
      for (auto it = row.begin(); it != row.end(); ++it) table.columns.push_back(it.key());
      const std::size_t analysis = table.column("analysis");
      if (table.column("point") != 0 || analysis == npos || table.column("status") == npos)
        throw InputError(file, static_cast<int>(line_number), 1,
                         "not a negsim sweep in JSON lines: the first row has no point, analysis and status keys",
                         "write the sweep with `negsim sweep ... --format jsonl --out FILE`");
      table.axes.assign(table.columns.begin() + 1, table.columns.begin() + static_cast<std::ptrdiff_t>(analysis));
    } else {
      // Keys an earlier row left out (cells an analysis does not fill are absent).
      for (auto it = row.begin(); it != row.end(); ++it)
        if (table.column(it.key()) == npos) table.columns.push_back(it.key());
    }
    objects.push_back(std::move(row));
    lines.push_back(line_number);
  }
  if (objects.empty())
    throw InputError(file, 1, 1, "empty file: no sweep rows", "write the sweep with `negsim sweep ... --out FILE`");
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::vector<std::string> cells(table.columns.size());
    for (auto it = objects[i].begin(); it != objects[i].end(); ++it) {
      // As the CSV writes it: text as is, numbers in the shortest form that reads back.
      cells[table.column(it.key())] = it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
    }
    for (const char* key : {"point", "analysis", "status"})
      if (!objects[i].contains(key))
        throw InputError(file, static_cast<int>(lines[i]), 1, std::string("the row has no `") + key + "` key",
                         "the file may be cut short or belong to another program");
    table.rows.push_back(std::move(cells));
  }
  return table;
}

SweepTable read_sweep_file(std::string_view content, const std::string& file) {
  const std::size_t first = content.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && content[first] == '{') return read_sweep_jsonl(content, file);
  return read_sweep_csv(content, file);
}

SweepRegimes sweep_regimes(const SweepTable& table, const std::string& wanted, const std::vector<std::string>& levers) {
  SweepRegimes out;
  out.axes = table.axes;
  const std::size_t c_point = 0, c_analysis = table.column("analysis"), c_status = table.column("status");
  out.analysis = wanted;
  if (out.analysis.empty())
    for (const auto& row : table.rows)
      if (row[c_analysis] != "build") {
        out.analysis = row[c_analysis];
        break;
      }
  // The action columns, by player id (action_us -> us), in file order.
  std::vector<std::pair<std::string, std::size_t>> actions;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].rfind("action_", 0) == 0) actions.push_back({table.columns[c].substr(7), c});
  std::vector<std::pair<std::string, std::pair<std::size_t, std::string>>> lever_columns;  // name, (column, lever)
  for (const std::string& lever : levers) {
    const std::size_t dot = lever.find('.');
    const std::size_t c = dot == std::string::npos ? npos : table.column("action_" + lever.substr(0, dot));
    if (c == npos)
      throw InputError(table.file, 1, 1, "--lever " + lever + ": no column action_" + lever.substr(0, dot),
                       "name a lever as player.lever, with a player that has an action column");
    lever_columns.push_back({lever, {c, lever.substr(dot + 1)}});
  }

  const std::size_t c_level = table.column("level");
  out.refined = c_level != npos;
  std::vector<std::string> point_ids;
  std::vector<std::set<std::string>> point_equilibria;
  std::vector<int> point_state;  // 0 nothing yet, 1 ok, 2 none only, 3 error
  for (const auto& row : table.rows) {
    if (point_ids.empty() || point_ids.back() != row[c_point]) {
      point_ids.push_back(row[c_point]);
      out.point_values.emplace_back(row.begin() + 1, row.begin() + 1 + static_cast<std::ptrdiff_t>(table.axes.size()));
      point_equilibria.emplace_back();
      point_state.push_back(0);
      unsigned level = 0;
      if (out.refined) {
        const std::string& text = row[c_level];
        const auto r = std::from_chars(text.data(), text.data() + text.size(), level);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size() || level > 60)
          throw InputError(table.file, 1, 1, "point " + row[c_point] + ": the level '" + text + "' is not a whole number",
                           "the level column is written by `negsim sweep --refine L`");
      }
      out.point_level.push_back(level);
    }
    const std::string& analysis = row[c_analysis];
    int& state = point_state.back();
    if (analysis == "build" || (analysis == out.analysis && row[c_status] == "error")) {
      state = 3;
      continue;
    }
    if (analysis != out.analysis || state == 3) continue;
    if (row[c_status] == "none") {
      if (state == 0) state = 2;
      continue;
    }
    state = 1;
    std::string description;
    if (lever_columns.empty()) {
      for (const auto& action : actions)
        if (!row[action.second].empty())
          description += (description.empty() ? "" : "; ") + action.first + ": " + row[action.second];
    } else {
      for (const auto& lever : lever_columns)
        description += (description.empty() ? "" : ", ") + lever.first + "=" +
                       lever_value(row[lever.second.first], lever.second.second);
    }
    point_equilibria.back().insert(description);
  }
  std::vector<std::string> names(point_ids.size());
  std::map<std::string, std::size_t> counts, level0;
  for (std::size_t p = 0; p < point_ids.size(); ++p) {
    if (point_state[p] == 3) names[p] = "error";
    else if (point_state[p] != 1) names[p] = "no equilibrium";
    else
      for (const std::string& e : point_equilibria[p]) names[p] += (names[p].empty() ? "" : " | ") + e;
    ++counts[names[p]];
    if (out.point_level[p] == 0) ++level0[names[p]];
  }
  std::vector<std::pair<std::string, std::size_t>> ordered(counts.begin(), counts.end());
  // A refined sweep's regimes are numbered by their points in the grid given
  // (an even sample), then by all their points.
  std::stable_sort(ordered.begin(), ordered.end(), [&level0](const auto& a, const auto& b) {
    const std::size_t la = level0[a.first], lb = level0[b.first];
    return la != lb ? la > lb : a.second > b.second;
  });
  std::map<std::string, std::size_t> index;
  for (const auto& entry : ordered) {
    index[entry.first] = out.regimes.size();
    out.regimes.push_back(entry.first);
    out.regime_points.push_back(entry.second);
  }
  for (const std::string& name : names) out.point_regime.push_back(index[name]);
  return out;
}

}  // namespace negsim
