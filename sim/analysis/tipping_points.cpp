#include "sim/analysis/tipping_points.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/errors.hpp"
#include "models/scenario/yaml_fields.hpp"

namespace negsim {

namespace {

// Fresh analyses of one parameter's values; counts them.
class Prober {
 public:
  Prober(const Scenario& scenario, std::string parameter, const AnalysisOptions& options)
      : scenario_(scenario), parameter_(std::move(parameter)), options_(options) {}

  // nullopt: the scenario rejects this value (InputError); `why` says how.
  std::optional<PredictedOutcome> operator()(double value) {
    ++analyses;
    try {
      return outcome_at(scenario_, parameter_, value, options_);
    } catch (const InputError& e) {
      why = e.message();
      return std::nullopt;
    }
  }

  std::size_t analyses = 0;
  std::string why;  // the last rejection's message

 private:
  const Scenario& scenario_;
  std::string parameter_;
  const AnalysisOptions& options_;
};

// The search on one side (see the contract in the header).
TippingSide search_side(Prober& probe, const PredictedOutcome& current, double value, double end,
                        double tolerance, std::size_t steps) {
  TippingSide side;
  side.window_end = end;
  if (end == value) return side;
  // Bisects [inside, outside] down to the tolerance; `inside` has the
  // current outcome. Sets the result from the final bracket.
  auto bisect = [&](double inside, double outside, std::optional<PredictedOutcome> outside_outcome) {
    while (std::abs(outside - inside) > tolerance) {
      const double mid = inside + (outside - inside) / 2;
      if (mid == inside || mid == outside) break;  // no double between them
      std::optional<PredictedOutcome> o = probe(mid);
      if (o && *o == current) {
        inside = mid;
      } else {
        outside = mid;
        outside_outcome = std::move(o);
      }
    }
    if (!outside_outcome) {
      // The scenario stops being valid before the outcome changes: the
      // window ends at the last valid value.
      side.window_end = inside;
      side.window_note = probe.why;
      return;
    }
    side.found = true;
    side.inside = inside;
    side.outside = outside;
    side.changed = changed_concepts(current, *outside_outcome);
    side.outcome = std::move(*outside_outcome);
  };
  double previous = value;
  for (std::size_t k = 1; k <= steps; ++k) {
    const double x = k == steps ? end : value + (end - value) * static_cast<double>(k) / static_cast<double>(steps);
    std::optional<PredictedOutcome> o = probe(x);
    if (!o || *o != current) {
      bisect(previous, x, std::move(o));
      return side;
    }
    previous = x;
  }
  return side;
}

TippingPoint search_parameter(const Scenario& scenario, const ScenarioParameter& parameter,
                              const PredictedOutcome& current, const TippingPointOptions& options,
                              const AnalysisOptions& analysis, bool above) {
  TippingPoint point;
  point.parameter = parameter.id;
  point.unit = parameter.unit;
  point.value = parameter.value;
  point.window = search_window(parameter);
  Prober probe(scenario, parameter.id, analysis);
  const double tolerance = options.rel_tolerance * (point.window.high - point.window.low);
  const double end = above ? point.window.high : point.window.low;
  (above ? point.above : point.below) =
      search_side(probe, current, parameter.value, end, tolerance, options.scan_steps);
  // The side not searched here ends at the value itself until merged.
  (above ? point.below : point.above).window_end = parameter.value;
  point.analyses = probe.analyses;
  return point;
}

}  // namespace

// What the predicted outcome reads, and no more: its parts; of the repeated
// part, Nash reversion (not the candidate strategies' verdicts, not the
// minmax values); of bargaining, the alternating offers.
AnalysisOptions outcome_analysis_options(const AnalysisOptions& options) {
  AnalysisOptions out = options;
  out.parts = predicted_outcome_parts();
  out.repeated_strategies.clear();
  out.repeated_minmax = false;
  out.bargaining_axiomatic = false;
  return out;
}

ParameterWindow search_window(const ScenarioParameter& parameter) {
  if (parameter.range) return {parameter.range->first, parameter.range->second, true};
  const double v = parameter.value;
  if (v > 0) return {0.0, 2 * v, false};
  if (v < 0) return {2 * v, 0.0, false};
  return {-1.0, 1.0, false};
}

PredictedOutcome outcome_at(const Scenario& scenario, const std::string& parameter, double value,
                            const AnalysisOptions& options) {
  Scenario changed = scenario;
  ScenarioParameter* p = changed.find_parameter(parameter);
  if (!p) throw InputError("--sensitivity", 0, 0, "unknown parameter '" + parameter + "'");
  p->value = value;
  const AnalysisOptions outcome_options = outcome_analysis_options(options);
  const ScenarioGame built = build_stage_game(changed, outcome_options);
  const ScenarioAnalysis analysis = analyze_scenario(changed, built, outcome_options);
  return predicted_outcome(changed, built, analysis);
}

TippingPointResult find_tipping_points(const Scenario& scenario, const TippingPointOptions& options) {
  std::vector<const ScenarioParameter*> parameters;
  if (options.parameters.empty()) {
    for (const ScenarioParameter& p : scenario.parameters) parameters.push_back(&p);
  } else {
    const std::vector<std::string> ids = scenario.parameter_ids();
    for (const std::string& name : options.parameters) {
      const ScenarioParameter* p = scenario.find_parameter(name);
      if (!p)
        throw InputError("--sensitivity", 0, 0, "unknown parameter '" + name + "'" + did_you_mean(name, ids),
                         ids.empty() ? "the scenario has no parameters"
                                     : "parameters of " + scenario.file + ": " + join_names(ids));
      parameters.push_back(p);
    }
  }
  if (options.scan_steps < 1) throw UsageError("tipping points: scan_steps must be at least 1");
  if (!(options.rel_tolerance > 0 && options.rel_tolerance < 1))
    throw UsageError("tipping points: rel_tolerance must be in (0, 1)");

  const AnalysisOptions analysis = outcome_analysis_options(options.analysis);
  TippingPointResult result;
  {
    const ScenarioGame built = build_stage_game(scenario, analysis);
    const ScenarioAnalysis current = analyze_scenario(scenario, built, analysis);
    result.current = predicted_outcome(scenario, built, current);
    result.analyses = 1;
  }
  // One task per parameter and side: 2 x parameters independent searches.
  std::vector<TippingPoint> halves(2 * parameters.size());
  auto run = [&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, halves.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i)
                          halves[i] = search_parameter(scenario, *parameters[i / 2], result.current, options,
                                                       analysis, i % 2 == 1);
                      });
  };
  if (options.threads == 0) {
    run();
  } else {
    tbb::task_arena arena(static_cast<int>(options.threads));
    arena.execute(run);
  }
  analysis.deadline().check("searching for tipping points");
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    TippingPoint point = std::move(halves[2 * i]);
    point.above = std::move(halves[2 * i + 1].above);
    point.analyses += halves[2 * i + 1].analyses;
    result.analyses += point.analyses;
    result.points.push_back(std::move(point));
  }
  return result;
}

}  // namespace negsim
