#include "sim/sweep/sweep_identity.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "sim/sweep/sweep_output.hpp"

namespace negsim {

std::string sweep_hash(const std::vector<std::string>& parts) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (const std::string& part : parts) {
    for (const char c : part) mix(static_cast<unsigned char>(c));
    mix(0);
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

namespace {

constexpr std::string_view kCsvStart = "# negsim sweep ";
constexpr std::string_view kJsonStart = "{\"negsim_sweep\":\"";
constexpr std::string_view kJsonEnd = "\"}";

// The --refine-by columns as one field value (see the header).
std::string encode_columns(const std::vector<std::string>& columns) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ',';
    for (const char c : columns[i]) {
      const unsigned char byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte) || c == '_' || c == '.' || c == ':' || c == '-') {
        out += c;
      } else {
        out += '%';
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
      }
    }
  }
  return out;
}

std::optional<std::vector<std::string>> decode_columns(std::string_view text) {
  std::vector<std::string> columns(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      columns.emplace_back();
    } else if (text[i] == '%') {
      unsigned value = 0;
      if (i + 2 >= text.size()) return std::nullopt;
      const auto result = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (result.ec != std::errc() || result.ptr != text.data() + i + 3) return std::nullopt;
      columns.back() += static_cast<char>(value);
      i += 2;
    } else {
      columns.back() += text[i];
    }
  }
  return columns;
}

std::string fields(const SweepIdentity& id) {
  return "shard=" + std::to_string(id.shard_index) + "/" + std::to_string(id.shard_count) +
         " points=" + std::to_string(id.points) + " negsim=" + id.negsim + " scenario=" + id.scenario +
         " set=" + id.set + " axes=" + id.axes + " analyses=" + id.analyses +
         (id.refine.empty() ? std::string()
                            : " refine=" + id.refine + " refine_by=" + encode_columns(id.refine_by) +
                                  " refine_grid=" + id.refine_grid) +
         (id.refine_shards.empty() ? std::string() : " refine_shards=" + id.refine_shards);
}

bool read_size(std::string_view text, std::size_t& value) {
  if (text.empty()) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

}  // namespace

std::string SweepIdentity::line(SweepFormat format) const {
  if (format == SweepFormat::JsonLines) return std::string(kJsonStart) + fields(*this) + std::string(kJsonEnd) + "\n";
  return std::string(kCsvStart) + fields(*this) + "\n";
}

std::optional<SweepIdentity> SweepIdentity::parse(std::string_view line) {
  std::string_view body;
  if (line.substr(0, kCsvStart.size()) == kCsvStart) {
    body = line.substr(kCsvStart.size());
  } else if (line.substr(0, kJsonStart.size()) == kJsonStart && line.size() >= kJsonStart.size() + kJsonEnd.size() &&
             line.substr(line.size() - kJsonEnd.size()) == kJsonEnd) {
    body = line.substr(kJsonStart.size(), line.size() - kJsonStart.size() - kJsonEnd.size());
  } else {
    return std::nullopt;
  }
  SweepIdentity id;
  bool shard = false, points = false;
  while (!body.empty()) {
    const std::size_t space = body.find(' ');
    const std::string_view field = body.substr(0, space);
    body = space == std::string_view::npos ? std::string_view() : body.substr(space + 1);
    const std::size_t equals = field.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string_view key = field.substr(0, equals), value = field.substr(equals + 1);
    if (key == "shard") {
      const std::size_t slash = value.find('/');
      if (slash == std::string_view::npos || !read_size(value.substr(0, slash), id.shard_index) ||
          !read_size(value.substr(slash + 1), id.shard_count) || id.shard_count == 0 ||
          id.shard_index >= id.shard_count)
        return std::nullopt;
      shard = true;
    } else if (key == "points") {
      if (!read_size(value, id.points)) return std::nullopt;
      points = true;
    } else if (key == "negsim") {
      id.negsim = value;
    } else if (key == "scenario") {
      id.scenario = value;
    } else if (key == "set") {
      id.set = value;
    } else if (key == "axes") {
      id.axes = value;
    } else if (key == "analyses") {
      id.analyses = value;
    } else if (key == "refine") {
      id.refine = value;
    } else if (key == "refine_by") {
      auto columns = decode_columns(value);
      if (!columns) return std::nullopt;
      id.refine_by = std::move(*columns);
    } else if (key == "refine_grid") {
      id.refine_grid = value;
    } else if (key == "refine_shards") {
      id.refine_shards = value;
    }
  }
  if (!shard || !points || id.negsim.empty() || id.scenario.empty()) return std::nullopt;
  return id;
}

std::string SweepIdentity::difference(const SweepIdentity& other) const {
  if (scenario != other.scenario) return "the scenario file's contents";
  if (set != other.set) return "the --set values";
  if (axes != other.axes) return "the axes (--grid, --list, --random, --lhs, --samples, --seed)";
  if (analyses != other.analyses) return "the analyses (--analyses, --select, --max-profiles, --format)";
  if (refine.empty() != other.refine.empty())
    return "--refine (one file is a refined sweep, the other a plain grid)";
  if (refine != other.refine) return "the --refine level (" + refine + " and " + other.refine + ")";
  if (refine_by != other.refine_by) return "the --refine-by columns";
  if (refine_grid != other.refine_grid) return "the refined grid";
  if (refine_shards != other.refine_shards)
    return std::string("how the shards share the refinement (refine_shards=") + kRefineShardDeal +
           " is missing in a refined shard written by an older negsim, which dealt every level-0 cell round-robin: "
           "run that shard again)";
  if (negsim != other.negsim) return "the negsim version (" + negsim + " and " + other.negsim + ")";
  if (points != other.points) return "the number of points";
  if (shard_count != other.shard_count) return "the number of shards";
  return "";
}

}  // namespace negsim
