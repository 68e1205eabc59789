#include "sim/repeated/sustainability.hpp"

#include <cmath>

#include "sim/repeated/minmax.hpp"
#include "sim/repeated/strategy_library.hpp"

namespace negsim {

std::vector<std::string> default_sustainability_strategies() {
  return {"grim-trigger", "tit-for-tat", "k-round-punishment", "contrite-tft",
          "win-stay-lose-shift", "generous-tft", "tit-for-two-tats"};
}

SustainabilityReport analyze_sustainability(const RepeatedGameSpec& spec,
                                            const std::vector<std::string>& strategies,
                                            const Deadline& deadline) {
  spec.validate();
  const NormalFormGame& g = spec.stage;
  const std::size_t n = g.num_players();
  SustainabilityReport rep;
  rep.discount = spec.discount;
  const std::size_t target_idx = g.profile_index(spec.target);
  rep.reversion_profile = default_punishment_profile(g, spec.target);
  const std::size_t rev_idx = g.profile_index(rep.reversion_profile);
  rep.individually_rational = true;
  for (std::size_t i = 0; i < n; ++i) {
    rep.target_payoffs.push_back(g.payoff(i, target_idx));
    const std::size_t d = default_defect_action(g, i, spec.target);
    rep.best_deviation.push_back(d);
    rep.deviation_payoffs.push_back(g.payoff(i, target_idx + (d - spec.target[i]) * g.stride(i)));
    rep.reversion_payoffs.push_back(g.payoff(i, rev_idx));
    MinmaxOptions minmax;
    minmax.deadline = deadline;
    rep.minmax.push_back(mixed_minmax(g, i, minmax).value);
    if (rep.target_payoffs[i] < rep.minmax[i] - 1e-12) rep.individually_rational = false;
  }
  // Nash reversion, solved on the automata.
  {
    std::vector<Automaton> grim;
    for (std::size_t i = 0; i < n; ++i) grim.push_back(make_strategy("grim-trigger", g, i, spec.target));
    CriticalDiscountOptions o;
    o.nash = false;
    o.deadline = deadline;
    const CriticalDiscountResult c = critical_discount(g, grim, o);
    rep.critical_per_player = c.spe_threshold_per_player;
    rep.critical_discount = c.spe_threshold;
    double worst = -1;
    for (std::size_t i = 0; i < n; ++i) {
      const double t = std::isnan(c.spe_threshold_per_player[i]) ? 2.0 : c.spe_threshold_per_player[i];
      if (t > worst) worst = t, rep.binding_player = i;
    }
  }
  const bool can_check = spec.discount > 0 && spec.discount < 1;
  for (const std::string& s : strategies) {
    StrategyVerdict v;
    v.strategy = s;
    std::vector<Automaton> prof;
    for (std::size_t i = 0; i < n; ++i) prof.push_back(make_strategy_from_spec(s, g, i, spec.target));
    CriticalDiscountOptions o;
    o.deadline = deadline;
    const CriticalDiscountResult c = critical_discount(g, prof, o);
    v.spe_threshold = c.spe_threshold;
    v.nash_threshold = c.nash_threshold;
    v.spe_intervals = c.spe_intervals;
    v.nash_intervals = c.nash_intervals;
    if (can_check) {
      const OneShotResult r = check_one_shot_deviation(g, prof, spec.discount);
      v.subgame_perfect = r.subgame_perfect;
      v.nash = r.nash;
      v.values = r.initial_values;
      v.deviation = r.spe_deviation;
    }
    rep.strategies.push_back(std::move(v));
  }
  return rep;
}

}  // namespace negsim
