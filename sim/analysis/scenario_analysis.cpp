#include "sim/analysis/scenario_analysis.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>

#include "models/errors.hpp"
#include "models/scenario/type_prior.hpp"
#include "sim/analysis/parallel_parts.hpp"
#include "sim/bargain/scenario_bargaining.hpp"
#include "sim/solve/pure_nash.hpp"

namespace negsim {

namespace {

// A part cut short by the deadline would leave the report depending on how
// far the search got: stop instead (what = which part).
void stop_if_cut_short(const SolveResult& result, const std::string& what) {
  if (cut_short(result)) throw LimitError(result.limit_reached->message + " (" + what + "); nothing is reported");
}

// The pure action of each player in a verified pure equilibrium.
std::vector<std::size_t> pure_actions(const Equilibrium& eq) {
  std::vector<std::size_t> actions;
  for (const std::vector<double>& row : eq.profile)
    actions.push_back(static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin()));
  return actions;
}

// Which pure equilibrium `select` picks, with the rules backward induction
// applies to a stage game (sim/solve/backward_induction.hpp): first in Gambit
// order; largest sum of payoffs; largest Nash product of deviation losses.
// Ties and `all` go to the first.
std::size_t select_pure_equilibrium(const NormalFormGame& game, const std::vector<Equilibrium>& pure,
                                    StageSelection select) {
  // Ties within the largest player's tolerance (equilibrium.hpp), as
  // backward induction breaks them.
  const std::vector<double> tols = regret_tolerances(game);
  const double tol = tols.empty() ? 0.0 : *std::max_element(tols.begin(), tols.end());
  std::size_t chosen = 0;
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t e = 0; e < pure.size(); ++e) {
    double score = 0;
    if (select == StageSelection::kWelfare) {
      score = std::accumulate(pure[e].payoffs.begin(), pure[e].payoffs.end(), 0.0);
    } else if (select == StageSelection::kRiskDominant) {
      std::vector<std::size_t> actions = pure_actions(pure[e]);
      score = 1.0;
      for (std::size_t p = 0; p < game.num_players(); ++p) {
        const std::size_t own = actions[p];
        double best_other = -std::numeric_limits<double>::infinity();
        for (std::size_t a = 0; a < game.num_actions(p); ++a) {
          if (a == own) continue;
          actions[p] = a;
          best_other = std::max(best_other, game.payoff(p, game.profile_index(actions)));
        }
        actions[p] = own;
        // A player with one action loses nothing by "deviating": factor 1.
        if (game.num_actions(p) > 1) score *= pure[e].payoffs[p] - best_other;
      }
    } else {
      return 0;
    }
    if (score > best + tol) best = score, chosen = e;
  }
  return chosen;
}

}  // namespace

ScenarioGame build_stage_game(const Scenario& scenario, const AnalysisOptions& options) {
  return build_normal_form(scenario, options.build);
}

ScenarioAnalyzer::ScenarioAnalyzer(const Scenario& scenario, AnalysisOptions options)
    : scenario_(scenario), options_(std::move(options)) {
  options_.mixed.deadline = options_.build.deadline;
}

ScenarioAnalyzer::ScenarioAnalyzer(const Scenario& scenario, const ScenarioGame& stage_game, AnalysisOptions options)
    : ScenarioAnalyzer(scenario, std::move(options)) {
  // Not owned: the caller keeps the game alive (empty deleter).
  result_.stage_game = std::shared_ptr<const ScenarioGame>(std::shared_ptr<void>(), &stage_game);
}

const ScenarioGame& ScenarioAnalyzer::stage_game() {
  if (!result_.stage_game) {
    result_.stage_game = std::make_shared<const ScenarioGame>(build_stage_game(scenario_, options_));
    ++result_.builds.stage_game;
  }
  return *result_.stage_game;
}

const SolveResult& ScenarioAnalyzer::pure() {
  if (!pure_done_) {
    SolveOptions timed;
    timed.deadline = options_.deadline();
    result_.pure = solve_pure_nash(stage_game().game, timed);
    stop_if_cut_short(result_.pure, "pure equilibria of the stage game");
    pure_done_ = true;
  }
  return result_.pure;
}

const DominanceResult& ScenarioAnalyzer::dominance() {
  if (!result_.dominance)
    result_.dominance =
        eliminate_strictly_dominated(stage_game().game, true, kDefaultRegretTolerance, options_.deadline());
  return *result_.dominance;
}

MixedSearchResult ScenarioAnalyzer::mixed_search(const NormalFormGame& game, const SolveResult* pure) const {
  return search_mixed_equilibria(game, options_.mixed, pure);
}

const SolveResult& ScenarioAnalyzer::mixed() {
  if (!result_.mixed) {
    // The pure part's equilibria are reused, not enumerated again (N > 2).
    const SolveResult* known_pure = stage_game().game.num_players() > 2 ? &pure() : nullptr;
    MixedSearchResult search = mixed_search(stage_game().game, known_pure);
    stop_if_cut_short(search.found, "mixed equilibria of the stage game");
    std::erase_if(search.found.equilibria, [](const Equilibrium& eq) { return eq.is_pure(); });
    result_.mixed_methods = std::move(search.methods);
    result_.mixed_complete = search.complete;
    result_.mixed = std::move(search.found);
  }
  return *result_.mixed;
}

const CorrelatedEquilibrium& ScenarioAnalyzer::correlated() {
  if (!result_.correlated) {
    SolveOptions ce;
    ce.deadline = options_.deadline();
    ce.method = "ce";
    ce.objective = "welfare";
    result_.correlated = solve_correlated(stage_game().game, ce);
  }
  return *result_.correlated;
}

const SequentialAnalysis& ScenarioAnalyzer::sequential() {
  if (!result_.sequential) {
    if (!scenario_.timeline.present)
      throw InputError(scenario_.file, 0, 0, "the scenario has no `timeline` block");
    SequentialAnalysis analysis{build_timeline(scenario_, stage_game(), options_.build), {}, options_.select};
    ++result_.builds.timeline;
    BackwardInductionOptions bi;
    bi.select = options_.select;
    bi.max_equilibria = options_.max_spe;
    bi.deadline = options_.deadline();
    // Stage games with several movers and no pure equilibrium get the same
    // mixed search as the stage game; backward induction verifies whatever
    // it returns.
    bi.mixed_solver = [this](const NormalFormGame& stage) {
      const MixedSearchResult search = mixed_search(stage);
      stop_if_cut_short(search.found, "a stage game of the timeline");
      std::vector<MixedProfile> profiles;
      for (const Equilibrium& eq : search.found.equilibria) profiles.push_back(eq.profile);
      return profiles;
    };
    analysis.result = solve_backward_induction(analysis.timeline.game, bi);
    result_.sequential = std::move(analysis);
  }
  return *result_.sequential;
}

std::optional<StageEquilibriumPoint> ScenarioAnalyzer::stage_equilibrium_point() {
  const std::string rule = to_string(options_.select);
  if (scenario_.timeline.present) {
    const BackwardInductionResult& spe = sequential().result;
    if (spe.equilibria.empty()) return std::nullopt;
    return StageEquilibriumPoint{spe.equilibria.front().payoffs,
                                 options_.select == StageSelection::kAll
                                     ? "subgame-perfect equilibrium of the timeline (the first of " +
                                           std::to_string(spe.equilibria.size()) + " listed by selection all)"
                                     : "subgame-perfect equilibrium of the timeline (selection " + rule + ")"};
  }
  const std::vector<Equilibrium>& found = pure().equilibria;
  if (found.empty()) return std::nullopt;
  const std::size_t e = select_pure_equilibrium(stage_game().game, found, options_.select);
  const bool first = options_.select == StageSelection::kFirst || options_.select == StageSelection::kAll;
  return StageEquilibriumPoint{found[e].payoffs, first ? "first pure Nash equilibrium of the one-shot game"
                                                       : "pure Nash equilibrium of the one-shot game (selection " +
                                                             rule + ")"};
}

const BargainingAnalysis& ScenarioAnalyzer::bargaining() {
  if (!result_.bargaining) {
    BargainingAnalysis analysis;
    analysis.bargaining = build_bargaining(scenario_);
    ++result_.builds.bargaining;
    if (analysis.bargaining.disagreement_from_stage_equilibrium) {
      const bool timeline = scenario_.timeline.present;
      analysis.disagreement_source = resolve_stage_disagreement(
          analysis.bargaining, stage_equilibrium_point(),
          timeline ? "the timeline has no verified SPE" : "the scenario's game has no pure equilibrium",
          timeline ? "" : "give the disagreement payoffs explicitly, or add a timeline");
    }
    const BargainingProblem& problem = analysis.bargaining.problem;
    const std::vector<double>& d = problem.protocol.disagreement;
    AlternatingOffersOptions offers;
    offers.deadline = options_.deadline();
    analysis.offers = solve_alternating_offers(problem, offers);
    const std::vector<double>& weights = analysis.bargaining.nash_weights;
    if (options_.bargaining_axiomatic) {
      analysis.nash = nash_solution_discrete(problem.deals, d, weights);
      analysis.nash_lotteries = nash_solution_lotteries(problem.deals, d, weights);
      analysis.kalai_smorodinsky = kalai_smorodinsky_discrete(problem.deals, d);
      analysis.kalai_smorodinsky_lotteries = kalai_smorodinsky_lotteries(problem.deals, d);
    }
    // The axiomatic solutions have no deadline of their own: check after.
    if (options_.deadline().expired())
      throw LimitError(options_.deadline().message("the bargaining solutions") + "; nothing is reported");
    result_.bargaining = std::move(analysis);
  }
  return *result_.bargaining;
}

RepeatedScenarioSpec ScenarioAnalyzer::repeated_spec() {
  RepeatedScenarioSpec out = build_repeated_spec(scenario_, stage_game());
  ++result_.builds.repeated;
  RepeatedGameSpec& spec = out.spec;
  const RepeatedOverrides& change = options_.repeated;
  if (change.discount) {
    spec.discount = *change.discount;
    spec.discount_parameter.clear();
  }
  if (change.rounds) spec.rounds = *change.rounds;
  if (change.continuation) spec.continuation = *change.continuation;
  return out;
}

const RepeatedAnalysis& ScenarioAnalyzer::repeated() {
  if (!result_.repeated) {
    RepeatedAnalysis analysis{repeated_spec(), {}};
    analysis.sustainability = analyze_sustainability(analysis.spec.spec, options_.repeated_strategies,
                                                    options_.deadline(), options_.repeated_minmax);
    result_.repeated = std::move(analysis);
  }
  return *result_.repeated;
}

bool ScenarioAnalyzer::repeated_target_self_enforcing() {
  if (result_.repeated) return target_self_enforcing(result_.repeated->sustainability);
  return target_self_enforcing(repeated_spec().spec, options_.deadline());
}

const BayesianAnalysis& ScenarioAnalyzer::bayesian() {
  if (!result_.bayesian) {
    if (!scenario_.types.present)
      throw InputError(scenario_.file, 0, 0, "the scenario has no `types` block");
    result_.bayesian = analyze_bayesian(scenario_, options_.build, options_.mixed);
  }
  return *result_.bayesian;
}

const BeliefAnalysis& ScenarioAnalyzer::beliefs() {
  if (!result_.beliefs) {
    if (!scenario_.sequence.present)
      throw InputError(scenario_.file, 0, 0, "the scenario has no `sequence` block");
    result_.beliefs = analyze_beliefs(scenario_, options_.build, {}, options_.beliefs_scope);
  }
  return *result_.beliefs;
}

ScenarioAnalysis ScenarioAnalyzer::analyze() && {
  const AnalysisParts& parts = options_.parts;
  const bool repeated_part = parts.repeated && scenario_.repeated.present;
  // Three groups of parts share nothing but the stage game (read-only once
  // built, so it is built here first) and run at once on the caller's arena:
  // the stage game's own parts, the repeated block, the types (the type-agent
  // form and the `sequence:` tree build their own games from the scenario).
  if (repeated_part) stage_game();
  std::vector<std::function<void()>> groups;
  // In this order on one thread: mixed reads pure's equilibria, bargaining's
  // disagreement point reads the timeline's SPE (or pure's equilibria).
  groups.push_back([this, &parts] {
    if (parts.pure) pure();
    if (parts.dominance) dominance();
    if (parts.mixed) mixed();
    if (parts.correlated) correlated();
    if (parts.sequential && scenario_.timeline.present) sequential();
    if (parts.bargaining && scenario_.bargaining.present) bargaining();
  });
  if (repeated_part) groups.push_back([this] { repeated(); });
  if (parts.bayesian && payoffs_read_types(scenario_)) groups.push_back([this] { bayesian(); });
  if (parts.beliefs && scenario_.sequence.present) groups.push_back([this] { beliefs(); });
  // A failure is reported as the parts would raise it one after another.
  run_parts_in_parallel(groups);
  return std::move(result_);
}

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const ScenarioGame& stage_game,
                                  const AnalysisOptions& options) {
  return ScenarioAnalyzer(scenario, stage_game, options).analyze();
}

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const AnalysisOptions& options) {
  return ScenarioAnalyzer(scenario, options).analyze();
}

}  // namespace negsim
