// libFuzzer target: scenario YAML loading and the normal-form builder
// (models/scenario/loader.hpp, builder.hpp), then the pure Nash solver.
//
// Any input must either give a game or throw InputError / LimitError; nothing
// else (crash, leak, yaml-cpp exception escaping, sanitizer report) is
// acceptable. The profile budget is small (kMaxProfiles) so that the fuzzer
// explores structure rather than allocating huge games; the budget check
// itself is part of what is fuzzed. A built game has only finite payoffs and
// the solver returns only verified equilibria.
// Seeds: scenarios/ (see scripts/ci_fuzz).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "models/errors.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "sim/solve/pure_nash.hpp"

namespace {
constexpr std::uint64_t kMaxProfiles = 4096;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const negsim::Scenario scenario = negsim::load_scenario_text(text, "fuzz.yaml");
    negsim::BuildOptions options;
    options.max_profiles = kMaxProfiles;
    const negsim::ScenarioGame built = negsim::build_normal_form(scenario, options);
    const negsim::NormalFormGame& game = built.game;
    if (game.num_profiles() > kMaxProfiles) __builtin_trap();
    for (double v : game.payoffs())
      if (!std::isfinite(v)) __builtin_trap();
    const negsim::SolveResult result = negsim::solve_pure_nash(game);
    if (result.rejected != 0) __builtin_trap();
  } catch (const negsim::InputError&) {
  } catch (const negsim::LimitError&) {
  }
  return 0;
}
