#include "sim/bargain/alternating_offers.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>

#include "models/memory_budget.hpp"

namespace negsim {

double rubinstein_first_share(double delta1, double delta2) {
  return (1.0 - delta2) / (1.0 - delta1 * delta2);
}

double stahl_first_share(double delta, std::size_t rounds) {
  return (1.0 - std::pow(-delta, static_cast<double>(rounds))) / (1.0 + delta);
}

std::vector<double> unanimity_stationary_shares(double delta, std::size_t players) {
  std::vector<double> shares(players);
  double total = 0, power = 1;
  for (std::size_t k = 0; k < players; ++k, power *= delta) total += power;
  power = 1;
  for (std::size_t k = 0; k < players; ++k, power *= delta) shares[k] = power / total;
  return shares;
}

double unanimity3_first_share(double delta, std::size_t rounds) {
  const double star = 1.0 / (1.0 + delta + delta * delta);
  const std::size_t k = (rounds - 1) / 3, j = rounds - 3 * k;
  const double base = j == 1 ? 1.0 : 1.0 - delta;
  return star + std::pow(delta, 3.0 * static_cast<double>(k)) * (base - star);
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Per-player tolerances (see the header): player q's utilities are compared
// within of[q] = rel * scale[q], scale[q] being the largest |utility| q can
// get (deal utilities, disagreement, outside option, extension cost), so that
// a player whose utilities are in billions does not swamp one whose
// utilities are in units, and scaling one player's utilities changes nothing.
struct Tolerance {
  std::vector<double> of;     // per player, in its own units
  std::vector<double> scale;  // per player
  double rel = 0;
};

// What responders do in a round, given the value of rejecting (`cont`).
struct RoundContext {
  std::size_t round = 0;
  std::size_t proposer = 0;
  std::vector<double> cont;                  // value of a rejection (current value)
  std::vector<std::vector<double>> refusal;  // refusal[r]: outcome if r refuses
  std::vector<char> opts_out;
  std::vector<double> reservation;           // refusal[r][r]; NaN for the proposer
};

RoundContext make_context(const BargainingProtocol& proto, std::size_t round, std::vector<double> cont,
                          const Tolerance& tol) {
  const std::size_t n = proto.num_players();
  RoundContext ctx;
  ctx.round = round;
  ctx.proposer = proto.proposer(round);
  ctx.refusal.assign(n, {});
  ctx.opts_out.assign(n, 0);
  ctx.reservation.assign(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t r = 0; r < n; ++r) {
    if (r == ctx.proposer) continue;
    if (proto.has_outside_option(r) && *proto.outside_option[r] > cont[r] + tol.of[r]) {
      ctx.refusal[r] = proto.disagreement;
      ctx.refusal[r][r] = *proto.outside_option[r];
      ctx.opts_out[r] = 1;
    } else {
      ctx.refusal[r] = cont;
    }
    ctx.reservation[r] = ctx.refusal[r][r];
  }
  ctx.cont = std::move(cont);
  return ctx;
}

// Sequential unanimity: responders answer in increasing order; returns the
// responder whose refusal ends the round, or kNone if the offer is accepted.
// Worked backwards: a responder accepts iff what follows its acceptance is
// worth at least its refusal value to it.
std::size_t respond(const RoundContext& ctx, const double* offer, std::size_t n, const Tolerance& tol) {
  std::size_t refuser = kNone;
  for (std::size_t r = n; r-- > 0;) {
    if (r == ctx.proposer) continue;
    const double follows = refuser == kNone ? offer[r] : ctx.refusal[refuser][r];
    if (follows < ctx.reservation[r] - tol.of[r]) refuser = r;
  }
  return refuser;
}

OfferPlan plan_from(const RoundContext& ctx, std::size_t n) {
  OfferPlan plan;
  plan.round = ctx.round;
  plan.proposer = ctx.proposer;
  plan.reservation = ctx.reservation;
  return plan;
}

void finish_plan(OfferPlan& plan, const RoundContext& ctx, std::size_t refuser, const double* offer, std::size_t n) {
  plan.offer_utilities.assign(offer, offer + n);
  if (refuser == kNone) {
    plan.agreement = true;
    plan.value = plan.offer_utilities;
  } else {
    plan.agreement = false;
    plan.refuser = refuser;
    plan.opt_out = ctx.opts_out[refuser] != 0;
    plan.value = ctx.refusal[refuser];
  }
}

// Best offer over a discrete deal space.
OfferPlan solve_discrete_round(const DiscreteDealSpace& deals, const RoundContext& ctx, const Tolerance& tol) {
  const std::size_t n = deals.num_players, D = deals.num_deals(), p = ctx.proposer;
  std::size_t best_accepted = kNone, best_refused = kNone, refused_by = kNone;
  double accepted_value = -std::numeric_limits<double>::infinity(), accepted_welfare = accepted_value;
  double refused_value = accepted_value;
  for (std::size_t d = 0; d < D; ++d) {
    const double* u = deals.deal_utilities(d);
    const std::size_t r = respond(ctx, u, n, tol);
    if (r == kNone) {
      const double v = u[p];
      if (v < accepted_value - tol.of[p]) continue;
      // The responders' total utility, each in units of its own scale.
      double welfare = 0;
      for (std::size_t q = 0; q < n; ++q)
        if (q != p) welfare += u[q] / tol.scale[q];
      if (v > accepted_value + tol.of[p] || welfare > accepted_welfare + tol.rel * static_cast<double>(n)) {
        best_accepted = d, accepted_value = v, accepted_welfare = welfare;
      }
    } else {
      const double v = ctx.refusal[r][p];
      if (v > refused_value + tol.of[p]) best_refused = d, refused_value = v, refused_by = r;
    }
  }
  OfferPlan plan = plan_from(ctx, n);
  const bool agree = best_accepted != kNone && (best_refused == kNone || accepted_value >= refused_value - tol.of[p]);
  const std::size_t chosen = agree ? best_accepted : best_refused;
  plan.deal = chosen;
  finish_plan(plan, ctx, agree ? kNone : refused_by, deals.deal_utilities(chosen), n);
  return plan;
}

// Best split of the pie. The outcome depends on the split only through which
// responders are offered at least their reservation; refusal outcomes are
// determined by the last unsatisfied responder (see respond()).
OfferPlan solve_pie_round(double pie, const RoundContext& ctx, std::size_t n, const Tolerance& tol) {
  const std::size_t p = ctx.proposer;
  auto need = [&](std::size_t r) { return std::max(0.0, ctx.reservation[r]); };
  OfferPlan plan = plan_from(ctx, n);
  std::vector<double> best_offer;
  std::size_t best_refuser = kNone;
  double best_value = -std::numeric_limits<double>::infinity();
  bool have = false;
  // Agreement: everyone gets exactly its reservation.
  double total = 0;
  for (std::size_t r = 0; r < n; ++r)
    if (r != p) total += need(r);
  if (total <= pie + tol.of[p]) {
    best_offer.assign(n, 0.0);
    for (std::size_t r = 0; r < n; ++r) best_offer[r] = r == p ? std::max(0.0, pie - total) : need(r);
    best_value = best_offer[p];
    have = true;
  }
  // Refusal ending with responder z the last one offered too little.
  for (std::size_t z = 0; z < n; ++z) {
    if (z == p || !(ctx.reservation[z] > tol.of[z])) continue;
    double after = 0;
    for (std::size_t r = z + 1; r < n; ++r)
      if (r != p) after += need(r);
    if (after > pie + tol.of[p]) continue;
    std::vector<double> offer(n, 0.0);
    for (std::size_t r = z + 1; r < n; ++r)
      if (r != p) offer[r] = need(r);
    offer[p] = std::max(0.0, pie - after);
    const std::size_t refuser = respond(ctx, offer.data(), n, tol);
    if (refuser == kNone) continue;
    const double v = ctx.refusal[refuser][p];
    if (!have || v > best_value + tol.of[p]) {
      best_offer = offer, best_refuser = refuser, best_value = v;
      have = true;
    }
  }
  if (!have) {  // cannot happen: with nothing feasible some reservation is positive
    best_offer.assign(n, 0.0);
    best_offer[p] = pie;
    best_refuser = respond(ctx, best_offer.data(), n, tol);
  }
  plan.shares = best_offer;
  finish_plan(plan, ctx, respond(ctx, best_offer.data(), n, tol), best_offer.data(), n);
  (void)best_refuser;
  return plan;
}

std::vector<double> discounted(const std::vector<double>& discount, const std::vector<double>& value) {
  std::vector<double> out(value.size());
  for (std::size_t p = 0; p < value.size(); ++p) out[p] = discount[p] * value[p];
  return out;
}

// Regret of a round's plan against every alternative offer, given `ctx`;
// each gain relative to its player's scale.
template <class Alternatives>
double round_regret(const OfferPlan& plan, const RoundContext& ctx, std::size_t n, const Tolerance& tol,
                    Alternatives&& for_each_alternative) {
  double worst = 0;
  // The planned offer must produce the planned value under the responders' rule.
  const std::size_t r = respond(ctx, plan.offer_utilities.data(), n, tol);
  const std::vector<double>& outcome = r == kNone ? plan.offer_utilities : ctx.refusal[r];
  for (std::size_t q = 0; q < n; ++q) worst = std::max(worst, std::abs(outcome[q] - plan.value[q]) / tol.scale[q]);
  // Responders who accept get at least their refusal value.
  if (plan.agreement)
    for (std::size_t q = 0; q < n; ++q)
      if (q != ctx.proposer)
        worst = std::max(worst, (ctx.reservation[q] - plan.offer_utilities[q]) / tol.scale[q]);
  // No alternative offer is better for the proposer.
  const std::size_t p = ctx.proposer;
  for_each_alternative([&](const double* offer) {
    const std::size_t rr = respond(ctx, offer, n, tol);
    const double v = rr == kNone ? offer[p] : ctx.refusal[rr][p];
    worst = std::max(worst, (v - plan.value[p]) / tol.scale[p]);
  });
  return worst;
}

template <class SolveRound, class Alternatives>
AlternatingOffersResult run(const BargainingProtocol& proto, const Tolerance& tol,
                            const AlternatingOffersOptions& options, SolveRound&& solve_round,
                            Alternatives&& alternatives) {
  const std::size_t n = proto.num_players();
  AlternatingOffersResult result;
  std::size_t rounds_done = 0;  // rounds solved or verified, for the time limit
  auto check_time = [&](const std::string& of) {
    if ((++rounds_done & 255) == 0 && options.deadline.expired())
      options.deadline.fail("solving alternating offers by backward induction: " + std::to_string(rounds_done) +
                            " of " + of + " rounds solved or verified; nothing is reported");
  };
  auto context_for = [&](std::size_t round, const std::vector<double>& next_value, bool final_round,
                         bool extension_possible, bool* extend) {
    std::vector<double> cont;
    if (extension_possible) {
      const DeadlineExtension& ext = *proto.extension;
      std::vector<double> extended = discounted(proto.discount, next_value);
      extended[ext.player] -= ext.cost;
      *extend = extended[ext.player] > proto.disagreement[ext.player] + tol.of[ext.player];
      cont = *extend ? extended : proto.disagreement;
    } else if (final_round) {
      cont = proto.disagreement;
    } else {
      cont = discounted(proto.discount, next_value);
    }
    return make_context(proto, round, std::move(cont), tol);
  };

  if (proto.deadline) {
    const std::size_t T = *proto.deadline;
    const std::size_t times = proto.extension ? proto.extension->max_times : 0;
    const std::size_t E = proto.extension ? proto.extension->rounds : 0;
    const std::size_t H = T + times * E;
    auto is_boundary = [&](std::size_t t) { return t == T || (E > 0 && t > T && (t - T) % E == 0); };
    result.horizon = H;
    // The plan keeps every round (an OfferPlan and its per-player vectors):
    // refuse a horizon the machine cannot hold before allocating it.
    const double bytes_per_round =
        sizeof(OfferPlan) + 3.0 * (static_cast<double>(proto.num_players()) * sizeof(double) + 32.0);
    check_memory_estimate(static_cast<double>(H) * bytes_per_round,
                          "the bargaining plan of " + std::to_string(H) + " rounds (deadline " + std::to_string(T) +
                              (times ? " plus " + std::to_string(times) + " extensions of " + std::to_string(E) : std::string()) +
                              ")");
    result.plan.resize(H);
    std::vector<double> next_value;
    const std::string work = std::to_string(2 * H);
    for (std::size_t t = H; t >= 1; --t) {
      check_time(work);
      bool extend = false;
      const bool boundary = is_boundary(t);
      const RoundContext ctx = context_for(t, next_value, t == H, boundary && t < H, &extend);
      OfferPlan plan = solve_round(ctx);
      plan.deadline_round = boundary;
      plan.extend_after = extend;
      next_value = plan.value;
      result.plan[t - 1] = std::move(plan);
    }
    // Verification pass: rebuild each round's context from the plan's own next values.
    for (std::size_t t = H; t >= 1; --t) {
      check_time(work);
      bool extend = false;
      const bool boundary = is_boundary(t);
      const std::vector<double> next = t < H ? result.plan[t].value : std::vector<double>{};
      const RoundContext ctx = context_for(t, next, t == H, boundary && t < H, &extend);
      const OfferPlan& plan = result.plan[t - 1];
      result.max_regret = std::max(result.max_regret, round_regret(plan, ctx, n, tol, alternatives(ctx)));
      if (boundary && t < H) {
        const DeadlineExtension& ext = *proto.extension;
        const double extend_value = proto.discount[ext.player] * next[ext.player] - ext.cost;
        const double chosen = plan.extend_after ? extend_value : proto.disagreement[ext.player];
        result.max_regret = std::max(result.max_regret, (std::max(extend_value, proto.disagreement[ext.player]) - chosen) /
                                                            tol.scale[ext.player]);
      }
    }
    for (std::size_t t = 1; t <= H; ++t) {
      const OfferPlan& plan = result.plan[t - 1];
      result.path.push_back(plan);
      if (plan.agreement || plan.opt_out) break;
      if (plan.deadline_round) {
        if (!plan.extend_after) break;
        ++result.extensions_used;
      }
    }
  } else {
    result.infinite_horizon = true;
    const std::size_t L = proto.proposer_order.size();
    std::vector<OfferPlan> cycle(L);
    std::vector<double> next_value = proto.disagreement;
    std::vector<std::vector<double>> history;  // round-1 values of recent cycles
    result.converged = false;
    const std::string work = "at most " + std::to_string(options.max_rounds);
    while (result.iterations < options.max_rounds) {
      for (std::size_t t = L; t >= 1; --t) {
        check_time(work);
        cycle[t - 1] = solve_round(context_for(t, next_value, false, false, nullptr));
        next_value = cycle[t - 1].value;
      }
      result.iterations += L;
      // Converged when no player's value moves by more than 1e-15 of its scale.
      double change = 0;
      if (!history.empty())
        for (std::size_t q = 0; q < n; ++q)
          change = std::max(change, std::abs(next_value[q] - history.back()[q]) / tol.scale[q]);
      if (!history.empty() && change <= 1e-15) {
        result.converged = true;
        break;
      }
      bool repeats = false;
      for (std::size_t h = 0; h + 1 < history.size(); ++h) repeats = repeats || history[h] == next_value;
      if (repeats) {
        result.notes.push_back("the finite-horizon solutions cycle instead of converging (discrete deal space); "
                               "the plan shown is one phase of the cycle");
        break;
      }
      history.push_back(next_value);
      if (history.size() > 8) history.erase(history.begin());
    }
    if (!result.converged && result.notes.empty())
      result.notes.push_back("no convergence within " + std::to_string(options.max_rounds) + " rounds");
    for (std::size_t t = 1; t <= L; ++t) {
      const std::vector<double>& next = t < L ? cycle[t].value : cycle[0].value;
      const RoundContext ctx = context_for(t, next, false, false, nullptr);
      result.max_regret = std::max(result.max_regret, round_regret(cycle[t - 1], ctx, n, tol, alternatives(ctx)));
    }
    result.plan = cycle;
    for (std::size_t t = 1; t <= L; ++t) {
      result.path.push_back(cycle[t - 1]);
      if (cycle[t - 1].agreement || cycle[t - 1].opt_out) break;
    }
  }
  const OfferPlan& last = result.path.back();
  result.payoffs = result.plan.front().value;
  if (last.agreement) {
    result.agreement = true;
    result.agreement_round = last.round;
    result.deal = last.deal;
    result.shares = last.shares;
    result.deal_utilities = last.offer_utilities;
    result.ending = "agreement";
  } else if (last.opt_out) {
    result.ending = "opt-out";
    result.opted_out = last.refuser;
  } else {
    result.ending = result.infinite_horizon ? "perpetual disagreement" : "breakdown";
  }
  // Present values at round 1 (plan values are current values of their round).
  // They coincide with plan.front().value by construction of the recursion.
  return result;
}

// Per-player tolerances from each player's largest |utility|: `utility(q)`
// lists what q can get besides the protocol's disagreement, outside option
// and extension cost. A player with only zeros gets scale 1.
template <class Utilities>
Tolerance player_tolerances(const BargainingProtocol& proto, double rel_tol, Utilities&& utilities) {
  const std::size_t n = proto.num_players();
  Tolerance tol;
  tol.rel = rel_tol;
  tol.scale.assign(n, 0.0);
  for (std::size_t q = 0; q < n; ++q) {
    double& scale = tol.scale[q];
    utilities(q, [&](double u) { scale = std::max(scale, std::abs(u)); });
    scale = std::max(scale, std::abs(proto.disagreement[q]));
    if (proto.has_outside_option(q)) scale = std::max(scale, std::abs(*proto.outside_option[q]));
    if (proto.extension && proto.extension->player == q) scale = std::max(scale, std::abs(proto.extension->cost));
    if (!(scale > 0)) scale = 1.0;
  }
  for (double scale : tol.scale) tol.of.push_back(rel_tol * scale);
  return tol;
}

// Stationary SPEs with immediate agreement (see the header): best[t][y] are
// the proposer-optimal accepted offers of round t + 1 when round t + 2 (cyclically)
// agrees on deal y; a stationary SPE is a cycle x_0 in best[0][x_1], ...,
// x_{L-1} in best[L-1][x_0].
void find_stationary_equilibria(const DiscreteDealSpace& deals, const BargainingProtocol& proto, const Tolerance& tol,
                                AlternatingOffersResult& result) {
  const std::size_t L = proto.proposer_order.size(), D = deals.num_deals(), n = deals.num_players;
  if (static_cast<double>(L) * static_cast<double>(D) * static_cast<double>(D) > 1e8) return;
  std::vector<std::vector<std::vector<std::size_t>>> best(L, std::vector<std::vector<std::size_t>>(D));
  for (std::size_t t = 0; t < L; ++t)
    for (std::size_t y = 0; y < D; ++y) {
      const std::vector<double> next(deals.deal_utilities(y), deals.deal_utilities(y) + n);
      const RoundContext ctx = make_context(proto, t + 1, discounted(proto.discount, next), tol);
      const std::size_t p = ctx.proposer;
      double accepted_best = -std::numeric_limits<double>::infinity(), refused_best = accepted_best;
      for (std::size_t d = 0; d < D; ++d) {
        const double* u = deals.deal_utilities(d);
        const std::size_t r = respond(ctx, u, n, tol);
        if (r == kNone) accepted_best = std::max(accepted_best, u[p]);
        else refused_best = std::max(refused_best, ctx.refusal[r][p]);
      }
      if (accepted_best < refused_best - tol.of[p]) continue;  // no agreement in this round
      for (std::size_t d = 0; d < D; ++d) {
        const double* u = deals.deal_utilities(d);
        if (respond(ctx, u, n, tol) == kNone && u[p] >= accepted_best - tol.of[p]) best[t][y].push_back(d);
      }
    }
  result.stationary_searched = true;
  std::vector<std::vector<double>> found;  // distinct round-1 payoffs
  std::size_t visited = 0;
  std::vector<std::size_t> cycle(L);
  // Choose x_{L-1}, ..., x_1 backwards from x_0; close the cycle at t = 0.
  std::function<void(std::size_t)> extend = [&](std::size_t t) {
    if (++visited > 1000000) return;  // ties on a huge grid: stop listing
    const std::size_t next = cycle[(t + 1) % L];
    for (std::size_t d : best[t][next]) {
      if (t == 0) {
        if (d != cycle[0]) continue;
        const double* u = deals.deal_utilities(d);
        const bool seen = std::any_of(found.begin(), found.end(), [&](const std::vector<double>& v) {
          for (std::size_t q = 0; q < n; ++q)
            if (std::abs(v[q] - u[q]) > tol.of[q]) return false;
          return true;
        });
        if (!seen) found.emplace_back(u, u + n);
      } else {
        cycle[t] = d;
        extend(t - 1);
      }
    }
  };
  for (std::size_t x0 = 0; x0 < D; ++x0) {
    cycle[0] = x0;
    if (L == 1) {
      for (std::size_t d : best[0][x0])
        if (d == x0) found.emplace_back(deals.deal_utilities(d), deals.deal_utilities(d) + n);
    } else {
      extend(L - 1);
    }
  }
  result.stationary_spe = found.size();
  result.stationary_low.assign(n, std::numeric_limits<double>::infinity());
  result.stationary_high.assign(n, -std::numeric_limits<double>::infinity());
  for (const auto& v : found)
    for (std::size_t q = 0; q < n; ++q) {
      result.stationary_low[q] = std::min(result.stationary_low[q], v[q]);
      result.stationary_high[q] = std::max(result.stationary_high[q], v[q]);
    }
}

}  // namespace

AlternatingOffersResult solve_alternating_offers(const BargainingProblem& problem,
                                                 const AlternatingOffersOptions& options) {
  problem.validate();
  const BargainingProtocol& proto = problem.protocol;
  const DiscreteDealSpace& deals = problem.deals;
  const Tolerance tol = player_tolerances(proto, options.rel_tol, [&](std::size_t q, auto&& take) {
    for (std::size_t d = 0; d < deals.num_deals(); ++d) take(deals.utility(q, d));
  });
  auto solve_round = [&](const RoundContext& ctx) { return solve_discrete_round(deals, ctx, tol); };
  auto alternatives = [&](const RoundContext&) {
    return [&](auto&& visit) {
      for (std::size_t d = 0; d < deals.num_deals(); ++d) visit(deals.deal_utilities(d));
    };
  };
  AlternatingOffersResult result = run(proto, tol, options, solve_round, alternatives);
  if (result.agreement && result.deal) {
    // Ties and slack in the agreement round (see the header).
    const OfferPlan& last = result.path.back();
    const std::size_t n = deals.num_players, p = last.proposer;
    std::vector<double> to_round1(n);
    for (std::size_t q = 0; q < n; ++q)
      to_round1[q] = std::pow(proto.discount[q], static_cast<double>(last.round - 1));
    result.payoff_low.assign(n, std::numeric_limits<double>::infinity());
    result.payoff_high.assign(n, -std::numeric_limits<double>::infinity());
    std::vector<const double*> distinct;  // tied offers with different payoffs
    for (std::size_t d = 0; d < deals.num_deals(); ++d) {
      const double* u = deals.deal_utilities(d);
      bool accepted = true;
      for (std::size_t q = 0; q < n; ++q)
        if (q != p && u[q] < last.reservation[q] - tol.of[q]) accepted = false;
      if (!accepted || std::abs(u[p] - last.offer_utilities[p]) > tol.of[p]) continue;
      const bool seen = std::any_of(distinct.begin(), distinct.end(), [&](const double* v) {
        for (std::size_t q = 0; q < n; ++q)
          if (std::abs(u[q] - v[q]) > tol.of[q]) return false;
        return true;
      });
      if (!seen) distinct.push_back(u);
      for (std::size_t q = 0; q < n; ++q) {
        result.payoff_low[q] = std::min(result.payoff_low[q], to_round1[q] * u[q]);
        result.payoff_high[q] = std::max(result.payoff_high[q], to_round1[q] * u[q]);
      }
    }
    result.tied_offers = distinct.size();
    result.surplus.assign(n, 0.0);
    for (std::size_t q = 0; q < n; ++q)
      if (q != p) {
        result.surplus[q] = std::max(0.0, last.offer_utilities[q] - last.reservation[q]);
        if (result.surplus[q] > tol.of[q]) result.grid_decides = true;
      }
  }
  if (!proto.deadline) find_stationary_equilibria(deals, proto, tol, result);
  return result;
}

AlternatingOffersResult solve_alternating_offers(const PieBargainingProblem& problem,
                                                 const AlternatingOffersOptions& options) {
  problem.validate();
  const BargainingProtocol& proto = problem.protocol;
  const std::size_t n = proto.num_players();
  // Utility is the share: every player's scale includes the pie.
  const Tolerance tol = player_tolerances(proto, options.rel_tol, [&](std::size_t, auto&& take) { take(problem.pie); });
  auto solve_round = [&](const RoundContext& ctx) { return solve_pie_round(problem.pie, ctx, n, tol); };
  // Alternatives for the check: every pattern of satisfied responders, each
  // satisfied one at its reservation and the rest of the pie to the proposer
  // (the proposer's best split within each pattern).
  auto alternatives = [&](const RoundContext& ctx) {
    return [&, ctx_ptr = &ctx](auto&& visit) {
      const RoundContext& c = *ctx_ptr;
      for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
        if (mask & (std::size_t{1} << c.proposer)) continue;
        std::vector<double> offer(n, 0.0);
        double used = 0;
        for (std::size_t r = 0; r < n; ++r)
          if (r != c.proposer && !(mask & (std::size_t{1} << r))) {
            offer[r] = std::max(0.0, c.reservation[r]);
            used += offer[r];
          }
        if (used > problem.pie + tol.of[c.proposer]) continue;
        offer[c.proposer] = problem.pie - used;
        visit(offer.data());
      }
    };
  };
  return run(proto, tol, options, solve_round, alternatives);
}

}  // namespace negsim
