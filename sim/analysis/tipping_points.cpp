#include "sim/analysis/tipping_points.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/errors.hpp"
#include "models/scenario/sequence_builder.hpp"
#include "models/scenario/type_prior.hpp"
#include "models/scenario/yaml_fields.hpp"
#include "sim/analysis/belief_analysis.hpp"

namespace negsim {

namespace {

// outcome_at with `options` already reduced by outcome_analysis_options.
PredictedOutcome outcome_with(const Scenario& scenario, const std::string& parameter, double value,
                              const AnalysisOptions& options) {
  Scenario changed = scenario;
  ScenarioParameter* p = changed.find_parameter(parameter);
  if (!p) throw InputError("--sensitivity", 0, 0, "unknown parameter '" + parameter + "'");
  p->value = value;
  const ScenarioGame built = build_stage_game(changed, options);
  const ScenarioAnalysis analysis = analyze_scenario(changed, built, options);
  return predicted_outcome(changed, built, analysis);
}

// The analyses of one parameter's values; counts them. For a parameter the
// types model does not read, the belief analysis is skipped and the current
// types prediction kept; for one only it reads, the rest (see the contract).
// A probe judges the concepts from the cheapest up: the stage game's (pure
// equilibria, the timeline, bargaining), then the repeated block's verdict,
// then the types model. Once one differs from the current outcome the probe
// is decided, and the later parts are left `pending` (the current ones stand
// in) until the search keeps that value as its `outside` (finish()). The
// types model runs on one tree per prober whose numbers are refreshed at each
// value (refresh_sequence_numbers), rebuilt only when its shape changes.
// Both give the outcome a fresh analysis gives, bit for bit.
class Prober {
 public:
  // `fresh`: every probe a fresh analysis of everything it watches, the
  // belief analysis inside the pipeline (TippingPointOptions::fresh_analyses).
  Prober(const Scenario& scenario, std::string parameter, const AnalysisOptions& options,
         const PredictedOutcome& current, bool watch_types, bool watch_complete, bool fresh)
      : scenario_(scenario), parameter_(std::move(parameter)), options_(options), current_(current),
        watch_types_(watch_types), watch_complete_(watch_complete), fresh_(fresh), changed_(scenario) {
    changed_parameter_ = changed_.find_parameter(parameter_);
    if (!changed_parameter_) throw InputError("--sensitivity", 0, 0, "unknown parameter '" + parameter_ + "'");
    options_.beliefs_scope = BeliefScope::kFirstEquilibrium;
    fresh_options_ = options_;
    if (!watch_types_) fresh_options_.parts.beliefs = false;
    // The belief analysis runs here (types_at), never inside the pipeline,
    // and the repeated block after the stage game's parts (repeated_at).
    has_repeated_ = options_.parts.repeated && scenario.repeated.present;
    options_.parts.beliefs = false;
    stage_options_ = options_;
    stage_options_.parts.repeated = false;
  }

  struct Probe {
    PredictedOutcome outcome;
    bool repeated_pending = false;  // the repeated and types parts of `outcome` are the
    bool types_pending = false;     // current ones, not yet computed (decided before them)
    // The types model rejected the value before the repeated block was judged
    // (types_first): the rejection stands unless the repeated block's does.
    std::optional<std::string> types_error;
    bool decided_by_types = false;  // the types model's prediction differs
    double value = 0;
  };

  // Judge the types model before the repeated block: the search does once
  // the types model decided its first changed step (the bisection then
  // probes mostly where it differs). Any order gives the same outcomes and
  // the same rejection messages (finish() judges the pending parts in the
  // pipeline's order).
  void judge_types_first() { types_first_ = has_repeated_ && watch_types_ && watch_complete_; }

  // nullopt: the scenario rejects this value (InputError); `why` says how.
  std::optional<Probe> operator()(double value) {
    ++analyses;
    Probe probe;
    probe.value = value;
    if (fresh_) {
      if (!guard([&] { probe.outcome = fresh_outcome(value); })) return std::nullopt;
      return probe;
    }
    if (!guard([&] {
          changed_parameter_->value = value;
          PredictedOutcome& o = probe.outcome;
          if (!watch_complete_) {
            o = current_;
          } else {
            const ScenarioGame built = build_stage_game(changed_, stage_options_);
            o = predicted_outcome(changed_, built, analyze_scenario(changed_, built, stage_options_));
            keep_repeated(o);
            keep_types(o);
            if (o != current_) {  // decided by the stage game's concepts
              probe.repeated_pending = has_repeated_;
              probe.types_pending = watch_types_;
              return;
            }
            if (types_first_) {
              probe.types_error = attempt([&] { fill_types_outcome(changed_, types_at(), o); });
              if (probe.types_error || o != current_) {  // decided by the types model
                probe.decided_by_types = !probe.types_error;
                probe.repeated_pending = true;
                return;
              }
              repeated_at(built, o);
              return;
            }
            if (has_repeated_) {
              repeated_at(built, o);
              if (o != current_) {  // decided by the repeated block
                probe.types_pending = watch_types_;
                return;
              }
            }
          }
          if (watch_types_) {
            fill_types_outcome(changed_, types_at(), o);
            probe.decided_by_types = o != current_;
          }
        }))
      return std::nullopt;
    return probe;
  }

  // The whole outcome of a probe the search keeps (nullopt: a part left
  // pending rejects the value, `why` says how).
  std::optional<PredictedOutcome> finish(std::optional<Probe> probe) {
    if (!probe) return std::nullopt;
    if (!probe->repeated_pending && !probe->types_pending && !probe->types_error) return std::move(probe->outcome);
    if (!guard([&] {
          changed_parameter_->value = probe->value;
          if (probe->repeated_pending) repeated_at(build_stage_game(changed_, stage_options_), probe->outcome);
          if (probe->types_pending) fill_types_outcome(changed_, types_at(), probe->outcome);
        }))
      return std::nullopt;
    if (probe->types_error) {
      why = *probe->types_error;
      return std::nullopt;
    }
    return std::move(probe->outcome);
  }

  std::size_t analyses = 0;
  std::string why;  // the last rejection's message

 private:
  // Runs `work`; the message if the value is rejected: an InputError, or a
  // LimitError other than the deadline (over the profile budget at this
  // value, e.g. more rounds: the window ends there like at an invalid value).
  template <class Work>
  std::optional<std::string> attempt(Work&& work) {
    try {
      work();
      return std::nullopt;
    } catch (const InputError& e) {
      return e.message();
    } catch (const LimitError& e) {
      if (options_.deadline().expired() || options_.deadline().cancelled()) throw;
      return std::string(e.what());
    }
  }

  // attempt, the message recorded in `why`; false if the value is rejected.
  template <class Work>
  bool guard(Work&& work) {
    std::optional<std::string> message = attempt(std::forward<Work>(work));
    if (!message) return true;
    why = std::move(*message);
    return false;
  }

  // The method before the tree was kept and the parts judged lazily.
  PredictedOutcome fresh_outcome(double value) const {
    Scenario changed = scenario_;
    changed.find_parameter(parameter_)->value = value;
    PredictedOutcome o = current_;
    if (!watch_complete_) {
      fill_types_outcome(changed, analyze_beliefs(changed, options_.build, {}, options_.beliefs_scope), o);
      return o;
    }
    const ScenarioGame built = build_stage_game(changed, fresh_options_);
    o = predicted_outcome(changed, built, analyze_scenario(changed, built, fresh_options_));
    if (!watch_types_) keep_types(o);
    return o;
  }

  // The repeated block's verdict at changed_ (as predicted_outcome reads it).
  void repeated_at(const ScenarioGame& built, PredictedOutcome& o) const {
    ScenarioAnalyzer analyzer(changed_, built, options_);
    o.has_repeated = true;
    o.self_enforcing = analyzer.repeated_target_self_enforcing();
  }

  // The belief analysis as ScenarioAnalyzer::beliefs runs it for a probe
  // (BeliefScope::kFirstEquilibrium), at changed_, on the kept tree.
  const BeliefAnalysis& types_at() {
    if (!have_tree_ || !refresh_sequence_numbers(changed_, beliefs_.tree)) {
      have_tree_ = false;
      SequenceBuildOptions tree_options;
      tree_options.build = options_.build;
      beliefs_.tree = build_sequence_tree(changed_, tree_options);
      have_tree_ = true;
    }
    solve_first_belief_equilibrium(changed_, options_.build.deadline, beliefs_);
    return beliefs_;
  }

  void keep_repeated(PredictedOutcome& o) const {
    o.has_repeated = current_.has_repeated;
    o.self_enforcing = current_.self_enforcing;
  }

  void keep_types(PredictedOutcome& o) const {
    o.has_types = current_.has_types;
    o.types_found = current_.types_found;
    o.types_player = current_.types_player;
    o.types_observer = current_.types_observer;
    o.threat_by_type = current_.threat_by_type;
    o.types_line = current_.types_line;
    o.after_threat = current_.after_threat;
  }

  const Scenario& scenario_;
  std::string parameter_;
  AnalysisOptions options_, stage_options_, fresh_options_;
  const PredictedOutcome& current_;
  bool watch_types_, watch_complete_, fresh_, has_repeated_ = false, types_first_ = false;
  Scenario changed_;  // the scenario at the probed value
  ScenarioParameter* changed_parameter_ = nullptr;
  BeliefAnalysis beliefs_;  // the types model's tree, kept across values
  bool have_tree_ = false;
};

// The search on one side (see the contract in the header). `integer`: whole
// numbers only (value and end are whole).
TippingSide search_side(Prober& probe, const PredictedOutcome& current, double value, double end,
                        double tolerance, std::size_t steps, bool integer) {
  TippingSide side;
  side.window_end = end;
  if (end == value) return side;
  auto is_current = [&](const std::optional<Prober::Probe>& o) {
    return o && !o->repeated_pending && !o->types_pending && !o->types_error && o->outcome == current;
  };
  // Bisects [inside, outside] down to the tolerance; `inside` has the
  // current outcome. Sets the result from the final bracket.
  auto bisect = [&](double inside, double outside, std::optional<Prober::Probe> outside_probe) {
    while (integer ? std::abs(outside - inside) > 1 : std::abs(outside - inside) > tolerance) {
      double mid = inside + (outside - inside) / 2;
      if (integer) mid = outside > inside ? std::floor(mid) : std::ceil(mid);
      if (mid == inside || mid == outside) break;  // no double between them
      std::optional<Prober::Probe> o = probe(mid);
      if (is_current(o)) {
        inside = mid;
      } else {
        outside = mid;
        outside_probe = std::move(o);
      }
    }
    std::optional<PredictedOutcome> outside_outcome = probe.finish(std::move(outside_probe));
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
    double x = k == steps ? end : value + (end - value) * static_cast<double>(k) / static_cast<double>(steps);
    if (integer) x = end > value ? std::ceil(x) : std::floor(x);
    if (x == previous) continue;  // whole numbers: steps closer than 1
    std::optional<Prober::Probe> o = probe(x);
    if (!is_current(o)) {
      if (o && o->decided_by_types) probe.judge_types_first();
      bisect(previous, x, std::move(o));
      return side;
    }
    previous = x;
  }
  return side;
}

// A found side that watched the types model, checked again at the reported
// values (see the contract): with fresh_analyses by the full analysis (every
// equilibrium, the extensive-form verifier), else by the types model on a
// tree built afresh (not refreshed) and solved afresh; the other concepts'
// parts of a reported outcome come from fresh analyses already.
void verify_side(const Scenario& scenario, const TippingPoint& point, const TippingSide& side,
                 const PredictedOutcome& current, const AnalysisOptions& full, bool in_full) {
  if (!side.found) return;
  auto fail = [&](double at, const char* which) {
    throw std::logic_error("tipping points of " + scenario.file + ": " +
                           (in_full ? "the full analysis" : "the types model on a fresh tree") + " at " +
                           point.parameter + " = " + std::to_string(at) + " does not give the " + which +
                           " outcome the search found there (a bug)");
  };
  auto again = [&](double at, const PredictedOutcome& expected) {
    if (in_full) return outcome_at(scenario, point.parameter, at, full);
    Scenario changed = scenario;
    changed.find_parameter(point.parameter)->value = at;
    PredictedOutcome o = expected;
    fill_types_outcome(changed, analyze_beliefs(changed, full.build, {}, BeliefScope::kFirstEquilibrium), o);
    return o;
  };
  if (again(side.inside, current) != current) fail(side.inside, "current");
  if (again(side.outside, side.outcome) != side.outcome) fail(side.outside, "reported");
}

TippingPoint search_parameter(const Scenario& scenario, const ScenarioParameter& parameter,
                              const PredictedOutcome& current, const TippingPointOptions& options,
                              const AnalysisOptions& analysis, bool watch_types, bool watch_complete, bool integer,
                              bool above) {
  TippingPoint point;
  point.parameter = parameter.id;
  point.unit = parameter.unit;
  point.value = parameter.value;
  point.integer = integer;
  point.watches_types = watch_types;
  point.window = search_window(parameter);
  if (integer) point.window = {std::ceil(point.window.low), std::floor(point.window.high), point.window.declared};
  Prober probe(scenario, parameter.id, analysis, current, watch_types, watch_complete || !watch_types,
               options.fresh_analyses);
  const double tolerance = options.rel_tolerance * (point.window.high - point.window.low);
  const double end = above ? point.window.high : point.window.low;
  TippingSide& side = above ? point.above : point.below;
  // A whole-number parameter whose value is not whole is searched as a real.
  const bool whole = integer && parameter.value == std::floor(parameter.value);
  if (above ? end > parameter.value : end < parameter.value)
    side = search_side(probe, current, parameter.value, end, tolerance, options.scan_steps, whole);
  else
    side.window_end = parameter.value;
  // The side not searched here ends at the value itself until merged.
  (above ? point.below : point.above).window_end = parameter.value;
  point.analyses = probe.analyses;
  if (watch_types) {
    verify_side(scenario, point, side, current, analysis, options.fresh_analyses);
    point.analyses += side.found ? 2 : 0;
  }
  return point;
}

bool names_parameter(const std::string& text, const std::string& id) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) {
    const bool starts = at == 0 || !word(text[at - 1]);
    const bool ends = at + id.size() == text.size() || !word(text[at + id.size()]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> types_model_parameters(const Scenario& scenario) {
  std::vector<std::string> out;
  if (!scenario.sequence.present || !scenario.types.present) return out;
  const SequenceBlock& seq = scenario.sequence;
  std::vector<const std::string*> texts;
  for (const ExpressionText& e : seq.payoffs.empty() ? scenario.payoffs : seq.payoffs) texts.push_back(&e.text);
  if (seq.stop_when) texts.push_back(&seq.stop_when->text);
  for (const ChanceEvent& c : seq.chance_events)
    for (const ExpressionText& e : c.probabilities) texts.push_back(&e.text);
  for (const PlayerTypes& t : scenario.types.players)
    for (const ExpressionText& e : t.prior) texts.push_back(&e.text);
  for (const JointPriorRow& row : scenario.types.joint) texts.push_back(&row.probability.text);
  for (const ScenarioParameter& p : scenario.parameters) {
    bool read = p.id == seq.rounds.parameter || p.id == seq.discount.parameter;
    for (std::size_t i = 0; i < texts.size() && !read; ++i) read = names_parameter(*texts[i], p.id);
    if (read) out.push_back(p.id);
  }
  return out;
}

std::vector<std::string> complete_information_parameters(const Scenario& scenario) {
  std::vector<const std::string*> texts;
  auto add = [&](const ExpressionText& e) { texts.push_back(&e.text); };
  auto add_per_player = [&](const PerPlayerExpressions* e) {
    if (e)
      for (const auto& v : e->values)
        if (v) add(*v);
  };
  for (const ExpressionText& e : scenario.payoffs) add(e);
  for (const ExpressionText& e : scenario.constraints) add(e);
  for (const auto& e : scenario.infeasible_payoffs)
    if (e) add(*e);
  // Payoffs that read types are played in expectation over the prior.
  if (scenario.types.present && payoffs_read_types(scenario)) {
    for (const PlayerTypes& t : scenario.types.players)
      for (const ExpressionText& e : t.prior) add(e);
    for (const JointPriorRow& row : scenario.types.joint) add(row.probability);
  }
  std::vector<std::string> numbers;  // NumberOrParameter fields
  if (scenario.repeated.present) {
    numbers.push_back(scenario.repeated.discount.parameter);
    if (scenario.repeated.continuation) numbers.push_back(scenario.repeated.continuation->parameter);
  }
  const BargainingBlock& b = scenario.bargaining;
  if (b.present) {
    for (const ExpressionText& e : b.constraints) add(e);
    for (const ExpressionText& e : b.utilities) add(e);
    add_per_player(&b.discount);
    if (b.deadline) add(*b.deadline);
    for (const auto* e : {&b.disagreement, &b.outside_options, &b.nash_weights})
      if (*e) add_per_player(&**e);
    if (b.extension)
      for (const auto* e : {&b.extension->rounds, &b.extension->times, &b.extension->cost})
        if (*e) add(**e);
  }
  std::vector<std::string> out;
  for (const ScenarioParameter& p : scenario.parameters) {
    bool read = std::find(numbers.begin(), numbers.end(), p.id) != numbers.end();
    for (std::size_t i = 0; i < texts.size() && !read; ++i) read = names_parameter(*texts[i], p.id);
    if (read) out.push_back(p.id);
  }
  return out;
}

bool integer_parameter(const Scenario& scenario, const std::string& id) {
  return scenario.sequence.present && scenario.sequence.rounds.parameter == id;
}

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
  return outcome_with(scenario, parameter, value, outcome_analysis_options(options));
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

  // The current outcome and the verification: the full analysis.
  AnalysisOptions analysis = outcome_analysis_options(options.analysis);
  analysis.beliefs_scope = BeliefScope::kFull;
  const std::vector<std::string> types_read = types_model_parameters(scenario);
  const std::vector<std::string> complete_read = complete_information_parameters(scenario);
  auto watches_types = [&](const std::string& id) {
    return std::find(types_read.begin(), types_read.end(), id) != types_read.end();
  };
  auto watches_complete = [&](const std::string& id) {
    return std::find(complete_read.begin(), complete_read.end(), id) != complete_read.end();
  };
  TippingPointResult result;
  {
    const ScenarioGame built = build_stage_game(scenario, analysis);
    const ScenarioAnalysis current = analyze_scenario(scenario, built, analysis);
    result.current = predicted_outcome(scenario, built, current);
    result.analyses = 1;
  }
  // One task per parameter and side: 2 x parameters independent searches.
  std::vector<TippingPoint> halves(2 * parameters.size());
  // Longest first (greedy, each thread takes the next task when done), so
  // that no long search is left for the end: those watching both kinds of
  // model, then the types model only, then the others (in file order within).
  std::vector<std::size_t> order(halves.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto weight = [&](std::size_t i) {
    const std::string& id = parameters[i / 2]->id;
    return (watches_types(id) ? 2 : 0) + (watches_complete(id) ? 1 : 0);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    const std::size_t workers =
        std::min<std::size_t>(order.size(), static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()));
    tbb::parallel_for(std::size_t{0}, workers, [&](std::size_t) {
      for (std::size_t k = next++; k < order.size(); k = next++) {
        const std::size_t i = order[k];
        halves[i] = search_parameter(scenario, *parameters[i / 2], result.current, options, analysis,
                                     watches_types(parameters[i / 2]->id), watches_complete(parameters[i / 2]->id),
                                     integer_parameter(scenario, parameters[i / 2]->id), i % 2 == 1);
      }
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
