#include "models/scenario/loader.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include "models/errors.hpp"
#include "models/scenario/block_readers.hpp"
#include "models/scenario/uncertainty_readers.hpp"
#include "models/io/utf8.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

namespace {

const char* const kTopLevelKeys[] = {"scenario", "title",      "description",        "units",      "sources",
                                     "parameters", "players",  "constraints",        "payoffs",
                                     "infeasible_payoffs", "timeline", "repeated", "bargaining",
                                     "types", "sequence"};

bool is_identifier(const std::string& s) {
  if (s.empty()) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || digit(c); });
}

bool is_reserved_word(const std::string& s) { return s == "and" || s == "or" || s == "not"; }

// Strict number syntax: optional sign, digits with optional fraction and
// exponent. Finite values only.
bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  std::size_t start = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    start = 1;
  }
  if (start >= text.size()) return false;
  const char c0 = text[start];
  if (!((c0 >= '0' && c0 <= '9') || c0 == '.')) return false;  // rejects inf, nan
  double value = 0;
  const char* first = text.data() + start;
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
  if (ec != std::errc() || ptr != last || !std::isfinite(value)) return false;
  out = negative ? -value : value;
  return true;
}

// Maps byte offsets of the source text to 1-based line:column.
class LineTable {
 public:
  explicit LineTable(const std::string& text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  TextLocation at(std::size_t offset) const {
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
    return {static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
  }

 private:
  std::vector<std::size_t> line_starts_;
};

// Aligns the decoded text of a scalar with its raw bytes in the file, giving
// the file position of every decoded character. Handles plain, single- and
// double-quoted and block (| and >) scalars: decoded characters appear in the
// raw text in order except for escapes (double-quoted), doubled quotes
// (single-quoted) and line folding (a newline plus indentation becomes one
// space), which the walk below skips over.
std::vector<TextLocation> align_scalar(const std::string& raw, std::size_t start,
                                       const std::string& decoded, const LineTable& lines) {
  std::vector<TextLocation> out(decoded.size() + 1);
  std::size_t r = std::min(start, raw.size());
  bool double_quoted = false;
  if (r < raw.size()) {
    const char c = raw[r];
    if (c == '"') {
      double_quoted = true;
      ++r;
    } else if (c == '\'') {
      ++r;
    } else if (c == '|' || c == '>') {
      while (r < raw.size() && raw[r] != '\n') ++r;  // skip the header (and its comment)
      if (r < raw.size()) ++r;
    }
  }
  constexpr std::size_t kWindow = 256;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const char want = decoded[i];
    if (r >= raw.size()) {
      out[i] = lines.at(raw.size());
      continue;
    }
    if (double_quoted && raw[r] == '\\' && r + 1 < raw.size() && raw[r + 1] != '\n' &&
        raw[r + 1] != '\r') {
      out[i] = lines.at(r);
      const char e = raw[r + 1];
      std::size_t length = 2;
      if (e == 'x') length = 4;
      if (e == 'u') length = 6;
      if (e == 'U') length = 10;
      r = std::min(raw.size(), r + length);
      continue;
    }
    if (want == ' ' && (raw[r] == '\n' || raw[r] == '\r')) {  // folded line break
      out[i] = lines.at(r);
      while (r < raw.size() && (raw[r] == '\n' || raw[r] == '\r' || raw[r] == ' ' || raw[r] == '\t'))
        ++r;
      continue;
    }
    std::size_t found = r;
    const std::size_t limit = std::min(raw.size(), r + kWindow);
    while (found < limit && raw[found] != want) ++found;
    if (found < limit) {
      out[i] = lines.at(found);
      r = found + 1;
    } else {
      out[i] = lines.at(r);
    }
  }
  out[decoded.size()] = lines.at(std::min(r, raw.size()));
  return out;
}

// Reads one scenario; holds the file name and text for positions.
class ScenarioReader : private YamlFields {
 public:
  ScenarioReader(std::string_view text, std::string display_name)
      : YamlFields([this](const YAML::Node& node) { return position(node); }),
        text_(text),
        file_(std::move(display_name)),
        lines_(text_) {}

  Scenario read();

 private:
  using Entry = YamlField;

  // Exact file positions from the byte offset yaml-cpp records.
  SourcePos position(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.pos < 0) return {file_, 0, 0};
    const TextLocation loc = lines_.at(static_cast<std::size_t>(mark.pos));
    return {file_, loc.line, loc.column};
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a single value, got " + yaml_kind(node));
    return node.Scalar();
  }

  // A scalar printed on one line of every report (names, units): a line break
  // or an escape sequence in it could forge report lines or drive a terminal.
  std::string one_line(const YAML::Node& node, const std::string& what) const {
    std::string text = scalar(node, what);
    if (std::any_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      fail(node, what + " contains a control character (a line break, tab or escape)",
           "names and units are one line of printable text");
    return text;
  }

  std::string identifier(const YAML::Node& key, const std::string& what) const {
    const std::string name = key.Scalar();
    if (!is_identifier(name))
      fail(key, what + " '" + name + "' is not a valid name",
           "names start with a letter or '_' and contain only letters, digits and '_'");
    if (is_reserved_word(name))
      fail(key, what + " '" + name + "' is a reserved word (and, or, not)");
    return name;
  }

  ExpressionText expression(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected an expression, got " + yaml_kind(node));
    return make_expression(node);
  }

  ExpressionText make_expression(const YAML::Node& node) const {
    ExpressionText out;
    out.text = node.Scalar();
    out.pos = pos(node);
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && mark.pos >= 0)
      out.char_locations =
          align_scalar(text_, static_cast<std::size_t>(mark.pos), out.text, lines_);
    return out;
  }

 private:
  void read_sources(const YAML::Node& node, Scenario& s) const;
  void read_parameters(const YAML::Node& node, Scenario& s) const;
  void read_players(const YAML::Node& node, Scenario& s) const;
  Lever read_lever(const Entry& entry, const std::string& player_id) const;
  void read_payoffs(const Entry& entry, Scenario& s, bool infeasible) const;

  std::string text_;
  std::string file_;
  LineTable lines_;
};

Scenario ScenarioReader::read() {
  YAML::Node root;
  try {
    root = YAML::Load(text_);
  } catch (const YAML::Exception& e) {
    const YAML::Mark& mark = e.mark;
    int line = 0, column = 0;
    if (!mark.is_null() && mark.pos >= 0) {
      line = mark.line + 1;
      column = mark.column + 1;
    }
    throw InputError(file_, line, column, "malformed YAML: " + e.msg);
  }
  const std::vector<std::string> top_keys(std::begin(kTopLevelKeys), std::end(kTopLevelKeys));
  if (!root.IsMap())
    fail(root.IsNull() ? SourcePos{file_, 1, 1} : pos(root),
         std::string("a scenario must be a mapping with keys scenario, players and payoffs; got ") +
             yaml_kind(root));
  const std::vector<Entry> top = entries(root, "scenario", top_keys);

  Scenario s;
  s.file = file_;
  s.id = scalar(require(top, "scenario", root, "scenario", "scenario: trade-war").value, "scenario");
  if (const Entry* e = find(top, "title")) s.title = scalar(e->value, "title");
  if (const Entry* e = find(top, "description")) s.description = scalar(e->value, "description");
  if (const Entry* e = find(top, "units")) s.units = scalar(e->value, "units");
  if (const Entry* e = find(top, "sources")) read_sources(e->value, s);
  if (const Entry* e = find(top, "parameters")) read_parameters(e->value, s);
  read_players(require(top, "players", root, "scenario",
                       "players: {us: {levers: {tariff: {values: [0, 10, 20]}}}}")
                   .value,
               s);
  if (const Entry* e = find(top, "constraints")) {
    if (!e->value.IsNull()) {
      if (!e->value.IsSequence())
        fail(e->value, std::string("constraints: expected a list of expressions, got ") +
                           yaml_kind(e->value),
             "for example:\nconstraints:\n  - \"not (us.tariff > 0 and china.farm == resume)\"");
      for (const YAML::Node& c : e->value) s.constraints.push_back(expression(c, "constraint"));
    }
  }
  read_payoffs(require(top, "payoffs", root, "scenario", "payoffs: {us: \"-us.tariff\", ...}"), s,
               false);
  if (const Entry* e = find(top, "infeasible_payoffs")) read_payoffs(*e, s, true);
  // The optional blocks, parsed completely (block_readers.hpp).
  const YamlFields& yaml = *this;
  if (const Entry* e = find(top, "timeline")) s.timeline = read_timeline_block(e->value, s, yaml);
  if (const Entry* e = find(top, "repeated")) s.repeated = read_repeated_block(e->value, s, yaml);
  if (const Entry* e = find(top, "bargaining"))
    s.bargaining = read_bargaining_block(e->value, s, yaml,
                                         [this](const YAML::Node& node) { return make_expression(node); });
  const ExpressionMaker maker = [this](const YAML::Node& node) { return make_expression(node); };
  if (const Entry* e = find(top, "types")) s.types = read_types_block(e->value, s, yaml, maker);
  if (const Entry* e = find(top, "sequence")) s.sequence = read_sequence_block(e->value, s, yaml, maker);
  return s;
}

void ScenarioReader::read_sources(const YAML::Node& node, Scenario& s) const {
  if (node.IsNull()) return;
  if (!node.IsSequence())
    fail(node, std::string("sources: expected a list of {id, text, url}, got ") + yaml_kind(node),
         "for example:\nsources:\n  - id: census\n    text: \"U.S. Census trade data, 2024\"");
  for (const YAML::Node& item : node) {
    const std::vector<Entry> fields = entries(item, "source", {"id", "text", "url"});
    ScenarioSource source;
    source.pos = pos(item);
    const Entry& id = require(fields, "id", item, "source", "{id: census, text: \"...\"}");
    source.id = scalar(id.value, "source id");
    // Source ids never appear in expressions, so they may also contain '-' and '.'.
    const bool valid_id = !source.id.empty() && std::all_of(source.id.begin(), source.id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
    if (!valid_id)
      fail(id.value, "source id '" + source.id + "' is not a valid id",
           "source ids contain only letters, digits, '_', '-' and '.'");
    for (const ScenarioSource& other : s.sources)
      if (other.id == source.id)
        fail(id.value, "duplicate source id '" + source.id + "' (first given on line " +
                           std::to_string(other.pos.line) + ")");
    source.text = scalar(
        require(fields, "text", item, "source '" + source.id + "'", "text: \"where the numbers come from\"")
            .value,
        "source text");
    if (const Entry* url = find(fields, "url")) source.url = scalar(url->value, "source url");
    s.sources.push_back(std::move(source));
  }
}

void ScenarioReader::read_parameters(const YAML::Node& node, Scenario& s) const {
  if (node.IsNull()) return;
  std::vector<std::string> source_ids;
  for (const ScenarioSource& source : s.sources) source_ids.push_back(source.id);
  for (const Entry& entry : entries(node, "parameters")) {
    ScenarioParameter parameter;
    parameter.id = identifier(entry.key, "parameter");
    parameter.pos = pos(entry.key);
    const std::string what = "parameter '" + parameter.id + "'";
    YAML::Node value_node, range_node;
    bool has_range = false;
    if (entry.value.IsScalar()) {  // shorthand: name: 0.9
      value_node = entry.value;
    } else {
      const std::vector<Entry> fields =
          entries(entry.value, what, {"value", "unit", "source", "doc", "range"});
      value_node = require(fields, "value", entry.value, what, "{value: 0.9, doc: \"...\"}").value;
      if (const Entry* e = find(fields, "unit")) parameter.unit = one_line(e->value, what + " unit");
      if (const Entry* e = find(fields, "doc")) parameter.doc = scalar(e->value, what + " doc");
      if (const Entry* e = find(fields, "range")) range_node = e->value, has_range = true;
      if (const Entry* e = find(fields, "source")) {
        parameter.source = scalar(e->value, what + " source");
        if (std::find(source_ids.begin(), source_ids.end(), parameter.source) == source_ids.end())
          fail(e->value,
               what + ": unknown source '" + parameter.source + "'" +
                   did_you_mean(parameter.source, source_ids),
               source_ids.empty() ? "no sources are declared; add them under `sources:`"
                                  : "declared sources: " + join_names(source_ids));
      }
    }
    parameter.value_pos = pos(value_node);
    if (!value_node.IsScalar() || !parse_number(value_node.Scalar(), parameter.value))
      fail(value_node,
           what + ": expected a finite number, got " +
               (value_node.IsScalar() ? "'" + value_node.Scalar() + "'" : std::string(yaml_kind(value_node))));
    if (has_range) {
      // `range: [LO, HI]`, LO < HI, the value inside.
      const YAML::Node& r = range_node;
      double lo = 0, hi = 0;
      if (!r.IsSequence() || r.size() != 2 || !r[0].IsScalar() || !r[1].IsScalar() ||
          !parse_number(r[0].Scalar(), lo) || !parse_number(r[1].Scalar(), hi))
        fail(r, what + " range: expected two finite numbers [LO, HI], got " +
                    (r.IsSequence() ? "a list of " + std::to_string(r.size()) + " items" : std::string(yaml_kind(r))),
             "for example: range: [10, 40]");
      if (!(lo < hi)) fail(r, what + " range: LO must be below HI", "for example: range: [10, 40]");
      if (parameter.value < lo || parameter.value > hi)
        fail(value_node, what + ": the value is outside its range [" + r[0].Scalar() + ", " + r[1].Scalar() + "]",
             "change the value or widen the range");
      parameter.range = std::make_pair(lo, hi);
    }
    s.parameters.push_back(std::move(parameter));
  }
}

void ScenarioReader::read_players(const YAML::Node& node, Scenario& s) const {
  const std::vector<Entry> list = entries(node, "players");
  if (list.empty())
    fail(node, "players: expected at least one player",
         "for example: players: {us: {levers: {tariff: {values: [0, 10, 20]}}}}");
  for (const Entry& entry : list) {
    ScenarioPlayer player;
    player.id = identifier(entry.key, "player");
    player.pos = pos(entry.key);
    if (s.find_parameter(player.id))
      fail(entry.key, "player '" + player.id + "' has the same name as a parameter",
           "rename one of them; expressions could not tell them apart");
    const std::string what = "player '" + player.id + "'";
    const std::vector<Entry> fields = entries(entry.value, what, {"name", "doc", "levers"});
    player.name = player.id;
    if (const Entry* e = find(fields, "name")) player.name = one_line(e->value, what + " name");
    if (const Entry* e = find(fields, "doc")) player.doc = scalar(e->value, what + " doc");
    const Entry& levers = require(fields, "levers", entry.value, what,
                                  "levers: {tariff: {values: [0, 10, 20]}}");
    const std::vector<Entry> lever_entries = entries(levers.value, what + " levers");
    if (lever_entries.empty())
      fail(levers.value, what + ": expected at least one lever",
           "for example: levers: {tariff: {values: [0, 10, 20]}}");
    for (const Entry& lever : lever_entries) player.levers.push_back(read_lever(lever, player.id));
    s.players.push_back(std::move(player));
  }
}

Lever ScenarioReader::read_lever(const Entry& entry, const std::string& player_id) const {
  Lever lever;
  lever.id = identifier(entry.key, "lever");
  lever.pos = pos(entry.key);
  const std::string what = "lever '" + player_id + "." + lever.id + "'";
  YAML::Node values;
  if (entry.value.IsSequence()) {  // shorthand: tariff: [0, 10, 20]
    values = entry.value;
  } else {
    const std::vector<Entry> fields = entries(entry.value, what, {"values", "unit", "doc"});
    values = require(fields, "values", entry.value, what, "values: [0, 10, 20] or [low, high]").value;
    if (const Entry* e = find(fields, "unit")) lever.unit = one_line(e->value, what + " unit");
    if (const Entry* e = find(fields, "doc")) lever.doc = scalar(e->value, what + " doc");
  }
  if (values.IsNull() || (values.IsSequence() && values.size() == 0))
    fail(values.IsNull() ? entry.key : values, what + " has no values",
         "a lever needs at least one value, e.g. values: [0, 10, 20] or values: [low, high]");
  if (!values.IsSequence())
    fail(values, what + ": expected a list of values, got " + yaml_kind(values),
         "e.g. values: [0, 10, 20] or values: [low, high]");
  // Numeric if every value is a number; labels otherwise.
  bool all_numbers = true;
  for (const YAML::Node& v : values) {
    if (!v.IsScalar()) fail(v, what + ": expected a number or a label, got " + yaml_kind(v));
    double x;
    if (!parse_number(v.Scalar(), x)) all_numbers = false;
  }
  lever.numeric = all_numbers;
  std::size_t index = 0;
  for (const YAML::Node& v : values) {
    const std::string label = v.Scalar();
    double x = static_cast<double>(index);
    if (all_numbers) {
      parse_number(label, x);
    } else if (!is_identifier(label) || is_reserved_word(label)) {
      double ignored;
      fail(v,
           what + ": value '" + label + "' " +
               (parse_number(label, ignored) ? "is a number among labels"
                                             : "is not a valid label"),
           "a lever's values are either all numbers ([0, 10, 20]) or all labels made of letters, "
           "digits and '_' ([ease, hold, tighten])");
    }
    for (std::size_t j = 0; j < lever.labels.size(); ++j)
      if (lever.labels[j] == label || (all_numbers && lever.numbers[j] == x))
        fail(v, what + ": duplicate value '" + label + "'");
    lever.labels.push_back(label);
    lever.numbers.push_back(x);
    ++index;
  }
  return lever;
}

void ScenarioReader::read_payoffs(const Entry& entry, Scenario& s, bool infeasible) const {
  const std::string section = infeasible ? "infeasible_payoffs" : "payoffs";
  if (infeasible && entry.value.IsNull()) return;
  const std::vector<Entry> list = entries(entry.value, section);
  const std::vector<std::string> ids = s.player_ids();
  std::vector<std::optional<ExpressionText>> by_player(s.players.size());
  for (const Entry& e : list) {
    const std::size_t p = s.player_index(e.name);
    if (p == static_cast<std::size_t>(-1))
      fail(e.key, section + ": unknown player '" + e.name + "'" + did_you_mean(e.name, ids),
           "players: " + join_names(ids));
    by_player[p] = expression(e.value, section + " of '" + e.name + "'");
  }
  if (infeasible) {
    s.infeasible_payoffs = std::move(by_player);
    return;
  }
  for (std::size_t p = 0; p < s.players.size(); ++p)
    if (!by_player[p])
      fail(entry.key, "payoffs: no payoff for player '" + s.players[p].id + "'",
           "every player needs a payoff expression, e.g. " + s.players[p].id + ": \"...\"");
  for (auto& payoff : by_player) s.payoffs.push_back(std::move(*payoff));
}

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& display_name) {
  require_utf8(text, display_name);  // every string may reach a JSON report (models/io/utf8.hpp)
  return ScenarioReader(text, display_name).read();
}

Scenario load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot open scenario file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, 0, "cannot read scenario file");
  return load_scenario_text(buffer.str(), path);
}

void apply_overrides(Scenario& scenario, const std::vector<std::pair<std::string, double>>& sets) {
  for (const auto& [name, value] : sets) {
    ScenarioParameter* parameter = scenario.find_parameter(name);
    if (!parameter) {
      const std::vector<std::string> ids = scenario.parameter_ids();
      throw InputError("--set", 0, 0,
                       "unknown parameter '" + name + "'" + did_you_mean(name, ids),
                       ids.empty() ? "the scenario has no parameters"
                                   : "parameters of " + scenario.file + ": " + join_names(ids));
    }
    if (!std::isfinite(value))
      throw InputError("--set", 0, 0, "parameter '" + name + "' must be a finite number");
    parameter->value = value;
  }
}

std::pair<std::string, double> parse_set_argument(const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos)
    throw UsageError("--set expects NAME=VALUE, got '" + arg + "'");
  std::string name = arg.substr(0, eq);
  const std::string value_text = arg.substr(eq + 1);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (!is_identifier(name))
    throw UsageError("--set expects NAME=VALUE with NAME a parameter name, got '" + arg + "'");
  std::string trimmed = value_text;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(trimmed.begin());
  double value = 0;
  if (!parse_number(trimmed, value))
    throw UsageError("--set " + name + ": expected a finite number after '=', got '" + value_text +
                     "'");
  return {name, value};
}

}  // namespace negsim
