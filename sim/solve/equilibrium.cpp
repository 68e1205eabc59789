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

double regret_tolerance(const NormalFormGame& game, double rel_tol) {
  double scale = 1.0;
  for (double v : game.payoffs()) scale = std::max(scale, std::abs(v));
  return rel_tol * scale;
}

std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, double tol) {
  if (!game.is_valid_mixed(profile, 1e-9)) return std::nullopt;
  const double regret = game.max_regret(profile);
  if (!(regret <= tol)) return std::nullopt;
  Equilibrium eq;
  eq.payoffs = game.expected_payoffs(profile);
  eq.profile = std::move(profile);
  eq.max_regret = regret;
  eq.method = std::move(method);
  return eq;
}

std::vector<double> regret_tolerances(const NormalFormGame& game, double rel_tol) {
  std::vector<double> tol(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto table = game.payoff_table(p);
    const auto [low, high] = std::minmax_element(table.begin(), table.end());
    const double magnitude = std::max(std::abs(*low), std::abs(*high));
    tol[p] = rel_tol * (*high - *low) + 64 * std::numeric_limits<double>::epsilon() * magnitude;
  }
  return tol;
}

std::optional<Equilibrium> verify_equilibrium(const NormalFormGame& game, MixedProfile profile,
                                              std::string method, const std::vector<double>& tol) {
  if (!game.is_valid_mixed(profile, 1e-9) || tol.size() != game.num_players()) return std::nullopt;
  const std::vector<double> regrets = game.regrets(profile);
  for (std::size_t p = 0; p < regrets.size(); ++p)
    if (!(regrets[p] <= tol[p])) return std::nullopt;
  Equilibrium eq;
  eq.payoffs = game.expected_payoffs(profile);
  eq.max_regret = *std::max_element(regrets.begin(), regrets.end());
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
                            const std::string& method, double tol, double same_tol) {
  auto eq = verify_equilibrium(game, candidate, method, tol);
  if (!eq) {
    reject_candidate(result, game, &candidate);
    return false;
  }
  const bool seen = std::any_of(result.equilibria.begin(), result.equilibria.end(), [&](const Equilibrium& e) {
    return same_profile(e.profile, eq->profile, same_tol);
  });
  if (seen) return false;
  result.equilibria.push_back(std::move(*eq));
  return true;
}

}  // namespace negsim
