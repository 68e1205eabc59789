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

void mark_limit_reached(SolveResult& result, const std::string& message) {
  result.complete = false;
  if (result.limit_reached.empty()) result.limit_reached = message;
  if (std::find(result.notes.begin(), result.notes.end(), message) == result.notes.end())
    result.notes.push_back(message);
}

}  // namespace negsim
