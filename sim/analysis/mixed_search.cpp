#include "sim/analysis/mixed_search.hpp"

#include <algorithm>

#include "sim/solve/global_newton.hpp"
#include "sim/solve/logit_qre.hpp"
#include "sim/solve/pure_nash.hpp"
#include "sim/solve/solve.hpp"

namespace negsim {

bool cut_short(const SolveResult& result) {
  return result.limit_reached && result.limit_reached->kind == LimitKind::time;
}

namespace {

// Re-verifies each of `from`'s equilibria with per-player tolerances and
// appends the new ones to `into` (same profile within 1e-6: dropped).
void merge_verified(SolveResult& into, const SolveResult& from, const NormalFormGame& game,
                    const std::vector<double>& tolerances) {
  for (const Equilibrium& eq : from.equilibria) {
    const bool known = std::any_of(into.equilibria.begin(), into.equilibria.end(),
                                   [&](const Equilibrium& e) { return same_profile(e.profile, eq.profile, 1e-6); });
    if (known) continue;
    std::optional<Equilibrium> checked = verify_equilibrium(game, eq.profile, eq.method, tolerances);
    if (!checked) {
      ++into.rejected;
      continue;
    }
    if (eq.exact) checked->exact = eq.exact;
    into.equilibria.push_back(std::move(*checked));
  }
  into.rejected += from.rejected;
  into.notes.insert(into.notes.end(), from.notes.begin(), from.notes.end());
  if (from.limit_reached) mark_limit_reached(into, from.limit_reached->kind, from.limit_reached->message);
}

}  // namespace

MixedSearchResult search_mixed_equilibria(const NormalFormGame& game, const MixedSearchOptions& options,
                                          const SolveResult* known_pure) {
  MixedSearchResult search;
  SolveOptions base;
  base.deadline = options.deadline;
  base.rel_tol = options.rel_tol;
  const std::vector<double> tolerances = regret_tolerances(game, options.rel_tol);
  SolveResult& found = search.found;
  if (game.num_players() == 2) {
    SolveOptions two = base;
    two.method = "auto";
    const SolveResult result = solve(game, two);
    found.method = result.method;
    search.methods = {result.method};
    merge_verified(found, result, game, tolerances);
    search.complete = result.complete && !cut_short(result) && found.rejected == 0;
    found.complete = search.complete;
    return search;
  }
  search.methods.push_back("pure");
  merge_verified(found, known_pure ? *known_pure : solve_pure_nash(game, base), game, tolerances);
  if (options.logit && !cut_short(found)) {
    search.methods.push_back("logit");
    merge_verified(found, logit_qre(game, base), game, tolerances);
  }
  if (options.gnm_starts > 0 && !cut_short(found)) {
    SolveOptions rays = base;
    rays.starts = options.gnm_starts;
    rays.seed = options.seed;
    search.methods.push_back("gnm");
    merge_verified(found, global_newton(game, rays), game, tolerances);
  }
  found.method = "pure";
  if (options.logit) found.method += " + logit";
  if (options.gnm_starts > 0)
    found.method += " + gnm (" + std::to_string(options.gnm_starts) + " rays, seed " + std::to_string(options.seed) + ")";
  search.complete = false;
  found.complete = false;
  found.notes.push_back("a heuristic search (" + found.method + ") on a " + std::to_string(game.num_players()) +
                        "-player game: not necessarily every equilibrium");
  return search;
}

}  // namespace negsim
