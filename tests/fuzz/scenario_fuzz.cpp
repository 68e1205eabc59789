// libFuzzer target: scenario YAML loading and every builder that reads a
// scenario (models/scenario/: loader, normal-form builder, timeline builder,
// bargaining builder, repeated-game block), then the solvers on what they
// build (pure Nash, backward induction, alternating offers, sustainability).
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
#include "models/scenario/bargaining_builder.hpp"
#include "models/scenario/builder.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/timeline_builder.hpp"
#include "sim/analysis/scenario_analysis.hpp"
#include "sim/bargain/alternating_offers.hpp"
#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/solve/backward_induction.hpp"
#include "sim/solve/pure_nash.hpp"

namespace {

constexpr std::uint64_t kMaxProfiles = 4096;
constexpr std::uint64_t kMaxDeals = 256;
// Bargaining horizons beyond this are built (and so fuzzed) but not solved:
// solving costs rounds * deals * players by design.
constexpr std::size_t kMaxSolvedRounds = 2000;
// Repeated-game analyses only on games this small (see fuzz_repeated).
constexpr std::uint64_t kMaxRepeatedProfiles = 8;

void fuzz_timeline(const negsim::Scenario& scenario, const negsim::BuildOptions& options) {
  if (!scenario.timeline.present) return;
  const negsim::ScenarioTimeline timeline = negsim::build_timeline(scenario, options);
  const negsim::BackwardInductionResult result = negsim::solve_backward_induction(timeline.game);
  if (result.rejected != 0) __builtin_trap();
}

void fuzz_bargaining(const negsim::Scenario& scenario, const negsim::BuildOptions& options) {
  if (!scenario.bargaining.present) return;
  negsim::BargainingBuildOptions bargaining_options;
  bargaining_options.max_deals = kMaxDeals;
  negsim::ScenarioBargaining bargaining = negsim::build_bargaining(scenario, bargaining_options);
  negsim::AnalysisOptions analysis;
  analysis.build = options;
  negsim::ScenarioAnalyzer analyzer(scenario, analysis);
  if (bargaining.disagreement_from_stage_equilibrium)
    negsim::resolve_stage_disagreement(bargaining, analyzer.stage_equilibrium_point(), "no stage equilibrium");
  const auto& protocol = bargaining.problem.protocol;
  std::size_t horizon = protocol.deadline.value_or(kMaxSolvedRounds);
  if (protocol.extension) horizon += protocol.extension->rounds * protocol.extension->max_times;
  if (horizon > kMaxSolvedRounds) return;
  negsim::AlternatingOffersOptions solve_options;
  solve_options.max_rounds = kMaxSolvedRounds;
  const negsim::AlternatingOffersResult result = negsim::solve_alternating_offers(bargaining.problem, solve_options);
  for (double v : result.payoffs)
    if (!std::isfinite(v)) __builtin_trap();
}

void fuzz_repeated(const negsim::Scenario& scenario, const negsim::ScenarioGame& built) {
  if (!scenario.repeated.present) return;
  // Minmax values (up to 4000 LPs per player) and critical discounts (an MDP
  // per deviation and discount tried) are costly by design: on the
  // instrumented build scenarios/tiktok_2025.yaml took 15 s and a 12-profile
  // 3-player seed 5 s, so the fuzzer managed 1 execution per second. Games of
  // up to 8 profiles (the 2x2 classics) still exercise every repeated path.
  if (built.game.num_profiles() > kMaxRepeatedProfiles) return;
  negsim::AnalysisOptions analysis;
  analysis.parts = negsim::AnalysisParts::none();
  analysis.parts.repeated = true;
  negsim::analyze_scenario(scenario, built, analysis);
}

}  // namespace

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
    fuzz_timeline(scenario, options);
    fuzz_bargaining(scenario, options);
    fuzz_repeated(scenario, built);
  } catch (const negsim::InputError&) {
  } catch (const negsim::LimitError&) {
  }
  return 0;
}
