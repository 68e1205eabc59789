#include "sim/learn/dynamics_catalog.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/errors.hpp"
#include "sim/learn/best_response_dynamics.hpp"
#include "sim/learn/fictitious_play.hpp"
#include "sim/learn/logit_response.hpp"
#include "sim/learn/regret_matching.hpp"
#include "sim/learn/replicator.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

namespace {

DynamicsInfo entry(std::string name, std::string description, std::string tracked, std::string stopping) {
  DynamicsInfo d;
  d.name = std::move(name);
  d.description = std::move(description);
  d.tracked = std::move(tracked);
  d.stopping = std::move(stopping);
  return d;
}

std::vector<DynamicsInfo> make_catalog() {
  std::vector<DynamicsInfo> out;
  out.push_back(entry("fictitious-play", "each round every player best-responds to the others' empirical frequencies",
                      "empirical frequencies of play", "max regret of the empirical frequencies <= tol x the player's payoff range"));
  DynamicsInfo rm = entry("regret-matching", "play each action with probability proportional to its positive regret (sampled)",
                          "current strategy (positive-regret proportions)",
                          "average regret of the empirical joint play (CCE gap) <= tol x the player's payoff range");
  rm.uses_seed = true;
  rm.tracks_final = false;  // the final profile is the empirical marginals
  out.push_back(rm);
  DynamicsInfo rep = entry("replicator", "continuous replicator dynamics, integrated by RK4 with --step",
                           "population state (mixed strategy)", "change per iteration <= tol");
  rep.uses_step = true;
  out.push_back(rep);
  out.push_back(entry("replicator-discrete", "discrete (Maynard Smith) replicator dynamics",
                      "population state (mixed strategy)", "change per iteration <= tol"));
  DynamicsInfo logit = entry("logit", "smoothed best response: x <- (1 - step) x + step * logit(lambda * payoffs)",
                             "mixed strategy", "change per iteration <= tol");
  logit.uses_step = true;
  logit.uses_lambda = true;
  out.push_back(logit);
  DynamicsInfo br = entry("best-response", "pure best-response dynamics (players in turn, or --simultaneous)",
                          "pure profile", "no player wants to switch (a pure Nash equilibrium); stops on a cycle");
  br.uses_simultaneous = true;
  br.pure_initial = true;
  out.push_back(br);
  return out;
}

LearningResult dispatch(const NormalFormGame& game, const std::string& name, const LearningOptions& options) {
  if (name == "fictitious-play") return fictitious_play(game, options);
  if (name == "regret-matching") return regret_matching(game, options);
  if (name == "replicator") return replicator_continuous(game, options);
  if (name == "replicator-discrete") return replicator_discrete(game, options);
  if (name == "logit") return logit_response(game, options);
  if (name == "best-response") return best_response_dynamics(game, options);
  throw std::logic_error("dynamics '" + name + "' is in the catalog but has no runner");
}

// The profile a dynamic starts from (what it tracks at iteration 0).
MixedProfile start_of(const NormalFormGame& game, const DynamicsInfo& d, const LearningOptions& options) {
  if (d.pure_initial && options.initial.empty()) return game.pure_to_mixed(PureProfile(game.num_players(), 0));
  return starting_profile(game, options);
}

}  // namespace

const std::vector<DynamicsInfo>& dynamics_catalog() {
  static const std::vector<DynamicsInfo> catalog = make_catalog();
  return catalog;
}

const DynamicsInfo& find_dynamics(const std::string& name) {
  std::vector<std::string> names;
  for (const DynamicsInfo& d : dynamics_catalog()) {
    if (d.name == name) return d;
    names.push_back(d.name);
  }
  const std::string guess = closest_match(name, names);
  std::string known;
  for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
  throw UsageError("unknown dynamics '" + name + "'" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                   "; known: " + known);
}

LearningRun run_learning(const NormalFormGame& game, const std::string& dynamics, const LearningOptions& options,
                         double rel_tol) {
  LearningRun run;
  run.dynamics = find_dynamics(dynamics);
  run.options = options;
  if (run.dynamics.pure_initial)
    for (const std::vector<double>& row : options.initial)
      if (std::count(row.begin(), row.end(), 1.0) != 1)
        throw UsageError("--initial: " + run.dynamics.name + " starts from a pure profile (one action per player)");
  MixedProfile start;
  try {
    start = start_of(game, run.dynamics, options);
    run.result = dispatch(game, run.dynamics.name, options);
  } catch (const std::invalid_argument& e) {  // an initial profile the dynamic cannot start from
    throw UsageError(std::string("--initial: ") + e.what());
  }
  const LearningResult& r = run.result;
  run.trajectory.push_back({0, start, game.expected_payoffs(start)});
  for (std::size_t k = 0; k < r.trace.size(); ++k)
    run.trajectory.push_back({r.trace_iterations[k], r.trace[k], game.expected_payoffs(r.trace[k])});
  if (run.dynamics.tracks_final && run.trajectory.back().iteration != r.iterations)
    run.trajectory.push_back({r.iterations, r.final_profile, game.expected_payoffs(r.final_profile)});

  // The verdict, independent of the dynamic's own bookkeeping.
  LearningVerdict& v = run.verdict;
  v.rel_tol = rel_tol;
  v.regrets = game.regrets(r.final_profile);
  v.tolerances = regret_tolerances(game, rel_tol);
  v.payoffs = game.expected_payoffs(r.final_profile);
  v.max_regret = game.max_regret(r.final_profile);
  v.is_equilibrium = verify_equilibrium(game, r.final_profile, "learn:" + run.dynamics.name, v.tolerances).has_value();
  return run;
}

}  // namespace negsim
