#include "sim/solve/restricted_sequence_lemke.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/solve/behavior_verify.hpp"
#include "sim/solve/cfr_plus.hpp"
#include "sim/solve/lcp_revised.hpp"

namespace negsim {

namespace detail {

std::vector<double> geometric_perturbation(std::size_t n, std::size_t keep) {
  std::vector<double> r(n);
  const double rho = std::exp(std::log(1e-4) / static_cast<double>(std::max<std::size_t>(n, 1)));
  double f = 1e-5;
  for (std::size_t i = 0; i < n; ++i, f *= rho) r[i] = i == keep ? 0.0 : f;
  return r;
}

}  // namespace detail

namespace {

using detail::LcpEnd;
using detail::RevisedLcp;
using detail::SequenceLcp;

using Allowed = std::vector<std::vector<char>>;  // [infoset][action]

// The restricted LCP: the full one without the rows and columns of removed
// sequences. keep_of maps full rows to restricted ones (-1: removed).
struct RestrictedLcp {
  std::vector<long> keep_of;
  std::vector<std::size_t> full_of;
};

RestrictedLcp restrict_rows(const ExtensiveFormGame& game, const SequenceLcp& lcp, const Allowed& allowed) {
  std::vector<char> keep(lcp.n, 1);
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    const EfgInfoset& info = game.infoset(i);
    if (info.is_chance()) continue;
    const std::size_t offset = info.player == 0 ? lcp.x0() : lcp.y0();
    for (std::size_t a = 0; a < info.num_actions(); ++a) keep[offset + game.sequence(i, a)] = allowed[i][a];
  }
  RestrictedLcp r;
  r.keep_of.assign(lcp.n, -1);
  for (std::size_t i = 0; i < lcp.n; ++i)
    if (keep[i]) {
      r.keep_of[i] = static_cast<long>(r.full_of.size());
      r.full_of.push_back(i);
    }
  return r;
}

// The tracing procedure's covering vector for the prior: half the CFR+
// average renormalised over the kept actions, half uniform over them
// (sequence_form_lcp.hpp, centroid_covering_vector, for the form).
std::vector<double> prior_covering_vector(const ExtensiveFormGame& game, const SequenceLcp& lcp,
                                          const BehaviorProfile& average, const Allowed& allowed) {
  BehaviorProfile prior = average;
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    if (game.infoset(i).is_chance()) continue;
    double mass = 0.0;
    double kept = 0.0;
    for (std::size_t a = 0; a < prior[i].size(); ++a)
      if (allowed[i][a]) {
        mass += prior[i][a];
        kept += 1.0;
      }
    for (std::size_t a = 0; a < prior[i].size(); ++a)
      prior[i][a] = allowed[i][a] ? 0.5 * (mass > 0 ? prior[i][a] / mass : 1.0 / kept) + 0.5 / kept : 0.0;
  }
  const std::vector<double> xbar = game.sequence_weights(prior, 0), ybar = game.sequence_weights(prior, 1);
  std::vector<double> d(lcp.n, 0.0);
  for (const detail::SequenceLcpEntry& e : lcp.m) {
    const bool x_row = e.row < lcp.y0(), y_row = e.row >= lcp.y0() && e.row < lcp.p0();
    if (x_row && e.col >= lcp.y0() && e.col < lcp.p0()) d[e.row] += e.value.get_d() * ybar[e.col - lcp.y0()];
    if (y_row && e.col < lcp.y0()) d[e.row] += e.value.get_d() * xbar[e.col - lcp.x0()];
  }
  d[lcp.p0()] = -lcp.q[lcp.p0()].get_d();
  d[lcp.q0()] = -lcp.q[lcp.q0()].get_d();
  return d;
}

RevisedLcp restricted_engine(const SequenceLcp& lcp, const RestrictedLcp& r, const std::vector<double>& d) {
  const std::size_t k = r.full_of.size();
  std::vector<RevisedLcp::Entry> entries;
  entries.reserve(lcp.m.size());
  for (const detail::SequenceLcpEntry& e : lcp.m) {
    const long row = r.keep_of[e.row], col = r.keep_of[e.col];
    if (row >= 0 && col >= 0)
      entries.push_back({static_cast<std::size_t>(row), static_cast<std::size_t>(col), -e.value.get_d()});
  }
  std::vector<double> minus_d(k), q(k);
  for (std::size_t j = 0; j < k; ++j) {
    minus_d[j] = -d[r.full_of[j]];
    q[j] = lcp.q[r.full_of[j]].get_d();
  }
  return RevisedLcp(k, entries, minus_d, q);
}

// One restricted game by Lemke: true and x, y, basis filled when solved. A
// path that cycles or ends in a ray (rounding) is retried once with a
// perturbation 100 times smaller and fresher factors.
bool solve_restricted(const SequenceLcp& lcp, const RestrictedLcp& r, const std::vector<double>& d,
                      const Deadline& deadline, RestrictedLemkeResult& out, std::vector<double>& x,
                      std::vector<double>& y) {
  const std::size_t k = r.full_of.size();
  const std::size_t start = static_cast<std::size_t>(r.keep_of[lcp.p0()]);
  for (int attempt = 0; attempt < 2; ++attempt) {
    RevisedLcp t = restricted_engine(lcp, r, d);
    std::vector<double> perturbation = detail::geometric_perturbation(k, start);
    if (attempt > 0)
      for (double& v : perturbation) v *= 1e-2;
    t.perturb(perturbation);
    t.refactor_every = attempt == 0 ? 200 : 50;
    t.eta_growth_max = attempt == 0 ? 10.0 : 1.0;
    const LcpEnd end = t.run(start, deadline);
    out.pivots += t.pivots();
    out.factorizations += t.refactorizations();
    if (end == LcpEnd::time) deadline.fail("following Lemke's path on a restricted sequence form");
    if (end != LcpEnd::solved || !t.final_feasible()) {
      out.failure = end == LcpEnd::ray     ? "a restricted path ended in a ray (rounding)"
                    : end == LcpEnd::cycle ? "a restricted path cycled (rounding)"
                                           : "a restricted path's final basis is infeasible without the perturbation";
      continue;
    }
    x.assign(lcp.n1, 0.0);
    y.assign(lcp.n2, 0.0);
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t i = r.full_of[j];
      if (i < lcp.y0()) x[i - lcp.x0()] = std::max(0.0, t.z_value(j));
      else if (i < lcp.p0()) y[i - lcp.y0()] = std::max(0.0, t.z_value(j));
    }
    out.kept_rows = r.full_of;
    out.basis = t.basis();
    out.failure.clear();
    return true;
  }
  return false;
}

}  // namespace

RestrictedLemkeResult restricted_sequence_lemke(const ExtensiveFormGame& game, const SequenceLcp& lcp,
                                                const RestrictedLemkeOptions& options) {
  RestrictedLemkeResult out;
  CfrPlusSolver cfr(game);
  for (std::size_t t = 0; t < options.cfr_iterations; ++t) cfr.iterate();
  const BehaviorProfile average = cfr.average();
  out.cfr_exploitability = verify_behavior(game, average).max_relative_gain;

  Allowed allowed(game.num_infosets());
  for (std::size_t i = 0; i < game.num_infosets(); ++i) {
    allowed[i].assign(game.infoset(i).num_actions(), 0);
    if (game.infoset(i).is_chance()) continue;
    const std::vector<double>& b = average[i];
    const std::size_t most = static_cast<std::size_t>(std::max_element(b.begin(), b.end()) - b.begin());
    for (std::size_t a = 0; a < b.size(); ++a) allowed[i][a] = a == most || b[a] > options.support_threshold;
  }

  std::vector<double> x, y;
  for (out.rounds = 1; out.rounds <= options.max_rounds; ++out.rounds) {
    const RestrictedLcp r = restrict_rows(game, lcp, allowed);
    out.restricted_rows = r.full_of.size();
    if (!solve_restricted(lcp, r, prior_covering_vector(game, lcp, average, allowed), options.deadline, out, x, y))
      return out;
    BehaviorProfile profile = game.uniform_behavior();
    game.behavior_from_sequence_weights(0, x, profile);
    game.behavior_from_sequence_weights(1, y, profile);
    const BehaviorCheck check = verify_behavior(game, profile);
    if (check.is_equilibrium) {
      out.solved = true;
      out.profile = std::move(profile);
      out.plan[0] = std::move(x);
      out.plan[1] = std::move(y);
      return out;
    }
    std::size_t added = 0;
    for (std::size_t i = 0; i < game.num_infosets(); ++i) {
      const std::size_t a = check.best_actions[i];
      if (game.infoset(i).is_chance() || a >= allowed[i].size() || allowed[i][a]) continue;
      allowed[i][a] = 1;
      ++added;
    }
    out.actions_added += added;
    if (added == 0) {
      // Only rounding can get here (a best response inside the restriction
      // that gains): nothing left to add.
      out.failure = "a restricted equilibrium failed verification with every best response already kept";
      return out;
    }
  }
  out.rounds = options.max_rounds;
  out.failure = "no equilibrium within " + std::to_string(options.max_rounds) + " restricted games";
  return out;
}

}  // namespace negsim
