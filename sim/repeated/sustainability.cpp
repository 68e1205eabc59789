#include "sim/repeated/sustainability.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <tbb/parallel_for.h>

#include "sim/repeated/minmax.hpp"
#include "sim/repeated/strategy_library.hpp"
#include "sim/solve/equilibrium.hpp"

namespace negsim {

namespace {

// Pure stage equilibria (profile indices, ascending); empty beyond 2^22 profiles.
std::vector<std::size_t> pure_equilibrium_indices(const NormalFormGame& g) {
  std::vector<std::size_t> out;
  if (g.num_profiles() > (std::size_t{1} << 22)) return out;
  for (std::size_t idx = 0; idx < g.num_profiles(); ++idx) {
    bool equilibrium = true;
    for (std::size_t p = 0; p < g.num_players() && equilibrium; ++p) {
      const std::size_t base = idx - g.action_of(idx, p) * g.stride(p);
      for (std::size_t a = 0; a < g.num_actions(p) && equilibrium; ++a)
        equilibrium = g.payoff(p, base + a * g.stride(p)) <= g.payoff(p, idx);
    }
    if (equilibrium) out.push_back(idx);
  }
  return out;
}

// The player's best alternative to its target action (lowest index on ties).
std::size_t best_stage_deviation(const NormalFormGame& g, std::size_t player, const PureProfile& target) {
  const std::size_t base = g.profile_index(target) - target[player] * g.stride(player);
  std::size_t best = target[player];
  for (std::size_t a = 0; a < g.num_actions(player); ++a) {
    if (a == target[player]) continue;
    if (best == target[player] || g.payoff(player, base + a * g.stride(player)) >
                                      g.payoff(player, base + best * g.stride(player)))
      best = a;
  }
  return best;
}

}  // namespace

bool feasible_above_pure_minmax(const NormalFormGame& g) {
  if (g.num_players() != 2) return true;
  const double m0 = pure_minmax(g, 0).value, m1 = pure_minmax(g, 1).value;
  const std::vector<double> tol = regret_tolerances(g, 1e-12);  // per player: each axis in its own units
  // The hull meets the quadrant {u >= m} iff some point or segment between
  // two payoff points does (the quadrant is unbounded, so it leaves any
  // triangle it meets through an edge).
  const std::size_t K = g.num_profiles();
  auto in_quadrant = [&](double x, double y) { return x >= m0 - tol[0] && y >= m1 - tol[1]; };
  for (std::size_t a = 0; a < K; ++a) {
    const double ax = g.payoff(0, a), ay = g.payoff(1, a);
    if (in_quadrant(ax, ay)) return true;
    for (std::size_t b = a + 1; b < K; ++b) {
      const double dx = g.payoff(0, b) - ax, dy = g.payoff(1, b) - ay;
      // lambda in [0, 1] with ax + lambda dx >= m0 and ay + lambda dy >= m1.
      double lo = 0, hi = 1;
      auto clip = [&](double base, double step, double m, double t) {
        if (step > 0) lo = std::max(lo, (m - t - base) / step);
        else if (step < 0) hi = std::min(hi, (m - t - base) / step);
        else if (base < m - t) hi = -1;
      };
      clip(ax, dx, m0, tol[0]);
      clip(ay, dy, m1, tol[1]);
      if (lo <= hi + 1e-12) return true;
    }
  }
  return false;
}

std::vector<std::string> default_sustainability_strategies() {
  return {"grim-trigger", "tit-for-tat", "k-round-punishment", "contrite-tft",
          "win-stay-lose-shift", "generous-tft", "tit-for-two-tats"};
}

namespace {

// The report's stage facts (discount, target, temptations, the common
// reversion profile) and, when asked, the minmax values: the parts every
// threshold reads. `equilibria`: the stage game's pure equilibria.
SustainabilityReport stage_facts(const RepeatedGameSpec& spec, const std::vector<std::size_t>& equilibria,
                                 const Deadline& deadline, bool with_minmax) {
  const NormalFormGame& g = spec.stage;
  const std::size_t n = g.num_players();
  SustainabilityReport rep;
  rep.discount = spec.discount;
  const std::size_t target_idx = g.profile_index(spec.target);
  rep.reversion_profile = default_punishment_profile(g, spec.target);
  const std::size_t rev_idx = g.profile_index(rep.reversion_profile);
  rep.reversion_is_equilibrium =
      std::find(equilibria.begin(), equilibria.end(), rev_idx) != equilibria.end();
  rep.individually_rational = true;
  const std::vector<double> tolerances = regret_tolerances(g, 1e-12);  // per player (equilibrium.hpp)
  // The players' minmax values are independent searches: at once (oneTBB,
  // on the caller's arena); each is checked below as before.
  std::vector<MinmaxValue> minmax_values(with_minmax ? n : 0);
  if (with_minmax)
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      MinmaxOptions minmax;
      minmax.deadline = deadline;
      minmax_values[i] = mixed_minmax(g, i, minmax);
    });
  for (std::size_t i = 0; i < n; ++i) {
    rep.target_payoffs.push_back(g.payoff(i, target_idx));
    const std::size_t d = best_stage_deviation(g, i, spec.target);
    rep.best_deviation.push_back(d);
    rep.deviation_payoffs.push_back(g.payoff(i, target_idx + (d - spec.target[i]) * g.stride(i)));
    rep.tempted.push_back(d != spec.target[i] && rep.deviation_payoffs[i] > rep.target_payoffs[i]);
    rep.reversion_payoffs.push_back(g.payoff(i, rev_idx));
    if (!with_minmax) {
      rep.individually_rational = false;  // not decided
      continue;
    }
    const MinmaxValue& value = minmax_values[i];
    // Every number printed is verified: the minmax value is recomputed from
    // the game (the punishers' best reply, the guarantee), not taken from the LP.
    if (auto error = minmax_certificate_error(g, i, value))
      throw std::logic_error("player " + std::to_string(i + 1) + "'s minmax value failed its check: " + *error);
    rep.minmax.push_back(value.value);
    if (rep.target_payoffs[i] < rep.minmax[i] - tolerances[i]) rep.individually_rational = false;
  }
  return rep;
}

// Nash reversion to each deviator's own worst stage equilibrium (closed form,
// see the header), into rep.own_punishment*; reads stage_facts' fields.
void add_own_punishment(const RepeatedGameSpec& spec, const std::vector<std::size_t>& equilibria,
                        SustainabilityReport& rep) {
  const NormalFormGame& g = spec.stage;
  const std::size_t n = g.num_players();
  const std::size_t target_idx = g.profile_index(spec.target);
  rep.own_punishment.assign(n, {});
  if (equilibria.empty()) return;
  bool never = false, all_exact = true;
  mpq_class worst_exact = -1;
  double worst = -1;
  for (std::size_t i = 0; i < n; ++i) {
    OwnPunishment& own = rep.own_punishment[i];
    std::size_t pick = equilibria.front();
    for (std::size_t e : equilibria)
      if (g.payoff(i, e) < g.payoff(i, pick)) pick = e;
    own.profile = g.profile_actions(pick);
    own.payoff = g.payoff(i, pick);
    const double R = rep.target_payoffs[i], T = rep.deviation_payoffs[i], P = own.payoff;
    // i's one-shot gain at delta: (1 - delta) T + delta P - R.
    if (T <= R && P <= R) {
      own.threshold = 0, own.threshold_exact = "0";  // never positive
    } else if (P >= R) {
      never = true;  // positive as delta -> 1: threshold stays NaN
      continue;
    } else {  // T > R > P
      own.threshold = (T - R) / (T - P);
      const auto r = simple_rational(g, i, target_idx), t = simple_rational(g, i, target_idx + (rep.best_deviation[i] - spec.target[i]) * g.stride(i)),
                 p = simple_rational(g, i, pick);
      if (r && t && p) {
        const mpq_class exact = (*t - *r) / (*t - *p);
        own.threshold_exact = exact.get_str();
        own.threshold = nearest_double(exact);
        if (exact > worst_exact) worst_exact = exact;
      } else {
        all_exact = false;
      }
    }
    if (own.threshold > worst) worst = own.threshold, rep.own_punishment_binding_player = i;
  }
  if (!never) {
    rep.own_punishment_threshold = worst;
    const OwnPunishment& binding = rep.own_punishment[rep.own_punishment_binding_player];
    if (all_exact) rep.own_punishment_threshold_exact = binding.threshold_exact;
  }
}

// Nash reversion to the common punishment, solved on the automata, into
// rep.critical_*; reads stage_facts' fields.
void add_common_reversion(const RepeatedGameSpec& spec, const Deadline& deadline, SustainabilityReport& rep) {
  const NormalFormGame& g = spec.stage;
  const std::size_t n = g.num_players();
  std::vector<Automaton> grim;
  for (std::size_t i = 0; i < n; ++i) grim.push_back(make_strategy("grim-trigger", g, i, spec.target));
  CriticalDiscountOptions o;
  o.nash = false;
  o.deadline = deadline;
  const CriticalDiscountResult c = critical_discount(g, grim, o);
  rep.critical_per_player = c.spe_threshold_per_player;
  rep.critical_discount = c.spe_threshold;
  if (!c.spe_intervals.empty() && c.spe_intervals.back().hi == 1.0 &&
      c.spe_intervals.back().lo == c.spe_threshold)
    rep.critical_discount_exact = c.spe_intervals.back().lo_exact;
  double worst = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = std::isnan(c.spe_threshold_per_player[i]) ? 2.0 : c.spe_threshold_per_player[i];
    if (t > worst) worst = t, rep.binding_player = i;
  }
}

}  // namespace

double self_enforcing_from(const SustainabilityReport& report) {
  // Both reversions are subgame perfect (every punishment is a stage
  // equilibrium played forever); the deviator's own worst equilibrium never
  // needs more patience, but exists only when pure stage equilibria do.
  double from = report.reversion_is_equilibrium ? report.critical_discount : NAN;
  if (!std::isnan(report.own_punishment_threshold))
    from = std::isnan(from) ? report.own_punishment_threshold : std::min(from, report.own_punishment_threshold);
  return from;
}

bool target_self_enforcing(const SustainabilityReport& report) {
  const double from = self_enforcing_from(report);
  return !std::isnan(from) && report.discount >= from;
}

bool target_self_enforcing(const RepeatedGameSpec& spec, const Deadline& deadline) {
  spec.validate();
  const std::vector<std::size_t> equilibria = pure_equilibrium_indices(spec.stage);
  SustainabilityReport rep = stage_facts(spec, equilibria, deadline, false);
  add_own_punishment(spec, equilibria, rep);
  // self_enforcing_from is at most the own-punishment threshold, and NaN
  // without it when the common reversion is no equilibrium: either settles
  // the verdict without the automata.
  if (!std::isnan(rep.own_punishment_threshold) && rep.discount >= rep.own_punishment_threshold) return true;
  if (std::isnan(rep.own_punishment_threshold) && !rep.reversion_is_equilibrium) return false;
  add_common_reversion(spec, deadline, rep);
  return target_self_enforcing(rep);
}

SustainabilityReport analyze_sustainability(const RepeatedGameSpec& spec,
                                            const std::vector<std::string>& strategies,
                                            const Deadline& deadline, bool with_minmax) {
  spec.validate();
  const NormalFormGame& g = spec.stage;
  const std::size_t n = g.num_players();
  const std::vector<std::size_t> equilibria = pure_equilibrium_indices(g);
  SustainabilityReport rep = stage_facts(spec, equilibria, deadline, with_minmax);
  add_common_reversion(spec, deadline, rep);
  add_own_punishment(spec, equilibria, rep);
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
      v.nash_deviation = r.nash_deviation;
    }
    rep.strategies.push_back(std::move(v));
  }
  return rep;
}

}  // namespace negsim
