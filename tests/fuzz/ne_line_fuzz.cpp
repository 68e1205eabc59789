// libFuzzer target: Gambit equilibrium lines "NE,p1,p2,..." (models/io/gambit_ne.hpp).
//
// The input is read as a file of NE lines against every game shape below
// whose strategy count matches the first line (or the first shape if none
// does, to exercise the count error). Any input must either parse or throw
// InputError. A parsed profile has one probability vector per player, each
// nonnegative and summing to 1 within 1e-4, and format_ne_line prints text
// that parses back to the same exact profile.
// Seeds: ../shared/games/gambit/expected/ (see scripts/ci_fuzz).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/errors.hpp"
#include "models/io/gambit_ne.hpp"

namespace {

const std::vector<negsim::NormalFormGame>& games() {
  static const std::vector<negsim::NormalFormGame> list = [] {
    const std::vector<std::vector<std::size_t>> shapes = {
        {2, 2}, {1}, {3},          {1, 1},       {3, 3},          {2, 3},    {3, 2},    {4, 4},
        {6, 6}, {8, 8}, {2, 2, 2}, {2, 2, 2, 2}, {2, 2, 2, 2, 2}, {3, 3, 3}, {5, 4, 3}, {8, 2, 2}};
    std::vector<negsim::NormalFormGame> out;
    for (const auto& shape : shapes) out.emplace_back(shape);
    return out;
  }();
  return list;
}

std::size_t first_line_tokens(std::string_view text) {
  const std::string_view line = text.substr(0, text.find('\n'));
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ',') );  // "NE," adds one
}

void check(std::string_view text, const negsim::NormalFormGame& game) {
  std::vector<negsim::ExactMixedProfile> profiles;
  try {
    profiles = negsim::read_ne_lines(text, game, "fuzz.ne");
  } catch (const negsim::InputError&) {
    return;
  }
  for (const auto& profile : profiles) {
    if (profile.size() != game.num_players()) __builtin_trap();
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      if (profile[p].size() != game.num_actions(p)) __builtin_trap();
      mpq_class sum = 0;
      for (const mpq_class& x : profile[p]) {
        if (x < 0) __builtin_trap();
        sum += x;
      }
      if (abs(sum - 1) > mpq_class(1, 1000)) __builtin_trap();
    }
    const negsim::ExactMixedProfile again = negsim::parse_ne_line(negsim::format_ne_line(profile), game);
    if (again != profile) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t tokens = first_line_tokens(text);
  bool any = false;
  for (const auto& game : games())
    if (game.num_strategies() == tokens) {
      check(text, game);
      any = true;
    }
  if (!any) check(text, games().front());
  return 0;
}
