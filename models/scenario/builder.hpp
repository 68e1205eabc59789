// From a Scenario to a normal-form game.
//
// Contract
//  - A player's actions are the settings of all its levers: the Cartesian
//    product of the lever values in lexicographic order, FIRST lever slowest
//    (so labels read in file order and list like a table), minus the settings
//    excluded by constraints that mention only that player's levers.
//  - Action labels read `lever=value` joined by commas, in lever order
//    (`tariff=20,chips=hold`; one lever: `divest=sale`).
//  - Constraints that mention levers of two or more players mark profiles
//    infeasible (ScenarioGame::infeasible). At an infeasible profile each
//    player's payoff is its `infeasible_payoffs` expression if given, else the
//    lowest payoff that player gets at any feasible profile.
//  - The profile budget is checked before anything big is allocated: per
//    player, the lever product is bounded by max_profiles before screening it
//    against constraints; the product of action counts (overflow-checked) must
//    not exceed max_profiles. Otherwise LimitError giving the profile count,
//    the estimated memory and the hint `--max-profiles`.
//  - Every payoff must be finite: NaN or infinity is an InputError at the
//    payoff expression's position naming the profile.
//  - Expression errors are InputErrors (see expression.hpp).
//  - BuildOptions::deadline (default: none) is checked while screening
//    actions and every 16384 profiles while computing payoffs; when it has
//    passed, LimitError says how many profiles were done. No partial game is
//    returned.
// Complexity: O(profiles * players * expression size), less for small games (expression_product.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/deadline.hpp"
#include "models/game/normal_form.hpp"
#include "models/scenario/expression.hpp"
#include "models/scenario/scenario.hpp"

namespace negsim {

struct BuildOptions {
  std::uint64_t max_profiles = 100'000'000;
  Deadline deadline;  // e.g. Deadline::after_seconds(--time-limit); default none
  // Scenarios with types (`types:`): the payoffs at this type profile (one
  // type index per scenario player, 0 for untyped players) instead of the
  // average over the prior. Empty: the average.
  std::vector<std::size_t> type_profile = {};
};

struct ScenarioGame {
  // Players named by display name; actions labelled `lever=value,...`.
  NormalFormGame game;
  std::vector<std::string> player_ids;
  // action_levers[p][a][l]: index of the value of player p's lever l in action a.
  std::vector<std::vector<std::vector<std::size_t>>> action_levers;
  // Per profile (Gambit order): 1 if a cross-player constraint excludes it.
  // Empty if the scenario has no cross-player constraints.
  std::vector<std::uint8_t> infeasible;
};

ScenarioGame build_normal_form(const Scenario& scenario, const BuildOptions& options = {});

// A scenario's expressions (constraints, payoffs, infeasible payoffs) parsed
// and resolved once, for building the game of many variants of the scenario
// that differ only in parameter values and lever values (sweep points):
// build_normal_form(scenario, program) binds each template to the variant's
// values instead of compiling the text again, and gives the same game, bit
// for bit, as build_normal_form(scenario). An expression whose text differs
// from the one compiled before (a sweep's label-lever restriction) is
// compiled again. Templates are made on first use, so a text error is thrown
// by the build that needs it, as without a program. Keeps the bound programs
// for reuse: not thread-safe, one per thread.
//
// Between builds it also keeps what does not change from one variant to the
// next, so that a sweep point allocates nothing once the first point is
// built: the expressions' scope of a typed scenario (its ids, labels and
// lever values; only the parameter values are copied again when the
// structure is unchanged) and the evaluation buffers.
class ScenarioProgram {
 public:
  ScenarioProgram();
  ~ScenarioProgram();
  // A copy keeps the templates, not the buffers.
  ScenarioProgram(const ScenarioProgram& other);
  ScenarioProgram& operator=(const ScenarioProgram& other);
  ScenarioProgram(ScenarioProgram&&) noexcept;
  ScenarioProgram& operator=(ScenarioProgram&&) noexcept;

  struct Entry {
    bool ready = false;
    ExpressionTemplate source;
    CompiledExpression bound;
  };
  // The bound program of `text` (compiled if `slot` holds another text).
  static const CompiledExpression& bind(Entry& slot, const ExpressionText& text, const ExpressionContext& context);

  std::vector<Entry> constraints, payoffs, infeasible_payoffs;

  struct Workspace;  // the kept scope and buffers (builder.cpp)
  Workspace& workspace();

 private:
  std::unique_ptr<Workspace> workspace_;
};

ScenarioGame build_normal_form(const Scenario& scenario, ScenarioProgram& program, const BuildOptions& options = {});

// The same game, built into `out` and reusing its storage (action lists,
// labels, payoff tables of the same shape): what a sweep thread does at every
// point. On an exception `out` holds no valid game (build it again before use).
void build_normal_form(const Scenario& scenario, ScenarioProgram& program, const BuildOptions& options,
                       ScenarioGame& out);

// `tariff=20,chips=hold` for the given value index of each of the player's levers.
std::string action_label(const ScenarioPlayer& player, const std::vector<std::size_t>& value_indices);

// Bytes in human units ("1.5 GiB"), for budget messages.
std::string human_bytes(double bytes);

}  // namespace negsim
