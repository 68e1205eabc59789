#include "sim/solve/behavior_equilibrium.hpp"

#include <stdexcept>

namespace negsim {

std::optional<BehaviorEquilibrium> make_verified_equilibrium(const ExtensiveFormGame& game,
                                                             const BehaviorProfile& profile,
                                                             const std::optional<ExactBehaviorProfile>& exact,
                                                             const std::string& method, double rel_tol) {
  BehaviorEquilibrium e;
  e.method = method;
  e.no_action.assign(game.num_infosets(), false);
  if (exact) {
    const ExactBehaviorCheck check = verify_exact_behavior(game, *exact);
    if (!check.is_equilibrium) return std::nullopt;
    e.exact = exact;
    e.profile = to_double_behavior(*exact);
    for (const mpq_class& v : check.payoffs) e.payoffs.push_back(nearest_double(v));
    e.gains.assign(game.num_players(), 0.0);
    return e;
  }
  const BehaviorCheck check = verify_behavior(game, profile, rel_tol);
  if (!check.is_equilibrium) return std::nullopt;
  e.profile = profile;
  e.payoffs = check.payoffs;
  e.gains = check.gain;
  e.max_relative_gain = check.max_relative_gain;
  return e;
}

void require_verified(const ExtensiveFormGame& game, const ExtensiveSolveResult& result, double rel_tol) {
  const bool agent = result.form.rfind("agent", 0) == 0;
  for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
    const BehaviorEquilibrium& eq = result.equilibria[k];
    bool ok = false;
    if (agent)
      ok = is_agent_form_equilibrium(game, eq.exact ? *eq.exact : to_exact_behavior(eq.profile));
    else if (eq.exact)
      ok = verify_exact_behavior(game, *eq.exact).is_equilibrium;
    else
      ok = verify_behavior(game, eq.profile, rel_tol).is_equilibrium;
    if (!ok)
      throw std::logic_error("method " + result.method + " returned equilibrium " + std::to_string(k + 1) +
                             " that the behaviour-profile verifier rejects");
  }
}

}  // namespace negsim
