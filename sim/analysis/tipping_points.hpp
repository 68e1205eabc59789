// Tipping points: for each parameter of a scenario, the nearest value below
// and above its current one at which the predicted outcome
// (sim/analysis/predicted_outcome.hpp) changes, with the outcome on the other
// side.
//
// Contract
//  - Every value is judged by a fresh, exact analysis of the scenario with
//    that one parameter changed (the one pipeline: build_stage_game and
//    ScenarioAnalyzer with predicted_outcome_parts(), skipping what the
//    outcome does not read: the repeated block's candidate strategies and
//    minmax values, the axiomatic bargaining solutions, and of the belief
//    analysis everything but its first equilibrium: BeliefScope::
//    kFirstEquilibrium); nothing is interpolated. The other parameters keep
//    their (possibly --set) values.
//  - The types model (a `sequence:` with `types:`, which the report's bottom
//    line leads with) is watched like the other concepts, but only for the
//    parameters it reads (types_model_parameters: a parameter no expression
//    or number of the `sequence:` and `types:` blocks names cannot change
//    its outcome, so for the others its prediction is the current one).
//  - Verification: the current outcome is computed by the full analysis
//    (every equilibrium of the belief analysis checked by the extensive-form
//    verifier too), and where a side's search watched the types model, the
//    types model is analysed again at the reported `inside` and `outside`
//    values on a tree built afresh (not the probes' refreshed one) and must
//    give the current and the reported prediction (std::logic_error
//    otherwise: a bug). Every perfect Bayesian equilibrium a probe reads is
//    checked by sequence_verify.hpp inside the solver. (With fresh_analyses,
//    as before: the full analysis at both values.)
//  - The search window of a parameter is its declared `range: [LO, HI]`, else
//    a default: [0, 2v] for a value v > 0, [2v, 0] for v < 0, [-1, 1] for 0
//    (payoff numbers are magnitudes whose sign the expressions set). Where the
//    scenario stops being valid inside the window (the analysis rejects the
//    value, e.g. a discount factor above 1, or the value's games exceed the
//    profile budget, e.g. too many rounds), the window is cut at the last
//    valid value found by the same bisection, and `window_note` says why.
//  - Method, per side: scan `scan_steps` equal steps from the current value
//    to the window's end, stop at the first step whose outcome differs, then
//    bisect between it and the step before until the bracket is at most
//    `rel_tolerance` times the window's width. `inside` keeps the current
//    outcome and `outside` has the other one; both were analysed.
//  - Whole-number parameters (integer_parameter: those the scenario uses as
//    a count, e.g. the `sequence:` rounds) are searched over whole numbers
//    only: the window shrinks to the whole numbers inside it, scan steps and
//    bisection points are rounded, and the bracket ends when `outside` is
//    next to `inside` (the change is at `outside` exactly).
//  - How a probe is computed, without changing what it gives (the outcome a
//    fresh analysis gives, bit for bit; scripts/compare_tipping_points and
//    fresh_analyses check it): the complete-information concepts first, and
//    the types model only when they agree with the current outcome (when they
//    differ the probe is decided; the types part is computed only for the
//    value the search keeps as `outside`). The types model's tree is built
//    once per parameter and side and, at each value, only its numbers are
//    evaluated again (refresh_sequence_numbers, sequence_builder.hpp); it is
//    rebuilt when its shape changes (rounds, the types of positive prior
//    probability, stop_when or a `when:` condition deciding otherwise). The
//    repeated block's verdict computes the common reversion's automata only
//    when the own-punishment threshold does not settle it
//    (target_self_enforcing, sustainability.hpp).
//  - Parameters are searched in parallel (oneTBB), each with its own
//    analyses; the result does not depend on the number of threads.
//  - The deadline in options.analysis bounds everything (LimitError).
// Limits: a change that reverts between two scan steps (an outcome region
// narrower than one step) is not seen; a tipping point is the nearest change
// seen on the scan. Discontinuities only: payoffs that change while the
// predicted moves do not are not tipping points.
// Complexity: per parameter and side, at most scan_steps +
// log2(1 / rel_tolerance) analyses (8 + 20 by default), plus two belief
// analyses per found side that watched the types model.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/analysis/predicted_outcome.hpp"
#include "sim/analysis/scenario_analysis.hpp"

namespace negsim {

struct ParameterWindow {
  double low = 0, high = 0;
  bool declared = false;  // the parameter's `range:`, else the default window
};

// The window a parameter is searched over (see the contract).
ParameterWindow search_window(const ScenarioParameter& parameter);

// The ids of the parameters the types model reads: named in the `sequence:`
// block (rounds, discount, stop_when, chance probabilities, its payoffs, or
// the scenario's when it has none) or in the `types:` priors. Empty when the
// scenario has no `sequence:` with types. Conservative: every name in those
// expressions that is a parameter's id counts.
std::vector<std::string> types_model_parameters(const Scenario& scenario);

// The ids of the parameters the complete-information models read (the stage
// game's payoffs, constraints and infeasible payoffs, which the timeline and
// the repeated block also play, and the `types:` priors when those payoffs
// read types (they are played in expectation); the repeated block's discount and
// continuation; every expression of the bargaining block); as conservative
// as types_model_parameters. A parameter in neither list changes nothing.
std::vector<std::string> complete_information_parameters(const Scenario& scenario);

// Whether the scenario uses the parameter as a count (the `sequence:` rounds).
bool integer_parameter(const Scenario& scenario, const std::string& id);

struct TippingSide {
  double window_end = 0;   // where the search on this side stopped looking
  std::string window_note; // why the window was cut short of its range, if it was
  bool found = false;      // the outcome changes between the value and window_end
  double inside = 0;       // last analysed value with the current outcome
  double outside = 0;      // first analysed value with another outcome
  PredictedOutcome outcome;                 // at `outside` (when found)
  std::vector<OutcomeConcept> changed;      // the concepts whose prediction differs there
};

struct TippingPoint {
  std::string parameter;
  std::string unit;        // the parameter's unit, or ""
  double value = 0;        // current value
  bool integer = false;    // searched over whole numbers (integer_parameter)
  bool watches_types = false;  // the types model reads it (types_model_parameters)
  ParameterWindow window;
  TippingSide below, above;
  std::size_t analyses = 0;  // analyses this parameter took
};

struct TippingPointOptions {
  // Deadline, profile budget, selection rule; `parts` is replaced by
  // predicted_outcome_parts().
  AnalysisOptions analysis;
  std::vector<std::string> parameters;  // empty: every parameter, in file order
  std::size_t scan_steps = 8;           // >= 1
  double rel_tolerance = 1e-6;          // bracket width / window width, in (0, 1)
  std::size_t threads = 0;              // 0: oneTBB's default; 1: serial
  // Every probe a fresh analysis of all it watches, and the full analysis
  // to verify (the method before the types model's tree was kept and the
  // parts judged lazily): the same result, slower; for benchmarks and tests
  // that compare the two.
  bool fresh_analyses = false;
};

struct TippingPointResult {
  PredictedOutcome current;
  std::vector<TippingPoint> points;  // in the order of options.parameters (or the file)
  std::size_t analyses = 0;          // total, including the current one
};

// InputError for an unknown parameter name (with did-you-mean), before any
// analysis; whatever the analysis of the current values throws.
TippingPointResult find_tipping_points(const Scenario& scenario, const TippingPointOptions& options);

// The options of the analyses that judge an outcome: `options` with the
// parts the predicted outcome reads and no more (see the contract; the
// belief analysis' scope is options.beliefs_scope: full unless the caller
// asks for the first equilibrium only, as the search's probes do).
AnalysisOptions outcome_analysis_options(const AnalysisOptions& options);

// The outcome with `parameter` set to `value` by a fresh analysis: what the
// search uses for every probe, and what a test re-runs to check a bracket.
PredictedOutcome outcome_at(const Scenario& scenario, const std::string& parameter, double value,
                            const AnalysisOptions& options);

}  // namespace negsim
