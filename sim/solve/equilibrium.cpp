#include "sim/solve/equilibrium.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace negsim {

bool Equilibrium::is_pure() const {
  for (const auto& row : profile)
    for (double x : row)
      if (x != 0.0 && x != 1.0) return false;
  return true;
}

namespace {

// kRoundingUlps ulps of a magnitude.
double rounding_floor(double magnitude) {
  return kRoundingUlps * std::numeric_limits<double>::epsilon() * std::abs(magnitude);
}

// Payoff range and largest magnitude of player p.
struct PayoffSpan {
  double low, high, magnitude;
};

PayoffSpan payoff_span(const NormalFormGame& game, std::size_t p) {
  const auto table = game.payoff_table(p);
  if (table.empty()) return {0.0, 0.0, 0.0};
  const auto [low, high] = std::minmax_element(table.begin(), table.end());
  return {*low, *high, std::max(std::abs(*low), std::abs(*high))};
}

}  // namespace

std::vector<double> regret_tolerances(const NormalFormGame& game, double rel_tol) {
  std::vector<double> tol(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const PayoffSpan span = payoff_span(game, p);
    tol[p] = rel_tol * (span.high - span.low) + rounding_floor(span.magnitude);
  }
  return tol;
}

bool is_pure_equilibrium(const NormalFormGame& game, std::size_t index) {
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const std::size_t own = game.action_of(index, p);
    const std::size_t base = index - own * game.stride(p);
    if (game.has_exact()) {
      for (std::size_t a = 0; a < game.num_actions(p); ++a)
        if (game.compare_exact_payoffs(p, base + a * game.stride(p), index) > 0) return false;
      continue;
    }
    const double value = game.payoff(p, index);
    for (std::size_t a = 0; a < game.num_actions(p); ++a)
      // Exact: the stored doubles are the game. Negated so that NaN is never an equilibrium.
      if (!(game.payoff(p, base + a * game.stride(p)) <= value)) return false;
  }
  return true;
}

std::optional<PureProfile> pure_actions(const MixedProfile& profile) {
  PureProfile actions;
  for (const auto& row : profile) {
    std::size_t ones = 0, chosen = 0;
    for (std::size_t a = 0; a < row.size(); ++a) {
      if (row[a] == 1.0) ++ones, chosen = a;
      else if (row[a] != 0.0) return std::nullopt;
    }
    if (ones != 1) return std::nullopt;
    actions.push_back(chosen);
  }
  return actions;
}

NormalFormGame unit_range_game(const NormalFormGame& game) {
  NormalFormGame out(game.action_counts());
  out.title = game.title;
  out.player_names = game.player_names;
  out.action_labels = game.action_labels;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const PayoffSpan span = payoff_span(game, p);
    const double range = span.high - span.low;
    const auto in = game.payoff_table(p);
    const auto to = out.payoff_table(p);
    for (std::size_t k = 0; k < in.size(); ++k) to[k] = range > 0 ? (in[k] - span.low) / range : 0.0;
  }
  return out;
}

bool has_unit_ranges(const NormalFormGame& game) {
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const PayoffSpan span = payoff_span(game, p);
    if (!(span.low == 0.0 && (span.high == 1.0 || span.high == 0.0))) return false;
  }
  return true;
}

std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, const std::vector<double>& tol) {
  if (!game.is_valid_mixed(profile, 1e-9) || tol.size() != game.num_players()) return std::nullopt;
  // Rows summing to 1 - 1e-10 would make every regret depend on the payoffs'
  // offset (the expected payoff loses 1e-10 of it), breaking the invariance
  // under u_p + b_p: the candidate is verified, and returned, renormalised.
  for (auto& row : profile) {
    double sum = 0.0;
    for (double& x : row) sum += (x = std::max(x, 0.0));
    for (double& x : row) x /= sum;
  }
  const std::vector<double> regrets = game.regrets(profile);
  if (const auto actions = pure_actions(profile)) {
    if (!is_pure_equilibrium(game, game.profile_index(*actions))) return std::nullopt;
  } else {
    for (std::size_t p = 0; p < regrets.size(); ++p)
      if (!(regrets[p] <= tol[p])) return std::nullopt;
  }
  Equilibrium eq;
  eq.payoffs = game.expected_payoffs(profile);
  eq.max_regret = regrets.empty() ? 0.0 : *std::max_element(regrets.begin(), regrets.end());
  eq.profile = std::move(profile);
  eq.method = std::move(method);
  return eq;
}

std::optional<Equilibrium> verify_exact_equilibrium(const NormalFormGame& game,
                                                    ExactMixedProfile profile, std::string method) {
  if (profile.size() != game.num_players()) return std::nullopt;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    if (profile[p].size() != game.num_actions(p)) return std::nullopt;
    mpq_class sum = 0;
    for (const mpq_class& x : profile[p]) {
      if (x < 0) return std::nullopt;
      sum += x;
    }
    if (sum != 1) return std::nullopt;
  }
  if (game.exact_max_regret(profile) != 0) return std::nullopt;
  Equilibrium eq;
  eq.profile.resize(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (const mpq_class& x : profile[p]) eq.profile[p].push_back(x.get_d());
  for (const mpq_class& v : game.exact_expected_payoffs(profile)) eq.payoffs.push_back(v.get_d());
  eq.max_regret = game.max_regret(eq.profile);
  eq.exact = std::move(profile);
  eq.method = std::move(method);
  return eq;
}

bool same_profile(const MixedProfile& a, const MixedProfile& b, double tol) {
  if (a.size() != b.size()) return false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p].size() != b[p].size()) return false;
    for (std::size_t i = 0; i < a[p].size(); ++i)
      if (std::abs(a[p][i] - b[p][i]) > tol) return false;
  }
  return true;
}

const char* limit_kind_name(LimitKind kind) {
  switch (kind) {
    case LimitKind::time: return "time";
    case LimitKind::equilibria_cap: return "equilibria_cap";
  }
  return "?";
}

const char* path_end_reason_name(PathEndReason reason) {
  switch (reason) {
    case PathEndReason::equilibrium: return "equilibrium";
    case PathEndReason::not_verified: return "not_verified";
    case PathEndReason::numerical_failure: return "numerical_failure";
    case PathEndReason::step_limit: return "step_limit";
    case PathEndReason::step_underflow: return "step_underflow";
    case PathEndReason::singular_jacobian: return "singular_jacobian";
    case PathEndReason::cell_limit: return "cell_limit";
    case PathEndReason::cell_loop: return "cell_loop";
    case PathEndReason::time_limit: return "time_limit";
    case PathEndReason::overtaken: return "overtaken";
  }
  return "?";
}

void mark_limit_reached(SolveResult& result, const LimitReached& limit) {
  result.complete = false;
  if (!result.limit_reached) result.limit_reached = limit;
  if (std::find(result.notes.begin(), result.notes.end(), limit.message) == result.notes.end())
    result.notes.push_back(limit.message);
}

void mark_limit_reached(SolveResult& result, LimitKind kind, const std::string& message) {
  mark_limit_reached(result, LimitReached{kind, message});
}

void reject_candidate(SolveResult& result, const NormalFormGame& game, const MixedProfile* candidate) {
  ++result.rejected;
  if (candidate != nullptr && game.is_valid_mixed(*candidate, 1e-9))
    result.rejected_max_regrets.push_back(game.max_regret(*candidate));
}

const PathRecord* first_equilibrium_path(const SolveResult& result) {
  for (const PathRecord& path : result.paths)
    if (path.end == PathEndReason::equilibrium) return &path;
  return nullptr;
}

bool add_verified_candidate(SolveResult& result, const NormalFormGame& game, MixedProfile candidate,
                            const std::string& method, const std::vector<double>& tol) {
  auto eq = verify_equilibrium(game, candidate, method, tol);
  if (!eq) {
    reject_candidate(result, game, &candidate);
    return false;
  }
  const bool seen = std::any_of(result.equilibria.begin(), result.equilibria.end(), [&](const Equilibrium& e) {
    return same_profile(e.profile, eq->profile);
  });
  if (seen) return false;
  result.equilibria.push_back(std::move(*eq));
  return true;
}

void mark_none_verified(SolveResult& result, const std::string& why) {
  result.complete = false;
  result.none_verified = true;
  result.notes.push_back(std::string(kNoneVerifiedMessage) + ": " + why);
}

}  // namespace negsim
