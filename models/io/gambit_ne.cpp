#include "models/io/gambit_ne.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "models/errors.hpp"
#include "models/io/number_text.hpp"

namespace negsim {

namespace {
int column_of(std::string_view line, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  return column;
}
}  // namespace

ExactMixedProfile parse_ne_line(std::string_view line, const NormalFormGame& game, const std::string& file,
                                int line_number) {
  // Trailing spaces and a carriage return are not part of the line.
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  std::size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
  const std::string expected_form = "an equilibrium line reads NE,p1,p2,... with " +
                                    std::to_string(game.num_strategies()) +
                                    " probabilities in player-then-strategy order";
  if (line.substr(start, 3) != "NE,")
    throw InputError(file, line_number, column_of(line, start), "expected a line starting with 'NE,'",
                     expected_form);
  std::size_t pos = start + 3;
  std::vector<std::pair<mpq_class, std::size_t>> values;  // value and its offset
  while (true) {
    const std::size_t comma = line.find(',', pos);
    const std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
    std::string_view token = line.substr(pos, stop - pos);
    std::size_t token_offset = pos;
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
      token.remove_prefix(1);
      ++token_offset;
    }
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    std::string why;
    std::optional<mpq_class> value = parse_exact_number(token, &why);
    if (!value)
      throw InputError(file, line_number, column_of(line, token_offset),
                       "bad probability '" + std::string(token) + "': " + why,
                       "probabilities are rationals like 1/2 or decimals like 0.5");
    if (*value < 0)
      throw InputError(file, line_number, column_of(line, token_offset),
                       "negative probability '" + std::string(token) + "'");
    values.emplace_back(std::move(*value), token_offset);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  if (values.size() != game.num_strategies())
    throw InputError(file, line_number, column_of(line, start),
                     "expected " + std::to_string(game.num_strategies()) + " probabilities, found " +
                         std::to_string(values.size()),
                     expected_form);
  ExactMixedProfile profile(game.num_players());
  std::size_t k = 0;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    mpq_class sum = 0;
    const std::size_t first = k;
    for (std::size_t a = 0; a < game.num_actions(p); ++a, ++k) {
      sum += values[k].first;
      profile[p].push_back(values[k].first);
    }
    if (std::abs(sum.get_d() - 1.0) > 1e-4)
      throw InputError(file, line_number, column_of(line, values[first].second),
                       "the probabilities of player " + std::to_string(p + 1) + " sum to " + sum.get_str() +
                           ", not 1",
                       expected_form);
  }
  return profile;
}

std::vector<ExactMixedProfile> read_ne_lines(std::string_view text, const NormalFormGame& game,
                                             const std::string& file) {
  std::vector<ExactMixedProfile> profiles;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    ++line_number;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos)
      profiles.push_back(parse_ne_line(line, game, file, line_number));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return profiles;
}

std::vector<ExactMixedProfile> read_ne_file(const std::string& path, const NormalFormGame& game) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot open file", "check the path");
  std::ostringstream text;
  text << in.rdbuf();
  return read_ne_lines(text.str(), game, path);
}

std::string format_ne_line(const ExactMixedProfile& profile) {
  std::string out = "NE";
  for (const auto& row : profile)
    for (const mpq_class& x : row) {
      out += ',';
      out += x.get_str();
    }
  return out;
}

std::string format_ne_line(const MixedProfile& profile, int digits) {
  std::string out = "NE";
  char buffer[64];
  for (const auto& row : profile)
    for (double x : row) {
      // Rounding noise must not print as "-0.000000".
      if (x == 0.0 || (x < 0 && x > -std::pow(10.0, -digits))) x = 0.0;
      std::snprintf(buffer, sizeof buffer, ",%.*f", digits, x);
      out += buffer;
    }
  return out;
}

MixedProfile to_double_profile(const ExactMixedProfile& profile) {
  MixedProfile out(profile.size());
  for (std::size_t p = 0; p < profile.size(); ++p)
    for (const mpq_class& x : profile[p]) out[p].push_back(x.get_d());
  return out;
}

}  // namespace negsim
